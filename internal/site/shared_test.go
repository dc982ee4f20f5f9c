package site

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/laegeforeningen/mentorprogram/internal/testkit"
)

// TestSharedIsPerPage: a partial included with shared, rendered once per
// Folder, gives every page of the site (pages of both languages, at every
// depth, the start page at the root, the search, print and 404 pages, the
// preview's pages) what rendering it for that page gives: the theme's
// shared partials and a probe that shows every field of Folder, each
// included both ways.
func TestSharedIsPerPage(t *testing.T) {
	names := []string{"partials/assets.html", "partials/masthead.html", "partials/footer.html", "partials/probe.html"}
	var both strings.Builder
	for i, n := range names {
		fmt.Fprintf(&both, "@shared %d@{{shared %q .}}@own %d@{{template %q .Folder}}@end %d@\n", i, n, i, n, i)
	}
	pair := regexp.MustCompile(`(?s)@shared (\d)@(.*?)@own (\d)@(.*?)@end (\d)@`)
	for _, dev := range []bool{false, true} {
		t.Run(fmt.Sprintf("dev=%v", dev), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			opts := fixture(t, out)
			opts.Dev = dev
			th := mapFS(t, filepath.Join("..", "..", "templates"))
			th["partials/probe.html"] = &fstest.MapFile{Data: []byte(`{{.Lang}}|{{.OtherLang}}|{{.Root}}|{{.T.site_name}}|{{.HomeHref}}|{{.SearchHref}}|{{.PrintHref}}|{{.ContactHref}}|{{.Search}}|{{.SearchIndex}}|{{.Dev}}`)}
			base := string(th["base.html"].Data)
			th["base.html"] = &fstest.MapFile{Data: []byte(strings.Replace(base, "</body>", both.String()+"</body>", 1))}
			opts.Templates = th
			if _, err := Build(opts); err != nil {
				t.Fatal(err)
			}
			probes := map[string]bool{}
			pages := 0
			for name, src := range testkit.Snapshot(t, out) {
				if !strings.HasSuffix(name, ".html") {
					continue
				}
				pages++
				m := pair.FindAllStringSubmatch(src, -1)
				if len(m) != len(names) {
					t.Errorf("%s: %d of the %d pairs", name, len(m), len(names))
					continue
				}
				for _, p := range m {
					if p[2] != p[4] {
						t.Errorf("%s: %s shared:\n%s\nrendered for the page:\n%s", name, names[p[1][0]-'0'], p[2], p[4])
					}
					if p[1][0]-'0' == 3 {
						probes[p[2]] = true
					}
				}
			}
			// The probe tells the pages apart: a test of a cache that
			// gave every page the first page's partial would fail.
			if pages < 18 || len(probes) < 8 {
				t.Errorf("%d pages, %d different probes: the fixture no longer tests much", pages, len(probes))
			}
		})
	}
}

// TestSharedErrors: a shared partial that uses what only a page has, or a
// partial the theme lacks, fails the build with an error naming it.
func TestSharedErrors(t *testing.T) {
	for _, tc := range []struct {
		name    string
		partial string // partials/x.html, "" for none
		want    []string
	}{
		{"a page's field", `<p>{{.Title}}</p>`, []string{"partials/x.html", "can't evaluate field Title in type site.Folder"}},
		{"no such partial", "", []string{`shared: no template "partials/x.html" (a file templates/partials/x.html)`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opts := fixture(t, filepath.Join(t.TempDir(), "public"))
			th := mapFS(t, filepath.Join("..", "..", "templates"))
			if tc.partial != "" {
				th["partials/x.html"] = &fstest.MapFile{Data: []byte(tc.partial)}
			}
			base := string(th["base.html"].Data)
			th["base.html"] = &fstest.MapFile{Data: []byte(strings.Replace(base, "</body>", `{{shared "partials/x.html" .}}</body>`, 1))}
			opts.Templates = th
			_, err := Build(opts)
			if err == nil {
				t.Fatal("built")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %v\nwant %s", err, w)
				}
			}
		})
	}
}
