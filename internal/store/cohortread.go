package store

import (
	"bytes"
	"encoding"
	"reflect"
	"strings"

	"github.com/laegeforeningen/mentorprogram/internal/programme"
	"github.com/laegeforeningen/mentorprogram/internal/yamlscalar"
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
// streams the sheet, made the collector run longer (internal/yamlscalar,
// which holds the rule of the values for this and the front matter's
// shortcut, says it for both). The files are ours: this reads what the
// encoder writes, by the same struct tags, so a new field needs nothing
// here either. FuzzReadWritten and FuzzReadWrittenValues hold it to
// yaml.v3, and yamlscalar's FuzzSet the values' rule: whatever it reads,
// yaml.v3 reads the same.
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
		if len(rest) == 0 || rest[0] != ' ' || !setScalar(fv, f.scalar, rest[1:]) {
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
		if rest[0] != ' ' || !setScalar(fv, f.scalar, rest[1:]) {
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
	kind := yamlscalar.KindOf(m.Type().Elem())
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
		if !yamlscalar.SetKind(e, kind, v) {
			return false
		}
		m.SetMapIndex(reflect.ValueOf(key).Convert(m.Type().Key()), e)
	}
	return m.Len() > 0
}

// setScalar sets v from a value as the encoder writes it: a date plain, a
// string plain or double-quoted without escapes, true or false, a whole
// number in decimal, a list of plain strings in flow style. kind is
// yamlscalar.KindOf v's type: a value of such a type is read as
// yamlscalar reads it, in the encoder's styles; dates and lists are the
// store's own.
func setScalar(v reflect.Value, kind reflect.Kind, s string) bool {
	switch {
	case kind == reflect.String && !written(s), kind == reflect.Pointer && v.Type().Elem().Kind() != reflect.Bool:
		return false
	case kind != reflect.Invalid:
		return yamlscalar.SetKind(v, kind, s)
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
	// A type that reads itself: a date, written plain.
	if !isISODate([]byte(s)) {
		return false
	}
	if d, ok := v.Addr().Interface().(*programme.Date); ok {
		date, err := programme.ParseISODate(s) // what its UnmarshalText does
		*d = date
		return err == nil
	}
	u, ok := v.Addr().Interface().(encoding.TextUnmarshaler)
	return ok && u.UnmarshalText([]byte(s)) == nil
}

// written reports whether s is a string in a style the encoder writes:
// plain where plainSafe allows, else double-quoted. (yamlscalar reads more
// than that: single quotes, and plain text the encoder would quote.)
func written(s string) bool {
	return s != "" && (s[0] == '"' || plainSafe(s))
}

// readString reads a string the encoder wrote (see written), as
// yamlscalar reads it: a quoted one only if it holds no escape, so that
// its text is what it says.
func readString(s string) (string, bool) {
	if !written(s) {
		return "", false
	}
	return yamlscalar.String(s)
}

func isInt(k reflect.Kind) bool {
	return k == reflect.Int || k == reflect.Int8 || k == reflect.Int16 || k == reflect.Int32 || k == reflect.Int64
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
