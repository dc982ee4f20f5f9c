package site

import (
	"html/template"
	"strconv"
	"strings"

	"github.com/laegeforeningen/mentorprogram/internal/markdown"
)

// The lists of a page's own links, its breadcrumb trail, its table of
// contents ("På denne side"), a section page's list of its pages and the
// pager to the previous and next page, are written here rather than by
// the theme's templates, for the reason the sidebar is (nav.go): every
// value in a template is looked up by reflection and goes through one to
// three escaper calls, and these lists are a page's most values after the
// sidebar. Written by templates they took about a sixth of a build's
// processor time (BenchmarkBuild1000 at 2 cores: 370–390 processor-ms a
// build with them, 293–324 without). The theme keeps the element around
// each list, its class and its label (templates/partials/article.html);
// Go writes the entries. Values are escaped as html/template escapes
// them in the same places: the tests compare each list with the template
// it replaced, for random values.

// writeCrumbs writes the breadcrumb trail's entries, the current page last.
func writeCrumbs(sb *strings.Builder, crumbs []Link) {
	for _, c := range crumbs {
		sb.WriteString(`
<li><a href="`)
		sb.WriteString(escURL(c.Href))
		sb.WriteByte('"')
		if c.Current {
			sb.WriteString(` aria-current="page"`)
		}
		writeLang(sb, c.Lang)
		sb.WriteByte('>')
		sb.WriteString(escText(c.Title))
		sb.WriteString("</a></li>")
	}
}

// writeTOC writes the table of contents' entries, one per heading.
func writeTOC(sb *strings.Builder, toc []markdown.Heading) {
	for _, h := range toc {
		sb.WriteString(`
<li class="toc-`)
		sb.WriteString(strconv.Itoa(h.Level))
		sb.WriteString(`"><a href="#`)
		sb.WriteString(escFrag(h.ID))
		sb.WriteString(`">`)
		sb.WriteString(escText(h.Text))
		sb.WriteString("</a></li>")
	}
}

// writeChildren writes a section page's entries of its pages, each with
// its description.
func writeChildren(sb *strings.Builder, children []Link) {
	for _, c := range children {
		sb.WriteString("\n<li")
		writeLang(sb, c.Lang)
		sb.WriteString(`><a href="`)
		sb.WriteString(escURL(c.Href))
		sb.WriteString(`">`)
		sb.WriteString(escText(c.Title))
		sb.WriteString("</a>")
		if c.Description != "" {
			sb.WriteString("<p>")
			sb.WriteString(escText(c.Description))
			sb.WriteString("</p>")
		}
		sb.WriteString("</li>")
	}
}

// writePager writes the links to the previous and the next page (nil:
// none), each after its label.
func writePager(sb *strings.Builder, prev, next *Link, prevLabel, nextLabel string) {
	for _, l := range [...]struct {
		rel, label string
		link       *Link
	}{{"prev", prevLabel, prev}, {"next", nextLabel, next}} {
		if l.link == nil {
			continue
		}
		sb.WriteString("\n<a rel=\"")
		sb.WriteString(l.rel)
		sb.WriteString(`" href="`)
		sb.WriteString(escURL(l.link.Href))
		sb.WriteString(`"><span class="pager-label">`)
		sb.WriteString(escText(l.label))
		sb.WriteString(`</span> <span class="pager-title"`)
		writeLang(sb, l.link.Lang)
		sb.WriteByte('>')
		sb.WriteString(escText(l.link.Title))
		sb.WriteString("</span></a>")
	}
}

// writeLang writes a lang attribute, for a language that is not "" (in
// the lists' and the sidebar's entries).
func writeLang[W interface {
	WriteString(string) (int, error)
	WriteByte(byte) error
}](w W, lang string) {
	if lang != "" {
		w.WriteString(` lang="`)
		w.WriteString(escAttr(lang))
		w.WriteByte('"')
	}
}

// fragTmpl is an anchor link's escaper: after the "#", html/template
// escapes a value as part of a URL, not as a whole one.
var fragTmpl = template.Must(template.New("").Parse(`<a href="#{{.}}">`))

// escFrag is s after the "#" of a quoted href attribute.
func escFrag(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~') {
			return execEsc(fragTmpl, s, `<a href="#`, `">`)
		}
	}
	return s
}
