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

	"github.com/laegeforeningen/mentorprogram/internal/outdir"
	"github.com/laegeforeningen/mentorprogram/internal/search"
)

// searchIndex builds the search index of lang and adds its script.
func (b *builder) searchIndex(lang string) {
	var docs []search.Doc
	for _, p := range b.pages[lang] {
		if p.fallback {
			continue
		}
		docs = append(docs, searchDoc(p))
	}
	ix, err := search.BuildWith(lang, docs, b.opts.Synonyms[lang])
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

// searchDoc is p for the search index: each h2 and h3 a section of its
// own (a result links to the heading that answers it), h4 headings
// weighing as headings within their section. The section shown with a
// result is the handbook section the page is in; pages at the top level
// have none (the start page is not a section).
func searchDoc(p *page) search.Doc {
	d := search.Doc{URL: p.url, Title: p.fm.Title, Description: p.fm.Description}
	if p.parent != nil && p.parent.parent != nil {
		d.Section = p.parent.navTitle()
	}
	// hs are the h2 to h4 headings still to come (see nextHeading).
	hs, sections := p.res.Headings, 0
	for _, h := range hs {
		if h.Level >= 2 && h.Level <= 3 {
			sections++
		}
	}
	if sections > 0 {
		d.Sections = make([]search.Section, 0, sections)
	}
	nextHeading := func() {
		for len(hs) > 0 && (hs[0].Level < 2 || hs[0].Level > 4) {
			hs = hs[1:]
		}
	}
	nextHeading()
	// The plain text has one line per block, headings included, in the
	// order of Headings. Each part is the run of lines between two
	// section headings, a substring of the text rather than a copy (the
	// last part without the newline a line-by-line copy would end with:
	// white space at the end of a text is no part of the index).
	text := p.res.Text
	partStart := 0
	setPart := func(end int) {
		part := text[partStart:end]
		if len(d.Sections) == 0 {
			d.Text = part
		} else {
			d.Sections[len(d.Sections)-1].Text = part
		}
	}
	for lineStart := 0; ; {
		lineEnd := len(text)
		if i := strings.IndexByte(text[lineStart:], '\n'); i >= 0 {
			lineEnd = lineStart + i
		}
		next := min(lineEnd+1, len(text)) // the next line's start
		if len(hs) > 0 && strings.TrimSpace(text[lineStart:lineEnd]) == hs[0].Text {
			h := hs[0]
			hs = hs[1:]
			nextHeading()
			if h.Level <= 3 {
				setPart(lineStart)
				d.Sections = append(d.Sections, search.Section{Anchor: h.ID, Title: h.Text})
				partStart = next
			} else {
				d.Headings = append(d.Headings, h.Text)
			}
		}
		if lineEnd == len(text) {
			break
		}
		lineStart = next
	}
	setPart(len(text))
	if len(d.Sections) == 0 {
		d.Sections = nil // none of the headings was found in the text
	}
	return d
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
// the same with their own marker). It is a dot file: harmless when
// published, and left out by hosts that skip hidden files.
const Marker = ".mentorprogram-site"

// Public is the kind of the site's output folder.
var Public = &outdir.Kind{
	Marker:     Marker,
	MarkerText: "Written by the mentor programme's handbook build (go run ./cmd/build).\nEvery build makes this folder hold exactly what it built and removes any other file: do not keep other files here.\n",
	What:       "the public folder",
	Flag:       "-out",
	Writer:     "the build",
	Earlier:    "an earlier build of the handbook",
}

// checkFolders refuses a private folder inside (or equal to) the public
// one, and the other way round; symbolic links are followed.
func checkFolders(out, private string) error {
	if private == "" {
		return nil
	}
	o, err := outdir.RealPath(out)
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	p, err := outdir.RealPath(private)
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	if outdir.Within(o, p) {
		return fmt.Errorf("the private folder %s lies inside the public folder %s: the status pages would be published; choose folders side by side", private, out)
	}
	if outdir.Within(p, o) {
		return fmt.Errorf("the public folder %s lies inside the private folder %s; choose folders side by side", out, private)
	}
	return nil
}

// outTree is the output being written, one of two ways. Into a folder
// that does not exist yet or is empty (and is not named by a symbolic
// link), files are written as the build
// makes them into a new folder beside out, which is put in out's place at
// the end (outdir.Begin's swap: the fastest way to make every file new).
// Over an earlier build, each file is compared with the one there as it
// is made, only those that differ are kept, and at the end they are
// written over the old ones and the files no longer made are removed
// (outdir.Update): a rebuild writes only what changed. Either way out is
// untouched until the build has succeeded.
type outTree struct {
	dir   *outdir.Folder // the swap, or nil
	upd   *outdir.Update // the update in place, or nil
	tmp   string         // dir.Dir()
	mu    sync.Mutex
	made  map[string]bool // folders made, by slash path under tmp
	names map[string]bool // files written
	errs  []error
	stats outdir.UpdateStats
}

// newTree begins the output into out.
func newTree(out string) (*outTree, error) {
	// A folder a symbolic link names is updated in place even when empty:
	// the swap would put a folder in the link's place.
	fi, err := os.Lstat(out)
	link := err == nil && fi.Mode()&fs.ModeSymlink != 0
	if ents, err := os.ReadDir(out); err == nil && len(ents) > 0 || link {
		upd, err := Public.BeginUpdate(out)
		if err != nil {
			return nil, fmt.Errorf("output: %w", err)
		}
		return &outTree{upd: upd}, nil
	}
	dir, err := Public.Begin(out)
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	return &outTree{dir: dir, tmp: dir.Dir(), made: map[string]bool{".": true}, names: map[string]bool{}}, nil
}

// newPatch begins an output that writes only some files into out, the
// earlier build (Preview).
func newPatch(out string) (*outTree, error) {
	upd, err := Public.BeginPatch(out)
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	return &outTree{upd: upd}, nil
}

// remove names a file of a patch that is no longer made.
func (t *outTree) remove(name string) { t.upd.Remove(name) }

// put writes the file name (a slash path) with data; a second put of a
// name replaces the file. Safe for concurrent use; errors are kept for
// commit.
func (t *outTree) put(name string, data []byte) {
	if t.upd != nil {
		t.upd.Put(name, data)
		return
	}
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
	if t.upd != nil {
		buf := buffers.Get().(*bytes.Buffer)
		buf.Reset()
		if buf.Cap() < 64<<10 {
			// A new buffer: room for about what the file held before
			// (the print page is megabytes).
			if fi, err := os.Stat(t.upd.Path(name)); err == nil {
				buf.Grow(int(fi.Size()) + 4<<10)
			}
		}
		err := fn(buf)
		if err == nil {
			t.upd.Put(name, buf.Bytes())
		}
		if buf.Cap() <= 1<<20 {
			buffers.Put(buf)
		}
		return err
	}
	err := t.mkdir(path.Dir(name))
	var f *os.File
	if err == nil {
		f, err = os.OpenFile(filepath.Join(t.tmp, filepath.FromSlash(name)), os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	}
	var fnErr error
	if err == nil {
		fw := &fileWriter{f: f}
		bw := getWriter()
		bw.Reset(fw)
		if fnErr = fn(bw); fnErr == nil {
			_ = bw.Flush() // an error is fw's
		}
		putWriter(bw)
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

// buffers hold a page while it is compared with the earlier build's.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// writers are the buffers of create, kept between builds: a sync.Pool
// is emptied by every garbage collection, and a build of 1,000 pages
// made about 125 new ones of 64 KB each.
var writers = make(chan *bufio.Writer, 16)

// getWriter is a buffer of writers, or a new one.
func getWriter() *bufio.Writer {
	select {
	case w := <-writers:
		return w
	default:
		return bufio.NewWriterSize(nil, 64<<10)
	}
}

// putWriter gives w back to writers, unless they are full.
func putWriter(w *bufio.Writer) {
	w.Reset(nil)
	select {
	case writers <- w:
	default:
	}
}

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

// files is the number of files of the output.
func (t *outTree) files() int {
	if t.upd != nil {
		return t.upd.Files()
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.names)
}

// abort removes the new folder; an update has written nothing yet.
func (t *outTree) abort() {
	if t.dir != nil {
		t.dir.Abort()
	}
}

// commit puts the new folder, with the Marker, in out's place and removes
// the previous build; or writes an update's changed files and removes its
// stale ones.
func (t *outTree) commit() error {
	if t.upd != nil {
		st, err := t.upd.Commit()
		t.stats = st
		if err != nil {
			return fmt.Errorf("output: %w", err)
		}
		return nil
	}
	if err := errors.Join(t.errs...); err != nil {
		t.abort()
		return err
	}
	if err := t.dir.Commit(); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	return nil
}

// writeFile writes a new file of the output.
func writeFile(name string, data []byte) error { return os.WriteFile(name, data, 0o644) }
