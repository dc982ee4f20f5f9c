package site

import (
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/laegeforeningen/mentorprogram/internal/testkit"
)

// TestLayoutsFromTheme: any layouts/NAME.html of the theme is a layout that
// front matter may name, with no list to update; a layout the theme lacks,
// or a layout of the site's own pages, is an error naming the file and the
// line of layout:.
func TestLayoutsFromTheme(t *testing.T) {
	build := func(t *testing.T, layout string, theme func(fstest.MapFS)) (map[string]string, error) {
		out := filepath.Join(t.TempDir(), "public")
		opts := fixture(t, out)
		content, th := mapFS(t, filepath.Join("testdata", "site")), mapFS(t, filepath.Join("..", "..", "templates"))
		content["da/ark.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Ark\ndescription: x\n\nlayout: " + layout + "\n---\n\nTekst.\n")}
		if theme != nil {
			theme(th)
		}
		opts.Content, opts.Templates = content, th
		if _, err := Build(opts); err != nil {
			return nil, err
		}
		return testkit.Snapshot(t, out), nil
	}
	t.Run("a new layout file", func(t *testing.T) {
		files, err := build(t, "plakat", func(th fstest.MapFS) {
			th["layouts/plakat.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}<div class="plakat">{{.Content}}</div>{{end}}`)}
		})
		if err != nil {
			t.Fatal(err)
		}
		if s := files["da/ark/index.html"]; !strings.Contains(s, `<div class="plakat"><p>Tekst.</p>`) {
			t.Errorf("da/ark/index.html not in the new layout:\n%s", s)
		}
	})
	for _, tc := range []struct{ layout, want string }{
		{"plakat", `content/da/ark.md:5: layout "plakat": the theme has no templates/layouts/plakat.html (layouts: faq, home, numbers, page, sheet)`},
		{"print", `content/da/ark.md:5: layout "print" is the layout of the site's own print page; use one of: faq, home, numbers, page, sheet`},
		{"404", `content/da/ark.md:5: layout "404" is the layout of the site's own 404 page`},
	} {
		t.Run(tc.layout, func(t *testing.T) {
			_, err := build(t, tc.layout, nil)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v\nwant %s", err, tc.want)
			}
		})
	}
}
