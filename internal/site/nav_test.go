package site

import (
	"bytes"
	"fmt"
	"html/template"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

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

// TestSharedNavRandomTrees builds random handbooks, with what makes one
// page's folder hold another's (a page beside a folder of its name with
// no section page, so that the folder's pages belong to the page's
// parent), English slugs, fallbacks, empty sections and links ending in
// index.html, and checks the sidebar of every page, shared or not,
// against the one written for the page alone.
func TestSharedNavRandomTrees(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	names := []string{"a", "b", "æ", "a b", "a-b", "ab", "x.y", "index"}
	built, shared, beside := 0, 0, 0
	for round := range 40 {
		content := fstest.MapFS{}
		add := func(name, extra string) {
			content[name] = &fstest.MapFile{Data: []byte(fmt.Sprintf("---\ntitle: T%d %s\ndescription: x\nweight: %d\n%s---\n\nTekst.\n", len(content), name, r.IntN(3), extra))}
		}
		var tree func(dir string, depth int)
		tree = func(dir string, depth int) {
			for _, i := range r.Perm(len(names))[:1+r.IntN(4)] {
				n := names[i]
				switch k := r.IntN(6); {
				case k < 3 || depth > 3:
					add(dir+n+".md", "")
				case k == 3: // a section
					add(dir+n+"/_index.md", "")
					tree(dir+n+"/", depth+1)
				case k == 4: // a folder without a section page, beside a page of its name
					add(dir+n+".md", "")
					tree(dir+n+"/", depth+1)
				default: // an empty section
					add(dir+n+"/_index.md", "")
				}
			}
		}
		add("da/_index.md", "")
		tree("da/", 0)
		for _, name := range slices.Sorted(maps.Keys(content)) {
			f, rel := content[name], strings.TrimPrefix(name, "da/")
			switch r.IntN(3) {
			case 0: // a fallback
			case 1:
				content["en/"+rel] = &fstest.MapFile{Data: f.Data}
			default:
				content["en/"+rel] = &fstest.MapFile{Data: bytes.Replace(f.Data, []byte("---\n\n"), []byte(fmt.Sprintf("slug: s%d\n---\n\n", len(content))), 1)}
			}
		}
		opts := fixture(t, filepath.Join(t.TempDir(), "public"))
		opts.Content, opts.FileLinks = content, round%2 == 1
		b, _, err := build(opts)
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		built++
		for _, l := range b.langs {
			for _, p := range b.pages[l] {
				if b.navGroup(p, p.url) != nil {
					shared++
				}
				if p.parent != nil && p.parent.url != p.url[:strings.LastIndexByte(p.url[:len(p.url)-1], '/')+1] {
					beside++ // its folder is not its parent's
				}
				var alone bytes.Buffer
				writeNav(&alone, b.navItems(p.lang, p, p, p.url), nil)
				if got := string(b.nav(p, p.url)); got != alone.String() {
					t.Fatalf("round %d, %s (/%s): shared sidebar\n%s\nwant\n%s", round, p.file, p.url, got, alone.String())
				}
			}
		}
	}
	// The random trees must hold what the test is about.
	if shared < 200 || beside < 100 {
		t.Errorf("%d pages shared a sidebar, %d were in a folder not their parent's: too few", shared, beside)
	}
	t.Logf("%d handbooks, %d pages sharing a sidebar, %d in a folder not their parent's", built, shared, beside)
}
