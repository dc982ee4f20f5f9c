package site

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
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
	b.emit(out, src)
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.search == nil {
		b.search = map[string]string{}
	}
	b.search[lang] = out
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
	b.emit("sitemap.xml", buf.Bytes())
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

// outTree is the new output folder. Files are written into it as the
// build makes them, beside out, and the folder is put in out's place at
// the end, so that out never holds stale or half-written files.
type outTree struct {
	out, tmp string
	mu       sync.Mutex
	made     map[string]bool // folders made, by slash path under tmp
	names    map[string]bool // files written
	errs     []error
}

// newTree makes the new folder beside out.
func newTree(out string) (*outTree, error) {
	out = filepath.Clean(out)
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(out)+"-new-")
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return nil, fmt.Errorf("output: %w", err)
	}
	return &outTree{out: out, tmp: tmp, made: map[string]bool{".": true}, names: map[string]bool{}}, nil
}

// put writes the file name (a slash path) with data; a second put of a
// name replaces the file. Safe for concurrent use; errors are kept for
// commit.
func (t *outTree) put(name string, data []byte) {
	err := t.mkdir(path.Dir(name))
	if err == nil {
		err = writeFile(filepath.Join(t.tmp, filepath.FromSlash(name)), data)
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.names[name] = true
	if err != nil {
		t.errs = append(t.errs, fmt.Errorf("output: %w", err))
	}
}

// create writes the file name (a slash path) with what fn writes to w,
// through a buffer. It returns fn's error; errors of the file itself are
// kept for commit.
func (t *outTree) create(name string, fn func(w io.Writer) error) error {
	err := t.mkdir(path.Dir(name))
	var f *os.File
	if err == nil {
		f, err = os.OpenFile(filepath.Join(t.tmp, filepath.FromSlash(name)), os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	}
	var fnErr error
	if err == nil {
		fw := &fileWriter{f: f}
		bw := writers.Get().(*bufio.Writer)
		bw.Reset(fw)
		if fnErr = fn(bw); fnErr == nil {
			_ = bw.Flush() // an error is fw's
		}
		bw.Reset(nil)
		writers.Put(bw)
		err = fw.err
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			fnErr = nil // it failed because the file did: that is the error to report
		}
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.names[name] = true
	if err != nil {
		t.errs = append(t.errs, fmt.Errorf("output: %w", err))
	}
	return fnErr
}

// writers are the buffers of create.
var writers = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 64<<10) }}

// fileWriter keeps the first error of writing f.
type fileWriter struct {
	f   *os.File
	err error
}

func (w *fileWriter) Write(p []byte) (int, error) {
	if w.err != nil {
		return 0, w.err
	}
	n, err := w.f.Write(p)
	w.err = err
	return n, err
}

// mkdir makes the folder dir (a slash path) and its parents once.
func (t *outTree) mkdir(dir string) error {
	t.mu.Lock()
	done := t.made[dir]
	t.mu.Unlock()
	if done {
		return nil
	}
	if err := t.mkdir(path.Dir(dir)); err != nil {
		return err
	}
	// Two writers may make the same folder at once: the second one's
	// "exists" is no error.
	if err := os.Mkdir(filepath.Join(t.tmp, filepath.FromSlash(dir)), 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	t.mu.Lock()
	t.made[dir] = true
	t.mu.Unlock()
	return nil
}

// files is the number of files written.
func (t *outTree) files() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.names)
}

// abort removes the new folder.
func (t *outTree) abort() { os.RemoveAll(t.tmp) }

// commit puts the new folder in out's place and removes the previous build.
func (t *outTree) commit() error {
	if err := errors.Join(t.errs...); err != nil {
		t.abort()
		return err
	}
	old := ""
	if _, err := os.Stat(t.out); err == nil {
		old = t.tmp + "-old"
		if err := os.Rename(t.out, old); err != nil {
			t.abort()
			return fmt.Errorf("output: %w", err)
		}
	}
	if err := os.Rename(t.tmp, t.out); err != nil {
		if old != "" {
			_ = os.Rename(old, t.out)
		}
		t.abort()
		return fmt.Errorf("output: %w", err)
	}
	if old != "" {
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("output: removing the previous build: %w", err)
		}
	}
	return nil
}

// writeFile writes a new file of the output.
func writeFile(name string, data []byte) error { return os.WriteFile(name, data, 0o644) }
