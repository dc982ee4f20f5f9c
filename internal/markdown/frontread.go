package markdown

import (
	"bytes"
	"reflect"
	"strings"

	"github.com/laegeforeningen/mentorprogram/internal/yamlscalar"
)

// readSimple reads front matter that is exactly in the simple form the
// handbook's pages use, one "key: value" line per known key, each key at
// most once, blank lines between them, the value as yamlscalar.Set reads
// it:
//
//   - for a text key: a plain scalar on its one line that YAML reads as
//     that text (yamlscalar.Plain), or the text in double or single quotes
//     without its quote or a backslash inside;
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
// Why a shortcut of our own (internal/yamlscalar, which holds the rule of
// the values for this and the store's shortcut, says it for both):
// yaml.v3 builds a node tree, resolves every scalar and decodes by
// reflection: SplitFrontMatter took about 18 µs and 77 allocations for the
// three lines of a synthetic page's front matter
// (BenchmarkSplitFrontMatter), 1 µs and 4 with this, and yaml.v3 was 2.7 %
// of the processor time of a build of 1,000 pages (the CPU profile of
// BenchmarkBuild1000 in internal/site). It goes by FrontMatter's yaml
// tags, so a new key needs nothing here (a key of a kind yamlscalar.Set
// does not take is left to yaml.v3). FuzzReadSimple and
// FuzzReadSimpleValues hold it to yaml.v3, and yamlscalar's FuzzSet the
// values' rule: whatever it reads, yaml.v3 reads the same.
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
		f, ok := frontFields[string(line[:colon])]
		if !ok || f.index >= len(seen) || seen[f.index] {
			return fm, false
		}
		seen[f.index] = true
		if !yamlscalar.SetKind(v.Field(f.index), f.kind, string(line[colon+2:])) {
			return fm, false
		}
		read = true
	}
	return fm, read
}

// frontFields are FrontMatter's yaml keys with their fields' indexes and
// yamlscalar.KindOf their types.
var frontFields = func() map[string]frontField {
	m := map[string]frontField{}
	t := reflect.TypeFor[FrontMatter]()
	for i := range t.NumField() {
		if name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ","); name != "" && name != "-" {
			m[name] = frontField{i, yamlscalar.KindOf(t.Field(i).Type)}
		}
	}
	return m
}()

type frontField struct {
	index int
	kind  reflect.Kind
}
