package site

import (
	"html/template"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/laegeforeningen/mentorprogram/internal/markdown"
)

// listTemplates are the templates the lists were written by before
// lists.go (templates/partials/article.html), each list's entries only:
// lists.go must write what they wrote.
var listTemplates = template.Must(template.New("").Parse(`
{{- define "crumbs"}}
{{- range .Crumbs}}
<li>{{if .Current}}<a href="{{.Href}}" aria-current="page"{{if .Lang}} lang="{{.Lang}}"{{end}}>{{.Title}}</a>{{else}}<a href="{{.Href}}"{{if .Lang}} lang="{{.Lang}}"{{end}}>{{.Title}}</a>{{end}}</li>
{{- end}}{{end}}
{{- define "toc"}}
{{- range .TOC}}
<li class="toc-{{.Level}}"><a href="#{{.ID}}">{{.Text}}</a></li>
{{- end}}{{end}}
{{- define "children"}}
{{- range .Children}}
<li{{if .Lang}} lang="{{.Lang}}"{{end}}><a href="{{.Href}}">{{.Title}}</a>{{if .Description}}<p>{{.Description}}</p>{{end}}</li>
{{- end}}{{end}}
{{- define "pager"}}
{{- if .Prev}}
<a rel="prev" href="{{.Prev.Href}}"><span class="pager-label">{{$.T.prev}}</span> <span class="pager-title"{{if .Prev.Lang}} lang="{{.Prev.Lang}}"{{end}}>{{.Prev.Title}}</span></a>
{{- end}}
{{- if .Next}}
<a rel="next" href="{{.Next.Href}}"><span class="pager-label">{{$.T.next}}</span> <span class="pager-title"{{if .Next.Lang}} lang="{{.Next.Lang}}"{{end}}>{{.Next.Title}}</span></a>
{{- end}}{{end}}`))

// listData is what the templates of listTemplates got.
type listData struct {
	Crumbs, Children []Link
	TOC              []markdown.Heading
	Prev, Next       *Link
	T                map[string]string
}

// TestListsAreTheTemplates writes random lists, with every kind of
// character in titles, links, ids and languages, both ways.
func TestListsAreTheTemplates(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"a", "Æble", "ø", "å", " ", "-", "/", "../", "./", "x.html", "&", "<", ">", "\"", "'", "+", "`", "=", "\x00", "\t", "\x7f",
		"#", "?", "%", "%zz", ":", "javascript:", "mailto:", "https://", "é", "\u00a0", "\u2028", "😀", "\xff", "~", "_", ".", "A", "9", "(", ")", "{{", "}}"}
	str := func() string {
		var sb strings.Builder
		for range r.IntN(6) {
			sb.WriteString(pieces[r.IntN(len(pieces))])
		}
		return sb.String()
	}
	link := func() Link {
		l := Link{Title: str(), Href: str(), Description: str()}
		if r.IntN(2) == 0 {
			l.Lang = str()
		}
		return l
	}
	links := func() []Link {
		var out []Link
		for range r.IntN(5) {
			out = append(out, link())
		}
		return out
	}
	for i := range 3000 {
		d := listData{Crumbs: links(), Children: links(), T: map[string]string{"prev": str(), "next": str()}}
		if len(d.Crumbs) > 0 {
			d.Crumbs[len(d.Crumbs)-1].Current = true
		}
		for range r.IntN(5) {
			d.TOC = append(d.TOC, markdown.Heading{Level: r.IntN(5), ID: str(), Text: str()})
		}
		if r.IntN(3) > 0 {
			l := link()
			d.Prev = &l
		}
		if r.IntN(3) > 0 {
			l := link()
			d.Next = &l
		}
		var sb strings.Builder
		for _, c := range []struct {
			name  string
			write func()
		}{
			{"crumbs", func() { writeCrumbs(&sb, d.Crumbs) }},
			{"toc", func() { writeTOC(&sb, d.TOC) }},
			{"children", func() { writeChildren(&sb, d.Children) }},
			{"pager", func() { writePager(&sb, d.Prev, d.Next, d.T["prev"], d.T["next"]) }},
		} {
			var want strings.Builder
			if err := listTemplates.ExecuteTemplate(&want, c.name, d); err != nil {
				t.Fatal(err)
			}
			sb.Reset()
			c.write()
			if sb.String() != want.String() {
				t.Fatalf("case %d, %s: %#v\nlists.go: %q\ntemplate: %q", i, c.name, d, sb.String(), want.String())
			}
		}
	}
}
