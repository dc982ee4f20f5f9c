package site

import (
	"bytes"
	"html/template"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/laegeforeningen/mentorprogram/internal/site/sitegen"
)

// navTemplate is the template the sidebar's list was written by before
// nav.go: writeNav must write what it wrote.
var navTemplate = template.Must(template.New("").Parse(`{{define "navlist"}}<ul>
{{- range .}}
<li{{if .Open}} class="open"{{end}}><a href="{{.Href}}"{{if .Current}} aria-current="page"{{end}}{{if .Lang}} lang="{{.Lang}}"{{end}}>{{.Title}}</a>
{{- if .Children}}{{template "navlist" .Children}}{{end}}</li>
{{- end}}
</ul>{{end -}}
{{template "navlist" .}}`))

// TestWriteNavIsTheTemplate writes random sidebars, with every kind of
// character in titles, links and languages, both ways.
func TestWriteNavIsTheTemplate(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"a", "Æble", "ø", "å", " ", "-", "/", "../", "./", "x.html", "&", "<", ">", "\"", "'", "+", "`", "=", "\x00", "\t", "\x7f",
		"#", "?", "%", "%zz", ":", "javascript:", "mailto:", "https://", "é", "\u00a0", "\u2028", "😀", "\xff", "~", "_", "A", "9", "(", ")", "{{", "}}"}
	str := func() string {
		var sb strings.Builder
		for range r.IntN(6) {
			sb.WriteString(pieces[r.IntN(len(pieces))])
		}
		return sb.String()
	}
	var tree func(depth int) []navItem
	tree = func(depth int) []navItem {
		var out []navItem
		for range r.IntN(5) {
			it := navItem{Title: str(), Href: str(), Current: r.IntN(4) == 0}
			if r.IntN(2) == 0 {
				it.Lang = str()
			}
			if depth < 3 && r.IntN(3) == 0 {
				it.Children = tree(depth + 1)
				it.Open = len(it.Children) > 0
			}
			out = append(out, it)
		}
		return out
	}
	for i := range 3000 {
		items := tree(0)
		var want, got bytes.Buffer
		if err := navTemplate.Execute(&want, items); err != nil {
			t.Fatal(err)
		}
		writeNav(&got, items, nil)
		if got.String() != want.String() {
			t.Fatalf("case %d: %#v\nwriteNav:  %q\ntemplate: %q", i, items, got.String(), want.String())
		}
	}
}

// TestSharedNav builds a synthetic site and checks the sidebar of every
// page, shared or not, against the one written for the page alone.
func TestSharedNav(t *testing.T) {
	dir := t.TempDir()
	if _, err := sitegen.Generate(filepath.Join(dir, "content"), 300); err != nil {
		t.Fatal(err)
	}
	opts := fixture(t, filepath.Join(dir, "public"))
	opts.Content = os.DirFS(filepath.Join(dir, "content"))
	b, _, err := build(opts)
	if err != nil {
		t.Fatal(err)
	}
	shared, leaves := 0, 0
	for _, l := range b.langs {
		for _, p := range b.pages[l] {
			var alone bytes.Buffer
			writeNav(&alone, b.navItems(p.lang, p, p, p.url), nil)
			if b.navGroup(p, p.url) != nil {
				shared++
			}
			if p.parent != nil && len(p.children) == 0 {
				leaves++
			}
			if got := string(b.nav(p, p.url)); got != alone.String() {
				t.Errorf("%s: shared sidebar\n%s\nwant\n%s", p.file, got, alone.String())
			}
		}
	}
	// Every page but the start page and the sections with pages shares
	// the sidebar of its folder.
	if shared != leaves || leaves < 200 {
		t.Errorf("%d of 300 pages share their sidebar, want the %d with no pages below them", shared, leaves)
	}
}
