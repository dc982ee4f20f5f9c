package markdown

import (
	"unicode"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// daQuotes sets Danish quotation marks and apostrophes: "citat" → »citat«,
// 'citat' → ›citat‹, Annes' and it's → ’. It runs before goldmark's
// typographer, whose rules for ' are English ('twas, 'em) and which writes
// the closing single quote for an apostrophe: right in English (’), wrong
// in Danish (‹). Dashes and ellipses are left to the typographer.
type daQuotes struct{}

var daQuoteKey = parser.NewContextKey()

// quoteCount counts the quotation marks opened in the current block.
type quoteCount struct{ single, double int }

// Trigger implements parser.InlineParser.
func (daQuotes) Trigger() []byte { return []byte{'\'', '"'} }

// Parse implements parser.InlineParser.
func (daQuotes) Parse(_ ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	if len(line) == 0 {
		return nil
	}
	c := line[0]
	before := block.PrecendingCharacter()
	after := ' '
	if len(line) > 1 {
		after = util.ToRune(line, 1)
	}
	// Flanking as CommonMark defines it for delimiter runs.
	bSpace, bPunct := util.IsSpaceRune(before), util.IsPunctRune(before)
	aSpace, aPunct := util.IsSpaceRune(after), util.IsPunctRune(after)
	canOpen := !aSpace && (!aPunct || bSpace || bPunct)
	canClose := !bSpace && (!bPunct || aSpace || aPunct)

	count, _ := pc.Get(daQuoteKey).(*quoteCount)
	if count == nil {
		count = &quoteCount{}
		pc.Set(daQuoteKey, count)
	}
	word := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	sub := ""
	if c == '\'' {
		switch {
		case word(before) && word(after): // Anne's, 90'erne
			sub = "’"
		case canOpen && !canClose && unicode.IsDigit(after): // '90
			sub = "’"
		case canOpen && !canClose:
			sub = "›"
			count.single++
		case canClose && count.single > 0:
			sub = "‹"
			count.single--
		case canClose && word(before): // Peters'
			sub = "’"
		}
	} else {
		switch {
		case canOpen && !canClose:
			sub = "»"
			count.double++
		case canClose && count.double > 0:
			sub = "«"
			count.double--
		}
	}
	block.Advance(1)
	if sub == "" {
		// Left as written, and kept from the English typographer.
		return ast.NewString([]byte{c})
	}
	n := ast.NewString([]byte(sub))
	n.SetCode(true)
	return n
}

// CloseBlock implements parser.InlineParser: quotes do not span blocks.
func (daQuotes) CloseBlock(_ ast.Node, pc parser.Context) {
	if count, _ := pc.Get(daQuoteKey).(*quoteCount); count != nil {
		*count = quoteCount{}
	}
}
