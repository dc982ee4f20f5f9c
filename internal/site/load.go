package site

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"text/template/parse"
	"time"

	"github.com/laegeforeningen/mentorprogram/internal/i18n"
	"github.com/laegeforeningen/mentorprogram/internal/markdown"
)

// siteLayouts are the layouts of the site's own pages, which a page of
// the content cannot name; page is also the default of the content.
var siteLayouts = []string{"page", "search", "print", "404"}

// The strings every translation file must hold.
var requiredStrings = []string{"site_name", "skip", "menu", "nav_label", "search_label", "search_button",
	"breadcrumbs", "toc", "pager", "prev", "next", "updated", "fallback", "other_lang", "other_lang_label",
	"footer", "search_title", "search_description", "search_none", "search_one", "search_many", "search_empty", "search_slug",
	"print_title", "print_intro", "print_slug", "print_link", "notfound_title", "notfound_text", "home", "sheet_print", "contents"}

func (b *builder) loadTheme() error {
	t := b.opts.Templates
	var errs []error
	words, err := i18n.Load(t)
	if err != nil {
		errs = append(errs, err)
	}
	b.i18n = words
	for _, w := range words {
		errs = append(errs, i18n.Missing(w, "strings", requiredStrings)...)
		errs = append(errs, i18n.Missing(w, "markdown", markdown.WordKeys)...)
	}
	// Assets, with the hash of their content in their names.
	b.assets = map[string]string{}
	ents, err := fs.ReadDir(t, "assets")
	if err != nil {
		errs = append(errs, fmt.Errorf("templates/assets: %w", err))
	}
	for _, e := range ents {
		if e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		if e.Name() == "live.js" && !b.opts.Dev {
			continue
		}
		src, err := fs.ReadFile(t, "assets/"+e.Name())
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out := "assets/" + hashed(e.Name(), src)
		b.assets[e.Name()] = out
		b.files[out] = src
	}
	for _, need := range []string{"site.css", "site.js", "search.js", "favicon.svg"} {
		if _, ok := b.assets[need]; !ok && err == nil {
			errs = append(errs, fmt.Errorf("templates/assets/%s: missing", need))
		}
	}
	if len(errs) > 0 {
		b.errs = append(b.errs, errs...)
		return b.err()
	}
	// Templates: base.html and partials/*.html with each layout.
	funcs := template.FuncMap{
		"asset": func(name string) (string, error) {
			if p, ok := b.assets[name]; ok {
				return p, nil
			}
			return "", fmt.Errorf("no asset %q in templates/assets", name)
		},
		"shared": b.shared,
	}
	base := template.New("base.html").Funcs(funcs).Option("missingkey=error")
	src, err := fs.ReadFile(t, "base.html")
	if err != nil {
		return fmt.Errorf("templates/base.html: %w", err)
	}
	if _, err := base.Parse(string(src)); err != nil {
		return fmt.Errorf("templates/%w", err)
	}
	partials, _ := fs.Glob(t, "partials/*.html")
	for _, name := range partials {
		src, err := fs.ReadFile(t, name)
		if err != nil {
			return err
		}
		if _, err := base.New(name).Parse(string(src)); err != nil {
			return fmt.Errorf("templates/%w", err)
		}
	}
	// What shared renders from: base.html and the partials.
	if b.partials, err = base.Clone(); err != nil {
		return err
	}
	// Layouts: every layouts/NAME.html is the layout NAME.
	b.tmpl = map[string]*template.Template{}
	layouts, _ := fs.Glob(t, "layouts/*.html")
	for _, name := range layouts {
		src, err := fs.ReadFile(t, name)
		if err != nil {
			return fmt.Errorf("templates/%s: %w", name, err)
		}
		c, err := base.Clone()
		if err != nil {
			return err
		}
		if _, err := c.New(name).Parse(string(src)); err != nil {
			return fmt.Errorf("templates/%w", err)
		}
		b.tmpl[strings.TrimSuffix(path.Base(name), ".html")] = c
	}
	b.reserveIDs()
	for _, l := range siteLayouts {
		if b.tmpl[l] == nil {
			errs = append(errs, fmt.Errorf("templates/layouts/%s.html: missing", l))
		}
	}
	if len(errs) > 0 {
		b.errs = append(b.errs, errs...)
		return b.err()
	}
	return nil
}

// reserveIDs fills b.reserved: for each language and layout, the ids of
// the page around a page's text, which its headings must not take (see
// markdown.Options.ReservedIDs): the literal id="…" values of the
// templates of the layout (base.html and the partials with it), found in
// the parsed templates rather than listed, so that an id added to a
// template needs no list edited; for a numbers page, also the ids of the
// numbers block (Options.Numbers) shown after its text. An error of
// Numbers is reported with the page that shows it.
func (b *builder) reserveIDs() {
	byLayout := map[string]map[string]bool{}
	for name, t := range b.tmpl {
		set := map[string]bool{}
		for _, tt := range t.Templates() {
			if tt.Tree != nil {
				templateIDs(tt.Tree.Root, set)
			}
		}
		byLayout[name] = set
	}
	b.reserved = map[string]map[string]bool{}
	for _, l := range b.langs {
		for name, set := range byLayout {
			b.reserved[l+"/"+name] = set
		}
		if b.opts.Numbers == nil || byLayout["numbers"] == nil || b.i18n[l] == nil {
			continue
		}
		h, err := b.opts.Numbers(b.i18n[l])
		if err != nil {
			continue
		}
		set := maps.Clone(byLayout["numbers"])
		for _, id := range markdown.CollectIDs([]byte(h)) {
			set[id] = true
		}
		b.reserved[l+"/numbers"] = set
	}
}

// templateIDs adds the id="…" values written in the text of n to set (an
// id made by an action, id="{{.ID}}", is not the template's own).
func templateIDs(n parse.Node, set map[string]bool) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			templateIDs(c, set)
		}
	case *parse.TextNode:
		for _, id := range markdown.CollectIDs(n.Text) {
			set[id] = true
		}
	case *parse.IfNode:
		templateIDs(n.List, set)
		templateIDs(n.ElseList, set)
	case *parse.RangeNode:
		templateIDs(n.List, set)
		templateIDs(n.ElseList, set)
	case *parse.WithNode:
		templateIDs(n.List, set)
		templateIDs(n.ElseList, set)
	}
}

// hashed puts the first 10 hex digits of src's SHA-256 before the extension.
func hashed(name string, src []byte) string {
	sum := sha256.Sum256(src)
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:])[:10] + ext
}

// load reads the pages of every language, adds English fallbacks, and
// makes the section trees and URLs.
func (b *builder) load() {
	b.pages = map[string][]*page{}
	b.byRel = map[string]map[string]*page{}
	// The folders are walked first; the pages are then read and split on
	// all cores, and added in the walk's order.
	type read struct {
		lang, rel, path string
		pg              *page
		err             error
	}
	var reads []*read
	for _, l := range b.langs {
		b.byRel[l] = map[string]*page{}
		err := fs.WalkDir(b.opts.Content, l, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == l {
					return fs.SkipDir
				}
				return err
			}
			if d.IsDir() {
				if strings.HasPrefix(d.Name(), ".") && p != l {
					return fs.SkipDir
				}
				if p != l && !markdown.IsSegment(d.Name()) {
					b.errorf("%s/%s: the folder's name is part of the URL of every page and file in it: a name without \\ ? # %% or control characters; rename the folder", b.opts.ContentName, p)
					return fs.SkipDir
				}
				return nil
			}
			if strings.HasPrefix(d.Name(), ".") {
				return nil
			}
			if !markdown.IsSegment(strings.TrimSuffix(d.Name(), ".md")) {
				b.errorf("%s/%s: the file's name is part of its URL: a name without \\ ? # %% or control characters; rename the file", b.opts.ContentName, p)
				return nil
			}
			rel := strings.TrimPrefix(p, l+"/")
			if !strings.HasSuffix(p, ".md") {
				src, err := fs.ReadFile(b.opts.Content, p)
				if err != nil {
					return err
				}
				b.files[p] = src
				return nil
			}
			reads = append(reads, &read{lang: l, rel: rel, path: p})
			return nil
		})
		if err != nil {
			b.errorf("%s/%s: %w", b.opts.ContentName, l, err)
		}
	}
	each(len(reads), func(i int) {
		r := reads[i]
		r.pg, r.err = b.readPage(r.lang, r.rel, r.path)
	})
	for _, r := range reads {
		switch {
		case r.err != nil:
			b.addErr(r.err)
		case r.pg != nil:
			b.byRel[r.lang][r.rel] = r.pg
		}
	}
	if len(b.byRel["da"]) == 0 {
		b.errorf("%s/da: no pages", b.opts.ContentName)
		return
	}
	if b.byRel["da"]["_index.md"] == nil {
		b.errorf("%s/da/_index.md: missing: the Danish start page", b.opts.ContentName)
		return
	}
	// English fallbacks: the Danish page where the English one is missing.
	for rel, da := range b.byRel["da"] {
		if len(b.langs) == 1 {
			break
		}
		if en := b.byRel["en"][rel]; en != nil {
			en.other, da.other = da, en
			continue
		}
		f := *da
		f.lang, f.fallback, f.other = "en", true, da
		f.fm.Slug = ""
		fp := &f
		b.byRel["en"][rel] = fp
		da.other = fp
	}
	for _, l := range b.langs {
		b.tree(l)
	}
	// URLs, unique.
	for _, l := range b.langs {
		for _, p := range b.pages[l] {
			if q := b.byURL[p.url]; q != nil {
				b.addErr(b.sameURL(p, q))
				continue
			}
			b.byURL[p.url] = p
		}
	}
	// The print page's ids, unique: "a b", "a-b" and "a/b" would all be
	// p-a-b; the second in reading order is p-a-b-2.
	for _, l := range b.langs {
		taken := map[string]bool{}
		for _, p := range b.pages[l] {
			base := printIDOf(p)
			id := base
			for n := 2; taken[id]; n++ {
				id = base + "-" + strconv.Itoa(n)
			}
			taken[id] = true
			p.printID = id
		}
		// A heading's id on the print page is its page's id, "-" and its
		// own: one must not be another page's section id ("## Ansvar"
		// in forloeb/_index.md would be p-forloeb-ansvar, the section of
		// forloeb/ansvar.md), so such a heading takes the next free
		// suffix, as for the theme's ids.
		byID := make(map[string]*page, len(b.pages[l]))
		for _, p := range b.pages[l] {
			byID[p.printID] = p
		}
		for _, q := range b.pages[l] {
			id := q.printID
			for k := strings.IndexByte(id, '-'); k >= 0; k = nextDash(id, k) {
				if p := byID[id[:k]]; p != nil && p != q {
					if p.printReserved == nil {
						p.printReserved = map[string]bool{}
					}
					p.printReserved[id[k+1:]] = true
				}
			}
		}
	}
	for _, l := range b.langs {
		s := b.i18n[l]
		for _, k := range []string{"search_slug", "print_slug"} {
			u := l + "/" + s.T[k] + "/"
			if q := b.byURL[u]; q != nil {
				where := q.file
				if at, _ := b.slugOf(q); strings.HasPrefix(at, q.file+":") {
					where = at
				}
				b.errorf("%s: the URL /%s is taken by the site's %s page", where, u, strings.TrimSuffix(k, "_slug"))
			}
		}
	}
	b.checkPaths()
	// Last-updated dates; templates.
	for _, l := range b.langs {
		for _, p := range b.pages[l] {
			p.updated = b.lastModified(p)
			if !p.fallback {
				b.checkLayout(p)
			}
		}
	}
}

// checkPaths reports an output file that another output file needs as its
// folder: a file of the content named as a page's folder ("da/ark" beside
// "da/ark.md"), or a slug that puts a page's folder where another page's
// file is. The folder cannot hold both, and a build would otherwise fail
// only while writing (a new folder) or keep one of them by chance (an
// update in place).
func (b *builder) checkPaths() {
	from := map[string]string{} // output file -> what makes it
	for name := range b.files {
		if l, _, _ := strings.Cut(name, "/"); slices.Contains(b.langs, l) {
			from[name] = b.opts.ContentName + "/" + name
		}
	}
	for _, l := range b.langs {
		for _, p := range b.pages[l] {
			from[p.url+"index.html"] = p.file
		}
		for _, k := range []string{"search_slug", "print_slug"} {
			from[l+"/"+b.i18n[l].T[k]+"/index.html"] = "the site's " + strings.TrimSuffix(k, "_slug") + " page"
		}
	}
	names := make([]string, 0, len(from))
	for n := range from {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		for d := path.Dir(n); d != "." && d != "/"; d = path.Dir(d) {
			if src, ok := from[d]; ok {
				b.errorf("%s: the output file /%s is also a folder of the output, for /%s of %s; rename one of them", src, d, n, from[n])
				break
			}
		}
	}
}

// readPage reads and splits one Markdown file; drafts give nil.
func (b *builder) readPage(lang, rel, fsPath string) (*page, error) {
	src, err := fs.ReadFile(b.opts.Content, fsPath)
	name := b.opts.ContentName + "/" + fsPath
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	fm, body, line, err := markdown.SplitFrontMatter(name, src)
	if err != nil {
		return nil, err
	}
	if fm.Draft {
		return nil, nil
	}
	if fm.Description == "" {
		b.mu.Lock()
		b.warns = append(b.warns, name+": no description (search results and link previews show none)")
		b.mu.Unlock()
	}
	return &page{lang: lang, rel: rel, file: name, fsPath: fsPath, fm: fm, body: body, bodyLine: line,
		index: path.Base(rel) == "_index.md"}, nil
}

// tree links the pages of lang into sections, orders them and gives them
// URLs.
func (b *builder) tree(lang string) {
	m := b.byRel[lang]
	rels := make([]string, 0, len(m))
	for r := range m {
		rels = append(rels, r)
	}
	sort.Strings(rels)
	root := m["_index.md"]
	for _, r := range rels {
		p := m[r]
		if p == root {
			continue
		}
		dir := dirOf(r)
		if p.index {
			dir = dirOf(dir)
		}
		for {
			idx := "_index.md"
			if dir != "" {
				idx = dir + "/_index.md"
			}
			if q := m[idx]; q != nil {
				p.parent = q
				q.children = append(q.children, p)
				break
			}
			if dir == "" {
				break
			}
			dir = dirOf(dir)
		}
	}
	var orphans []*page
	for _, r := range rels {
		p := m[r]
		if p != root && p.parent == nil {
			orphans = append(orphans, p)
		}
		p.url = b.urlOf(lang, p)
	}
	var walk func(p *page)
	walk = func(p *page) {
		sortPages(p.children)
		p.order = len(b.pages[lang])
		b.pages[lang] = append(b.pages[lang], p)
		for _, c := range p.children {
			walk(c)
		}
	}
	if root != nil {
		walk(root)
	}
	sortPages(orphans)
	for _, p := range orphans {
		walk(p)
	}
}

func sortPages(ps []*page) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, c := ps[i], ps[j]
		if a.fm.Weight != c.fm.Weight {
			return a.fm.Weight < c.fm.Weight
		}
		if a.fm.Title != c.fm.Title {
			return a.fm.Title < c.fm.Title
		}
		return a.rel < c.rel
	})
}

// urlOf is the page's URL under the site root: "da/forloeb/ansvar/". A
// slug replaces the last segment; a section's slug its folder's segment.
func (b *builder) urlOf(lang string, p *page) string {
	m := b.byRel[lang]
	dir := dirOf(p.rel)
	var segs []string
	if dir != "" {
		parts := strings.Split(dir, "/")
		for i, s := range parts {
			if idx := m[strings.Join(parts[:i+1], "/")+"/_index.md"]; idx != nil && idx.fm.Slug != "" {
				s = idx.fm.Slug
			}
			segs = append(segs, s)
		}
	}
	if !p.index {
		s := strings.TrimSuffix(path.Base(p.rel), ".md")
		if p.fm.Slug != "" {
			s = p.fm.Slug
		}
		segs = append(segs, s)
	}
	if len(segs) == 0 {
		return lang + "/"
	}
	return lang + "/" + strings.Join(segs, "/") + "/"
}

// sameURL is the error for two pages p and q with one URL. When a slug
// made the URL of either, the error starts at that slug: line.
func (b *builder) sameURL(p, q *page) error {
	// A page's own slug first, then a section's.
	if p.fm.Slug == "" && (q.fm.Slug != "" || b.slugOfEmpty(p)) {
		p, q = q, p
	}
	at, slug := b.slugOf(p)
	if at == "" {
		return fmt.Errorf("%s: the URL /%s is also the URL of %s; rename one of the files or give it a slug", p.file, p.url, q.file)
	}
	if strings.HasPrefix(at, p.file+":") {
		return fmt.Errorf("%s: slug %q: the URL /%s is also the URL of %s; choose another slug", at, slug, p.url, q.file)
	}
	return fmt.Errorf("%s: slug %q: the URL /%s of %s is also the URL of %s; choose another slug or rename a file", at, slug, p.url, p.file, q.file)
}

// slugOfEmpty reports whether no slug made p's URL.
func (b *builder) slugOfEmpty(p *page) bool {
	at, _ := b.slugOf(p)
	return at == ""
}

// slugOf names the slug: line that made p's URL ("content/en/a.md:3")
// and the slug: p's own, or else that of the nearest section page whose
// slug renames a folder of the URL. at is "" when no slug took part.
func (b *builder) slugOf(p *page) (at, slug string) {
	if p.fm.Slug != "" {
		return fmt.Sprintf("%s:%d", p.file, p.fm.SlugLine), p.fm.Slug
	}
	m := b.byRel[p.lang]
	dir := dirOf(p.rel)
	if p.index {
		dir = dirOf(dir)
	}
	for ; dir != ""; dir = dirOf(dir) {
		if idx := m[dir+"/_index.md"]; idx != nil && idx.fm.Slug != "" {
			return fmt.Sprintf("%s:%d", idx.file, idx.fm.SlugLine), idx.fm.Slug
		}
	}
	return "", ""
}

// lastModified is the page's last change: git, then front matter, then
// the file's time when allowed.
func (b *builder) lastModified(p *page) time.Time {
	if b.opts.LastModified != nil {
		if t, ok := b.opts.LastModified(p.file); ok {
			return t
		}
	}
	if p.fm.Updated != "" {
		if t, err := time.Parse(time.DateOnly, p.fm.Updated); err == nil {
			return t
		}
	}
	if b.opts.FileTimes {
		if fi, err := fs.Stat(b.opts.Content, p.fsPath); err == nil {
			return fi.ModTime()
		}
	}
	return time.Time{}
}

// checkLayout reports a layout of p's front matter that the theme lacks,
// or that is one of the site's own pages.
func (b *builder) checkLayout(p *page) {
	l := p.fm.Layout
	if l == "" {
		return
	}
	at := fmt.Sprintf("%s:%d", p.file, p.fm.LayoutLine)
	if l != "page" && slices.Contains(siteLayouts, l) {
		b.errorf("%s: layout %q is the layout of the site's own %s page; use one of: %s", at, l, l, b.pageLayouts())
		return
	}
	if b.tmpl[l] == nil {
		b.errorf("%s: layout %q: the theme has no templates/layouts/%s.html (layouts: %s)", at, l, l, b.pageLayouts())
	}
}

// pageLayouts lists the layouts that a page may name.
func (b *builder) pageLayouts() string {
	var names []string
	for l := range b.tmpl {
		if l == "page" || !slices.Contains(siteLayouts, l) {
			names = append(names, l)
		}
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// sharedKey is a shared partial's name and what it is rendered from.
type sharedKey struct {
	name string
	f    Folder
}

// shared is the template function {{shared "partials/NAME.html" .}}: the
// partial rendered with the page's Folder, once for all pages with the
// same Folder (see Folder): html/template calls each action's escapers
// through reflect, and the theme's shared partials were about a quarter
// of a page's actions.
func (b *builder) shared(name string, d *Data) (template.HTML, error) {
	k := sharedKey{name, d.Folder}
	b.mu.Lock()
	h, ok := b.sharedHTML[k]
	b.mu.Unlock()
	if ok {
		return h, nil
	}
	if b.partials.Lookup(name) == nil {
		return "", fmt.Errorf("shared: no template %q (a file templates/%s)", name, name)
	}
	var buf strings.Builder
	if err := b.partials.ExecuteTemplate(&buf, name, d.Folder); err != nil {
		return "", err
	}
	h = template.HTML(buf.String())
	b.mu.Lock()
	if b.sharedHTML == nil {
		b.sharedHTML = map[sharedKey]template.HTML{}
	}
	b.sharedHTML[k] = h
	b.mu.Unlock()
	return h, nil
}

// nextDash is the index of the first "-" in s after index k, or -1.
func nextDash(s string, k int) int {
	if i := strings.IndexByte(s[k+1:], '-'); i >= 0 {
		return k + 1 + i
	}
	return -1
}
