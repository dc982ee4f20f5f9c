package site

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io/fs"
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

// Marker is the file Build leaves in the output folder, so that it only
// ever replaces a folder that it wrote itself (the private status pages do
// the same with .mentorprogram-status). It is a dot file: harmless when
// published, and left out by hosts that skip hidden files.
const Marker = ".mentorprogram-site"

// markerText is the marker's content.
const markerText = "Written by the mentor programme's handbook build (go run ./cmd/build).\nThe whole folder is replaced on every build: do not keep other files here.\n"

// RealPath is the absolute form of p with the symbolic links of its
// existing part resolved, so that two names of one folder compare equal.
// The part of p that does not exist yet is kept as written.
func RealPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for cur := abs; ; {
		r, err := filepath.EvalSymlinks(cur)
		if err == nil {
			return filepath.Join(r, rest), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(cur), rest)
		cur = parent
	}
}

// Within reports whether the real path child is parent or lies inside it.
func Within(parent, child string) bool {
	r, err := filepath.Rel(parent, child)
	if err != nil {
		return false
	}
	return r == "." || (r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) && !filepath.IsAbs(r))
}

// checkFolders refuses a private folder inside (or equal to) the public
// one, and the other way round; symbolic links are followed.
func checkFolders(out, private string) error {
	if private == "" {
		return nil
	}
	o, err := RealPath(out)
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	p, err := RealPath(private)
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	if Within(o, p) {
		return fmt.Errorf("the private folder %s lies inside the public folder %s: the status pages would be published; choose folders side by side", private, out)
	}
	if Within(p, o) {
		return fmt.Errorf("the public folder %s lies inside the private folder %s; choose folders side by side", out, private)
	}
	return nil
}

// checkReplaceable refuses an output folder that exists, is not empty and
// has no Marker: Build replaces the whole folder, and that folder was not
// made by it.
func checkReplaceable(out string) error {
	fi, err := os.Stat(out)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("the public folder %s is a file, not a folder; choose another folder for the site (-out)", out)
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Lstat(filepath.Join(out, Marker)); err != nil {
		return fmt.Errorf("the public folder %s is not empty and was not written by the build (it has no %s file); "+
			"the build replaces the whole folder, so it refuses: choose a new or empty folder (-out), "+
			"or, if %s holds only an earlier build of the handbook, delete it once yourself", out, Marker, out)
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
