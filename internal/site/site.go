package site

import (
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/laegeforeningen/mentorprogram/internal/i18n"
	"github.com/laegeforeningen/mentorprogram/internal/markdown"
	"github.com/laegeforeningen/mentorprogram/internal/search"
)

// Langs are the site's languages, the main language first: those of the
// theme's UI strings.
var Langs = i18n.Langs

// Options configure Build.
type Options struct {
	// Content holds da/ and en/ with the Markdown pages (and any files
	// they link to, copied as they are).
	Content fs.FS
	// ContentName is the name errors give the content folder ("content").
	ContentName string
	// Templates is the theme: base.html, partials/, layouts/, i18n/,
	// assets/.
	Templates fs.FS
	// Values are the rule values for {{rule KEY}} (programme.Config.Values).
	Values map[string]string
	// Synonyms are the search's synonyms (data/search-synonyms.yaml):
	// the words readers type, by language, mapped to the handbook's words.
	Synonyms search.Synonyms
	// Out is the folder the site is written to: made anew when it is
	// missing or empty, else updated in place (only changed files are
	// written, files no longer made removed), as is a folder named by a
	// symbolic link, which stays a link. Build leaves the file Marker
	// in it and refuses a folder that is not empty and has no Marker.
	Out string
	// Private is the folder of the private status pages; Build refuses an
	// Out that holds it. Empty: no check.
	Private string
	// BaseURL is the absolute URL of the site root, ending in a slash
	// (canonical URLs, Open Graph, sitemap).
	BaseURL string
	// Today is the day of the build (the 404 page's and status's day).
	Today time.Time
	// Numbers renders the public figures shown after the text of a page
	// with layout "numbers", in the language of w (the theme's UI strings
	// of that language). Nil: nothing is shown.
	Numbers func(w *i18n.Lang) (template.HTML, error)
	// LastModified gives a content file's last change (from git), by its
	// name as errors give it ("content/da/etik.md").
	LastModified func(path string) (time.Time, bool)
	// FileTimes lets the file's modification time be the last resort for
	// the last-updated date (after LastModified and front matter).
	FileTimes bool
	// Dev injects the live-reload script (assets/live.js) for -serve.
	Dev bool
	// DanishOnly builds the Danish pages only (benchmarks; no English
	// fallbacks).
	DanishOnly bool
	// FileLinks makes links between pages end in index.html, for reading
	// the output straight from disk.
	FileLinks bool
}

// Summary tells what a build did.
type Summary struct {
	// Pages counts the built pages per language (fallbacks included).
	Pages map[string]int
	// Fallbacks counts English pages shown with the Danish text.
	Fallbacks int
	// Files is the number of files of the output (the marker included).
	Files int
	// Updated tells that the output was an earlier build, brought up to
	// date in place: Written files had changed or were new, Removed were
	// no longer made, the others were left untouched.
	Updated          bool
	Written, Removed int
	// Warnings are problems that do not stop the build, sorted.
	Warnings []string
}

// String is the one-line summary of a build: "pages 7 da + 7 en, 41
// files, 1 English page in Danish, 2 warnings".
func (s Summary) String() string {
	var parts []string
	for _, l := range Langs {
		parts = append(parts, fmt.Sprintf("%d %s", s.Pages[l], l))
	}
	msg := fmt.Sprintf("pages %s, %s", strings.Join(parts, " + "), count(s.Files, "file", "files"))
	if s.Updated {
		msg += fmt.Sprintf(" (%d changed, %d removed)", s.Written, s.Removed)
	}
	if s.Fallbacks > 0 {
		msg += ", " + count(s.Fallbacks, "English page", "English pages") + " in Danish"
	}
	if n := len(s.Warnings); n > 0 {
		msg += ", " + count(n, "warning", "warnings")
	}
	return msg
}

// count writes n with the singular or plural noun: "1 warning", "2 warnings".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// page is one built page of one language.
type page struct {
	lang     string
	rel      string // path under the language folder: "forloeb/ansvar.md"
	file     string // name in errors: "content/da/forloeb/ansvar.md"
	fsPath   string // path in Options.Content
	fm       markdown.FrontMatter
	body     []byte
	bodyLine int
	fallback bool // English page showing the Danish text
	index    bool // a section page (_index.md)
	url      string
	parent   *page
	children []*page
	order    int // position in the language's reading order
	res      markdown.Result
	print    string // the body for the print page
	printID  string // its section's id there (printIDOf, made unique)
	// printReserved are the heading ids that, after printID and "-",
	// would be another page's printID (nil: none).
	printReserved map[string]bool
	links         []linkRef
	updated       time.Time
	other         *page // counterpart in the other language
}

// linkRef is an internal link of a page, resolved.
type linkRef struct {
	dest   string
	target *page  // nil for a file
	file   string // output path of a linked file
	anchor string
}

func (p *page) navTitle() string {
	if p.fm.NavTitle != "" {
		return p.fm.NavTitle
	}
	return p.fm.Title
}

// textLang is the language of p's text where it is not p's own: "da" for
// an English page that falls back to the Danish text, else "".
func (p *page) textLang() string {
	if p.fallback {
		return "da"
	}
	return ""
}

func (p *page) layout() string {
	if p.fm.Layout == "" {
		return "page"
	}
	return p.fm.Layout
}

// builder holds the state of one Build.
type builder struct {
	opts   Options
	langs  []string
	errs   []error
	warns  []string
	pages  map[string][]*page          // by language, reading order
	byRel  map[string]map[string]*page // by language, by rel
	byURL  map[string]*page
	i18n   map[string]*i18n.Lang
	assets map[string]string // name -> output path with hash
	files  map[string][]byte // output path -> content, until tree is made
	// written are the names of files, once they are written (Preview
	// resolves links to them).
	written map[string]bool
	out     *outTree // the output folder being written
	tmpl    map[string]*template.Template
	// partials has base.html and the partials, for shared; sharedHTML
	// what it rendered (under mu).
	partials   *template.Template
	sharedHTML map[sharedKey]template.HTML
	mu         sync.Mutex
	search     map[string]string     // language -> output path of the index script
	navs       map[navKey]*navShared // the sidebars pages share (nav.go)
	// reserved are the ids a page's headings must not take, by
	// "lang/layout" (reserveIDs).
	reserved map[string]map[string]bool
}

func (b *builder) errorf(format string, args ...any) {
	b.mu.Lock()
	b.errs = append(b.errs, fmt.Errorf(format, args...))
	b.mu.Unlock()
}

func (b *builder) addErr(err error) {
	if err == nil {
		return
	}
	b.mu.Lock()
	b.errs = append(b.errs, err)
	b.mu.Unlock()
}

// emit adds the output file name: into the output folder once it is
// made, kept in files until then. Safe for concurrent use.
func (b *builder) emit(name string, data []byte) {
	if b.out != nil {
		b.out.put(name, data)
		return
	}
	b.mu.Lock()
	b.files[name] = data
	b.mu.Unlock()
}

func (b *builder) err() error {
	if len(b.errs) == 0 {
		return nil
	}
	var flat []error
	for _, e := range b.errs {
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			flat = append(flat, j.Unwrap()...)
		} else {
			flat = append(flat, e)
		}
	}
	sort.SliceStable(flat, func(i, j int) bool { return flat[i].Error() < flat[j].Error() })
	var out []error
	for i, e := range flat {
		if i == 0 || e.Error() != flat[i-1].Error() {
			out = append(out, e)
		}
	}
	return errors.Join(out...)
}

// Build generates the site into opts.Out and returns what it did. Errors
// of the content are returned together; nothing is written then.
func Build(opts Options) (Summary, error) {
	_, sum, err := build(opts)
	return sum, err
}

// build is Build, returning the builder with the built site's state.
func build(opts Options) (*builder, Summary, error) {
	if opts.Content == nil || opts.Templates == nil {
		return nil, Summary{}, errors.New("site: Content and Templates are required")
	}
	if opts.Out == "" {
		return nil, Summary{}, errors.New("site: Out is required")
	}
	if opts.ContentName == "" {
		opts.ContentName = "content"
	}
	if err := checkFolders(opts.Out, opts.Private); err != nil {
		return nil, Summary{}, err
	}
	if err := Public.Check(opts.Out); err != nil {
		return nil, Summary{}, err
	}
	b := &builder{opts: opts, files: map[string][]byte{}, byURL: map[string]*page{}, langs: Langs}
	if _, err := fs.Stat(opts.Content, "en"); opts.DanishOnly || err != nil {
		b.langs = Langs[:1] // no English folder: a Danish-only site
	}
	if err := b.loadTheme(); err != nil {
		return nil, Summary{}, err
	}
	b.load()
	if len(b.errs) > 0 {
		return nil, Summary{}, b.err()
	}
	b.render()
	b.checkAnchors()
	if len(b.errs) > 0 {
		return nil, Summary{}, b.err()
	}
	// The content is sound: from here on files go to disk as they are
	// made, beside Out, and take its place at the end.
	tree, err := newTree(opts.Out)
	if err != nil {
		return nil, Summary{}, err
	}
	names := make([]string, 0, len(b.files))
	for n := range b.files {
		names = append(names, n)
	}
	sort.Strings(names)
	b.written = make(map[string]bool, len(names))
	for _, n := range names {
		tree.put(n, b.files[n])
		b.written[n] = true
	}
	b.files, b.out = nil, tree
	var wg sync.WaitGroup
	b.specials(&wg)
	b.write()
	wg.Wait()
	if len(b.errs) > 0 {
		tree.abort()
		return nil, Summary{}, b.err()
	}
	sum := Summary{Pages: map[string]int{}, Files: tree.files() + 1} // and the Marker commit adds
	for _, l := range b.langs {
		sum.Pages[l] = len(b.pages[l])
		for _, p := range b.pages[l] {
			if p.fallback {
				sum.Fallbacks++
			}
		}
	}
	sort.Strings(b.warns)
	sum.Warnings = b.warns
	if err := tree.commit(); err != nil {
		return nil, sum, err
	}
	if tree.upd != nil {
		sum.Updated, sum.Written, sum.Removed = true, tree.stats.Written, tree.stats.Removed
	} else {
		sum.Written = sum.Files
	}
	return b, sum, nil
}

// parallel runs fn for every page of every language on all cores.
func (b *builder) parallel(fn func(p *page)) {
	var all []*page
	for _, l := range b.langs {
		all = append(all, b.pages[l]...)
	}
	each(len(all), func(i int) { fn(all[i]) })
}

// each runs fn(0) to fn(n-1) on all cores.
func each(n int, fn func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				fn(i)
			}
		})
	}
	wg.Wait()
}

// rel returns the relative link from the output folder dir ("da/a/", ""
// for the root) to target (a folder "da/b/" or a file "assets/x.css"),
// "./" before it when its first segment has a colon ("./kl. 10:30/").
// Every link of every sidebar goes through it, so it walks the segments
// in place rather than splitting the strings.
func rel(dir, target string) string {
	var d, t string
	nd, nt := 0, 0 // the numbers of segments
	if dir != "" {
		d = strings.TrimSuffix(dir, "/")
		nd = strings.Count(d, "/") + 1
	}
	if target != "" {
		t = strings.TrimSuffix(target, "/")
		nt = strings.Count(t, "/") + 1
	}
	isDir := strings.HasSuffix(target, "/") || target == ""
	// i segments in common; pd and pt are where segment i starts.
	i, pd, pt := 0, 0, 0
	for i < nd && i < nt {
		ed, et := segEnd(d, pd), segEnd(t, pt)
		if d[pd:ed] != t[pt:et] {
			break
		}
		i, pd, pt = i+1, ed+1, et+1
	}
	var sb strings.Builder
	sb.Grow(3*(nd-i) + len(t) + 1)
	for range nd - i {
		sb.WriteString("../")
	}
	if i < nt {
		if i == nd && strings.IndexByte(t[pt:segEnd(t, pt)], ':') >= 0 {
			// A link that starts "a:b" is a URL of the scheme "a" to a
			// browser (and html/template writes #ZgotmplZ for it).
			sb.WriteString("./")
		}
		sb.WriteString(t[pt:])
		if isDir {
			sb.WriteByte('/')
		}
	}
	if sb.Len() == 0 {
		return "./"
	}
	return sb.String()
}

// segEnd is the end of the path segment of s that starts at i.
func segEnd(s string, i int) int {
	if k := strings.IndexByte(s[i:], '/'); k >= 0 {
		return i + k
	}
	return len(s)
}

// rootOf is the relative path from the output folder dir to the site root.
func rootOf(dir string) string {
	if dir == "" {
		return "./"
	}
	return strings.Repeat("../", strings.Count(strings.TrimSuffix(dir, "/"), "/")+1)
}

// dirOf is the section folder of a page under its language: "" for the
// language's root.
func dirOf(rel string) string {
	d := path.Dir(rel)
	if d == "." {
		return ""
	}
	return d
}
