package markdown

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Node kinds of our own: a callout and a scrollable table wrapper.
var (
	kindCallout   = ast.NewNodeKind("Callout")
	kindTableWrap = ast.NewNodeKind("TableWrap")
)

// callout is a GitHub-style callout: a block quote that began with [!NOTE].
type callout struct {
	ast.BaseBlock
	kind string // note, tip, important, warning, caution
}

// Kind implements ast.Node.
func (n *callout) Kind() ast.NodeKind { return kindCallout }

// Dump implements ast.Node.
func (n *callout) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Kind": n.kind}, nil)
}

// tableWrap holds a table so that it scrolls on its own on a narrow screen.
type tableWrap struct {
	ast.BaseBlock
	label string
}

// Kind implements ast.Node.
func (n *tableWrap) Kind() ast.NodeKind { return kindTableWrap }

// Dump implements ast.Node.
func (n *tableWrap) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Label": n.label}, nil)
}

// calloutMarker is the first line of a callout.
var calloutMarker = regexp.MustCompile(`(?i)^\[!(note|tip|important|warning|caution)\]$`)

// attrHTML holds the rewritten text of a raw HTML node whose links were
// rewritten.
const attrHTML = "data-mentor-html"

// scheme matches a URL scheme (http:, mailto:, tel:, ...).
var scheme = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*:`)

// internal reports whether a destination points inside the site.
func internal(dest string) bool {
	return dest != "" && !scheme.MatchString(dest) && !strings.HasPrefix(dest, "//")
}

// transformer names headings, rewrites links, turns marked block quotes
// into callouts, wraps tables, marks aligned table cells and task lists.
type transformer struct{}

// Transform implements parser.ASTTransformer.
func (transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st, _ := pc.Get(stateKey).(*state)
	if st == nil {
		return // a plain parse, such as the search for code in expand
	}
	src := reader.Source()
	var headings, quotes, tables []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch v := n.(type) {
		case *ast.Heading:
			headings = append(headings, v)
			if id, ok := v.AttributeString("id"); ok {
				own, _ := id.([]byte)
				b := append([]byte(st.opts.IDPrefix), own...)
				switch {
				case st.ids.used[string(b)]:
					st.errorf(blockStart(v), "heading id %q is used twice", own)
					b = st.ids.Generate(own, ast.KindHeading) // keep the HTML valid
				case st.ids.reserved[string(b)]:
					st.errorf(blockStart(v), "heading id %q is taken by the page around the text (the theme or the numbers block); choose another", own)
					b = st.ids.Generate(own, ast.KindHeading)
				}
				st.ids.Put(b)
				v.SetAttributeString("id", b)
			}
		case *ast.Link:
			v.Destination = st.rewrite(v, v.Destination)
		case *ast.Image:
			v.Destination = st.rewrite(v, v.Destination)
		case *ast.HTMLBlock:
			if v.HTMLBlockType != ast.HTMLBlockType2 { // comments are left alone
				st.rewriteHTML(v, v.Lines(), src) // a closure line ("</div>") is kept as is
			}
		case *ast.RawHTML:
			if v.Segments.Len() > 0 {
				if first := v.Segments.At(0); !bytes.HasPrefix(first.Value(src), []byte("<!--")) {
					st.rewriteHTML(v, v.Segments, src)
				}
			}
		case *ast.CodeSpan, *ast.FencedCodeBlock, *ast.CodeBlock:
			if len(st.occ) > 0 {
				st.restoreCode(n, src)
			}
			return ast.WalkSkipChildren, nil
		case *ast.Blockquote:
			quotes = append(quotes, v)
		case *east.Table:
			tables = append(tables, v)
		case *east.TableCell:
			if v.Alignment != east.AlignNone {
				v.SetAttributeString("class", []byte("align-"+v.Alignment.String()))
			}
		case *east.TaskCheckBox:
			if item := v.Parent().Parent(); item != nil && item.Kind() == ast.KindListItem {
				item.SetAttributeString("class", []byte("task-list-item"))
				if list := item.Parent(); list != nil {
					list.SetAttributeString("class", []byte("task-list"))
				}
			}
		}
		return ast.WalkContinue, nil
	})
	// Headings get their ids once every explicit id is known.
	for _, n := range headings {
		h := n.(*ast.Heading)
		txt := nodeText(h, src)
		if _, ok := h.AttributeString("id"); !ok {
			h.SetAttributeString("id", pc.IDs().Generate([]byte(txt), ast.KindHeading))
		}
		if h.Level <= 4 {
			id, _ := h.AttributeString("id")
			b, _ := id.([]byte)
			st.headings = append(st.headings, Heading{Level: h.Level, ID: string(b), Text: txt})
		}
	}
	for _, q := range quotes {
		makeCallout(q.(*ast.Blockquote), src)
	}
	for i, t := range tables {
		w := &tableWrap{label: st.eng.labels["table"]}
		if len(tables) > 1 {
			w.label += " " + strconv.Itoa(i+1)
		}
		t.Parent().ReplaceChild(t.Parent(), t, w)
		w.AppendChild(w, t)
	}
}

// makeCallout turns q into a callout when its first line is [!NOTE] or one
// of the other markers.
func makeCallout(q *ast.Blockquote, src []byte) {
	p, ok := q.FirstChild().(*ast.Paragraph)
	if !ok || p.Lines().Len() == 0 {
		return
	}
	first := p.Lines().At(0)
	m := calloutMarker.FindSubmatch(bytes.TrimSpace(first.Value(src)))
	if m == nil {
		return
	}
	// Drop the marker's inline nodes, then the paragraph if nothing is left.
	for c := p.FirstChild(); c != nil && inlineStart(c) < first.Stop; {
		next := c.NextSibling()
		p.RemoveChild(p, c)
		c = next
	}
	if p.FirstChild() == nil {
		q.RemoveChild(q, p)
	}
	c := &callout{kind: strings.ToLower(string(m[1]))}
	for ch := q.FirstChild(); ch != nil; {
		next := ch.NextSibling()
		c.AppendChild(c, ch)
		ch = next
	}
	q.Parent().ReplaceChild(q.Parent(), q, c)
}

// inlineStart returns the source offset where an inline node starts.
func inlineStart(n ast.Node) int {
	if t, ok := n.(*ast.Text); ok {
		return t.Segment.Start
	}
	if p := n.Pos(); p >= 0 {
		return p
	}
	return 1 << 62
}

// blockStart returns the offset of the first line of the block holding n.
func blockStart(n ast.Node) int {
	for p := n; p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
		if p.Type() == ast.TypeBlock && p.Pos() >= 0 {
			return p.Pos()
		}
	}
	return 0
}

// offsetOf returns a source offset inside n: its own position, its first
// text, or the first line of the nearest block holding it.
func offsetOf(n ast.Node) int {
	if p := n.Pos(); p >= 0 {
		return p
	}
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
	return blockStart(n)
}

// rewrite records an internal destination and returns its href.
func (st *state) rewrite(n ast.Node, dest []byte) []byte {
	d := string(dest)
	if !internal(d) {
		return dest
	}
	href, ok := st.resolve(d, offsetOf(n))
	if !ok {
		return dest
	}
	return []byte(href)
}

// resolve records the internal destination d at offset and asks
// Options.Links for its href.
func (st *state) resolve(d string, offset int) (string, bool) {
	st.links = append(st.links, Link{Dest: d, Line: st.line(offset)})
	if st.opts.Links == nil {
		return d, false
	}
	href, err := st.opts.Links(d)
	if err != nil {
		st.errorf(offset, "link %q: %w", d, err)
		return d, false
	}
	return href, true
}

// htmlLink finds href= and src= attributes in raw HTML.
var htmlLink = regexp.MustCompile(`(?i)\s(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')`)

// rewriteHTML rewrites the internal href= and src= attributes of a raw
// HTML node and keeps the result on the node for the renderer.
func (st *state) rewriteHTML(n ast.Node, segs *text.Segments, src []byte) {
	if segs.Len() == 0 {
		return
	}
	var out []byte
	changed := false
	for i := 0; i < segs.Len(); i++ {
		seg := segs.At(i)
		v := seg.Value(src)
		last := 0
		for _, m := range htmlLink.FindAllSubmatchIndex(v, -1) {
			s, e := m[2], m[3]
			if s < 0 {
				s, e = m[4], m[5]
			}
			d := string(v[s:e])
			if !internal(d) {
				continue
			}
			href, ok := st.resolve(d, seg.Start+s)
			if !ok {
				continue
			}
			out = append(out, v[last:s]...)
			out = append(out, escapeAttr(href)...)
			last = e
			changed = true
		}
		out = append(out, v[last:]...)
	}
	if changed {
		n.SetAttributeString(attrHTML, out)
	}
}

// escapeAttr escapes an href for a quoted attribute.
func escapeAttr(s string) string {
	if !strings.ContainsAny(s, `"'<>&`) {
		return s
	}
	r := strings.NewReplacer(`&`, "&amp;", `"`, "&quot;", `'`, "&#39;", `<`, "&lt;", `>`, "&gt;")
	return r.Replace(s)
}
