package markdown

import (
	"bytes"
	"cmp"
	"fmt"
	"html"
	"regexp"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// Rule values are expanded in one pass before goldmark parses the page, in
// code too; the transformer then finds the values that landed in code spans
// and code blocks, and has those written as they stood in the source
// ("{{rule KEY}}"), so that the documentation can show the syntax. An
// unknown or malformed rule value is an error only outside code. This costs
// one parse, where finding the code first would cost two.

// ruleOpen finds the start of a rule value: "{{rule" or "{{ rule".
var ruleOpen = regexp.MustCompile(`\{\{[ \t]*rule\b`)

// ruleValue matches a whole rule value at the start of its input:
// {{rule KEY}}, with optional spaces or tabs inside the braces.
var ruleValue = regexp.MustCompile(`^\{\{[ \t]*rule[ \t]+([^\s{}]+)[ \t]*\}\}`)

// decimal matches a decimal number written with a point.
var decimal = regexp.MustCompile(`^[-+]?[0-9]+\.[0-9]+$`)

// occurrence is one rule value of a page.
type occurrence struct {
	start, stop int    // where it stands in the expanded source
	orig        []byte // the text as written, "{{rule KEY}}"
	line        int    // its file line
	err         error  // unknown or malformed; nil when expanded
	inCode      bool   // it stands in a code span or code block
}

// expand replaces the rule values in body with their values and returns the
// new source and every rule value found, in order. It keeps every line on
// its line, so that positions in the new source still map to the file's
// lines.
func expand(path string, body []byte, bodyLine int, lang string, values map[string]string) ([]byte, []occurrence) {
	if !bytes.Contains(body, []byte("{{")) {
		return body, nil
	}
	opens := ruleOpen.FindAllIndex(body, -1)
	if opens == nil {
		return body, nil
	}
	var (
		occ  []occurrence
		out  bytes.Buffer
		last int // end of what has been copied to out
		line = bodyLine
		nl   int // body offset up to which newlines are counted
	)
	out.Grow(len(body) + 64)
	for _, o := range opens {
		start := o[0]
		if start < last {
			continue
		}
		line += bytes.Count(body[nl:start], []byte("\n"))
		nl = start
		at := out.Len() + start - last // position in the new source
		m := ruleValue.FindSubmatchIndex(body[start:])
		if m == nil {
			end := min(start+40, len(body))
			if i := bytes.IndexByte(body[start:end], '\n'); i >= 0 {
				end = start + i
			}
			occ = append(occ, occurrence{start: at, stop: at + end - start, orig: body[start:end], line: line,
				err: fmt.Errorf("%s:%d: malformed rule value %q: write {{rule KEY}}, such as {{rule rules.duration_months.max}}", path, line, body[start:end])})
			continue
		}
		key := string(body[start+m[2] : start+m[3]])
		orig := body[start : start+m[1]]
		v, ok := values[key]
		if !ok {
			occ = append(occ, occurrence{start: at, stop: at + len(orig), orig: orig, line: line,
				err: fmt.Errorf("%s:%d: unknown rule value %q%s", path, line, key, suggest(key, values))})
			continue
		}
		v = formatValue(v, lang)
		out.Write(body[last:start])
		out.WriteString(v)
		last = start + m[1]
		occ = append(occ, occurrence{start: at, stop: at + len(v), orig: orig, line: line})
	}
	if last == 0 {
		return body, occ
	}
	out.Write(body[last:])
	return out.Bytes(), occ
}

// ExpandValues replaces the rule values ({{rule KEY}}) in a line of text
// that is not Markdown, such as a title or description in front matter, the
// way Render does in a page. line is the text's file line, for errors
// ("path:line: unknown rule value ..."); lang is "da" or "en".
func ExpandValues(path string, line int, s, lang string, values map[string]string) (string, error) {
	out, occ := expand(path, []byte(s), line, lang, values)
	var errs []lineError
	for _, o := range occ {
		if o.err != nil {
			errs = append(errs, lineError{o.line, o.err})
		}
	}
	return string(out), joinErrors(errs)
}

// formatValue writes a rule value the language's way: a decimal point
// becomes a comma in Danish. A value never spans lines, and a backtick
// (which could end a code span) becomes a quote.
func formatValue(v, lang string) string {
	if strings.ContainsAny(v, "\r\n`") {
		v = strings.ReplaceAll(strings.Join(strings.Fields(v), " "), "`", "'")
	}
	if lang != "en" && decimal.MatchString(v) {
		v = strings.Replace(v, ".", ",", 1)
	}
	return v
}

// attrCode holds the text of a code span or block whose rule values were
// put back as written.
const attrCode = "data-mentor-code"

// restoreCode marks the rule values inside the code node n and, when any
// was expanded, keeps the code's text with them as written on the node.
func (st *state) restoreCode(n ast.Node, src []byte) {
	var segs []text.Segment
	if cs, ok := n.(*ast.CodeSpan); ok {
		for c := cs.FirstChild(); c != nil; c = c.NextSibling() {
			if t, ok := c.(*ast.Text); ok {
				segs = append(segs, t.Segment)
			}
		}
	} else {
		for i := 0; i < n.Lines().Len(); i++ {
			segs = append(segs, n.Lines().At(i))
		}
	}
	var out []byte
	changed := false
	for _, seg := range segs {
		// Rule values are sorted by start and do not overlap.
		i := sort.Search(len(st.occ), func(i int) bool { return st.occ[i].stop > seg.Start })
		pos := seg.Start
		for ; i < len(st.occ) && st.occ[i].start < seg.Stop; i++ {
			o := &st.occ[i]
			o.inCode = true
			if o.err != nil || o.start < pos || o.stop > seg.Stop {
				continue // left as written already
			}
			out = append(out, src[pos:o.start]...)
			out = append(out, o.orig...)
			pos = o.stop
			changed = true
		}
		v := src[pos:seg.Stop]
		if n.Kind() == ast.KindCodeSpan && bytes.HasSuffix(v, []byte("\n")) {
			v = append(v[:len(v)-1:len(v)-1], ' ') // as goldmark writes a code span's line break
		}
		out = append(out, v...)
	}
	if changed {
		n.SetAttributeString(attrCode, out)
	}
}

// suggest returns ` (did you mean "KEY"?)` for the known key closest to an
// unknown one, or "".
func suggest(key string, values map[string]string) string {
	best, bestD := "", len(key)/3+1
	for k := range values {
		// With limit bestD+1, a distance of bestD is exact.
		if d := distance(key, k, bestD+1); d < bestD || d == bestD && best != "" && k < best {
			best, bestD = k, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// distance is the Levenshtein distance of a and b, or limit when it is
// limit or more.
func distance(a, b string, limit int) int {
	if d := len(a) - len(b); d >= limit || -d >= limit {
		return limit
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		low := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			low = min(low, cur[j])
		}
		if low >= limit {
			return limit
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], limit)
}

// listLine matches a line that holds only a list directive, {{questions}}
// or {{themes}}; its group is the directive's name.
var listLine = regexp.MustCompile(`^[ ]{0,3}\{\{[ \t]*(questions|themes)[ \t]*\}\}[ \t]*$`)

// expandQuestions replaces each line that holds only {{questions}} (outside
// fenced code) with the evaluation form's questions from the rule values
// (evaluation_questions.N.label.LANG, .scale.min and .max, .ends.min.LANG
// and .ends.max.LANG), as one line of HTML, a list, so that every other
// line keeps its number:
//
//	<ul class="questions"><li><strong>Samlet tilfredshed</strong> (1 = Meget utilfreds … 5 = Meget tilfreds)</li>…</ul>
//
// A question without a scale (a text question) is its label alone. The
// handbook thus shows the questions that data/programme.yaml holds, never
// a copy. Without questions in values the directive is an error.
//
// A line holding only {{themes}} is, the same way, the matching themes a
// sign-up may name (matching.themes.N.label.LANG), so that the page on
// matching lists every theme programme.yaml holds, one added included:
//
//	<ul class="themes"><li>Karrierevalg</li>…</ul>
func expandQuestions(path string, body []byte, bodyLine int, lang string, values map[string]string) ([]byte, []lineError) {
	if !bytes.Contains(body, []byte("{{")) || !bytes.Contains(body, []byte("questions")) && !bytes.Contains(body, []byte("themes")) {
		return body, nil
	}
	lines := bytes.SplitAfter(body, []byte("\n"))
	var errs []lineError
	fence := ""
	changed := false
	for i, l := range lines {
		t := strings.TrimSpace(string(l))
		if fence != "" {
			if strings.HasPrefix(t, fence) {
				fence = ""
			}
			continue
		}
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = t[:3]
			continue
		}
		m := listLine.FindSubmatch(bytes.TrimRight(l, "\r\n"))
		if m == nil {
			continue
		}
		list, from := questionList(lang, values), "evaluation_questions"
		if string(m[1]) == "themes" {
			list, from = themeList(lang, values), "matching.themes"
		}
		if list == "" {
			line := bodyLine + i
			errs = append(errs, lineError{line, fmt.Errorf("%s:%d: {{%s}}: the programme has no %s with a label in %q", path, line, m[1], from, lang)})
			continue
		}
		nl := l[len(bytes.TrimRight(l, "\r\n")):]
		lines[i] = append([]byte(list), nl...)
		changed = true
	}
	if !changed {
		return body, errs
	}
	return bytes.Join(lines, nil), errs
}

// themeList is the HTML list of the matching themes in lang, or "" when
// there are none.
func themeList(lang string, values map[string]string) string {
	var b strings.Builder
	for i := 0; ; i++ {
		k := fmt.Sprintf("matching.themes.%d.", i)
		id, ok := values[k+"id"]
		if !ok {
			break
		}
		// A theme without a label in lang has the Danish one, or its id.
		label := cmp.Or(values[k+"label."+lang], values[k+"label.da"], id)
		if b.Len() == 0 {
			b.WriteString(`<ul class="themes">`)
		}
		b.WriteString("<li>" + html.EscapeString(label) + "</li>")
	}
	if b.Len() > 0 {
		b.WriteString("</ul>")
	}
	return b.String()
}

// questionList is the HTML list of the evaluation questions in lang, or ""
// when there are none.
func questionList(lang string, values map[string]string) string {
	var b strings.Builder
	for i := 0; ; i++ {
		k := fmt.Sprintf("evaluation_questions.%d.", i)
		label, ok := values[k+"label."+lang]
		if !ok {
			break
		}
		if b.Len() == 0 {
			b.WriteString(`<ul class="questions">`)
		}
		b.WriteString("<li><strong>" + html.EscapeString(label) + "</strong>")
		lo, okLo := values[k+"scale.min"]
		hi, okHi := values[k+"scale.max"]
		if okLo && okHi {
			end := func(n, which string) string {
				if e, ok := values[k+"ends."+which+"."+lang]; ok {
					return formatValue(n, lang) + " = " + html.EscapeString(e)
				}
				return formatValue(n, lang)
			}
			b.WriteString(" (" + end(lo, "min") + " … " + end(hi, "max") + ")")
		}
		b.WriteString("</li>")
	}
	if b.Len() == 0 {
		return ""
	}
	return b.String() + "</ul>"
}
