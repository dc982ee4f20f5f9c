package site

import (
	"io/fs"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/laegeforeningen/mentorprogram/internal/markdown"
)

// Preview is a site built for the preview (cmd/build -serve), kept in
// memory so that an edit of a page's text re-renders only that page and
// what shows its text, instead of the whole site. Its output is byte for
// byte what Build makes of the same input.
//
// What an edit of a page's body (its front matter unchanged) touches:
// the page itself, its English fallback (an English page showing the
// Danish text), the site root when it is the Danish start page, the print
// pages (every body), sitemap.xml (the page's last-updated date), and
// then the search index of its language (a new file name, so also the
// search page that names it). Titles, weights, slugs and the tree are front
// matter: a page's place and name in every sidebar and prev/next link, and
// a section's list of its pages' descriptions, come from there, so a
// change of front matter, a new or deleted page, a file that is not a
// page, or a theme change is a full build. A path that is gone and was
// never part of the site (an editor's temporary file, saved and renamed
// over the page) is left out. Links to the page's anchors are
// checked again for every page; their hrefs do not depend on the page's
// text.
type Preview struct {
	// Written, when set, is called during an Update done in part once
	// the pages are written, before the search indexes are built again
	// (the preview reloads the browser there): the search index of a
	// language is built from all its pages, and takes longer than the
	// rest of an edit.
	Written func()

	opts  Options
	b     *builder        // the last good build; nil: the next one is full
	sum   Summary         // its summary
	dirty map[string]bool // content paths changed since the last good build
}

// NewPreview returns a Preview of opts; nothing is built yet.
func NewPreview(opts Options) *Preview {
	return &Preview{opts: opts, dirty: map[string]bool{}}
}

// Build builds the whole site, as Build does, and keeps it.
func (v *Preview) Build() (Summary, error) {
	b, sum, err := build(v.opts)
	v.b, v.sum = b, sum
	if err != nil {
		v.b = nil
		return sum, err
	}
	clear(v.dirty)
	return sum, nil
}

// Update brings the output up to date after the content files paths
// (slash paths under Options.Content: "da/forloeb/moeder.md") changed: in
// part where only pages' bodies changed, else by a full build. partial
// tells which. On an error nothing is written, and the changes are kept
// for the next Update, which tries them again with its own.
func (v *Preview) Update(paths []string) (sum Summary, partial bool, err error) {
	for _, p := range paths {
		v.dirty[p] = true
	}
	if v.b == nil {
		sum, err = v.Build()
		return sum, false, err
	}
	sum, ok, err := v.patch()
	if !ok {
		sum, err = v.Build()
		return sum, false, err
	}
	if err == nil {
		clear(v.dirty)
	}
	return sum, true, err
}

// edit is a page whose body changed, and what it was, to put back when
// the new body fails.
type edit struct {
	p, twin  *page // twin: its English fallback, or nil
	body     []byte
	bodyLine int
	was      [2]pageState // p's and twin's
}

// pageState is what a page's body makes of it.
type pageState struct {
	body     []byte
	bodyLine int
	res      markdown.Result
	links    []linkRef
	print    string
	updated  time.Time
}

func (s *pageState) save(p *page) {
	*s = pageState{p.body, p.bodyLine, p.res, p.links, p.print, p.updated}
}

func (s *pageState) restore(p *page) {
	p.body, p.bodyLine, p.res, p.links, p.print, p.updated = s.body, s.bodyLine, s.res, s.links, s.print, s.updated
}

// patch re-renders the dirty pages and what depends on them. ok is false
// when that is not enough (a full build is needed); err is the pages'
// errors, with nothing written.
func (v *Preview) patch() (sum Summary, ok bool, err error) {
	b := v.b
	var edits []*edit
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for n := range v.dirty {
			if !yield(n) {
				return
			}
		}
	}) {
		lang, rel, _ := strings.Cut(name, "/")
		if !slices.Contains(b.langs, lang) {
			return sum, false, nil
		}
		var p *page
		if strings.HasSuffix(rel, ".md") {
			p = b.byRel[lang][rel]
		}
		if _, err := fs.Stat(b.opts.Content, name); err != nil && (p == nil || p.fallback) && !b.written[name] {
			continue // gone, and never part of the site: an editor's temporary file
		}
		if p == nil || p.fallback || p.fsPath != name {
			return sum, false, nil // a new page, a draft, a file that is not a page
		}
		src, err := fs.ReadFile(b.opts.Content, name)
		if err != nil {
			return sum, false, nil // deleted or unreadable: a full build says so
		}
		fm, body, line, err := markdown.SplitFrontMatter(p.file, src)
		if err != nil || !reflect.DeepEqual(fm, p.fm) {
			return sum, false, nil // front matter: a full build
		}
		e := &edit{p: p, body: body, bodyLine: line}
		if o := p.other; o != nil && o.fallback {
			e.twin = o
		}
		edits = append(edits, e)
	}
	// Render the new bodies; on an error, put the old ones back.
	for _, e := range edits {
		e.was[0].save(e.p)
		e.p.body, e.p.bodyLine = e.body, e.bodyLine
		b.renderPage(e.p)
		if e.twin != nil {
			e.was[1].save(e.twin)
			e.twin.body, e.twin.bodyLine = e.body, e.bodyLine
			b.renderPage(e.twin)
		}
	}
	b.checkAnchors()
	if len(b.errs) > 0 {
		err := b.err()
		b.errs = nil
		for _, e := range edits {
			e.was[0].restore(e.p)
			if e.twin != nil {
				e.was[1].restore(e.twin)
			}
		}
		return v.sum, true, err
	}
	// Write what shows their text, then the search indexes: an index is
	// built from every page of its language, which takes longer than all
	// the rest, so the pages are written (and Written told) first.
	tree, err := newPatch(b.opts.Out)
	if err != nil {
		v.b = nil
		return v.sum, true, err
	}
	b.out = tree
	langs := map[string]bool{}
	for _, e := range edits {
		for _, p := range []*page{e.p, e.twin} {
			if p == nil {
				continue
			}
			p.updated = b.lastModified(p)
			b.writePage(p)
			if p == b.pages["da"][0] {
				b.writeRoot()
			}
			langs[p.lang] = true
		}
	}
	for _, l := range b.langs {
		if langs[l] {
			b.printPage(l)
		}
	}
	b.sitemap()
	if err := v.commit(tree); err != nil {
		return v.sum, true, err
	}
	written, removed := tree.stats.Written, tree.stats.Removed
	if v.Written != nil {
		v.Written()
	}
	if tree, err = newPatch(b.opts.Out); err != nil {
		v.b = nil
		return v.sum, true, err
	}
	b.out = tree
	for _, e := range edits {
		if l := e.p.lang; langs[l] {
			delete(langs, l) // once per language
			old := b.search[l]
			b.searchIndex(l)
			if b.search[l] != old {
				tree.remove(old)
				b.searchPage(l)
			}
		}
	}
	if err := v.commit(tree); err != nil {
		return v.sum, true, err
	}
	sum = v.sum
	sum.Updated, sum.Written, sum.Removed = true, written+tree.stats.Written, removed+tree.stats.Removed
	v.sum = sum
	return sum, true, nil
}

// commit writes a patch's files, unless the build failed; on any error,
// the next Update is a full build.
func (v *Preview) commit(tree *outTree) error {
	b := v.b
	if len(b.errs) > 0 {
		err := b.err()
		v.b = nil // pages hold their new state, unwritten: start again
		return err
	}
	if err := tree.commit(); err != nil {
		v.b = nil
		return err
	}
	return nil
}
