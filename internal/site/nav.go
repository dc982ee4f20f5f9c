package site

import (
	"bytes"
	"html/template"
	"strings"
	"sync"
)

// The sidebar's list of links is written here rather than by a template.
// It is most of every page (about 60 links on each of 1,000 pages), and
// html/template, which looks up every field by reflection and calls an
// escaper per value, spent a fifth of a build's processor time on it.
// The pages of one folder share their sidebar but for their own entry
// (marked as the current page, its link "./"), so the list of such a
// folder is written once and each page's own entry put into it, as
// Hugo's partialCached renders a sidebar once per section. Values are
// escaped exactly as html/template escapes them in the same places (the
// test compares it with the template it replaces).

// navItem is an entry of the sidebar.
type navItem struct {
	Title, Href, Lang string // Lang as in Link
	Current           bool
	Children          []navItem
	Open              bool  // shows its children
	page              *page // the page linked to
}

// navItems is the sidebar of a page of lang written to dir: the start
// page's sections, open on the way to open (nil: none), with current
// marked (nil: no page).
func (b *builder) navItems(lang string, open, current *page, dir string) []navItem {
	root := b.pages[lang][0]
	isOpen := func(q *page) bool {
		for o := open; o != nil; o = o.parent {
			if o == q {
				return true
			}
		}
		return false
	}
	var items func(ps []*page) []navItem
	items = func(ps []*page) []navItem {
		out := make([]navItem, 0, len(ps))
		for _, q := range ps {
			it := navItem{Title: q.navTitle(), Href: b.pageHref(dir, q.url), Lang: q.textLang(), Current: q == current, page: q}
			if len(q.children) > 0 && isOpen(q) {
				it.Open = true
				it.Children = items(q.children)
			}
			out = append(out, it)
		}
		return out
	}
	home := navItem{Title: root.navTitle(), Href: b.pageHref(dir, root.url), Lang: root.textLang(), Current: root == current, page: root}
	return append([]navItem{home}, items(root.children)...)
}

// nav is the sidebar's list of p written to dir (p's folder; a page with
// no place in the handbook, such as the search page, has only its
// language set).
func (b *builder) nav(p *page, dir string) template.HTML {
	if g := b.navGroup(p, dir); g != nil {
		return g.of(b, p)
	}
	var buf bytes.Buffer
	writeNav(&buf, b.navItems(p.lang, p, p, dir), nil)
	return template.HTML(buf.String())
}

// navShared is the sidebar shared by the pages of one folder with no
// pages of their own below them: written once, with every one of them
// linked as from a sibling, and the place of each one's entry.
type navShared struct {
	once  sync.Once
	html  string
	spans map[*page][2]int
}

// navKey names the pages that share a sidebar: their language, parent
// and folder.
type navKey struct {
	lang   string
	parent *page
	folder string
}

// navGroup returns the shared sidebar of p written to dir, or nil when p
// has its own: the start page, a section with pages, a page not written
// to its own folder.
func (b *builder) navGroup(p *page, dir string) *navShared {
	if p.parent == nil || len(p.children) > 0 || dir != p.url || !strings.HasSuffix(dir, "/") {
		return nil
	}
	folder := dir[:strings.LastIndexByte(dir[:len(dir)-1], '/')+1]
	k := navKey{p.lang, p.parent, folder}
	b.mu.Lock()
	if b.navs == nil {
		b.navs = map[navKey]*navShared{}
	}
	g := b.navs[k]
	if g == nil {
		g = &navShared{}
		b.navs[k] = g
	}
	b.mu.Unlock()
	g.once.Do(func() {
		// From a folder beside the pages' that no page can have: every
		// page of the folder is linked as its siblings link it.
		items := b.navItems(p.lang, p.parent, nil, folder+"\x00/")
		var buf bytes.Buffer
		g.spans = map[*page][2]int{}
		writeNav(&buf, items, g.spans)
		g.html = buf.String()
		// A page with another page's URL below its own would have that
		// link written as from itself.
		var urls []string
		var walk func(its []navItem)
		walk = func(its []navItem) {
			for _, it := range its {
				urls = append(urls, it.page.url)
				walk(it.Children)
			}
		}
		walk(items)
		for q := range g.spans {
			for _, u := range urls {
				if u != q.url && strings.HasPrefix(u, q.url) {
					delete(g.spans, q)
					break
				}
			}
		}
	})
	if _, ok := g.spans[p]; !ok {
		return nil
	}
	return g
}

// of is the shared sidebar with p's own entry.
func (g *navShared) of(b *builder, p *page) template.HTML {
	sp := g.spans[p]
	var buf bytes.Buffer
	buf.Grow(len(g.html) + 32)
	buf.WriteString(g.html[:sp[0]])
	writeNavItem(&buf, navItem{Title: p.navTitle(), Href: b.pageHref(p.url, p.url), Lang: p.textLang(), Current: true, page: p}, nil)
	buf.WriteString(g.html[sp[1]:])
	return template.HTML(buf.String())
}

// writeNav writes the list items, nested; spans, when not nil, gets where
// the entry of each page without shown children begins and ends.
func writeNav(buf *bytes.Buffer, items []navItem, spans map[*page][2]int) {
	buf.WriteString("<ul>")
	for _, it := range items {
		writeNavItem(buf, it, spans)
	}
	buf.WriteString("\n</ul>")
}

// writeNavItem writes one entry of the list.
func writeNavItem(buf *bytes.Buffer, it navItem, spans map[*page][2]int) {
	start := buf.Len()
	buf.WriteString("\n<li")
	if it.Open {
		buf.WriteString(` class="open"`)
	}
	buf.WriteString(`><a href="`)
	buf.WriteString(escURL(it.Href))
	buf.WriteByte('"')
	if it.Current {
		buf.WriteString(` aria-current="page"`)
	}
	writeLang(buf, it.Lang)
	buf.WriteByte('>')
	buf.WriteString(escText(it.Title))
	buf.WriteString("</a>")
	if len(it.Children) > 0 {
		writeNav(buf, it.Children, spans)
	}
	buf.WriteString("</li>")
	if spans != nil && len(it.Children) == 0 {
		spans[it.page] = [2]int{start, buf.Len()}
	}
}

// The escapers of html/template, for the sidebar: a value with nothing to
// escape is returned as it is, any other goes through html/template.
var (
	urlTmpl  = template.Must(template.New("").Parse(`<a href="{{.}}">`))
	attrTmpl = template.Must(template.New("").Parse(`<a lang="{{.}}">`))
	textTmpl = template.Must(template.New("").Parse(`<p>{{.}}`))
)

// escURL is s in a quoted href attribute.
func escURL(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '/' || c == '~') {
			return execEsc(urlTmpl, s, `<a href="`, `">`)
		}
	}
	return s
}

// escAttr is s in a quoted attribute that is not a URL.
func escAttr(s string) string {
	if strings.ContainsAny(s, "\x00\"&'+<>`=") || !isPrint(s) {
		return execEsc(attrTmpl, s, `<a lang="`, `">`)
	}
	return s
}

// escText is s as text between tags.
func escText(s string) string {
	if strings.ContainsAny(s, "\x00\"&'+<>") || !isPrint(s) {
		return execEsc(textTmpl, s, `<p>`, ``)
	}
	return s
}

// isPrint reports whether s has no ASCII control characters (left to
// html/template, whatever it makes of them).
func isPrint(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] == 0x7f {
			return false
		}
	}
	return true
}

// execEsc runs the one-value template t on s and cuts the markup around
// the value off.
func execEsc(t *template.Template, s, before, after string) string {
	var sb strings.Builder
	if err := t.Execute(&sb, s); err != nil {
		// A string always executes; should it not, nothing is linked.
		return ""
	}
	out := strings.TrimPrefix(sb.String(), before)
	return strings.TrimSuffix(out, after)
}
