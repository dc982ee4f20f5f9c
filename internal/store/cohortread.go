package store

import (
	"bytes"
	"encoding"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/laegeforeningen/mentorprogram/internal/programme"
)

// readWritten reads a cohort file that is exactly in the layout
// EncodeCohort writes (see the comment above it), and reports false for
// any other text: a comment, another indentation, a quoted string with an
// escape, a plain string that plainSafe would not write plain, a key that
// is not a field, a key twice, a value its field cannot hold. decodeCohort
// then reads the file with yaml.v3, which reads any YAML and says what is
// wrong; so this is a shortcut, never the judge of a file.
//
// Why a shortcut of our own: yaml.v3 reads about 20 MB of cohort files a
// second on this machine (it builds a node for every scalar, resolves each
// plain one, dates by trying time.Parse's layouts, then decodes the nodes
// by reflection), which was the largest cost of an ingest beyond excelize's
// (0.22 s of processor time for the 10,000 pairs of
// BenchmarkIngestMeetings100k), and its garbage, made while excelize
// streams the sheet, made the collector run longer. The files are ours:
// this reads what the encoder writes, by the same struct tags, so a new
// field needs nothing here either. FuzzReadWritten holds it to yaml.v3:
// whatever it reads, yaml.v3 reads the same.
func readWritten(src []byte) (c programme.Cohort, ok bool) {
	const head = "schema: 1\n"
	if !bytes.HasPrefix(src, []byte(head)) || src[len(src)-1] != '\n' || bytes.IndexByte(src, '\r') >= 0 || bytes.IndexByte(src, '\t') >= 0 {
		return c, false
	}
	// The records' strings are slices of one copy of the text: one
	// object for the garbage collector instead of one per value.
	r := lineReader{src: string(src[len(head):])}
	v := reflect.ValueOf(&c).Elem()
	fields := fieldsOf(v.Type())
	seen := make([]bool, v.NumField())
	for {
		line, more := r.next()
		if !more {
			break
		}
		if len(line) == 0 {
			continue // the blank line before a list
		}
		key, rest, ok := cutKey(line)
		if !ok {
			return c, false
		}
		f, ok := fieldByKey(fields, key)
		if !ok || seen[f.index] {
			return c, false
		}
		seen[f.index] = true
		fv := v.Field(f.index)
		if fv.Kind() == reflect.Slice && fv.Type().Elem().Kind() == reflect.Struct {
			if !readList(&r, fv, rest) {
				return c, false
			}
			continue
		}
		if len(rest) == 0 || rest[0] != ' ' || !setScalar(fv, rest[1:]) {
			return c, false
		}
	}
	return c, c.ID != ""
}

// readList reads a list of records: "key: []", or "key:" and the records'
// lines below it ("  - key: value", "    key: value", "  - {}").
func readList(r *lineReader, list reflect.Value, rest string) bool {
	if rest == " []" {
		list.Set(reflect.MakeSlice(list.Type(), 0, 0))
		return true
	}
	if len(rest) != 0 {
		return false
	}
	fields := fieldsOf(list.Type().Elem())
	n := 0
	var rec reflect.Value
	var seen []bool
	for {
		line, more := r.peek()
		if !more || !strings.HasPrefix(line, "  ") {
			break
		}
		r.next()
		switch {
		case line == "  - {}":
			list.Set(reflect.Append(list, reflect.Zero(list.Type().Elem())))
			n++
			rec = reflect.Value{}
			continue
		case strings.HasPrefix(line, "  - "):
			list.Set(reflect.Append(list, reflect.Zero(list.Type().Elem())))
			n++
			rec = list.Index(n - 1)
			seen = make([]bool, rec.NumField())
			line = line[4:]
		case strings.HasPrefix(line, "    ") && rec.IsValid():
			line = line[4:]
		default:
			return false
		}
		key, rest, ok := cutKey(line)
		if !ok {
			return false
		}
		f, ok := fieldByKey(fields, key)
		if !ok || seen[f.index] {
			return false
		}
		seen[f.index] = true
		fv := rec.Field(f.index)
		if len(rest) == 0 {
			if !readMap(r, fv) {
				return false
			}
			continue
		}
		if rest[0] != ' ' || !setScalar(fv, rest[1:]) {
			return false
		}
	}
	return n > 0
}

// readMap reads a map of strings to whole numbers (an evaluation's
// answers), one "      key: value" line each.
func readMap(r *lineReader, m reflect.Value) bool {
	if m.Kind() != reflect.Map || m.Type().Key().Kind() != reflect.String || !isInt(m.Type().Elem().Kind()) {
		return false
	}
	m.Set(reflect.MakeMap(m.Type()))
	for {
		line, more := r.peek()
		if !more || !strings.HasPrefix(line, "      ") {
			break
		}
		r.next()
		k, v, ok := strings.Cut(line[6:], ": ")
		if !ok {
			return false
		}
		key, ok := readString(k)
		if !ok || m.MapIndex(reflect.ValueOf(key).Convert(m.Type().Key())).IsValid() {
			return false
		}
		e := reflect.New(m.Type().Elem()).Elem()
		if !setInt(e, v) {
			return false
		}
		m.SetMapIndex(reflect.ValueOf(key).Convert(m.Type().Key()), e)
	}
	return m.Len() > 0
}

var textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()

// setScalar sets v from a value as the encoder writes it: a date plain, a
// string plain or double-quoted without escapes, true or false, a whole
// number in decimal, a list of plain strings in flow style.
func setScalar(v reflect.Value, s string) bool {
	if v.Kind() == reflect.Pointer {
		if v.Type().Elem().Kind() != reflect.Bool {
			return false
		}
		b := reflect.New(v.Type().Elem())
		if !setScalar(b.Elem(), s) {
			return false
		}
		v.Set(b)
		return true
	}
	if reflect.PointerTo(v.Type()).Implements(textUnmarshalerType) {
		if !isISODate([]byte(s)) {
			return false
		}
		if d, ok := v.Addr().Interface().(*programme.Date); ok {
			date, err := programme.ParseISODate(s) // what its UnmarshalText does
			*d = date
			return err == nil
		}
		return v.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(s)) == nil
	}
	switch {
	case v.Kind() == reflect.String:
		str, ok := readString(s)
		if ok {
			v.SetString(str)
		}
		return ok
	case v.Kind() == reflect.Bool:
		switch s {
		case "true":
			v.SetBool(true)
		case "false":
			v.SetBool(false)
		default:
			return false
		}
		return true
	case isInt(v.Kind()):
		return setInt(v, s)
	case v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.String:
		if len(s) < 3 || s[0] != '[' || s[len(s)-1] != ']' {
			return false
		}
		items := strings.Split(s[1:len(s)-1], ", ")
		list := reflect.MakeSlice(v.Type(), len(items), len(items))
		for i, it := range items {
			str, ok := readString(it)
			if !ok || strings.ContainsAny(it, "[]{},") {
				return false
			}
			list.Index(i).SetString(str)
		}
		v.Set(list)
		return true
	}
	return false
}

// readString reads a string the encoder wrote: plain where plainSafe
// allows, else double-quoted; quoted only if it holds no escape, so that
// its text is what it says (see quotedLiteral).
func readString(s string) (string, bool) {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		in := s[1 : len(s)-1]
		return in, quotedLiteral(in)
	}
	return s, plainSafe(s)
}

// quotedLiteral reports whether s, between double quotes on one line,
// reads as itself in YAML: valid UTF-8 without " or \, of characters
// YAML allows in a file, none of which it counts as a line break (U+0085,
// U+2028, U+2029) or a byte order mark.
func quotedLiteral(s string) bool {
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			return false
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

func isInt(k reflect.Kind) bool {
	return k == reflect.Int || k == reflect.Int8 || k == reflect.Int16 || k == reflect.Int32 || k == reflect.Int64
}

// setInt sets v from a whole number written in decimal without a sign
// other than minus, leading zeros or separators.
func setInt(v reflect.Value, s string) bool {
	digits := s
	if len(digits) > 0 && digits[0] == '-' {
		digits = digits[1:]
	}
	if len(digits) == 0 || len(digits) > 18 || digits[0] == '0' && len(digits) > 1 {
		return false
	}
	for _, c := range []byte(digits) {
		if c < '0' || c > '9' {
			return false
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || v.OverflowInt(n) {
		return false
	}
	v.SetInt(n)
	return true
}

// cutKey splits "key: rest" or "key:" at the colon; a key is lower-case
// letters and underscores.
func cutKey(line string) (key, rest string, ok bool) {
	i := strings.IndexByte(line, ':')
	if i <= 0 {
		return "", "", false
	}
	for _, c := range []byte(line[:i]) {
		if (c < 'a' || c > 'z') && c != '_' {
			return "", "", false
		}
	}
	return line[:i], line[i+1:], true
}

func fieldByKey(fields []field, key string) (field, bool) {
	for _, f := range fields {
		if f.key == key {
			return f, true
		}
	}
	return field{}, false
}

// lineReader hands out a text's lines without their line ends.
type lineReader struct {
	src string
}

func (r *lineReader) peek() (string, bool) {
	if len(r.src) == 0 {
		return "", false
	}
	i := strings.IndexByte(r.src, '\n')
	return r.src[:i], true
}

func (r *lineReader) next() (string, bool) {
	line, ok := r.peek()
	if ok {
		r.src = r.src[len(line)+1:]
	}
	return line, ok
}
