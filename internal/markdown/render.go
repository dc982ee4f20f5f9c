package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Options are the per-page settings of Render.
type Options struct {
	// Lang is "da" or "en": callout labels, decimal commas, quotation marks.
	Lang string
	// Values are the flattened rule values (programme.Config.Values).
	Values map[string]string
	// Links is called for every internal link or image destination: a
	// relative path ("../forloeb/ansvar.md#agenda"), an anchor ("#agenda") or
	// a site path ("/da/"). It returns the href to write. An error is
	// reported with the link's line. Nil leaves destinations as written.
	Links func(dest string) (href string, err error)
}

// Heading is a heading of the page, for its table of contents.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Link is an internal link as written in the source, with its file line.
type Link struct {
	Dest string
	Line int
}

// Result is a rendered page.
type Result struct {
	HTML     []byte
	Headings []Heading // every heading, h1 included (the site reports a body h1)
	IDs      []string  // every id attribute in HTML, sorted
	Links    []Link    // internal links, in source order
	Text     string    // plain text, for search and descriptions
}

var (
	mdOnce sync.Mutex
	mds    = map[string]goldmark.Markdown{}
)

// engine returns the goldmark configured for lang, built once.
func engine(lang string) goldmark.Markdown {
	mdOnce.Lock()
	defer mdOnce.Unlock()
	if md, ok := mds[lang]; ok {
		return md
	}
	subs := map[extension.TypographicPunctuation]string{
		extension.EnDash: "–", extension.EmDash: "—", extension.Ellipsis: "…",
		extension.Apostrophe:      "’",
		extension.LeftDoubleQuote: "“", extension.RightDoubleQuote: "”",
		extension.LeftSingleQuote: "‘", extension.RightSingleQuote: "’",
	}
	if lang == "da" {
		subs[extension.LeftDoubleQuote], subs[extension.RightDoubleQuote] = "»", "«"
		subs[extension.LeftSingleQuote], subs[extension.RightSingleQuote] = "›", "‹"
	}
	md := goldmark.New(
		goldmark.WithExtensions(
			extension.GFM, extension.Footnote, extension.DefinitionList,
			extension.NewTypographer(extension.WithTypographicSubstitutions(subs)),
		),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(transformer{}, 100)),
		),
		goldmark.WithRendererOptions(
			html.WithUnsafe(),
			renderer.WithNodeRenderers(util.Prioritized(&nodeRenderer{lang: lang}, 100)),
		),
	)
	mds[lang] = md
	return md
}

var stateKey = parser.NewContextKey()

// state is what one Render call shares with the transformer.
type state struct {
	path      string
	bodyLine  int
	lineStart []int
	links     func(string) (string, error)
	found     []Link
	headings  []Heading
	errs      []error
}

func (s *state) line(offset int) int {
	return sort.Search(len(s.lineStart), func(i int) bool { return s.lineStart[i] > offset }) - 1 + s.bodyLine
}

// Render expands rule values in body, then converts it. path and bodyLine put
// the file's own lines into errors ("content/da/etik.md:12: ..."). All errors
// of the page are returned together.
func Render(path string, body []byte, bodyLine int, opts Options) (Result, error) {
	src, errs := expand(path, body, bodyLine, opts.Lang, opts.Values)
	st := &state{path: path, bodyLine: bodyLine, links: opts.Links, lineStart: []int{0}}
	for i, c := range src {
		if c == '\n' {
			st.lineStart = append(st.lineStart, i+1)
		}
	}
	pc := parser.NewContext(parser.WithIDs(newIDs()))
	pc.Set(stateKey, st)
	md := engine(opts.Lang)
	doc := md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	var buf bytes.Buffer
	buf.Grow(len(src) * 2)
	if err := md.Renderer().Render(&buf, src, doc); err != nil {
		errs = append(errs, fmt.Errorf("%s: %w", path, err))
	}
	res := Result{HTML: buf.Bytes(), Headings: st.headings, Links: st.found, Text: plainText(doc, src)}
	res.IDs = collectIDs(res.HTML)
	errs = append(errs, st.errs...)
	return res, errors.Join(errs...)
}

var idAttr = regexp.MustCompile(` id="([^"]+)"`)

func collectIDs(h []byte) []string {
	var ids []string
	for _, m := range idAttr.FindAllSubmatch(h, -1) {
		ids = append(ids, string(m[1]))
	}
	sort.Strings(ids)
	return ids
}

// ids makes heading ids with Slug, unique within the page.
type ids struct{ used map[string]bool }

func newIDs() *ids { return &ids{used: map[string]bool{}} }

func (s *ids) Generate(value []byte, _ ast.NodeKind) []byte {
	base := Slug(string(value))
	if base == "" {
		base = "afsnit"
	}
	id := base
	for n := 2; s.used[id]; n++ {
		id = fmt.Sprintf("%s-%d", base, n)
	}
	s.used[id] = true
	return []byte(id)
}

func (s *ids) Put(value []byte) { s.used[string(value)] = true }

var scheme = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*:`)

// internal reports whether a destination points inside the site.
func internal(dest string) bool {
	return dest != "" && !scheme.MatchString(dest) && !strings.HasPrefix(dest, "//")
}

// Node kinds of our own: a callout and a scrollable table wrapper.
var (
	kindCallout   = ast.NewNodeKind("Callout")
	kindTableWrap = ast.NewNodeKind("TableWrap")
)

type callout struct {
	ast.BaseBlock
	kind string // note, tip, important, warning, caution
}

func (n *callout) Kind() ast.NodeKind           { return kindCallout }
func (n *callout) Dump(src []byte, level int)   { ast.DumpHelper(n, src, level, nil, nil) }
func (n *tableWrap) Kind() ast.NodeKind         { return kindTableWrap }
func (n *tableWrap) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

type tableWrap struct{ ast.BaseBlock }

var calloutMarker = regexp.MustCompile(`^<!--callout:([a-z]+)-->`)

// transformer rewrites links, turns marked block quotes into callouts, wraps
// tables, marks task lists and collects headings.
type transformer struct{}

func (transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st, _ := pc.Get(stateKey).(*state)
	if st == nil {
		return
	}
	src := reader.Source()
	var quotes, tables []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch v := n.(type) {
		case *ast.Heading:
			id, _ := v.AttributeString("id")
			idb, _ := id.([]byte)
			st.headings = append(st.headings, Heading{Level: v.Level, ID: string(idb), Text: nodeText(v, src)})
		case *ast.Link:
			v.Destination = st.rewrite(v, v.Destination, src)
		case *ast.Image:
			v.Destination = st.rewrite(v, v.Destination, src)
		case *ast.Blockquote:
			quotes = append(quotes, v)
		case *east.Table:
			tables = append(tables, v)
		case *east.TaskCheckBox:
			if li := v.Parent(); li != nil && li.Parent() != nil {
				if item := li.Parent(); item.Kind() == ast.KindListItem {
					item.SetAttributeString("class", []byte("task-list-item"))
					item.Parent().SetAttributeString("class", []byte("task-list"))
				}
			}
		}
		return ast.WalkContinue, nil
	})
	for _, q := range quotes {
		first := q.FirstChild()
		hb, ok := first.(*ast.HTMLBlock)
		if !ok || hb.Lines().Len() == 0 {
			continue
		}
		seg := hb.Lines().At(0)
		m := calloutMarker.FindSubmatch(seg.Value(src))
		if m == nil {
			continue
		}
		c := &callout{kind: string(m[1])}
		q.RemoveChild(q, hb)
		for ch := q.FirstChild(); ch != nil; {
			next := ch.NextSibling()
			q.RemoveChild(q, ch)
			c.AppendChild(c, ch)
			ch = next
		}
		q.Parent().ReplaceChild(q.Parent(), q, c)
	}
	for _, t := range tables {
		w := &tableWrap{}
		t.Parent().ReplaceChild(t.Parent(), t, w)
		w.AppendChild(w, t)
	}
}

func (st *state) rewrite(n ast.Node, dest []byte, src []byte) []byte {
	d := string(dest)
	if !internal(d) {
		return dest
	}
	line := st.line(offsetOf(n))
	st.found = append(st.found, Link{Dest: d, Line: line})
	if st.links == nil {
		return dest
	}
	href, err := st.links(d)
	if err != nil {
		st.errs = append(st.errs, fmt.Errorf("%s:%d: link %q: %w", st.path, line, d, err))
		return dest
	}
	return []byte(href)
}

// offsetOf returns a source offset inside n: its first text segment, or the
// first line of the nearest block holding it.
func offsetOf(n ast.Node) int {
	off := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			off = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if off >= 0 {
		return off
	}
	for p := n; p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return 0
}

// nodeText is the plain text of an inline tree (a heading's text).
func nodeText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch v := c.(type) {
		case *ast.Text:
			b.Write(v.Segment.Value(src))
			if v.SoftLineBreak() || v.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(v.Value)
		case *ast.CodeSpan:
			for ch := v.FirstChild(); ch != nil; ch = ch.NextSibling() {
				if t, ok := ch.(*ast.Text); ok {
					b.Write(t.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

var tag = regexp.MustCompile(`<[^>]*>`)

// plainText is the page's text for search: one line per block.
func plainText(doc ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch v := n.(type) {
		case *ast.Heading, *ast.Paragraph, *ast.TextBlock, *east.TableCell, *east.DefinitionTerm:
			if t := nodeText(v, src); t != "" {
				b.WriteString(t)
				b.WriteByte('\n')
			}
			return ast.WalkSkipChildren, nil
		case *ast.HTMLBlock:
			var raw bytes.Buffer
			for i := 0; i < v.Lines().Len(); i++ {
				seg := v.Lines().At(i)
				raw.Write(seg.Value(src))
			}
			t := strings.Join(strings.Fields(tag.ReplaceAllString(raw.String(), " ")), " ")
			if t != "" {
				b.WriteString(t)
				b.WriteByte('\n')
			}
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// labels are the callouts' visible titles and other words the HTML needs.
var labels = map[string]map[string]string{
	"da": {"note": "Bemærk", "tip": "Tip", "important": "Vigtigt", "warning": "Advarsel", "caution": "Pas på", "table": "Tabel", "anchor": "Link til afsnittet"},
	"en": {"note": "Note", "tip": "Tip", "important": "Important", "warning": "Warning", "caution": "Caution", "table": "Table", "anchor": "Link to this section"},
}

func label(lang, key string) string {
	if l, ok := labels[lang]; ok {
		return l[key]
	}
	return labels["en"][key]
}

// nodeRenderer renders our own nodes, headings with anchor links, and task
// check boxes as boxes that print empty.
type nodeRenderer struct{ lang string }

func (r *nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindCallout, r.callout)
	reg.Register(kindTableWrap, r.tableWrap)
	reg.Register(ast.KindHeading, r.heading)
	reg.Register(east.KindTaskCheckBox, r.taskBox)
}

func (r *nodeRenderer) callout(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	c := n.(*callout)
	if entering {
		fmt.Fprintf(w, "<div class=\"callout callout-%s\" role=\"note\">\n<p class=\"callout-title\">%s</p>\n", c.kind, label(r.lang, c.kind))
	} else {
		w.WriteString("</div>\n")
	}
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) tableWrap(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		fmt.Fprintf(w, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"%s\">\n", label(r.lang, "table"))
	} else {
		w.WriteString("</div>\n")
	}
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) heading(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	h := n.(*ast.Heading)
	id := ""
	if v, ok := h.AttributeString("id"); ok {
		if b, ok := v.([]byte); ok {
			id = string(b)
		}
	}
	if entering {
		fmt.Fprintf(w, "<h%d", h.Level)
		if id != "" {
			fmt.Fprintf(w, " id=\"%s\"", util.EscapeHTML([]byte(id)))
		}
		w.WriteByte('>')
		return ast.WalkContinue, nil
	}
	if id != "" && h.Level >= 2 && h.Level <= 4 {
		fmt.Fprintf(w, " <a class=\"heading-anchor\" href=\"#%s\" aria-label=\"%s\">#</a>", util.EscapeHTML([]byte(id)), label(r.lang, "anchor"))
	}
	fmt.Fprintf(w, "</h%d>\n", h.Level)
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) taskBox(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	if n.(*east.TaskCheckBox).IsChecked {
		w.WriteString(`<span class="task-box task-box-checked" aria-hidden="true"></span>`)
	} else {
		w.WriteString(`<span class="task-box" aria-hidden="true"></span>`)
	}
	return ast.WalkContinue, nil
}
