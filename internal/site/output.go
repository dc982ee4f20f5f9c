package site

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/laegeforeningen/mentorprogram/internal/search"
)

// searchIndex builds the search index of lang and adds its script.
func (b *builder) searchIndex(lang string) {
	var docs []search.Doc
	for _, p := range b.pages[lang] {
		if p.fallback {
			continue
		}
		d := search.Doc{URL: p.url, Title: p.fm.Title, Text: p.res.Text}
		if p.parent != nil {
			d.Section = p.parent.navTitle()
		}
		for _, h := range p.res.Headings {
			if h.Level >= 2 && h.Level <= 4 {
				d.Headings = append(d.Headings, h.Text)
			}
		}
		docs = append(docs, d)
	}
	ix, err := search.Build(lang, docs)
	if err != nil {
		b.errorf("search index (%s): %w", lang, err)
		return
	}
	src := ix.Script()
	out := "assets/" + hashed("search-index."+lang+".js", src)
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.search == nil {
		b.search = map[string]string{}
	}
	b.search[lang] = out
	b.files[out] = src
}

// sitemap writes sitemap.xml with every page and its language versions.
func (b *builder) sitemap() {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	buf.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">` + "\n")
	esc := func(s string) string {
		var e bytes.Buffer
		_ = xml.EscapeText(&e, []byte(s))
		return e.String()
	}
	for _, l := range b.langs {
		for _, p := range b.pages[l] {
			if p.fallback {
				continue
			}
			fmt.Fprintf(&buf, "  <url>\n    <loc>%s</loc>\n", esc(b.abs(p.url)))
			if !p.updated.IsZero() {
				fmt.Fprintf(&buf, "    <lastmod>%s</lastmod>\n", p.updated.Format("2006-01-02"))
			}
			if o := p.other; o != nil && !o.fallback {
				for _, q := range []*page{p, o} {
					if q.lang == "da" {
						fmt.Fprintf(&buf, "    <xhtml:link rel=\"alternate\" hreflang=\"%s\" href=\"%s\"/>\n", q.lang, esc(b.abs(q.url)))
					}
				}
				for _, q := range []*page{p, o} {
					if q.lang != "da" {
						fmt.Fprintf(&buf, "    <xhtml:link rel=\"alternate\" hreflang=\"%s\" href=\"%s\"/>\n", q.lang, esc(b.abs(q.url)))
					}
				}
			}
			buf.WriteString("  </url>\n")
		}
	}
	buf.WriteString("</urlset>\n")
	b.files["sitemap.xml"] = buf.Bytes()
}

// checkFolders refuses a private folder inside (or equal to) the public one.
func checkFolders(out, private string) error {
	if private == "" {
		return nil
	}
	o, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	p, err := filepath.Abs(private)
	if err != nil {
		return err
	}
	r, err := filepath.Rel(o, p)
	if err == nil && (r == "." || !strings.HasPrefix(r, "..")) {
		return fmt.Errorf("the private folder %s lies inside the public folder %s: the status pages would be published; choose folders side by side", private, out)
	}
	r, err = filepath.Rel(p, o)
	if err == nil && !strings.HasPrefix(r, "..") {
		return fmt.Errorf("the public folder %s lies inside the private folder %s; choose folders side by side", out, private)
	}
	return nil
}

// writeTree writes files into a new folder beside out and then puts it in
// out's place, so that out never holds stale or half-written files.
func writeTree(out string, files map[string][]byte) error {
	out = filepath.Clean(out)
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(out)+"-new-")
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	made := map[string]bool{}
	for _, n := range names {
		d := filepath.Dir(filepath.Join(tmp, filepath.FromSlash(n)))
		if !made[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return fmt.Errorf("output: %w", err)
			}
			made[d] = true
		}
	}
	// Files in parallel: the writes are system calls that wait.
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for w := range 4 {
		wg.Go(func() {
			for i := w; i < len(names); i += 4 {
				p := filepath.Join(tmp, filepath.FromSlash(names[i]))
				if err := os.WriteFile(p, files[names[i]], 0o644); err != nil && errs[w] == nil {
					errs[w] = fmt.Errorf("output: %w", err)
				}
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	old := ""
	if _, err := os.Stat(out); err == nil {
		old = tmp + "-old"
		if err := os.Rename(out, old); err != nil {
			return fmt.Errorf("output: %w", err)
		}
	}
	if err := os.Rename(tmp, out); err != nil {
		if old != "" {
			_ = os.Rename(old, out)
		}
		return fmt.Errorf("output: %w", err)
	}
	ok = true
	if old != "" {
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("output: removing the previous build: %w", err)
		}
	}
	return nil
}
