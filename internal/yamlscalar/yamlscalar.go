// Package yamlscalar says, for the text of a YAML scalar on one line, what
// yaml.v3 reads it as into a field of a given kind (a string, a whole
// number, true/false, a pointer to one of those), or that it is not sure,
// and the caller then asks yaml.v3. It is the one rule of the project's two
// shortcut readers of YAML, internal/store's for cohort files in the layout
// the store writes (cohortread.go) and internal/markdown's for the pages'
// simple front matter (frontread.go); each of those keeps only its own
// structure (lines, keys, lists, maps) and the styles it takes.
//
// Why a rule of our own rather than yaml.v3 alone: yaml.v3 builds a node
// for every scalar, resolves each plain one (dates by trying time.Parse's
// layouts) and decodes the nodes by reflection. It read about 20 MB of
// cohort files a second, the largest cost of an ingest beyond excelize's
// (0.22 s of processor time for the 10,000 pairs of
// BenchmarkIngestMeetings100k in internal/ingest), and its garbage made the
// collector run longer while excelize streams the sheet; SplitFrontMatter
// took about 18 µs and 77 allocations for the three lines of a synthetic
// page's front matter with it, 1 µs and 4 with the shortcut, and yaml.v3
// was 2.7 % of the processor time of a build of 1,000 pages. So the
// shortcuts read what is plainly what it says, and this package says
// which text that is. FuzzSet holds it to yaml.v3 for every field kind:
// whatever it reads, yaml.v3 reads the same.
package yamlscalar

import (
	"encoding"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// Set sets v, a settable field, from s, the text of a scalar as it stands
// after "key: " on one line of a block mapping, when s is in a form whose
// value is plain to see (String, Int, Bool), and reports whether it did.
// It reports false, and leaves v alone, for a field of another kind (a
// list, a map, a struct, a float, an unsigned number), a type that reads
// itself or a time.Duration (see KindOf), or text it is not sure of.
func Set(v reflect.Value, s string) bool {
	return SetKind(v, KindOf(v.Type()), s)
}

// SetKind is Set for a reader that has worked out KindOf(v.Type()) once,
// k, as reading every value asking it again would take a good part of its
// time.
func SetKind(v reflect.Value, k reflect.Kind, s string) bool {
	switch k {
	case reflect.String:
		str, ok := String(s)
		if ok {
			v.SetString(str)
		}
		return ok
	case reflect.Bool:
		b, ok := Bool(s)
		if ok {
			v.SetBool(b)
		}
		return ok
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, ok := Int(s)
		if !ok || v.OverflowInt(n) {
			return false
		}
		v.SetInt(n)
		return true
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		if !Set(p.Elem(), s) {
			return false
		}
		v.Set(p)
		return true
	}
	return false
}

// KindOf returns the kind of t when yaml.v3 reads a scalar into a value of
// type t by t's kind alone and that is a kind Set reads (a string, a bool,
// a signed whole number, a pointer to one of those), else reflect.Invalid:
// for a time.Duration (which yaml.v3 reads from "1h" but not from a
// number), a type with a method of reading itself (UnmarshalText,
// UnmarshalYAML), which yaml.v3 would call, or another kind.
func KindOf(t reflect.Type) reflect.Kind {
	switch k := t.Kind(); k {
	case reflect.String, reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if t.PkgPath() == "" {
			return k // no methods
		}
		p := reflect.PointerTo(t)
		if t == durationType || p.Implements(textUnmarshalerType) || p.Implements(yamlUnmarshalerType) || p.Implements(obsoleteUnmarshalerType) {
			return reflect.Invalid
		}
		return k
	case reflect.Pointer:
		if KindOf(t.Elem()) == reflect.Invalid || t.Elem().Kind() == reflect.Pointer {
			return reflect.Invalid
		}
		return k
	}
	return reflect.Invalid
}

var (
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
	yamlUnmarshalerType = reflect.TypeFor[yaml.Unmarshaler]()
	// yaml.v3 still asks a type with yaml.v2's UnmarshalYAML.
	obsoleteUnmarshalerType = reflect.TypeFor[interface {
		UnmarshalYAML(unmarshal func(any) error) error
	}]()
	durationType = reflect.TypeFor[time.Duration]()
)

// String returns the text that s reads as into a string field: s itself
// when it is a plain scalar that YAML reads as its text (see Plain), or
// what is inside double or single quotes when that holds no quote of
// its own kind or backslash (so no escape) and is Text. It reports false
// for anything else.
func String(s string) (string, bool) {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') {
		q := s[0]
		in := s[1 : len(s)-1]
		if s[len(s)-1] != q || strings.IndexByte(in, q) >= 0 || strings.IndexByte(in, '\\') >= 0 || !Text(in) {
			return "", false
		}
		return in, true
	}
	return s, Plain(s)
}

// Plain reports whether s, the value after "key: " in a block mapping, is
// a plain scalar that YAML reads as the text s: not empty or null,
// starting with no indicator or space, ending with no space or colon, with
// no ": " or " #" inside, of characters YAML allows (Text). YAML reads a
// plain scalar that looks like a number, a date or a yes/no as that, but
// into a string field yaml.v3 puts its text as written. (In a flow list,
// where , [ ] { } are indicators too, more is needed.)
func Plain(s string) bool {
	if s == "" || s == "~" || s == "null" || s == "Null" || s == "NULL" {
		return false
	}
	if strings.IndexByte("-?:,[]{}#&*!|>'\"%@` ", s[0]) >= 0 || s[len(s)-1] == ' ' || s[len(s)-1] == ':' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !plainCheck[c] {
			continue
		}
		switch {
		case c < 0x20 || c == 0x7f:
			return false
		case c == ':' && s[i+1] == ' ', c == ' ' && s[i+1] == '#': // s ends with neither
			return false
		case c >= 0x80:
			return !strings.Contains(s[i:], ": ") && !strings.Contains(s[i:], " #") && textRunes(s[i:])
		}
	}
	return true
}

// plainCheck marks the bytes Plain looks at more closely.
var plainCheck = func() (m [256]bool) {
	for c := range 256 {
		m[c] = c < 0x20 || c >= 0x7f || c == ':' || c == ' '
	}
	return m
}()

// Text reports whether s is valid UTF-8 of characters YAML allows in a
// scalar on one line: printable, no tab, none that YAML counts as a line
// break (U+0085, U+2028, U+2029), no byte order mark.
func Text(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f {
			return false
		} else if c >= 0x80 {
			return textRunes(s[i:])
		}
	}
	return true
}

func textRunes(s string) bool {
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

// Int reads a whole number written in decimal, with a minus sign or none,
// without leading zeros or separators, of at most 18 digits (so it fits
// an int64 however it is written). It reports false for anything else:
// yaml.v3 reads 010, 0x10, +1, 1_000 and 1e3 by rules of its own.
func Int(s string) (int64, bool) {
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

// Bool reads true or false, as written; yaml.v3 reads yes, on, True and
// the like into a bool field too, but by rules of its own.
func Bool(s string) (b, ok bool) {
	switch s {
	case "true":
		return true, true
	case "false":
		return false, true
	}
	return false, false
}
