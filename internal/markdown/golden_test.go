package markdown

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"

	"github.com/laegeforeningen/mentorprogram/internal/site/sitegen"
	"github.com/laegeforeningen/mentorprogram/internal/testkit"
)

var update = flag.Bool("update", false, "rewrite golden files")

// goldenLinks resolves links the way a site would, for the golden files.
func goldenLinks(d string) (string, error) {
	if strings.Contains(d, "mangler") {
		return "", fmt.Errorf("no page %s", d)
	}
	path, anchor, _ := strings.Cut(d, "#")
	path = strings.TrimSuffix(strings.TrimSuffix(path, ".md"), "_index")
	if path != "" && !strings.Contains(filepath.Base(path), ".") && !strings.HasSuffix(path, "/") {
		path += "/"
	}
	if anchor != "" {
		return path + "#" + anchor, nil
	}
	return path, nil
}

// TestGolden renders every testdata/*.md (Danish, or English when named
// *.en.md) and compares the HTML with its .html file and the rest of the
// Result (headings, ids, links, text, errors) with its .txt file. Run
// go test -update to rewrite them after a deliberate change.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.md")
	if len(files) < 3 {
		t.Fatalf("only %d golden inputs", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.ToSlash(f)
			fm, body, line, err := SplitFrontMatter(path, src)
			if err != nil {
				t.Fatal(err)
			}
			lang := "da"
			if strings.HasSuffix(f, ".en.md") {
				lang = "en"
			}
			res, err := Render(path, body, line, Options{Lang: lang, Words: words(lang), Values: values, Links: goldenLinks})
			var meta bytes.Buffer
			fmt.Fprintf(&meta, "title: %s\nbody line: %d\n\nheadings:\n", fm.Title, line)
			for _, h := range res.Headings {
				fmt.Fprintf(&meta, "  h%d #%s %s\n", h.Level, h.ID, h.Text)
			}
			fmt.Fprintf(&meta, "\nids: %s\n\nlinks:\n", strings.Join(res.IDs, " "))
			for _, l := range res.Links {
				fmt.Fprintf(&meta, "  %d %s\n", l.Line, l.Dest)
			}
			fmt.Fprintf(&meta, "\nerrors:\n%v\n\ntext:\n%s", err, res.Text)
			base := strings.TrimSuffix(f, ".md")
			compare(t, base+".html", res.HTML)
			compare(t, base+".txt", meta.Bytes())
		})
	}
}

func compare(t *testing.T, golden string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("differs from %s (go test -update rewrites it):\n%s", golden, got)
	}
}

// FuzzRender checks that no page makes Render panic, that every error
// names the file and a line, and that Embed leaves the page's own HTML as
// it is without it.
func FuzzRender(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.md")
	for _, file := range files {
		src, _ := os.ReadFile(file)
		f.Add(src)
	}
	f.Add([]byte("> [!NOTE]\n> x\n\n| a |\n|---|\n"))
	f.Add([]byte("{{rule rules.duration_months.min}} `{{rule x}}` ```\n    {{rule y}}\n"))
	f.Add([]byte("## a {#b}\n## a {#b}\n[x](y.md) <a href='z.md'>\n[^1]\n\n[^1]: [q](#a)"))
	f.Add([]byte("\"'\"'»'\" -- ... 'x' \"y\""))
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, lang := range []string{"da", "en"} {
			opts := Options{Lang: lang, Words: words(lang), Values: values, IDPrefix: "p-", Links: func(d string) (string, error) {
				if strings.HasPrefix(d, "x") {
					return "", fmt.Errorf("no")
				}
				return d, nil
			}}
			plain, _ := Render("f.md", body, 4, opts)
			opts.Embed = &Embed{IDPrefix: "e-", HeadingOffset: 1}
			res, err := Render("f.md", body, 4, opts)
			if !bytes.Equal(res.HTML, plain.HTML) {
				t.Errorf("Embed changed the page's HTML")
			}
			if err != nil {
				for _, l := range strings.Split(err.Error(), "\n") {
					if !strings.HasPrefix(l, "f.md:") {
						t.Errorf("error line without place: %q", l)
					}
				}
			}
		}
	})
}

// BenchmarkRender renders a realistic Danish handbook page; compare with
// BenchmarkBareGoldmark, goldmark with the same extensions and nothing of ours.
func BenchmarkRender(b *testing.B) {
	body, line := benchPage(b)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	c0 := testkit.CPUTime()
	for b.Loop() {
		if _, err := Render("bench.md", body, line, Options{Lang: "da", Words: words("da"), Values: values, Links: goldenLinks}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64((testkit.CPUTime()-c0).Microseconds())/float64(b.N), "cpu-µs/op")
}

func benchPage(b *testing.B) ([]byte, int) {
	src, err := os.ReadFile("testdata/afklaringsmoedet.md")
	if err != nil {
		b.Fatal(err)
	}
	_, body, line, err := SplitFrontMatter("bench.md", src)
	if err != nil {
		b.Fatal(err)
	}
	return body, line
}

// BenchmarkBareGoldmark converts the same page with goldmark and the same
// extensions, without rule values, callouts, link hooks or text: the floor
// that BenchmarkRender is measured against.
func BenchmarkBareGoldmark(b *testing.B) {
	body, _ := benchPage(b)
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.DefinitionList, extension.Footnote, extension.Typographer),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		goldmark.WithRendererOptions(html.WithUnsafe()),
	)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := md.Convert(body, &buf); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderSynthetic renders a page of the synthetic handbook
// (internal/site/sitegen) as the site does: with its links resolved and a
// second time for the print page (Embed).
func BenchmarkRenderSynthetic(b *testing.B) {
	dir := b.TempDir()
	rels, err := sitegen.Generate(dir, 60)
	if err != nil {
		b.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join(dir, "da", rels[len(rels)-1]))
	if err != nil {
		b.Fatal(err)
	}
	_, body, line, err := SplitFrontMatter("bench.md", src)
	if err != nil {
		b.Fatal(err)
	}
	opts := Options{Lang: "da", Words: words("da"), Values: values, Links: goldenLinks, Embed: &Embed{IDPrefix: "side-", HeadingOffset: 1}}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	c0 := testkit.CPUTime()
	for b.Loop() {
		if _, err := Render("bench.md", body, line, opts); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64((testkit.CPUTime()-c0).Microseconds())/float64(b.N), "cpu-µs/op")
}

// corpus is the pages the equivalence tests render both ways: the golden
// pages, the handbook's and n synthetic ones.
func corpus(t *testing.T, n int) []string {
	t.Helper()
	files, _ := filepath.Glob("testdata/*.md")
	more, _ := filepath.Glob("../../content/*/*.md")
	files = append(files, more...)
	more, _ = filepath.Glob("../../content/*/*/*.md")
	files = append(files, more...)
	dir := t.TempDir()
	rels, err := sitegen.Generate(dir, n)
	if err != nil {
		t.Fatal(err)
	}
	for _, rel := range rels {
		files = append(files, filepath.Join(dir, "da", rel))
	}
	return files
}
