package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// TestFallbackLinksToFiles builds an English page shown in Danish (its
// English file missing) whose Danish text links to files beside it (a PDF,
// an image): the fallback shows the whole text, on its page and on the
// print page, and links the English file where there is one, else the
// Danish one. It was written empty: the links did not resolve under en/,
// and the error was left to the Danish page, which had none.
func TestFallbackLinksToFiles(t *testing.T) {
	body := "---\ntitle: Skemaer\nweight: 9\ndescription: x\n---\n\nSe [skemaet](skema.pdf) og ![foto](billeder/foto.png).\n"
	tests := []struct {
		name  string
		files []string // besides the Danish ones
		page  []string // in en/skemaer/index.html
		print []string // in en/print/index.html
	}{
		{"Danish files only", nil,
			[]string{`href="../../da/skema.pdf"`, `src="../../da/billeder/foto.png"`},
			[]string{`href="../../da/skema.pdf"`, `src="../../da/billeder/foto.png"`}},
		{"an English file too", []string{"en/skema.pdf"},
			[]string{`href="../skema.pdf"`, `src="../../da/billeder/foto.png"`},
			[]string{`href="../skema.pdf"`, `src="../../da/billeder/foto.png"`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			opts := fixture(t, filepath.Join(t.TempDir(), "public"))
			content := mapFS(t, filepath.Join("testdata", "site"))
			content["da/skemaer.md"] = &fstest.MapFile{Data: []byte(body)}
			content["da/skema.pdf"] = &fstest.MapFile{Data: []byte("%PDF da")}
			content["da/billeder/foto.png"] = &fstest.MapFile{Data: []byte("png")}
			for _, f := range tc.files {
				content[f] = &fstest.MapFile{Data: []byte("en")}
			}
			opts.Content = content
			if _, err := Build(opts); err != nil {
				t.Fatal(err)
			}
			for file, want := range map[string][]string{"en/skemaer/index.html": tc.page, "en/print/index.html": tc.print} {
				src, err := os.ReadFile(filepath.Join(opts.Out, filepath.FromSlash(file)))
				if err != nil {
					t.Fatal(err)
				}
				for _, w := range append([]string{"Se "}, want...) {
					if !strings.Contains(string(src), w) {
						t.Errorf("%s lacks %s", file, w)
					}
				}
			}
		})
	}
}
