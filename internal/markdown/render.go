package markdown

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Options are the per-page settings of Render.
type Options struct {
	// Lang is "da" or "en" ("" is "da"): decimal commas and quotation
	// marks.
	Lang string
	// Words are the words the HTML needs in the page's language, by the
	// keys of WordKeys: the markdown: section of the theme's
	// templates/i18n/LANG.yaml (internal/i18n). A missing one is an error.
	Words map[string]string
	// Values are the flattened rule values (programme.Config.Values).
	Values map[string]string
	// Links is called for every internal link or image destination, in
	// Markdown and in raw HTML (href= and src=): a relative path
	// ("../forloeb/ansvar.md#agenda"), an anchor alone ("#agenda") or a
	// site path ("/da/"). Destinations with a scheme (http:, https:,
	// mailto:, tel:, ...) and "//host" ones are external and left alone.
	// Links returns the href to write; an error is reported with the link's
	// line. Nil leaves destinations as written.
	Links func(dest string) (href string, err error)
	// IDPrefix, when set, is put before every id the page generates
	// (headings and footnotes) and before the anchor links that point to
	// them, so that several pages can share one HTML document (the print
	// page). Anchors written in the text ("#agenda") still go through
	// Links as written.
	IDPrefix string
	// ReservedIDs are ids the document around the page's HTML already
	// has (the theme's <main id="main">, the numbers block after the
	// text): no heading takes one. Compared with IDPrefix included. A
	// heading whose generated id is reserved gets the next free suffix
	// ("main-2"), as a repeated one does; an explicit {#id} that is
	// reserved is an error. Render only reads the map.
	ReservedIDs map[string]bool
	// Embed, when set, writes a second version of the page, from the same
	// parse and in the same walk, into Result.Embedded: for a document that
	// holds several pages (the print page).
	Embed *Embed
}

// Embed is how Render writes Result.Embedded.
type Embed struct {
	// IDPrefix is put before every id of the page: the ids of headings
	// and footnotes (before Options.IDPrefix), the id attributes in raw
	// HTML, and the anchors of the heading and footnote links that point to
	// them. Anchors written in the text go through Options.Links as in
	// Result.HTML.
	IDPrefix string
	// HeadingOffset moves every heading that many levels down (h2 becomes
	// h3 with 1), to h6 at most; a heading keeps the anchor link of its own
	// level. Headings written as raw HTML are left as they are.
	HeadingOffset int
}

// Heading is a heading of the page, for its table of contents.
type Heading struct {
	Level int    // 1 to 4; a body h1 is listed so that the site can report it
	ID    string // the id attribute, IDPrefix included
	Text  string // plain text
}

// Link is an internal link as written in the source, with its file line.
type Link struct {
	Dest string
	Line int
}

// Result is a rendered page.
type Result struct {
	HTML     []byte
	Embedded []byte    // the HTML for Options.Embed (nil without)
	Headings []Heading // h1 to h4 in order (the template supplies the h1, so a body h1 is an error to the site)
	IDs      []string  // every id attribute in HTML (headings, footnotes, raw HTML), sorted
	Links    []Link    // internal links, in source order
	Text     string    // plain text, one line per block, for search and descriptions
}

// engine is one configured goldmark and the words of its language.
type engine struct {
	md goldmark.Markdown
	// plain is md without GFM's autolinking, for a page in which
	// autolinking cannot find a link (mayAutolink): its parser is
	// consulted at every space and "(" of the text, which cost about a
	// tenth of the parse of a page without links (BenchmarkRenderSynthetic).
	// Renderer and the AST are md's, but for text being split into fewer
	// ast.Text nodes, which write the same bytes where white space does
	// not matter (spacesMatter; FuzzPlainParser).
	plain     parser.Parser
	lang      string
	labels    map[string]string
	footnotes []extension.FootnoteOption // the footnote extension's, also for nodeRenderer
}

var (
	enginesMu sync.Mutex
	engines   = map[string]*engine{}
)

// WordKeys are the keys of Options.Words: the callouts' visible titles
// (note, tip, important, warning, caution), the label of a table's scroll
// box (table), of a heading's anchor link (anchor), of a ticked task box
// (checked) and of a footnote's link back (backlink), and the id of a
// heading without letters or digits (section).
var WordKeys = []string{"note", "tip", "important", "warning", "caution", "table", "anchor", "section", "checked", "backlink"}

// engineFor returns the goldmark configured for lang and words, built once
// per process and shared by all Render calls with the same words (goldmark
// is safe for concurrent use; per-page state lives in the parser.Context).
func engineFor(lang string, words map[string]string) (*engine, error) {
	if lang == "" {
		lang = "da"
	}
	if lang != "da" && lang != "en" {
		return nil, fmt.Errorf("unknown language %q (known: da, en)", lang)
	}
	var key strings.Builder
	key.WriteString(lang)
	var missing []string
	for _, k := range WordKeys {
		w := words[k]
		if w == "" {
			missing = append(missing, k)
		}
		key.WriteByte(0)
		key.WriteString(w)
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("no words for %s in Options.Words (the markdown: section of templates/i18n/%s.yaml)", strings.Join(missing, ", "), lang)
	}
	enginesMu.Lock()
	defer enginesMu.Unlock()
	e := engines[key.String()]
	if e == nil {
		e = newEngine(lang, words)
		engines[key.String()] = e
	}
	return e, nil
}

// newEngine configures goldmark for lang: GFM, definition lists, footnotes,
// the typographer (with Danish quotation marks in Danish), heading
// attributes, our transformer and our renderers.
func newEngine(lang string, words map[string]string) *engine {
	subs := map[extension.TypographicPunctuation]string{
		extension.EnDash: "–", extension.EmDash: "—", extension.Ellipsis: "…",
		extension.Apostrophe:      "’",
		extension.LeftDoubleQuote: "“", extension.RightDoubleQuote: "”",
		extension.LeftSingleQuote: "‘", extension.RightSingleQuote: "’",
		extension.LeftAngleQuote: "«", extension.RightAngleQuote: "»",
	}
	if lang == "da" {
		// Danish quotation marks point inwards: »citat« and ›citat‹.
		subs[extension.LeftDoubleQuote], subs[extension.RightDoubleQuote] = "»", "«"
		subs[extension.LeftSingleQuote], subs[extension.RightSingleQuote] = "›", "‹"
	}
	labels := make(map[string]string, len(WordKeys))
	for _, k := range WordKeys {
		labels[k] = words[k]
	}
	e := &engine{lang: lang, labels: labels}
	e.footnotes = []extension.FootnoteOption{
		extension.WithFootnoteIDPrefixFunction(footnotePrefix),
		extension.WithFootnoteBacklinkTitle(e.labels["backlink"]),
	}
	parserOpts := []parser.Option{
		parser.WithHeadingAttribute(), // "## Title {#own-id}"
		parser.WithASTTransformers(util.Prioritized(transformer{}, 100)),
	}
	if lang == "da" {
		parserOpts = append(parserOpts, parser.WithInlineParsers(util.Prioritized(daQuotes{}, 9998)))
	}
	md := func(gfm ...goldmark.Extender) goldmark.Markdown {
		return goldmark.New(
			goldmark.WithExtensions(append(gfm,
				extension.DefinitionList,
				extension.NewFootnote(e.footnotes...),
				extension.NewTypographer(extension.WithTypographicSubstitutions(subs)),
			)...),
			goldmark.WithParserOptions(parserOpts...),
			goldmark.WithRendererOptions(
				html.WithUnsafe(),
				renderer.WithNodeRenderers(util.Prioritized(&nodeRenderer{e: e}, 100)),
			),
		)
	}
	// GFM is Linkify, Table, Strikethrough and TaskList. The table writes
	// no alignment itself: goldmark's style="text-align:…" is blocked by
	// the site's Content-Security-Policy (style-src 'self') and align= is
	// obsolete HTML, so the transformer gives aligned cells a class.
	table := extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignNone))
	e.md = md(extension.Linkify, table, extension.Strikethrough, extension.TaskList)
	e.plain = md(table, extension.Strikethrough, extension.TaskList).Parser()
	return e
}

// mayAutolink reports whether GFM's autolinking (goldmark's linkify
// parser) could find a link in src: a URL needs "://" after its scheme, a
// www. link "www." and an e-mail address "@".
func mayAutolink(src []byte) bool {
	return bytes.IndexByte(src, '@') >= 0 || bytes.Contains(src, []byte("://")) || bytes.Contains(src, []byte("www."))
}

// spacesMatter reports whether src has a run of white space that the
// parser with autolinking may write differently: goldmark consults its
// linkify parser at every space and tab, which ends the text node there,
// and only a line's last text node loses its trailing white space, so
// that "a \t" at the end of a line is written "a " with autolinking and
// "a" without. Two spaces before a line break (a hard break) are dropped
// by both. A tab or a carriage return anywhere counts, for simplicity.
func spacesMatter(src []byte) bool {
	if bytes.IndexByte(src, '\t') >= 0 || bytes.IndexByte(src, '\r') >= 0 {
		return true
	}
	for i := 0; ; {
		j := bytes.Index(src[i:], []byte("  "))
		if j < 0 {
			return false
		}
		i += j + 2
		if i >= len(src) || src[i] != '\n' {
			return true
		}
	}
}

// parserFor is the parser for src: e.plain where it parses src as e.md
// does, unless always (for the tests that hold e.plain to e.md).
func (e *engine) parserFor(src []byte, always bool) parser.Parser {
	if always || mayAutolink(src) || spacesMatter(src) {
		return e.md.Parser()
	}
	return e.plain
}

// footnotePrefix gives footnote ids the page's IDPrefix (and the Embed's).
func footnotePrefix(n ast.Node) []byte {
	if m := modeOf(n); m != nil {
		return m.prefix
	}
	return nil
}

// attrMode is the document attribute that tells the renderers which of a
// page's HTML documents they are writing: a *renderMode.
const attrMode = "data-mentor-mode"

// renderMode is Result.HTML's or Result.Embedded's settings.
type renderMode struct {
	prefix []byte // before footnote ids: Options.IDPrefix, for Embedded after Embed.IDPrefix
	embed  *Embed // nil for Result.HTML
}

// modeOf returns the mode the document of n is being rendered in, or nil.
func modeOf(n ast.Node) *renderMode {
	if d := n.OwnerDocument(); d != nil {
		if v, ok := d.AttributeString(attrMode); ok {
			m, _ := v.(*renderMode)
			return m
		}
	}
	return nil
}

// embedOf returns the Embed the document of n is being rendered for, or nil.
func embedOf(n ast.Node) *Embed {
	if m := modeOf(n); m != nil {
		return m.embed
	}
	return nil
}

var stateKey = parser.NewContextKey()

// state is what one Render call shares with the transformer.
type state struct {
	path      string
	bodyLine  int
	lineStart []int // offsets of the source's line starts
	occ       []occurrence
	opts      *Options
	ids       *ids
	eng       *engine
	links     []Link
	headings  []Heading
	errs      []lineError
}

// line returns the file line of a source offset.
func (s *state) line(offset int) int {
	if offset < 0 {
		offset = 0
	}
	return sort.Search(len(s.lineStart), func(i int) bool { return s.lineStart[i] > offset }) - 1 + s.bodyLine
}

// errorf records an error at a source offset.
func (s *state) errorf(offset int, format string, args ...any) {
	line := s.line(offset)
	s.errs = append(s.errs, lineError{line, fmt.Errorf("%s:%d: "+format, append([]any{s.path, line}, args...)...)})
}

// Render expands the rule values in body, then converts it to HTML. path and
// bodyLine (the file line where body starts, from SplitFrontMatter) put the
// file's own lines into errors: "content/da/etik.md:12: unknown rule value
// "rules.foo"". All errors of the page are returned together (errors.Join);
// the Result is filled in as far as possible even then.
func Render(path string, body []byte, bodyLine int, opts Options) (Result, error) {
	return renderPage(path, body, bodyLine, opts, false)
}

// renderPage is Render; autolinkAlways parses with autolinking even where it
// cannot find a link.
func renderPage(path string, body []byte, bodyLine int, opts Options, autolinkAlways bool) (Result, error) {
	p, err := parse(path, body, bodyLine, opts, autolinkAlways)
	if err != nil {
		return Result{}, err
	}
	page := &htmlWriter{b: make([]byte, 0, len(p.src)*3/2+512)}
	if opts.Embed == nil {
		p.doc.SetAttributeString(attrMode, &p.page)
		err := p.e.md.Renderer().Render(page, p.src, p.doc)
		return p.result(page.b, nil, err, nil)
	}
	// Both documents in one walk: a twinWriter writes what they share to
	// both, and the renderers of what differs (split) write each its own.
	// The page's HTML is about 1.35 times its Markdown, the Embedded HTML
	// as long but for the prefix before ids and anchors.
	tw := &twinWriter{page: page, embed: &htmlWriter{b: make([]byte, 0, cap(page.b)+32*len(opts.Embed.IDPrefix))}, p: p}
	p.doc.SetAttributeString(attrMode, &tw.mode)
	err = p.e.md.Renderer().Render(tw, p.src, p.doc)
	return p.result(page.b, tw.embed.b, err, err)
}

// parsed is a page parsed and transformed, before its HTML is written.
type parsed struct {
	e           *engine
	src         []byte
	doc         ast.Node
	st          *state
	errs        []lineError
	page, print renderMode // the modes of Result.HTML and Result.Embedded
}

// parse expands the rule values in body and parses it.
func parse(path string, body []byte, bodyLine int, opts Options, autolinkAlways bool) (*parsed, error) {
	e, err := engineFor(opts.Lang, opts.Words)
	if err != nil {
		return nil, fmt.Errorf("%s:%d: %w", path, bodyLine, err)
	}
	body, qerrs := expandQuestions(path, body, bodyLine, e.lang, opts.Values)
	src, occ := expand(path, body, bodyLine, e.lang, opts.Values)
	st := &state{
		path: path, bodyLine: bodyLine, opts: &opts, eng: e, occ: occ,
		ids:       newIDs(opts.IDPrefix, e.labels["section"], opts.ReservedIDs),
		lineStart: make([]int, 1, bytes.Count(src, []byte("\n"))+1),
	}
	for i, c := range src {
		if c == '\n' {
			st.lineStart = append(st.lineStart, i+1)
		}
	}
	pc := parser.NewContext(parser.WithIDs(st.ids))
	pc.Set(stateKey, st)
	p := &parsed{e: e, src: src, st: st, errs: qerrs, page: renderMode{prefix: []byte(opts.IDPrefix)}}
	if opts.Embed != nil {
		p.print = renderMode{prefix: []byte(opts.Embed.IDPrefix + opts.IDPrefix), embed: opts.Embed}
	}
	p.doc = e.parserFor(src, autolinkAlways).Parse(text.NewReader(src), parser.WithContext(pc))
	for _, o := range st.occ {
		if o.err != nil && !o.inCode {
			p.errs = append(p.errs, lineError{o.line, o.err})
		}
	}
	return p, nil
}

// result is the page's Result, from its HTML and Embedded HTML and the
// errors of writing them.
func (p *parsed) result(html, embedded []byte, err, embedErr error) (Result, error) {
	errs := p.errs
	for _, err := range []error{err, embedErr} {
		if err != nil {
			errs = append(errs, lineError{p.st.bodyLine, fmt.Errorf("%s:%d: %w", p.st.path, p.st.bodyLine, err)})
		}
	}
	errs = append(errs, p.st.errs...)
	res := Result{
		HTML:     html,
		Embedded: embedded,
		Headings: p.st.headings,
		Links:    p.st.links,
		IDs:      CollectIDs(html),
		Text:     plainText(p.doc, p.src),
	}
	return res, joinErrors(errs)
}

// twinWriter writes Result.HTML and Result.Embedded in one walk of the
// page: what they share to both, and through split what differs. Rendering
// the page a second time for Embedded cost about 6 % of the processor time
// of a build of 1,000 pages; FuzzEmbedInOneWalk holds the one walk to the
// two renders.
type twinWriter struct {
	page, embed *htmlWriter
	p           *parsed
	mode        renderMode // what the document's attrMode points to
}

// split makes a renderer of a node whose HTML differs between Result.HTML
// and Result.Embedded (ids, heading levels) write each: with a twinWriter,
// f writes the page's in the page's mode, then the Embedded's in its own.
func split(f renderer.NodeRendererFunc) renderer.NodeRendererFunc {
	return func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		t, ok := w.(*twinWriter)
		if !ok {
			return f(w, src, n, entering)
		}
		t.mode = t.p.page
		status, err := f(t.page, src, n, entering)
		t.mode = t.p.print
		status2, err2 := f(t.embed, src, n, entering)
		if err == nil && status2 != status {
			err = fmt.Errorf("the print version of a %s goes on differently", n.Kind())
		}
		return status, cmp.Or(err, err2)
	}
}

func (w *twinWriter) Write(p []byte) (int, error) {
	w.page.b = append(w.page.b, p...)
	w.embed.b = append(w.embed.b, p...)
	return len(p), nil
}

func (w *twinWriter) WriteString(s string) (int, error) {
	w.page.b = append(w.page.b, s...)
	w.embed.b = append(w.embed.b, s...)
	return len(s), nil
}

func (w *twinWriter) WriteByte(c byte) error {
	w.page.b = append(w.page.b, c)
	w.embed.b = append(w.embed.b, c)
	return nil
}

func (w *twinWriter) WriteRune(r rune) (int, error) {
	n := len(w.page.b)
	w.page.b = utf8.AppendRune(w.page.b, r)
	w.embed.b = append(w.embed.b, w.page.b[n:]...)
	return len(w.page.b) - n, nil
}

// Available, Buffered and Flush complete util.BufWriter.
func (w *twinWriter) Available() int { return w.page.Available() }
func (w *twinWriter) Buffered() int  { return 0 }
func (w *twinWriter) Flush() error   { return nil }

// htmlWriter is the util.BufWriter the renderer writes a page's HTML to:
// it appends to b, where goldmark would put a bufio.Writer of 4 KiB
// before a bytes.Buffer, allocated for every page and copied through.
type htmlWriter struct{ b []byte }

func (w *htmlWriter) Write(p []byte) (int, error) {
	w.b = append(w.b, p...)
	return len(p), nil
}

func (w *htmlWriter) WriteString(s string) (int, error) {
	w.b = append(w.b, s...)
	return len(s), nil
}

func (w *htmlWriter) WriteByte(c byte) error {
	w.b = append(w.b, c)
	return nil
}

func (w *htmlWriter) WriteRune(r rune) (int, error) {
	n := len(w.b)
	w.b = utf8.AppendRune(w.b, r)
	return len(w.b) - n, nil
}

// Available, Buffered and Flush complete util.BufWriter: nothing is
// buffered apart from b.
func (w *htmlWriter) Available() int { return cap(w.b) - len(w.b) }
func (w *htmlWriter) Buffered() int  { return 0 }
func (w *htmlWriter) Flush() error   { return nil }

// lineError is an error of a page with its file line, for sorting.
type lineError struct {
	line int
	err  error
}

// joinErrors joins the errors of a page in the order of their lines.
func joinErrors(errs []lineError) error {
	if len(errs) == 0 {
		return nil
	}
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].line < errs[j].line })
	list := make([]error, len(errs))
	for i, e := range errs {
		list[i] = e.err
	}
	return errors.Join(list...)
}

// CollectIDs returns the values of the id attributes in h, sorted (as
// Result.IDs).
func CollectIDs(h []byte) []string {
	var found []string
	for i := 0; ; {
		// " id=" is looked for by its "=", which is far rarer in HTML than
		// a space (bytes.Index tries every space).
		j := bytes.IndexByte(h[i:], '=')
		if j < 0 {
			break
		}
		if j < 3 || string(h[i+j-3:i+j]) != " id" {
			i += j + 1
			continue
		}
		i += j + 1
		if i >= len(h) || h[i] != '"' && h[i] != '\'' {
			continue
		}
		q := h[i]
		end := bytes.IndexByte(h[i+1:], q)
		if end < 0 {
			break
		}
		found = append(found, string(h[i+1:i+1+end]))
		i += end + 2
	}
	sort.Strings(found)
	return found
}

// ids makes heading ids with Slug, unique within the page and apart from
// Options.ReservedIDs: "moeder", "moeder-2", "moeder-3". It is the page's
// parser.IDs.
type ids struct {
	prefix   string
	fallback string // for headings without letters or digits
	used     map[string]bool
	reserved map[string]bool // Options.ReservedIDs, not written to
	next     map[string]int  // the next number to try after a taken base
}

func newIDs(prefix, fallback string, reserved map[string]bool) *ids {
	return &ids{prefix: prefix, fallback: fallback, used: map[string]bool{}, reserved: reserved, next: map[string]int{}}
}

// taken says whether id is used on the page or reserved.
func (s *ids) taken(id string) bool { return s.used[id] || s.reserved[id] }

// Generate implements parser.IDs: the slug of value, with IDPrefix, unique.
func (s *ids) Generate(value []byte, _ ast.NodeKind) []byte {
	base := Slug(string(value))
	if base == "" {
		base = s.fallback
	}
	base = s.prefix + base
	id := base
	if s.taken(id) {
		n := max(s.next[base], 2)
		for ; s.taken(id); n++ {
			id = base + "-" + strconv.Itoa(n)
		}
		s.next[base] = n
	}
	s.used[id] = true
	return []byte(id)
}

// Put implements parser.IDs: value is taken.
func (s *ids) Put(value []byte) { s.used[string(value)] = true }
