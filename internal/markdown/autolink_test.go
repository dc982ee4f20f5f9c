package markdown

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// samePlain fails when body renders differently with the parser without
// autolinking (which Render takes for a page where autolinking finds
// nothing) than with GFM's autolinking: HTML, embedded HTML, headings, ids,
// links, text and errors.
func samePlain(t *testing.T, body []byte) {
	t.Helper()
	for _, lang := range []string{"da", "en"} {
		opts := Options{Lang: lang, Words: words(lang), Values: values, IDPrefix: "p-",
			Embed: &Embed{IDPrefix: "e-", HeadingOffset: 1},
			Links: func(d string) (string, error) {
				if strings.HasPrefix(d, "x") {
					return "", fmt.Errorf("no")
				}
				return "/" + d, nil
			}}
		got, gotErr := renderPage("f.md", body, 4, opts, false)
		want, wantErr := renderPage("f.md", body, 4, opts, true)
		if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
			t.Fatalf("%s: error %v, with autolinking %v, for %q", lang, gotErr, wantErr, body)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: renders\n%#v\nwith autolinking\n%#v\nfor %q", lang, got, want, body)
		}
	}
}

// TestPlainParserMatchesAutolink: the golden pages, the handbook's pages and
// synthetic pages render the same with and without the autolinking parser
// where it finds nothing.
func TestPlainParserMatchesAutolink(t *testing.T) {
	files := corpus(t, 20)
	plain := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		_, body, _, err := SplitFrontMatter(f, src)
		if err != nil {
			t.Fatal(err)
		}
		if !mayAutolink(body) && !spacesMatter(body) {
			plain++
		}
		samePlain(t, body)
	}
	if plain < 20 {
		t.Errorf("only %d pages without anything to autolink", plain)
	}
}

// TestMayAutolink: what autolinking turns into a link is seen by
// mayAutolink.
func TestMayAutolink(t *testing.T) {
	for _, body := range []string{
		"Se https://example.org/x.", "(http://a.dk)", "*ftp://a.dk*", "~www.laeger.dk~", "Skriv til mentor@laeger.dk.",
		"(a@b.dk)", "x\nwww.a.dk", "[a](b) https://a.dk",
	} {
		res, err := Render("f.md", []byte(body), 1, Options{Lang: "da", Words: words("da"), Values: values})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(res.HTML), "<a href=") {
			t.Errorf("%q: no link in %s", body, res.HTML)
		}
		if !mayAutolink([]byte(body)) {
			t.Errorf("%q: mayAutolink is false", body)
		}
		samePlain(t, []byte(body))
	}
}

// FuzzPlainParser holds the parser without autolinking to the one with it:
// any page on which autolinking finds nothing renders the same with both.
func FuzzPlainParser(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.md")
	for _, file := range files {
		src, _ := os.ReadFile(file)
		f.Add(src)
	}
	f.Add([]byte("a (b) *c* _d_ ~e~ ~~f~~ \\ g  \nh\t\ni (j \n"))
	f.Add([]byte("> [!NOTE]\n> x (y) z\n\n| a (b) | c |\n|---|---|\n| d *e* | f |\n"))
	f.Add([]byte("- [ ] a (b)\n- [x] c\n\nTerm (x)\n: def *y*\n\n[^1]: note (z)\n\nx[^1]"))
	f.Add([]byte("\"a (b)\" 'c' -- d ... `e (f)` <span id=\"g\">h (i)</span>\n\n## H (1) {#h1}\n"))
	f.Fuzz(func(t *testing.T, body []byte) {
		samePlain(t, body)
	})
}

// TestSpacesMatter: white space that goldmark writes differently with
// autolinking (a run at the end of a line) sends the page to the parser
// with autolinking; the rest renders the same with either.
func TestSpacesMatter(t *testing.T) {
	for _, tc := range []struct {
		body    string
		matters bool
	}{
		{"a b\nc (d) e\n", false},
		{"a \nb\n", false},
		{"a  \nb\n", false}, // a hard break
		{"a  b\n", true},    // (it would not: a run inside a line; the test is simple)
		{"a   \nb\n", true},
		{"a  \\\nb\n", true},
		{"a \t\nb\n", true},
		{"a\tb\n", true},
		{"a\r\nb\r\n", true},
		{"a  ", true},
		{"| a  | b |\n|---|---|\n| c | d |\n", true},
	} {
		if got := spacesMatter([]byte(tc.body)); got != tc.matters {
			t.Errorf("spacesMatter(%q) = %v, want %v", tc.body, got, tc.matters)
		}
		samePlain(t, []byte(tc.body))
	}
	// What spacesMatter guards against: with autolinking, goldmark keeps
	// the space before a line's last tab.
	for _, body := range []string{"a \t\nb", "a    \nb"} {
		plain, _ := renderPage("f.md", []byte(body), 1, Options{Lang: "da", Words: words("da"), Values: values}, false)
		md := goldmark.New(goldmark.WithExtensions(extension.GFM))
		var want bytes.Buffer
		if err := md.Convert([]byte(body), &want); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(plain.HTML, want.Bytes()) {
			t.Errorf("%q: %q, goldmark with GFM writes %q", body, plain.HTML, want.Bytes())
		}
	}
}
