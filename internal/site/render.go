package site

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"maps"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/laegeforeningen/mentorprogram/internal/markdown"
)

// Links are rendered as markers, "_mlnk_N_", and replaced per output: the
// page itself, the root copy of the start page, the print page.
func marker(i int) string { return "_mlnk_" + strconv.Itoa(i) + "_" }

// replaceMarkers is regexp `_mlnk_(\d+)_`'s ReplaceAllFunc without the
// regexp engine, which scanned every page's HTML twice (page and print
// page): it returns src as a string, with each marker m replaced by
// fn(m). The string is the one copy of src made (the templates take
// strings).
func replaceMarkers(src []byte, fn func(m []byte) string) string {
	const pre = "_mlnk_"
	var out strings.Builder
	last := 0 // src[:last] is in out
	for i := 0; ; {
		k := bytes.Index(src[i:], []byte(pre))
		if k < 0 {
			break
		}
		start := i + k
		end := start + len(pre)
		for end < len(src) && src[end] >= '0' && src[end] <= '9' {
			end++
		}
		if end == start+len(pre) || end == len(src) || src[end] != '_' {
			i = start + 1 // no marker here; one may start further on
			continue
		}
		end++
		if last == 0 {
			out.Grow(len(src) + len(src)/8 + 64) // room for src and its links
		}
		out.Write(src[last:start])
		out.WriteString(fn(src[start:end]))
		last, i = end, end
	}
	if last == 0 {
		return string(src) // no marker
	}
	out.Write(src[last:])
	return out.String()
}

// hasFile reports whether the output has the file name (an asset, or a
// file of the content copied as it is), also after the build has written
// them.
func (b *builder) hasFile(name string) bool {
	if b.written != nil {
		return b.written[name]
	}
	_, ok := b.files[name]
	return ok
}

// resolve finds what dest, written in p, points to.
func (b *builder) resolve(p *page, dest string) (linkRef, error) {
	ref := linkRef{dest: dest}
	target, anchor, _ := strings.Cut(dest, "#")
	if a, err := url.PathUnescape(anchor); err == nil {
		anchor = a
	}
	ref.anchor = anchor
	if i := strings.IndexByte(target, '?'); i >= 0 {
		target = target[:i]
	}
	if target == "" {
		ref.target = p
		return ref, nil
	}
	if t, err := url.PathUnescape(target); err == nil {
		target = t
	}
	if strings.HasPrefix(target, "/") {
		u := strings.TrimPrefix(target, "/")
		u = strings.TrimSuffix(u, "index.html")
		if u == "" {
			u = "da/"
		}
		if q := b.byURL[strings.TrimSuffix(u, "/")+"/"]; q != nil {
			ref.target = q
			return ref, nil
		}
		if b.hasFile(u) {
			ref.file = u
			return ref, nil
		}
		return ref, fmt.Errorf("no page or file has the URL %s", target)
	}
	j := path.Join(dirOf(p.rel), target)
	if strings.HasPrefix(j, "../") || j == ".." {
		return ref, errors.New("points outside the language's folder")
	}
	m := b.byRel[p.lang]
	if strings.HasSuffix(j, ".md") {
		if q := m[j]; q != nil {
			ref.target = q
			return ref, nil
		}
		return ref, fmt.Errorf("no such page (%s/%s/%s)", b.opts.ContentName, p.lang, j)
	}
	idx := "_index.md"
	if j != "." {
		idx = j + "/_index.md"
	}
	if q := m[idx]; q != nil {
		ref.target = q
		return ref, nil
	}
	if b.hasFile(p.lang + "/" + j) {
		ref.file = p.lang + "/" + j
		return ref, nil
	}
	// An English page shown in Danish links the Danish text's files where
	// English has none of its own.
	if p.fallback && b.hasFile(p.other.lang+"/"+j) {
		ref.file = p.other.lang + "/" + j
		return ref, nil
	}
	return ref, fmt.Errorf("no such page or file (link to a page's .md file)")
}

var h1Re = regexp.MustCompile(`(?m)^(#[ \t]|<h1[ >])`)

// render converts every page's Markdown.
func (b *builder) render() { b.parallel(b.renderPage) }

// renderPage converts p's Markdown: its HTML, its body for the print page,
// its links, headings and ids.
func (b *builder) renderPage(p *page) {
	lang := p.lang
	if p.fallback {
		lang = "da"
	}
	var links []linkRef
	res, err := markdown.Render(p.file, p.body, p.bodyLine, markdown.Options{
		Lang:   lang,
		Words:  b.i18n[lang].Markdown,
		Values: b.opts.Values,
		// The ids of the page around the text: headings take others.
		ReservedIDs: b.reservedIDs(p),
		// The print page: ids of the page's own section, headings
		// one level down under the page's title.
		Embed: &markdown.Embed{IDPrefix: printID(p) + "-", HeadingOffset: 1},
		Links: func(dest string) (string, error) {
			ref, err := b.resolve(p, dest)
			links = append(links, ref)
			if err != nil {
				return "", err
			}
			return marker(len(links) - 1), nil
		},
	})
	if err != nil && p.fallback {
		return // reported with the Danish page
	}
	b.addErr(err)
	p.res, p.links = res, links
	p.print = b.printHTML(p, p.lang+"/"+b.i18n[p.lang].T["print_slug"]+"/")
	if !p.fallback {
		for _, h := range res.Headings {
			if h.Level == 1 {
				b.errorf("%s:%d: a heading of level 1 (# %s): the title is the page's only h1; use ## for sections", p.file, h1Line(p), h.Text)
				break
			}
		}
	}
}

// reservedIDs are the ids p's headings must not take: those of the page
// around its text (the theme's, the numbers block's) and those that
// would be another page's section id on the print page.
func (b *builder) reservedIDs(p *page) map[string]bool {
	theme := b.reserved[p.lang+"/"+p.layout()]
	if p.printReserved == nil {
		return theme
	}
	ids := maps.Clone(p.printReserved)
	maps.Copy(ids, theme)
	return ids
}

// h1Line is the file line of the body's first level-1 heading.
func h1Line(p *page) int {
	loc := h1Re.FindIndex(p.body)
	if loc == nil {
		return p.bodyLine
	}
	return p.bodyLine + bytes.Count(p.body[:loc[0]], []byte("\n"))
}

// checkAnchors checks every #anchor against the ids of its target page.
func (b *builder) checkAnchors() {
	for _, l := range b.langs {
		for _, p := range b.pages[l] {
			for i, ref := range p.links {
				if ref.anchor == "" || ref.target == nil {
					continue
				}
				if _, ok := slices.BinarySearch(ref.target.res.IDs, ref.anchor); ok {
					continue
				}
				line := p.bodyLine
				if i < len(p.res.Links) {
					line = p.res.Links[i].Line
				}
				if p.fallback {
					// The Danish page's link, which holds there, leads on
					// the English site to the English page, whose
					// headings have ids of their own.
					b.errorf("%s:%d: link %q: on the English site, where this page is shown in Danish, it leads to %s, which has no heading or anchor #%s; give the heading the same id in both languages (## Title {#%s}), or translate this page",
						p.file, line, ref.dest, ref.target.file, ref.anchor, ref.anchor)
					continue
				}
				hint := ""
				switch t := ref.target; {
				case b.reserved[t.lang+"/"+t.layout()][ref.anchor]:
					hint = " (#" + ref.anchor + " is an id of the page around the text: a heading that would take it gets a suffix, as #" + ref.anchor + "-2)"
				case t.printReserved[ref.anchor]:
					hint = " (#" + ref.anchor + " would be another page's section id on the print page: a heading that would take it gets a suffix, as #" + ref.anchor + "-2)"
				}
				b.errorf("%s:%d: link %q: %s has no heading or anchor #%s%s", p.file, line, ref.dest, ref.target.file, ref.anchor, hint)
			}
		}
	}
}

// hrefs replaces the link markers of html for a page written to dir.
func (b *builder) hrefs(p *page, html []byte, dir string) string {
	return replaceMarkers(html, func(m []byte) string {
		i, _ := strconv.Atoi(string(m[6 : len(m)-1]))
		if i >= len(p.links) {
			return string(m)
		}
		ref := p.links[i]
		h := ""
		switch {
		case ref.target == p && ref.anchor != "":
		case ref.target != nil:
			h = b.pageHref(dir, ref.target.url)
		default:
			h = rel(dir, ref.file)
		}
		if ref.anchor != "" {
			h += "#" + ref.anchor
		}
		return template.HTMLEscapeString(h)
	})
}

// pageHref links from dir to the page at url.
func (b *builder) pageHref(dir, url string) string {
	h := rel(dir, url)
	if b.opts.FileLinks && strings.HasSuffix(h, "/") {
		h += "index.html"
	}
	return h
}

// Link is a titled link, for the templates. Lang is the language of the
// title where it differs from the page's ("da" for an English page shown
// in Danish); for the language switch, the language of the target.
type Link struct {
	Title, Href, Lang, Description string
	Current                        bool
}

// PrintPart is one page of the print page.
type PrintPart struct {
	ID, Title string
	Fallback  bool
	Lang      string
	Content   template.HTML
	// Top is set on the start page and the pages at the top level of the
	// handbook (a section page or a page of its own): in print, a new page
	// begins before them, and before and after a sheet.
	Top bool
	// Sheet is set on a printable sheet (layout sheet): it prints on a
	// page of its own, as from its own page.
	Sheet bool
	// Numbers is the "Programmet i tal" figures of a page with layout
	// numbers, printed after its text as the page shows them.
	Numbers template.HTML
}

// Folder is what the templates get for a partial included with shared
// (builder.shared): the part of Data that depends only on the page's
// language and output folder (and on the build: the strings, the search
// index's name, the preview), which many pages have alike. A shared
// partial is rendered once per Folder value, which is all that it can
// depend on, so each page gets what rendering it for that page would have
// given (Hugo's partialCached leaves that to the theme's author). Data
// has these fields too.
type Folder struct {
	Lang, OtherLang string
	Root            string // relative path to the site root, "./" at the root
	// T is the language's strings: .T.KEY. A pointer, so that Folder can
	// be a map's key.
	T           *map[string]string
	HomeHref    string
	SearchHref  string
	PrintHref   string
	ContactHref string // the contact page (contactPage), "" without one
	Search      bool   // the search page
	SearchIndex string // relative path to the language's index script (search page)
	Dev         bool   // the preview (-serve): live.js reloads the page
}

// Data is what the templates get for a page.
type Data struct {
	Folder
	Layout      string
	Title       string
	Description string
	Canonical   string // absolute
	Content     template.HTML
	Nav         template.HTML // the sidebar's list of links (nav.go)
	// The entries (<li>…</li>) of the page's lists, written by lists.go:
	// its breadcrumb trail ("" on the start page), its table of contents
	// (its h2 and h3; "" under two or with toc: false) and a section
	// page's list of its pages; and the pager, its links to the previous
	// and the next page.
	Crumbs, TOC, Children template.HTML
	Pager                 template.HTML
	Alternate             *Link  // the page in the other language
	AlternateURL          string // its absolute URL
	Updated               string
	UpdatedISO            string
	Fallback              bool
	Numbers               template.HTML
	Print                 []PrintPart
	NoIndex               bool
	OGType                string
}

// pageData fills Data for p written to dir.
func (b *builder) pageData(p *page, dir string) *Data {
	s := b.i18n[p.lang]
	d := b.baseData(p.lang, dir)
	d.Layout = p.layout()
	d.Title = p.fm.Title
	d.Description = p.fm.Description
	d.Canonical = b.abs(p.url)
	if p.fallback {
		d.Canonical = b.abs(p.other.url)
		d.NoIndex = true
	}
	d.Content = template.HTML(b.hrefs(p, p.res.HTML, dir))
	d.Fallback = p.fallback
	var sb strings.Builder
	if p.fm.TOC == nil || *p.fm.TOC {
		var toc []markdown.Heading
		for _, h := range p.res.Headings {
			if (h.Level == 2 || h.Level == 3) && h.ID != "" {
				toc = append(toc, h)
			}
		}
		if len(toc) >= 2 {
			writeTOC(&sb, toc)
			d.TOC = template.HTML(sb.String())
		}
	}
	d.Nav = b.nav(p, dir)
	if p.parent != nil {
		var crumbs []Link
		for q := p.parent; q != nil; q = q.parent {
			crumbs = append(crumbs, Link{Title: q.navTitle(), Href: b.pageHref(dir, q.url), Lang: q.textLang()})
		}
		slices.Reverse(crumbs)
		crumbs = append(crumbs, Link{Title: p.navTitle(), Href: b.pageHref(dir, p.url), Lang: p.textLang(), Current: true})
		sb.Reset()
		writeCrumbs(&sb, crumbs)
		d.Crumbs = template.HTML(sb.String())
	}
	ps := b.pages[p.lang]
	var prev, next *Link
	if p.order > 0 {
		q := ps[p.order-1]
		prev = &Link{Title: q.navTitle(), Href: b.pageHref(dir, q.url), Lang: q.textLang()}
	}
	if p.order+1 < len(ps) {
		q := ps[p.order+1]
		next = &Link{Title: q.navTitle(), Href: b.pageHref(dir, q.url), Lang: q.textLang()}
	}
	if prev != nil || next != nil {
		sb.Reset()
		writePager(&sb, prev, next, s.T["prev"], s.T["next"])
		d.Pager = template.HTML(sb.String())
	}
	if o := p.other; o != nil {
		// Named as the page's own strings name the other language:
		// "English" on a Danish page.
		d.Alternate = &Link{Title: s.T["other_lang"], Href: b.pageHref(dir, o.url), Lang: o.lang}
		d.AlternateURL = b.abs(o.url)
	}
	if !p.updated.IsZero() {
		d.Updated = s.Date(p.updated)
		d.UpdatedISO = p.updated.Format("2006-01-02")
	}
	if len(p.children) > 0 {
		children := make([]Link, len(p.children))
		for i, c := range p.children {
			children[i] = Link{Title: c.fm.Title, Href: b.pageHref(dir, c.url), Description: c.fm.Description, Lang: c.textLang()}
		}
		sb.Reset()
		writeChildren(&sb, children)
		d.Children = template.HTML(sb.String())
	}
	if d.Layout == "numbers" && b.opts.Numbers != nil {
		h, err := b.opts.Numbers(b.i18n[p.lang])
		if err != nil {
			b.errorf("%s: %w", p.file, err)
		}
		d.Numbers = h
	}
	if d.Layout == "home" {
		d.OGType = "website"
	}
	return d
}

// baseData is Data with what every page of lang written to dir shares.
func (b *builder) baseData(lang, dir string) *Data {
	s := b.i18n[lang]
	other := "en"
	if lang == "en" {
		other = "da"
	}
	return &Data{
		Folder: Folder{
			Lang: lang, OtherLang: other, Root: rootOf(dir), T: &s.T,
			HomeHref:   b.pageHref(dir, lang+"/"),
			SearchHref: b.pageHref(dir, lang+"/"+s.T["search_slug"]+"/"),
			PrintHref:  b.pageHref(dir, lang+"/"+s.T["print_slug"]+"/"),
			ContactHref: func() string {
				if c := b.contact(lang); c != nil {
					return b.pageHref(dir, c.url)
				}
				return ""
			}(),
			Dev: b.opts.Dev,
		},
		OGType: "article",
	}
}

// contactPage is the content file, under each language's folder, that the
// footer of every page links to.
const contactPage = "kontakt.md"

// contact returns the contact page of lang, or nil.
func (b *builder) contact(lang string) *page { return b.byRel[lang][contactPage] }

// abs is the absolute URL of a path under the site root.
func (b *builder) abs(u string) string {
	base := b.opts.BaseURL
	if base == "" {
		base = "/"
	}
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	return base + u
}

// execute runs the layout's template into the file out.
func (b *builder) execute(layout, out, who string, d *Data) {
	t := b.tmpl[layout]
	if t == nil {
		b.errorf("%s: layout %q: the template templates/layouts/%s.html is missing", who, layout, layout)
		return
	}
	// Straight into the file: no buffer the size of the page (the print
	// page is the whole handbook).
	err := b.out.create(out, func(w io.Writer) error { return t.ExecuteTemplate(w, "base.html", d) })
	if err != nil {
		b.errorf("%s: templates/layouts/%s.html: %w", who, layout, err)
	}
}

// write renders every page through its template.
func (b *builder) write() {
	b.parallel(b.writePage)
	// The site root: the Danish start page again.
	b.writeRoot()
}

// writePage renders p through its template.
func (b *builder) writePage(p *page) {
	b.execute(p.layout(), p.url+"index.html", p.file, b.pageData(p, p.url))
}

// writeRoot writes the site root: the Danish start page again.
func (b *builder) writeRoot() {
	root := b.pages["da"][0]
	b.execute(root.layout(), "index.html", root.file, b.pageData(root, ""))
}

// printID is the id of page p's section on the print page.
func printID(p *page) string { return p.printID }

// printIDOf is the id p's section on the print page has unless another
// page has it already: its URL's segments joined by "-", white space made
// "-" too (an id has none), and a double quote: goldmark writes the id as
// the prefix of the page's footnote ids, unescaped, into attributes in
// double quotes.
func printIDOf(p *page) string {
	s := strings.TrimSuffix(strings.TrimPrefix(p.url, p.lang+"/"), "/")
	if s == "" {
		return "p-start"
	}
	return "p-" + strings.Map(func(r rune) rune {
		if r == '/' || r == '"' || unicode.IsSpace(r) {
			return '-'
		}
		return r
	}, s)
}

// printHTML is p's body for the print page (rendered with the ids of
// p's section and headings one level down), with links to pages of the
// handbook turned into links to their sections.
func (b *builder) printHTML(p *page, dir string) string {
	return replaceMarkers(p.res.Embedded, func(m []byte) string {
		i, _ := strconv.Atoi(string(m[6 : len(m)-1]))
		if i >= len(p.links) {
			return string(m)
		}
		ref := p.links[i]
		if ref.target == nil {
			return template.HTMLEscapeString(rel(dir, ref.file))
		}
		id := printID(ref.target)
		if ref.anchor != "" {
			id += "-" + ref.anchor
		}
		return template.HTMLEscapeString("#" + id)
	})
}

// specials writes, while the pages are written, the search index and
// search page and the print page of every language, and the 404 page,
// sitemap.xml and robots.txt, each on a core of its own. wg is done when
// they are.
func (b *builder) specials(wg *sync.WaitGroup) {
	for _, l := range b.langs {
		wg.Go(func() {
			b.searchIndex(l)
			b.searchPage(l)
		})
		wg.Go(func() { b.printPage(l) })
	}
	wg.Go(b.notFound)
}

// notFound writes the 404 page, sitemap.xml and robots.txt.
func (b *builder) notFound() {
	// 404: served at any path, so its links start at the site's path.
	base := "/"
	if u, err := url.Parse(b.opts.BaseURL); err == nil && u.Path != "" {
		base = u.Path
		if !strings.HasSuffix(base, "/") {
			base += "/"
		}
	}
	d := b.baseData("da", "")
	d.Root, d.Layout, d.Title, d.NoIndex = base, "404", b.i18n["da"].T["notfound_title"], true
	d.HomeHref, d.SearchHref, d.PrintHref = base+"da/", base+"da/"+b.i18n["da"].T["search_slug"]+"/", base+"da/"+b.i18n["da"].T["print_slug"]+"/"
	if len(b.langs) > 1 {
		d.Alternate = &Link{Title: b.i18n["da"].T["other_lang"], Href: base + "en/", Lang: "en"}
	}
	if c := b.contact("da"); c != nil {
		d.ContactHref = base + c.url
	}
	// The real sidebar, its links from the site's path.
	items := b.navItems("da", nil, nil, "")
	var from func(items []navItem)
	from = func(items []navItem) {
		for i := range items {
			items[i].Href = base + strings.TrimPrefix(items[i].Href, "./")
			from(items[i].Children)
		}
	}
	from(items)
	var nav bytes.Buffer
	writeNav(&nav, items, nil)
	d.Nav = template.HTML(nav.String())
	d.Canonical = b.abs("404.html")
	b.execute("404", "404.html", "404 page", d)
	b.sitemap()
	b.emit("robots.txt", []byte("User-agent: *\nAllow: /\n\nSitemap: "+b.abs("sitemap.xml")+"\n"))
}

// otherLang is the language of the site's other than l.
func otherLang(l string) string {
	if l == Langs[0] {
		return Langs[1]
	}
	return Langs[0]
}

// searchPage writes the search page of lang l.
func (b *builder) searchPage(l string) {
	s := b.i18n[l]
	dir := l + "/" + s.T["search_slug"] + "/"
	d := b.baseData(l, dir)
	d.Layout, d.Title, d.Description, d.Search = "search", s.T["search_title"], s.T["search_description"], true
	d.Canonical = b.abs(dir)
	b.mu.Lock()
	d.SearchIndex = b.search[l]
	b.mu.Unlock()
	d.Nav = b.nav(&page{lang: l}, dir)
	if len(b.langs) > 1 {
		o := otherLang(l)
		d.Alternate = &Link{Title: s.T["other_lang"], Href: b.pageHref(dir, o+"/"+b.i18n[o].T["search_slug"]+"/"), Lang: o}
	}
	b.execute("search", dir+"index.html", "search page", d)
}

// printPage writes the print page of lang l: every page's body.
func (b *builder) printPage(l string) {
	s := b.i18n[l]
	dir := l + "/" + s.T["print_slug"] + "/"
	d := b.baseData(l, dir)
	d.Layout, d.Title, d.Description = "print", s.T["print_title"], s.T["print_intro"]
	d.Canonical = b.abs(dir)
	d.Nav = b.nav(&page{lang: l}, dir)
	if len(b.langs) > 1 {
		o := otherLang(l)
		d.Alternate = &Link{Title: s.T["other_lang"], Href: b.pageHref(dir, o+"/"+b.i18n[o].T["print_slug"]+"/"), Lang: o}
	}
	for _, p := range b.pages[l] {
		part := PrintPart{ID: printID(p), Title: p.fm.Title, Fallback: p.fallback, Content: template.HTML(p.print),
			Top: p.parent == nil || p.parent.parent == nil, Sheet: p.layout() == "sheet"}
		if p.layout() == "numbers" && b.opts.Numbers != nil {
			h, err := b.opts.Numbers(s)
			if err != nil {
				b.errorf("%s: %w", p.file, err)
			}
			part.Numbers = h
		}
		if p.fallback {
			part.Lang = "da"
		}
		d.Print = append(d.Print, part)
	}
	b.execute("print", dir+"index.html", "print page", d)
}
