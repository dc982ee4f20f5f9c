package yamlscalar

import (
	"reflect"
	"sync"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

// A named string, like programme.Role.
type word string

// A type that reads itself, like programme.Date.
type upper string

func (u *upper) UnmarshalText(b []byte) error { *u = upper("<" + string(b) + ">"); return nil }

// A type that reads itself from YAML.
type node string

func (n *node) UnmarshalYAML(v *yaml.Node) error { *n = node("<" + v.Value + ">"); return nil }

// kinds are fields of every kind Set takes or leaves to yaml.v3.
var kinds = []any{
	new(string), new(word), new(bool), new(int), new(int8), new(int16), new(int32), new(int64),
	new(*bool), new(*string), new(*int), new(*word),
	new(upper), new(*upper), new(node), new(time.Duration), new(float64), new(uint), new([]string), new(any),
}

var wrappers sync.Map // reflect.Type -> struct{ V T `yaml:"v"` }

// wrapper returns struct{ V typ `yaml:"v"` }.
func wrapper(typ reflect.Type) reflect.Type {
	if w, ok := wrappers.Load(typ); ok {
		return w.(reflect.Type)
	}
	w := reflect.StructOf([]reflect.StructField{{Name: "V", Type: typ, Tag: `yaml:"v"`}})
	wrappers.Store(typ, w)
	return w
}

// check fails when Set reads s into a field of the kind of ptr's element
// otherwise than yaml.v3 reads "v: s", and returns whether Set read it.
func check(t *testing.T, ptr any, s string) bool {
	t.Helper()
	return checkKinds(t, []any{ptr}, s)[0]
}

// checkKinds is check for each of ptrs, with the text parsed by yaml.v3
// once (when Set reads it into any).
func checkKinds(t *testing.T, ptrs []any, s string) []bool {
	t.Helper()
	read := make([]bool, len(ptrs))
	var doc *yaml.Node
	for i, ptr := range ptrs {
		typ := reflect.TypeOf(ptr).Elem()
		got := reflect.New(typ).Elem()
		if !Set(got, s) {
			continue
		}
		read[i] = true
		if doc == nil {
			doc = new(yaml.Node)
			if err := yaml.Unmarshal([]byte("v: "+s+"\n"), doc); err != nil {
				t.Fatalf("Set reads %q into a %v as %#v where yaml.v3 says %v", s, typ, got, err)
			}
		}
		want := reflect.New(wrapper(typ))
		if err := doc.Decode(want.Interface()); err != nil {
			t.Fatalf("Set reads %q into a %v as %#v where yaml.v3 says %v", s, typ, got, err)
		}
		if w := want.Elem().Field(0); !reflect.DeepEqual(got.Interface(), w.Interface()) {
			t.Fatalf("Set reads %q into a %v as %#v, yaml.v3 as %#v", s, typ, got, w)
		}
	}
	return read
}

// TestSet: what Set reads and what it leaves to yaml.v3, for each kind.
func TestSet(t *testing.T) {
	for _, tc := range []struct {
		ptr  any
		s    string
		want any // nil: left to yaml.v3
	}{
		{new(string), "Afklaringsmødet", "Afklaringsmødet"},
		{new(string), "\"Afsnit 3: mødet\"", "Afsnit 3: mødet"},
		{new(string), "'Afsnit 3: mødet'", "Afsnit 3: mødet"},
		{new(string), "\"  \"", "  "},
		{new(string), "2026", "2026"},
		{new(string), "1e5", "1e5"},
		{new(string), "yes", "yes"},
		{new(string), ".inf", ".inf"},
		{new(string), "C# og F#", "C# og F#"},
		{new(string), "a:b", "a:b"},
		{new(string), "a [b] {c}, d", "a [b] {c}, d"},
		{new(string), "100%", "100%"},
		{new(string), "O’Brien – Nord", "O’Brien – Nord"},
		{new(word), "mentee", word("mentee")},
		{new(*string), "x", ptrTo("x")},
		{new(string), "A # a comment", nil},
		{new(string), "Mødet: hvad", nil},
		{new(string), "Mødet:", nil},
		{new(string), "Mødet # x", nil},
		{new(string), "\"A\\tB\"", nil},
		{new(string), "'it''s'", nil},
		{new(string), "\"A\" og B", nil},
		{new(string), "\"a'b\"", "a'b"},
		{new(string), "'a\"b'", "a\"b"},
		{new(string), "~", nil},
		{new(string), "null", nil},
		{new(string), "", nil},
		{new(string), " A", nil},
		{new(string), "A ", nil},
		{new(string), "- A", nil},
		{new(string), "@A", nil},
		{new(string), "&a A", nil},
		{new(string), "!!str A", nil},
		{new(string), "|", nil},
		{new(string), "A\tB", nil},
		{new(string), "A\u2028B", nil},
		{new(string), "A\xffB", nil},
		{new(string), "\"A\u0085B\"", nil},
		{new(int), "10", 10},
		{new(int), "-3", -3},
		{new(int), "-0", 0},
		{new(int64), "999999999999999999", int64(999999999999999999)},
		{new(int8), "127", int8(127)},
		{new(int8), "128", nil},
		{new(int), "010", nil},
		{new(int), "+1", nil},
		{new(int), "1_000", nil},
		{new(int), "0x10", nil},
		{new(int), "\"1\"", nil},
		{new(int), "1.0", nil},
		{new(int), "1234567890123456789", nil},
		{new(bool), "true", true},
		{new(bool), "false", false},
		{new(*bool), "false", ptrTo(false)},
		{new(bool), "yes", nil},
		{new(bool), "True", nil},
		{new(*bool), "~", nil},
		{new(upper), "x", nil},
		{new(*upper), "x", nil},
		{new(node), "x", nil},
		{new(time.Duration), "60", nil},
		{new(float64), "1", nil},
		{new(uint), "1", nil},
		{new([]string), "[a]", nil},
		{new(any), "a", nil},
	} {
		v := reflect.New(reflect.TypeOf(tc.ptr).Elem()).Elem()
		ok := Set(v, tc.s)
		switch {
		case ok != (tc.want != nil):
			t.Errorf("Set(%v, %q) = %v, want %v", v.Type(), tc.s, ok, tc.want != nil)
		case ok && !reflect.DeepEqual(v.Interface(), tc.want):
			t.Errorf("Set(%v, %q) reads %#v, want %#v", v.Type(), tc.s, v.Interface(), tc.want)
		}
		check(t, tc.ptr, tc.s)
	}
}

func ptrTo[T any](v T) *T { return &v }

// FuzzSet: whatever Set reads into a field of any kind, yaml.v3 reads the
// same from "v: " and the text.
func FuzzSet(f *testing.F) {
	for _, s := range []string{
		"Afklaringsmødet", "\"Afsnit 3: mødet\"", "'x'", "2026-03-14", "1e5", "0x1F", "yes", "true", "False", "~", "-0", "010",
		"127", "-129", "C# #x", "a: b", "a:b", "\"a\\\"b\"", "'it''s'", "O’Brien", "\"\u2028\"", "1h", "[a, b]", "{}", "&a x", "!!int 3",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkKinds(t, kinds, s)
	})
}

// TestKindOf: the kinds Set reads by, worked out once per type.
func TestKindOf(t *testing.T) {
	for _, tc := range []struct {
		ptr  any
		want reflect.Kind
	}{
		{new(string), reflect.String},
		{new(word), reflect.String},
		{new(bool), reflect.Bool},
		{new(int), reflect.Int},
		{new(int16), reflect.Int16},
		{new(*bool), reflect.Pointer},
		{new(*word), reflect.Pointer},
		{new(**bool), reflect.Invalid},
		{new(upper), reflect.Invalid},
		{new(*upper), reflect.Invalid},
		{new(node), reflect.Invalid},
		{new(time.Duration), reflect.Invalid},
		{new(float64), reflect.Invalid},
		{new(uint8), reflect.Invalid},
		{new([]string), reflect.Invalid},
		{new(map[string]int), reflect.Invalid},
		{new(struct{}), reflect.Invalid},
		{new(any), reflect.Invalid},
	} {
		typ := reflect.TypeOf(tc.ptr).Elem()
		if got := KindOf(typ); got != tc.want {
			t.Errorf("KindOf(%v) = %v, want %v", typ, got, tc.want)
		}
	}
}
