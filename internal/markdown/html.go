package markdown

import (
	"bytes"
	"regexp"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// nodeRenderer renders our own nodes, headings with anchor links, task
// check boxes as boxes that print empty, and raw HTML whose links were
// rewritten.
type nodeRenderer struct{ e *engine }

// RegisterFuncs implements renderer.NodeRenderer.
func (r *nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindCallout, r.callout)
	reg.Register(kindTableWrap, r.tableWrap)
	reg.Register(east.KindTaskCheckBox, r.taskBox)
	// What has ids differs between Result.HTML and Result.Embedded: split.
	reg.Register(ast.KindHeading, split(r.heading))
	reg.Register(ast.KindHTMLBlock, split(r.htmlBlock))
	reg.Register(ast.KindRawHTML, split(r.rawHTML))
	footnotes := funcs{}
	extension.NewFootnoteHTMLRenderer(r.e.footnotes...).RegisterFuncs(footnotes)
	for _, k := range []ast.NodeKind{east.KindFootnoteLink, east.KindFootnoteBacklink, east.KindFootnote} {
		reg.Register(k, split(footnotes[k]))
	}
	reg.Register(ast.KindCodeSpan, r.codeSpan)
	reg.Register(ast.KindCodeBlock, r.codeBlock)
	reg.Register(ast.KindFencedCodeBlock, r.codeBlock)
}

// funcs collects a NodeRenderer's functions, to wrap them.
type funcs map[ast.NodeKind]renderer.NodeRendererFunc

// Register implements renderer.NodeRendererFuncRegisterer.
func (f funcs) Register(k ast.NodeKind, fn renderer.NodeRendererFunc) { f[k] = fn }

// codeText returns the text of a code node with its rule values as written,
// when it had any.
func codeText(n ast.Node) ([]byte, bool) {
	v, ok := n.AttributeString(attrCode)
	if !ok {
		return nil, false
	}
	b, ok := v.([]byte)
	return b, ok
}

// codeSpan writes inline code as goldmark does, with rule values as written.
func (r *nodeRenderer) codeSpan(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</code>")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<code>")
	if b, ok := codeText(n); ok {
		html.DefaultWriter.RawWrite(w, b)
		return ast.WalkSkipChildren, nil
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		t, ok := c.(*ast.Text)
		if !ok {
			continue
		}
		v := t.Segment.Value(src)
		if bytes.HasSuffix(v, []byte("\n")) {
			html.DefaultWriter.RawWrite(w, v[:len(v)-1])
			_ = w.WriteByte(' ')
		} else {
			html.DefaultWriter.RawWrite(w, v)
		}
	}
	return ast.WalkSkipChildren, nil
}

// codeBlock writes an indented or fenced code block as goldmark does, with
// rule values as written, and reachable by keyboard.
func (r *nodeRenderer) codeBlock(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</code></pre>\n")
		return ast.WalkContinue, nil
	}
	// A long line scrolls the block sideways on a phone; tabindex lets the
	// keyboard scroll it too (axe: scrollable-region-focusable).
	_, _ = w.WriteString(`<pre tabindex="0"><code`)
	if f, ok := n.(*ast.FencedCodeBlock); ok {
		if lang := f.Language(src); lang != nil {
			_, _ = w.WriteString(` class="language-`)
			html.DefaultWriter.Write(w, lang)
			_ = w.WriteByte('"')
		}
	}
	_ = w.WriteByte('>')
	if b, ok := codeText(n); ok {
		html.DefaultWriter.RawWrite(w, b)
		return ast.WalkContinue, nil
	}
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		html.DefaultWriter.RawWrite(w, seg.Value(src))
	}
	return ast.WalkContinue, nil
}

// callout writes a callout as a note with a visible title. It is a div with
// role note, not an aside: an aside is a complementary landmark, which does
// not belong inside the main content.
func (r *nodeRenderer) callout(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	c := n.(*callout)
	if entering {
		_, _ = w.WriteString(`<div class="callout callout-`)
		_, _ = w.WriteString(c.kind)
		_, _ = w.WriteString(`" role="note">` + "\n" + `<p class="callout-title">`)
		_, _ = w.WriteString(r.e.labels[c.kind])
		_, _ = w.WriteString("</p>\n")
	} else {
		_, _ = w.WriteString("</div>\n")
	}
	return ast.WalkContinue, nil
}

// tableWrap writes the table's scroll box: a labelled region that the
// keyboard can reach, so that a wide table can be scrolled on a phone.
func (r *nodeRenderer) tableWrap(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(`<div class="table-wrap" role="region" tabindex="0" aria-label="`)
		_, _ = w.Write(util.EscapeHTML([]byte(n.(*tableWrap).label)))
		_, _ = w.WriteString("\">\n")
	} else {
		_, _ = w.WriteString("</div>\n")
	}
	return ast.WalkContinue, nil
}

// headingAttrs are the attributes "## Title {#id .class}" may set: no
// style= (the site runs under a strict Content-Security-Policy).
var headingAttrs = util.NewBytesFilterString("id,class,lang,dir,title")

// heading writes h1..h6 with their attributes; h2..h4 get an anchor link
// after their text, labelled for screen readers. For Options.Embed the
// level moves down and the id gets the prefix.
func (r *nodeRenderer) heading(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	h := n.(*ast.Heading)
	level, prefix := h.Level, ""
	if e := embedOf(n); e != nil {
		level, prefix = min(max(h.Level+e.HeadingOffset, 1), 6), e.IDPrefix
	}
	if entering {
		_, _ = w.WriteString("<h")
		_ = w.WriteByte(byte('0' + level))
		if h.Attributes() != nil {
			renderAttributes(w, h, headingAttrs, prefix)
		}
		_ = w.WriteByte('>')
		return ast.WalkContinue, nil
	}
	if v, ok := h.AttributeString("id"); ok && h.Level >= 2 && h.Level <= 4 {
		if id, ok := v.([]byte); ok && len(id) > 0 {
			// A no-break space: the link never wraps onto a line of its own.
			_, _ = w.WriteString(`&nbsp;<a class="heading-anchor" href="#`)
			_, _ = w.Write(util.EscapeHTML([]byte(prefix)))
			_, _ = w.Write(util.EscapeHTML(id))
			_, _ = w.WriteString(`" aria-label="`)
			_, _ = w.WriteString(r.e.labels["anchor"])
			_, _ = w.WriteString(`">#</a>`)
		}
	}
	_, _ = w.WriteString("</h")
	_ = w.WriteByte(byte('0' + level))
	_, _ = w.WriteString(">\n")
	return ast.WalkContinue, nil
}

// renderAttributes is goldmark's html.RenderAttributes with idPrefix
// before the value of the id attribute.
func renderAttributes(w util.BufWriter, n ast.Node, filter util.BytesFilter, idPrefix string) {
	for _, attr := range n.Attributes() {
		if !filter.Contains(attr.Name) && !bytes.HasPrefix(attr.Name, []byte("data-")) {
			continue
		}
		_ = w.WriteByte(' ')
		_, _ = w.Write(attr.Name)
		_, _ = w.WriteString(`="`)
		var value []byte
		switch v := attr.Value.(type) {
		case []byte:
			value = v
		case string:
			value = []byte(v)
		}
		if idPrefix != "" && string(attr.Name) == "id" {
			_, _ = w.Write(util.EscapeHTML([]byte(idPrefix)))
		}
		_, _ = w.Write(util.EscapeHTML(value))
		_ = w.WriteByte('"')
	}
}

// taskBox writes a task list's box as a span that prints as an empty box
// (a disabled checkbox prints greyed out, and needs a label for axe). A
// ticked box says so to screen readers.
func (r *nodeRenderer) taskBox(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	if n.(*east.TaskCheckBox).IsChecked {
		_, _ = w.WriteString(`<span class="task-box task-box-checked" role="img" aria-label="`)
		_, _ = w.WriteString(r.e.labels["checked"])
		_, _ = w.WriteString(`"></span>`)
	} else {
		_, _ = w.WriteString(`<span class="task-box" aria-hidden="true"></span>`)
	}
	return ast.WalkContinue, nil
}

// htmlBlock writes a raw HTML block (raw HTML is allowed: the content is
// ours), with its links rewritten.
func (r *nodeRenderer) htmlBlock(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	b := n.(*ast.HTMLBlock)
	prefix := rawIDPrefix(n)
	if entering {
		if v, ok := b.AttributeString(attrHTML); ok {
			writeSecure(w, v.([]byte), prefix)
			return ast.WalkContinue, nil
		}
		for i := 0; i < b.Lines().Len(); i++ {
			seg := b.Lines().At(i)
			writeSecure(w, seg.Value(src), prefix)
		}
	} else if b.HasClosure() {
		writeSecure(w, b.ClosureLine.Value(src), prefix)
	}
	return ast.WalkContinue, nil
}

// rawHTML writes inline raw HTML, with its links rewritten.
func (r *nodeRenderer) rawHTML(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	h := n.(*ast.RawHTML)
	prefix := rawIDPrefix(n)
	if v, ok := h.AttributeString(attrHTML); ok {
		writeSecure(w, v.([]byte), prefix)
		return ast.WalkSkipChildren, nil
	}
	for i := 0; i < h.Segments.Len(); i++ {
		seg := h.Segments.At(i)
		writeSecure(w, seg.Value(src), prefix)
	}
	return ast.WalkSkipChildren, nil
}

// rawIDPrefix is the prefix for the id attributes of raw HTML node n: the
// Embed's, except in a comment.
func rawIDPrefix(n ast.Node) string {
	e := embedOf(n)
	if e == nil {
		return ""
	}
	if b, ok := n.(*ast.HTMLBlock); ok && b.HTMLBlockType == ast.HTMLBlockType2 {
		return ""
	}
	return e.IDPrefix
}

// htmlID finds the values of id= attributes in raw HTML, as htmlLink
// finds links: a quoted value, which may hold ">".
var htmlID = regexp.MustCompile(`(?i)\sid\s*=\s*(?:"([^"]*)"|'([^']*)')`)

// writeSecure writes raw HTML as goldmark does (a NUL byte becomes
// U+FFFD), with idPrefix before the value of every id attribute.
func writeSecure(w util.BufWriter, b []byte, idPrefix string) {
	if idPrefix != "" {
		var out []byte
		last := 0
		for _, m := range htmlID.FindAllSubmatchIndex(b, -1) {
			s := m[2]
			if s < 0 {
				s = m[4]
			}
			out = append(out, b[last:s]...)
			out = append(out, escapeAttr(idPrefix)...)
			last = s
		}
		if out != nil {
			b = append(out, b[last:]...)
		}
	}
	if bytes.IndexByte(b, 0) < 0 {
		_, _ = w.Write(b)
		return
	}
	_, _ = w.Write(bytes.ReplaceAll(b, []byte{0}, []byte("\uFFFD")))
}
