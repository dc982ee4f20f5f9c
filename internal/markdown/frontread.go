package markdown

import (
	"bytes"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

// readSimple reads front matter that is exactly in the simple form the
// handbook's pages use, one "key: value" line per known key, each key at
// most once, blank lines between them, the value
//
//   - for a text key: a plain scalar on its one line that YAML reads as
//     that text (see plainScalar), or the text in double or single quotes
//     without a quote or backslash inside;
//   - for weight: a whole number in decimal, without a plus sign or
//     leading zeros;
//   - for draft and toc: true or false;
//
// and reports false for anything else: a comment, an indented or continued
// line, a list (facts), a block scalar, an anchor, a tag, an escape, null,
// tabs, an unknown key or a key twice, a value its field cannot hold.
// SplitFrontMatter then decodes the text with yaml.v3, which reads any YAML
// and says what is wrong, with the same errors and lines as ever; so this
// is a shortcut, never the judge of a page.
//
// Why a shortcut of our own: yaml.v3 builds a node tree, resolves every
// scalar and decodes by reflection: SplitFrontMatter took about 18 µs and
// 77 allocations for the three lines of a synthetic page's front matter
// (BenchmarkSplitFrontMatter), 1 µs and 4 with this, and yaml.v3 was 2.7 %
// of the processor time of a build of 1,000 pages (the CPU profile of
// BenchmarkBuild1000 in internal/site). It goes by
// FrontMatter's yaml tags, so a new key needs nothing here (a key of a
// kind it does not know is left to yaml.v3). FuzzReadSimple and
// FuzzReadSimpleValues hold it to yaml.v3: whatever it reads, yaml.v3
// reads the same.
func readSimple(yml []byte) (fm FrontMatter, ok bool) {
	v := reflect.ValueOf(&fm).Elem()
	var seen [16]bool // by field index; FrontMatter has fewer fields
	read := false
	for len(yml) > 0 {
		line, rest, _ := bytes.Cut(yml, []byte("\n"))
		yml = rest
		if len(line) == 0 {
			continue
		}
		colon := bytes.IndexByte(line, ':')
		if colon <= 0 || colon+1 >= len(line) || line[colon+1] != ' ' {
			return fm, false
		}
		i := fieldIndex(line[:colon])
		if i < 0 || i >= len(seen) || seen[i] {
			return fm, false
		}
		seen[i] = true
		if !setSimple(v.Field(i), string(line[colon+2:])) {
			return fm, false
		}
		read = true
	}
	return fm, read
}

// frontFields are FrontMatter's yaml keys with their field indexes.
var frontFields = func() map[string]int {
	m := map[string]int{}
	t := reflect.TypeFor[FrontMatter]()
	for i := range t.NumField() {
		if name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ","); name != "" && name != "-" {
			m[name] = i
		}
	}
	return m
}()

// fieldIndex returns the index of the field of FrontMatter whose key is
// key, or -1.
func fieldIndex(key []byte) int {
	if i, ok := frontFields[string(key)]; ok {
		return i
	}
	return -1
}

// setSimple sets v from s, the rest of a "key: " line, when s is in the
// simple form readSimple describes for v's kind.
func setSimple(v reflect.Value, s string) bool {
	switch v.Kind() {
	case reflect.String:
		str, ok := simpleString(s)
		if ok {
			v.SetString(str)
		}
		return ok
	case reflect.Int:
		n, ok := simpleInt(s)
		if ok {
			v.SetInt(n)
		}
		return ok
	case reflect.Bool:
		switch s {
		case "true":
			v.SetBool(true)
		case "false":
			v.SetBool(false)
		default:
			return false
		}
		return true
	case reflect.Pointer:
		if v.Type().Elem().Kind() != reflect.Bool {
			return false
		}
		b := reflect.New(v.Type().Elem())
		if !setSimple(b.Elem(), s) {
			return false
		}
		v.Set(b)
		return true
	}
	return false
}

// simpleString reads a text value: in double or single quotes without a
// quote or backslash inside, or plain.
func simpleString(s string) (string, bool) {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') {
		q := s[0]
		in := s[1 : len(s)-1]
		if s[len(s)-1] != q || strings.IndexByte(in, q) >= 0 || strings.IndexByte(in, '\\') >= 0 || !yamlText(in) {
			return "", false
		}
		return in, true
	}
	return s, plainScalar(s)
}

// plainScalar reports whether s, the value of a "key: " line, is a plain
// scalar that YAML reads as the text s: not empty or null, starting with
// no indicator or space, ending with no space, with no ": " or " #" inside
// and no colon at its end, of characters YAML allows (yamlText). YAML reads
// a plain scalar that looks like a number, a date or a yes/no as that, but
// into a text field yaml.v3 puts its text as written.
func plainScalar(s string) bool {
	if s == "" || s == "~" || s == "null" || s == "Null" || s == "NULL" {
		return false
	}
	if strings.IndexByte("-?:,[]{}#&*!|>'\"%@` ", s[0]) >= 0 || s[len(s)-1] == ' ' || s[len(s)-1] == ':' {
		return false
	}
	if strings.Contains(s, ": ") || strings.Contains(s, " #") {
		return false
	}
	return yamlText(s)
}

// yamlText reports whether s is valid UTF-8 of characters YAML allows in a
// scalar on one line: printable, no tab, none that YAML counts as a line
// break (U+0085, U+2028, U+2029), no byte order mark.
func yamlText(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f {
			return false
		} else if c >= 0x80 {
			return yamlTextRunes(s[i:])
		}
	}
	return true
}

func yamlTextRunes(s string) bool {
	for _, r := range s {
		switch {
		case r >= 0x20 && r <= 0x7e:
		case r == 0x85 || r == 0x2028 || r == 0x2029 || r == 0xfeff || r == utf8.RuneError:
			return false
		case r >= 0xa0 && r <= 0xd7ff, r >= 0xe000 && r <= 0xfffd, r >= 0x10000 && r <= 0x10ffff:
		default:
			return false
		}
	}
	return true
}

// simpleInt reads a whole number written in decimal, with a minus sign or
// none, without leading zeros or separators, of at most 18 digits.
func simpleInt(s string) (int64, bool) {
	digits := strings.TrimPrefix(s, "-")
	if len(digits) == 0 || len(digits) > 18 || digits[0] == '0' && len(digits) > 1 {
		return 0, false
	}
	for i := 0; i < len(digits); i++ {
		if c := digits[i]; c < '0' || c > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}
