package markdown

import (
	"bytes"
	"html"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// nodeText is the plain text of an inline tree, such as a heading's text:
// escapes and entities resolved, code kept, markup and raw HTML dropped.
func nodeText(n ast.Node, src []byte) string {
	return string(bytes.TrimSpace(appendText(nil, n, src)))
}

// appendText appends the text of n, untrimmed, to b.
func appendText(b []byte, n ast.Node, src []byte) []byte {
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch v := c.(type) {
		case *ast.Text:
			b = append(b, unescape(v.Segment.Value(src))...)
			if v.SoftLineBreak() || v.HardLineBreak() {
				b = append(b, ' ')
			}
		case *ast.String:
			b = append(b, v.Value...)
		case *ast.CodeSpan:
			if code, ok := codeText(v); ok {
				b = append(b, code...)
				return ast.WalkSkipChildren, nil
			}
			for ch := v.FirstChild(); ch != nil; ch = ch.NextSibling() {
				switch t := ch.(type) {
				case *ast.Text:
					b = append(b, t.Segment.Value(src)...)
				case *ast.String:
					b = append(b, t.Value...)
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			b = append(b, v.Label(src)...)
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML, *east.FootnoteLink, *east.FootnoteBacklink, *east.TaskCheckBox:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return b
}

// unescape resolves backslash escapes and entities in Markdown text.
func unescape(v []byte) []byte {
	if bytes.IndexByte(v, '\\') >= 0 {
		v = util.UnescapePunctuations(v)
	}
	if bytes.IndexByte(v, '&') >= 0 {
		v = util.ResolveEntityNames(util.ResolveNumericReferences(v))
	}
	return v
}

var tag = regexp.MustCompile(`<[^>]*>`)

// plainText is the page's text for search and descriptions: one line per
// heading, paragraph, list item, table cell or definition term, footnotes
// included, code blocks left out, raw HTML without its tags.
func plainText(doc ast.Node, src []byte) string {
	var b strings.Builder
	b.Grow(len(src))
	var block []byte // one block's text, before it is trimmed
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch v := n.(type) {
		case *ast.Heading, *ast.Paragraph, *ast.TextBlock, *east.TableCell, *east.DefinitionTerm:
			block = appendText(block[:0], v, src)
			if t := bytes.TrimSpace(block); len(t) > 0 {
				b.Write(t)
				b.WriteByte('\n')
			}
			return ast.WalkSkipChildren, nil
		case *ast.HTMLBlock:
			if v.HTMLBlockType == ast.HTMLBlockType1 || v.HTMLBlockType == ast.HTMLBlockType2 {
				return ast.WalkSkipChildren, nil // <script>, <style>, <pre>, comments
			}
			var raw bytes.Buffer
			for i := 0; i < v.Lines().Len(); i++ {
				seg := v.Lines().At(i)
				raw.Write(seg.Value(src))
			}
			t := strings.Join(strings.Fields(html.UnescapeString(tag.ReplaceAllString(raw.String(), " "))), " ")
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
