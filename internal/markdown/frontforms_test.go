package markdown

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

// refSplitFrontMatter is SplitFrontMatter as it was before the shortcut
// (readSimple): every front matter decoded by yaml.v3.
func refSplitFrontMatter(path string, src []byte) (fm FrontMatter, body []byte, bodyLine int, err error) {
	src = bytes.TrimPrefix(src, bom)
	if bytes.IndexByte(src, '\r') >= 0 {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	}
	first, rest, _ := bytes.Cut(src, []byte("\n"))
	if !isDashes(first) {
		return fm, nil, 0, fmt.Errorf("%s:1: front matter missing: start the file with ---, then lines such as title: and description:, then --- again", path)
	}
	end, line := -1, 2
	for off := 0; off <= len(rest); line++ {
		l, _, found := bytes.Cut(rest[off:], []byte("\n"))
		if isDashes(l) {
			end = off
			body = rest[min(off+len(l)+1, len(rest)):]
			break
		}
		if !found {
			break
		}
		off += len(l) + 1
	}
	if end < 0 {
		return fm, nil, 0, fmt.Errorf("%s:1: front matter is not closed: end it with a line of three dashes (---)", path)
	}
	bodyLine = line + 1
	yml := rest[:end]
	if err := decodeYAML(yml, &fm); err != nil {
		return fm, nil, 0, yamlError(path, err)
	}
	fm.Title = strings.TrimSpace(fm.Title)
	if fm.Title == "" {
		return fm, nil, 0, fmt.Errorf("%s:%d: front matter has no title: add a line such as title: Afklaringsmødet", path, keyLine(yml, "title", 1))
	}
	if fm.Updated != "" {
		if _, err := time.Parse(time.DateOnly, fm.Updated); err != nil {
			return fm, nil, 0, fmt.Errorf("%s:%d: updated: %q is not a date: write it as YYYY-MM-DD, such as 2026-11-22", path, keyLine(yml, "updated", 1), fm.Updated)
		}
	}
	if fm.Slug != "" {
		fm.SlugLine = keyLine(yml, "slug", 0)
		if !IsSegment(fm.Slug) {
			return fm, nil, 0, fmt.Errorf("%s:%d: slug %q: a slug is one segment of the page's URL, without / \\ ? # %% or control characters, and not . or ..; write it as clarification-meeting", path, fm.SlugLine, fm.Slug)
		}
	}
	if fm.Layout != "" {
		fm.LayoutLine = keyLine(yml, "layout", 0)
	}
	return fm, body, bodyLine, nil
}

// sameSplit fails when SplitFrontMatter reads src otherwise than
// refSplitFrontMatter: front matter (every field), body, body line, error.
func sameSplit(t *testing.T, src []byte) {
	t.Helper()
	fm, body, line, err := SplitFrontMatter("p.md", src)
	rfm, rbody, rline, rerr := refSplitFrontMatter("p.md", src)
	if fmt.Sprint(err) != fmt.Sprint(rerr) {
		t.Fatalf("%q: error %v, yaml.v3 alone: %v", src, err, rerr)
	}
	if !reflect.DeepEqual(fm, rfm) || !bytes.Equal(body, rbody) || line != rline {
		t.Fatalf("%q: read\n%#v, %q, line %d\nyaml.v3 alone:\n%#v, %q, line %d", src, fm, body, line, rfm, rbody, rline)
	}
}

// frontForms are front matter texts as people type them: each key's value
// in the forms YAML has for it (plain, quoted, block scalars, comments,
// other spellings of numbers, booleans and dates, text YAML refuses),
// and the shapes of the lines around them.
func frontForms() []string {
	values := map[string][]string{
		"title": {"A", "Afklaringsmødet", `"Afsnit 3: mødet"`, "'it''s'", `"A\tB"`, "|\n  blok\n  linje", ">\n  foldet\n  tekst",
			">-\n  x", "|-\n  y", "A # c", `"A" # c`, "2026", "1e3", "yes", "True", "~", "null", "", "  A", "A  ", "A\t", `"  "`,
			"'  '", "[a, b]", "{a: b}", "&x A", "*x", "!!str A", "!!int 3", "- A", `"\u00e6\u2028"`, `"\x00"`, `'a\b'`, `"a\\b"`,
			"a:b", "a: b", "C# og F#", "a #b", "100%", "%A", "@A", "`A`", `"unterminated`, "'unterminated", `"A"B`, "æ\u2028ø",
			"æ\u0085ø", "A\ufeff", "\ufeffA", "A\u00a0", "\u00a0A", "👩\u200d⚕️ læge", "javascript:alert(1)", "<script>", "&amp;",
			`"&<>\"'` + "`" + `=+%#?"`, strings.Repeat("x", 5000), `"` + strings.Repeat("y", 3000) + `"`, "A\x01", "A\x7f", "? A",
			": A", ", A", "A,", ".A", "...", "---A", "<<", "=", "0x1F", "0o7", ".inf", "-.inf", ".nan", "+1", "2026-11-22",
			"2001-12-14t21:59:43.10-05:00", `A\`, "A'", `A"`, "A\r", "A\xffB", "\xc3"},
		"weight": {"1", "1.0", `"1"`, "'1'", "1e3", "+1", "01", "0", "-0", "-1", "0x10", "0o17", "0b11", "1_000", "~", "null", "",
			"99999999999999999999", "9223372036854775807", "9223372036854775808", "-9223372036854775808", "123456789012345678",
			"1234567890123456789", "-123456789012345678", "12 # c", "1.5", ".inf", "true", "[1]", `!!int "3"`, "!!float 3", "3 ",
			"٣", "１"},
		"draft": {"true", "false", "True", "TRUE", "yes", "no", "on", "off", "y", "n", "1", "0", `"true"`, "~", "", "false # c",
			`!!bool "true"`, "tRue", "False", "FALSE"},
		"toc": {"true", "false", "True", "yes", "no", "off", "1", `"false"`, "~", "null", "", "false # c", "FALSE", "true "},
		"updated": {"2026-11-22", `"2026-11-22"`, "'2026-11-22'", "2026-11-22T10:00:00Z", "2026-1-2", "22-11-2026", "2026-02-30",
			"2026-11-22 # c", "2026/11/22", "", "~", "20261122", "2026-11-22 10:00", "0001-01-01", "2026-11-22 ",
			"!!timestamp 2026-11-22", "2026-13-01"},
		"description": {"En beskrivelse.", `"Med: kolon"`, "'enkelt'", "|\n  blok", "", "~", "a # c", strings.Repeat("x", 2000),
			`æøå "citat" <b>&</b>`, `"\u2028"`},
		"nav_title": {"Kort", `""`, "~", `"<em>x</em>"`, "A & B", "'x''y'", "|\n  z"},
		"layout":    {"page", "faq", "sheet", "numbers", "home", "search", "bogus", `"page"`, "'faq'", "Page", "", "~", "page # c", "pa ge", "../page"},
		"slug":      {"x", "a/b", "..", ".", "ø", "a b", "a?b", "a#b", "a%20b", "ok-slug", `"x"`, "~", "", `a\\b`, `"a\tb"`},
		"facts":     {"[A1, B2]", "[]", "A1", "\n  - A1\n  - C3", "\n- A1", "[A1,", "{a: 1}", "~", "[1, 2]"},
	}
	var forms []string
	for _, k := range Keys {
		for _, v := range values[k] {
			if k == "title" {
				forms = append(forms, "title: "+v+"\n")
			} else {
				forms = append(forms, "title: T\n"+k+": "+v+"\n", k+": "+v+"\ntitle: T\n")
			}
		}
	}
	return append(forms,
		"title: T\n", "\ntitle: T\n\n", "# c\ntitle: T\n", "title: T\n# c\n", "title: T\n   \n", "title: T\n\t\n",
		"title: T\ntitle: U\n", "Title: T\n", "TITLE: T\n", "title : T\n", "title:T\n", "title:\tT\n", "title:  T\n",
		"  title: T\n", "\"title\": T\n", "'title': T\n", "title: T\nauthor: X\n", "title: T\nSlugLine: 3\n",
		"title: T\nslugline: 3\n", "? title\n: T\n", "{title: T}\n", "{title: T, weight: 2}\n", "title: T\n...\n",
		"%YAML 1.2\n---\ntitle: T\n", "title: T\n  weight: 2\n", "title: T\n\n  continued\n", "title: T\nweight: 1\nweight: 2\n",
		"title: T\ntoc: false\ntoc: true\n", "- title: T\n", "title: &a T\nnav_title: *a\n", "title: T\n<<: {weight: 3}\n",
		"title: T # ok\n", "title: T\n\n\n\n", "title: T\nweight: 3\ndraft: false\ntoc: true\nlayout: sheet\nupdated: 2026-11-22\nslug: s\nnav_title: N\ndescription: D\n",
		"", "\n", "title: T", "title: T\r", "title: T\r\nweight: 2\r", "title: T\rweight: 2\r\n",
	)
}

// TestSplitFrontMatterForms: the shortcut changes nothing SplitFrontMatter
// reads or reports, for front matter in every form above, with LF or CRLF
// line ends, with or without a byte order mark, fenced as pages are.
func TestSplitFrontMatterForms(t *testing.T) {
	n, taken := 0, 0
	for _, yml := range frontForms() {
		for _, fence := range []string{"---\n", "--- \n", "---\t\n"} {
			src := fence + yml + "---\n\nTekst.\n\n## Første\n"
			for _, v := range []string{src, strings.ReplaceAll(src, "\n", "\r\n"), "\ufeff" + src, "\ufeff" + strings.ReplaceAll(src, "\n", "\r\n")} {
				sameSplit(t, []byte(v))
				n++
			}
		}
		if _, ok := readSimple([]byte(yml)); ok {
			taken++
		}
	}
	// Both ways are held to each other: the forms the shortcut reads and
	// those it leaves to yaml.v3.
	if taken < 40 || n-4*3*taken < 40 {
		t.Errorf("of %d forms the shortcut read %d", n/12, taken)
	}
	t.Logf("%d files, %d of %d forms read by the shortcut", n, taken, n/12)
}

// FuzzSplitFrontMatterShortcut holds SplitFrontMatter to refSplitFrontMatter on
// whole files.
func FuzzSplitFrontMatterShortcut(f *testing.F) {
	for _, yml := range frontForms()[:60] {
		f.Add([]byte("---\n" + yml + "---\nbody\n"))
	}
	f.Add([]byte("\ufeff---\r\ntitle: A\r\nweight: 2\r\n---\r\n\r\nx\r\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		sameSplit(t, src)
	})
}
