package store

import (
	"bytes"
	"encoding"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/laegeforeningen/mentorprogram/internal/programme"
	"github.com/laegeforeningen/mentorprogram/internal/yamlscalar"
)

// Schema is the version of the cohort file format that this package writes.
const Schema = 1

// SortCohort puts a cohort's records in the store's order: participants by
// email, pairs by mentee, meetings by mentee then date, evaluations by email,
// handled follow-ups by email then kind.
func SortCohort(c *programme.Cohort) {
	sortStable(c.Participants, cmpParticipant)
	sortStable(c.Pairs, cmpPair)
	sortStable(c.Meetings, cmpMeeting)
	sortStable(c.Evaluations, cmpEvaluation)
	sortStable(c.Handled, cmpHandled)
}

// sortStable sorts s by cmp, keeping records that compare equal in their
// order. Records already in order (a file read back) are left as they are;
// others are sorted by their positions, ties broken by position, and then
// moved once: for the thousands of records of a cohort that is several
// times faster than slices.SortStableFunc, whose in-place merging moves
// the large records O(n log² n) times.
func sortStable[E any](s []E, cmp func(a, b *E) int) {
	sorted := true
	for i := 1; i < len(s) && sorted; i++ {
		sorted = cmp(&s[i-1], &s[i]) <= 0
	}
	if sorted {
		return
	}
	pos := make([]int32, len(s))
	for i := range pos {
		pos[i] = int32(i)
	}
	slices.SortFunc(pos, func(i, j int32) int {
		if n := cmp(&s[i], &s[j]); n != 0 {
			return n
		}
		return int(i - j)
	})
	// Move the records into place along the permutation's cycles, using
	// pos to mark where they are done (-1): no second array of records.
	for k := range pos {
		if pos[k] < 0 || int(pos[k]) == k {
			continue
		}
		tmp := s[k]
		j := k
		for {
			from := int(pos[j])
			pos[j] = -1
			if from == k {
				s[j] = tmp
				break
			}
			s[j] = s[from]
			j = from
		}
	}
}

// A cohort file is the fields of programme.Cohort, read by yaml.v3 and
// written from the structs' yaml tags, so that a new field of a record is a
// new field of its struct, and a new kind of record a new slice field of
// Cohort, with nothing to add here. The layout:
//
//   - "schema: 1" first, then Cohort's fields in their order; a blank line
//     before each list of records; an empty list is written "[]";
//   - a record's keys in its struct's order, omitempty fields left out when
//     empty; a map (an evaluation's answers) one key a line, sorted;
//   - a string plain where plainSafe allows it, else double-quoted by
//     yaml.v3; dates plain (2026-03-14); true/false; whole numbers.
//
// The output depends only on the records, so it is diff-friendly, and it is
// byte for byte what the store has always written.
//
// The lines are laid out here rather than by yaml.v3's encoder because the
// encoder costs too much for the register: it keeps every event of a
// document (about 270 bytes each, in a slice grown by doubling), so even
// record by record it allocates 14-17 KB per record. Writing the 10,000
// pairs of BenchmarkSave10k that way took about 1.2 s of CPU and 1.5-1.9 GB
// of allocations instead of about 0.1 s and 42 MB (this layout: 0.13-0.15 s
// and 49 MB), and BenchmarkIngestMeetings100k 4.3 s of CPU instead of
// 2.4-2.6 s, with a peak of 348-360 MB against its target of 300 MB.
// yaml.v3 still writes every scalar that needs quoting (the hard part:
// escapes), and reads every file that is not exactly in this layout (see
// readWritten, which reads those that are).

// EncodeCohort returns the YAML text of a cohort file. The output depends
// only on the cohort's records, not on their order: records are sorted (in
// place) by SortCohort.
func EncodeCohort(c *programme.Cohort) ([]byte, error) {
	if err := CheckID(c.ID); err != nil {
		return nil, err
	}
	SortCohort(c)
	var b bytes.Buffer
	// About 150 bytes a meeting, 100 to 200 a participant: room for most
	// files, so that the buffer seldom grows (each growth copies it).
	b.Grow(256 + 192*(len(c.Participants)+len(c.Pairs)+len(c.Meetings)+len(c.Evaluations)))
	b.WriteString("schema: " + strconv.Itoa(Schema) + "\n")
	v := reflect.ValueOf(c).Elem()
	for _, f := range fieldsOf(v.Type()) {
		fv := v.Field(f.index)
		if f.omitEmpty && isEmpty(fv) {
			continue
		}
		if fv.Kind() != reflect.Slice || fv.Type().Elem().Kind() != reflect.Struct {
			b.WriteString(f.key)
			b.WriteByte(':')
			if err := writeValue(&b, fv, ""); err != nil {
				return nil, fmt.Errorf("cohort %s: %s: %w", c.ID, f.key, err)
			}
			continue
		}
		b.WriteString("\n" + f.key + ":")
		if fv.Len() == 0 {
			b.WriteString(" []")
		}
		b.WriteByte('\n')
		fields := fieldsOf(fv.Type().Elem())
		for j := range fv.Len() {
			if err := writeRecord(&b, fv.Index(j), fields); err != nil {
				return nil, fmt.Errorf("cohort %s: %s: %w", c.ID, f.key, err)
			}
		}
	}
	return b.Bytes(), nil
}

// writeRecord writes one record of a list: "  - key: value" and then
// "    key: value" lines.
func writeRecord(b *bytes.Buffer, rec reflect.Value, fields []field) error {
	prefix := "  - "
	for _, f := range fields {
		fv := rec.Field(f.index)
		if f.omitEmpty && isEmpty(fv) {
			continue
		}
		b.WriteString(prefix)
		b.WriteString(f.key)
		b.WriteByte(':')
		prefix = "    "
		if err := writeValue(b, fv, "      "); err != nil {
			return fmt.Errorf("%s: %w", f.key, err)
		}
	}
	if prefix == "  - " {
		b.WriteString("  - {}\n")
	}
	return nil
}

// writeValue writes the value of a key, after its colon, and the line end.
// A map of scalars (an evaluation's answers) has its keys on the lines
// below, indented by indent; values of other kinds are left to yaml.v3, in
// flow style on the key's line.
func writeValue(b *bytes.Buffer, v reflect.Value, indent string) error {
	if v.Kind() == reflect.Pointer && !v.IsNil() && textMarshalerOf(v) == nil {
		v = v.Elem()
	}
	if v.Kind() == reflect.Map && v.Type().Key().Kind() == reflect.String && v.Len() > 0 {
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
		for _, k := range keys {
			b.WriteByte('\n')
			b.WriteString(indent)
			b.WriteString(quote(k.String()))
			b.WriteByte(':')
			if err := writeScalar(b, v.MapIndex(k)); err != nil {
				return err
			}
		}
		b.WriteByte('\n')
		return nil
	}
	if err := writeScalar(b, v); err != nil {
		return err
	}
	b.WriteByte('\n')
	return nil
}

// writeScalar writes a space and v as the store writes it: strings by
// quote, dates, booleans and whole numbers plain, and anything else by
// yaml.v3 in flow style.
func writeScalar(b *bytes.Buffer, v reflect.Value) error {
	b.WriteByte(' ')
	if m := textMarshalerOf(v); m != nil {
		text, err := m.MarshalText()
		if err != nil {
			return err
		}
		if isISODate(text) {
			b.Write(text)
		} else {
			b.WriteString(quote(string(text)))
		}
		return nil
	}
	switch v.Kind() {
	case reflect.String:
		b.WriteString(quote(v.String()))
		return nil
	case reflect.Bool:
		b.WriteString(strconv.FormatBool(v.Bool()))
		return nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		b.WriteString(strconv.FormatInt(v.Int(), 10))
		return nil
	}
	var n yaml.Node
	if err := n.Encode(v.Interface()); err != nil {
		return err
	}
	n.Style |= yaml.FlowStyle
	out, err := yaml.Marshal(&n)
	b.Write(bytes.TrimSuffix(out, []byte("\n")))
	return err
}

var textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()

// textMarshalerOf returns v as an encoding.TextMarshaler (a programme.Date),
// or nil. It takes v's address where it can, which costs no allocation.
func textMarshalerOf(v reflect.Value) encoding.TextMarshaler {
	if v.Kind() == reflect.Pointer && v.IsNil() {
		return nil
	}
	byPointer, byValue := marshalsText(v.Type())
	switch {
	case v.CanAddr() && byPointer:
		return v.Addr().Interface().(encoding.TextMarshaler)
	case byValue:
		return v.Interface().(encoding.TextMarshaler)
	}
	return nil
}

var textTypes sync.Map // reflect.Type -> [2]bool: marshalsText's answer

// marshalsText reports whether a pointer to t, and t itself, is an
// encoding.TextMarshaler; remembered per type, as asking reflect for every
// value was a fifth of encoding a cohort.
func marshalsText(t reflect.Type) (byPointer, byValue bool) {
	if a, ok := textTypes.Load(t); ok {
		return a.([2]bool)[0], a.([2]bool)[1]
	}
	a := [2]bool{reflect.PointerTo(t).Implements(textMarshalerType), t.Implements(textMarshalerType)}
	textTypes.Store(t, a)
	return a[0], a[1]
}

// isISODate reports whether text has the form 2026-03-14 (as a
// programme.Date writes itself), which YAML reads as a date and yaml.v3
// decodes back through UnmarshalText.
func isISODate(text []byte) bool {
	if len(text) != 10 || text[4] != '-' || text[7] != '-' {
		return false
	}
	for i, c := range text {
		if i != 4 && i != 7 && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// quote is s plain where plainSafe allows it, else double-quoted by yaml.v3
// on one line. Bytes that are not UTF-8 become U+FFFD (yaml.v3 would write
// such a string as !!binary).
func quote(s string) string {
	if plainSafe(s) {
		return s
	}
	if quotesAsIs(s) {
		return `"` + s + `"` // what yaml.v3 writes for it, without its 14 KB of buffers
	}
	out, err := yaml.Marshal(&yaml.Node{Kind: yaml.ScalarNode, Style: yaml.DoubleQuotedStyle, Value: strings.ToValidUTF8(s, "\uFFFD")})
	if err != nil {
		panic(err) // a valid UTF-8 string always encodes
	}
	return string(bytes.TrimSuffix(out, []byte("\n")))
}

// quotesAsIs reports whether yaml.v3 writes s double-quoted as it is, with no
// escapes: s holds only printable ASCII other than " and \, and letters of
// Latin-1 and Latin Extended (TestQuotesAsIs checks this against yaml.v3).
func quotesAsIs(s string) bool {
	for _, r := range s {
		if (r < 0x20 || r > 0x7e || r == '"' || r == '\\') && !isTextLetter(r) {
			return false
		}
	}
	return true
}

// A field is a struct field as written: its index, its key, and whether it
// is left out when empty (the yaml tag's omitempty).
type field struct {
	index     int
	key       string
	omitEmpty bool
	scalar    reflect.Kind // yamlscalar.KindOf its type, for readWritten
}

var fieldCache sync.Map // reflect.Type -> []field

// fieldsOf returns the written fields of struct type t, in order.
func fieldsOf(t reflect.Type) []field {
	if fs, ok := fieldCache.Load(t); ok {
		return fs.([]field)
	}
	var fs []field
	for i := range t.NumField() {
		if key, omitEmpty := yamlKey(t.Field(i)); key != "" {
			fs = append(fs, field{i, key, omitEmpty, yamlscalar.KindOf(t.Field(i).Type)})
		}
	}
	fieldCache.Store(t, fs)
	return fs
}

// yamlKey reads a field's yaml tag: its key ("" for a field that is not
// written) and whether it is left out when empty.
func yamlKey(f reflect.StructField) (key string, omitEmpty bool) {
	tag := f.Tag.Get("yaml")
	if tag == "-" || !f.IsExported() {
		return "", false
	}
	key, opts, _ := strings.Cut(tag, ",")
	if key == "" {
		key = strings.ToLower(f.Name)
	}
	return key, slices.Contains(strings.Split(opts, ","), "omitempty")
}

var isZeroerType = reflect.TypeFor[interface{ IsZero() bool }]()

// isEmpty is yaml.v3's omitempty test: the zero value, an empty map or
// slice, or a value whose IsZero method says so (a programme.Date).
func isEmpty(v reflect.Value) bool {
	switch {
	case v.Kind() == reflect.Map || v.Kind() == reflect.Slice:
		return v.Len() == 0
	case v.Kind() == reflect.Pointer && v.IsNil():
		return true
	case v.Type().Implements(isZeroerType):
		if v.CanAddr() {
			return v.Addr().Interface().(interface{ IsZero() bool }).IsZero()
		}
		return v.Interface().(interface{ IsZero() bool }).IsZero()
	}
	return v.IsZero()
}

// slugWithWord matches ids such as 2026-foraar: lower-case, digits and
// dashes, with a dash followed by a word, which YAML never reads as a number
// or a date.
var slugWithWord = regexp.MustCompile(`^[0-9a-z-]*-[a-z]{2}[0-9a-z-]*$`)

var yamlWords = map[string]bool{
	"y": true, "yes": true, "n": true, "no": true, "true": true, "false": true,
	"on": true, "off": true, "null": true, "~": true,
}

// plainSafe reports whether s is written as a plain scalar: it starts with a
// letter, holds only letters, digits, spaces and . @ _ - + / and characters
// of Danish text, does not end with a space and is no YAML word. That reads
// back as the same string under YAML 1.1 and 1.2 alike. yaml.v3 would write
// more strings plain ("Bornholms Hospital, Rønne") and multi-line text as
// literal blocks; the rule is ours so that the files the store has written
// so far stay as they are, byte for byte.
func plainSafe(s string) bool {
	// The YAML words are ASCII and at most 5 bytes; ToLower keeps an ASCII
	// string's length and makes no other string ASCII (but for the Kelvin
	// sign, k, which is in no word): a longer string is none of them.
	if s == "" || len(s) > 200 || len(s) <= 5 && yamlWords[strings.ToLower(s)] {
		return false
	}
	if s[0] >= '0' && s[0] <= '9' {
		return slugWithWord.MatchString(s)
	}
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		case i == 0:
			if !isTextLetter(r) {
				return false
			}
		case r >= '0' && r <= '9', r == '.', r == '@', r == '_', r == '-', r == '+', r == '/':
		case r == ' ':
			if i == len(s)-1 || s[i+1] == ' ' {
				return false
			}
		case isTextLetter(r):
		default:
			return false
		}
	}
	return true
}

// isTextLetter reports whether r is a letter of Latin-1 or Latin Extended
// (æ, ø, å, é, ü ...).
func isTextLetter(r rune) bool {
	return r >= 0xc0 && r <= 0x24f && r != 0xd7 && r != 0xf7
}

// cohortFile is a cohort file as yaml.v3 reads it.
type cohortFile struct {
	Schema           yaml.Node `yaml:"schema"`
	programme.Cohort `yaml:",inline"`
}

// decodeCohort parses the text of a cohort file with yaml.v3, unknown keys
// being an error; path is used in errors, which name the line. A file in
// the layout the store writes is read by readWritten instead, to the same
// records.
func decodeCohort(path string, src []byte) (programme.Cohort, error) {
	if c, ok := readWritten(src); ok {
		return c, nil
	}
	var file cohortFile
	dec := yaml.NewDecoder(bytes.NewReader(src))
	dec.KnownFields(true)
	if err := dec.Decode(&file); err != nil {
		return file.Cohort, locate(path, src, err)
	}
	if file.Schema.Line == 0 {
		return file.Cohort, fmt.Errorf("%s: linjen schema mangler: skriv schema: %d som filens første linje", path, Schema)
	}
	if file.Schema.Value != strconv.Itoa(Schema) {
		return file.Cohort, fmt.Errorf("%s:%d: schema %s kendes ikke (programmet læser schema %d): skriv schema: %d, eller brug den version af programmet, der skrev filen", path, file.Schema.Line, file.Schema.Value, Schema, Schema)
	}
	if file.ID == "" {
		return file.Cohort, fmt.Errorf("%s: linjen id mangler: skriv id: %s (filens navn uden .yaml)", path, strings.TrimSuffix(filepath.Base(path), ".yaml"))
	}
	return file.Cohort, nil
}

var (
	lineRE     = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)
	unknownRE  = regexp.MustCompile(`^field (.+) not found in type \S+$`)
	repeatedRE = regexp.MustCompile(`^mapping key "(.*)" already defined at line (\d+)$`)
)

// locate rewrites a yaml.v3 error as path:line: and a Danish text for the
// secretariat, who edit the files by hand: what is wrong and what to do,
// with yaml.v3's own words (which cannot be translated) in brackets.
// yaml.v3 gives the line of syntax and type errors in the text; for an
// error of a field's own decoder (a date that is no date) it gives none,
// and the field is found by decoding the records one key at a time.
func locate(path string, src []byte, err error) error {
	if e := yamlError(path, err); e != nil {
		return e
	}
	if line, key := findBadField(src); line > 0 {
		return fmt.Errorf("%s:%d: nøglen %s har en værdi, der ikke kan læses (%w): ret værdien; en dato skrives ÅÅÅÅ-MM-DD, som 2026-03-14", path, line, key, err)
	}
	return otherError(path, err)
}

// otherError is the text of an error of yaml.v3 that names no line.
func otherError(path string, err error) error {
	switch {
	case errors.Is(err, io.EOF):
		return fmt.Errorf("%s: filen er tom: skriv schema: %d og id: %s, eller slet filen", path, Schema, strings.TrimSuffix(filepath.Base(path), ".yaml"))
	case strings.HasPrefix(err.Error(), "yaml: "):
		return fmt.Errorf("%s: filen kan ikke læses som YAML (%w): se efter tegn, der ikke hører hjemme i en tekstfil, og gem filen med tegnsættet UTF-8", path, err)
	}
	return fmt.Errorf("%s: filen kan ikke læses (%w)", path, err)
}

// yamlError is locate for the errors of yaml.v3 that name a line (syntax,
// unknown keys, a value of the wrong kind): nil for any other error.
// ParseConfig uses it for programme.yaml too.
func yamlError(path string, err error) error {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		var errs []error
		for _, msg := range te.Errors {
			errs = append(errs, typeError(path, msg))
		}
		return errors.Join(errs...)
	}
	m := lineRE.FindStringSubmatch(err.Error())
	if m == nil {
		return nil
	}
	return fmt.Errorf("%s:%s: filen kan ikke læses som YAML (yaml: %s): se efter et manglende kolon, et anførselstegn uden sin makker eller forkert indrykning på linjen eller linjerne nær den", path, m[1], m[2])
}

// typeError is the Danish text of one of the messages of a yaml.TypeError.
func typeError(path, msg string) error {
	m := lineRE.FindStringSubmatch(msg)
	if m == nil {
		return fmt.Errorf("%s: en værdi kan ikke læses (yaml: %s)", path, msg)
	}
	where, what := path+":"+m[1], m[2]
	if k := unknownRE.FindStringSubmatch(what); k != nil {
		return fmt.Errorf("%s: nøglen %s kendes ikke: ret stavemåden (små bogstaver, som de andre nøgler i filen), eller slet linjen", where, k[1])
	}
	if k := repeatedRE.FindStringSubmatch(what); k != nil {
		return fmt.Errorf("%s: nøglen %s står der to gange (også på linje %s): slet den ene", where, k[1], k[2])
	}
	if strings.HasPrefix(what, "cannot unmarshal") {
		return fmt.Errorf("%s: værdien kan ikke bruges her (yaml: %s): se efter, om nøglen skal have et tal, en tekst, en dato (ÅÅÅÅ-MM-DD) eller en liste, og om indrykningen er rigtig", where, what)
	}
	return fmt.Errorf("%s: værdien kan ikke læses (yaml: %s)", where, what)
}

// findBadField returns the line and key of the first record field that
// yaml.v3 cannot decode into its struct field.
func findBadField(src []byte) (int, string) {
	var doc yaml.Node
	if yaml.Unmarshal(src, &doc) != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return 0, ""
	}
	top := doc.Content[0].Content
	ct := reflect.TypeFor[programme.Cohort]()
	for i := 0; i+1 < len(top); i += 2 {
		for _, f := range fieldsOf(ct) {
			if f.key != top[i].Value {
				continue
			}
			t := ct.Field(f.index).Type
			if t.Kind() != reflect.Slice {
				if top[i+1].Decode(reflect.New(t).Interface()) != nil {
					return top[i].Line, top[i].Value
				}
				continue
			}
			for _, rec := range top[i+1].Content {
				for k := 0; k+1 < len(rec.Content); k += 2 {
					one := &yaml.Node{Kind: yaml.MappingNode, Content: rec.Content[k : k+2]}
					if one.Decode(reflect.New(t.Elem()).Interface()) != nil {
						return rec.Content[k].Line, rec.Content[k].Value
					}
				}
			}
		}
	}
	return 0, ""
}
