package markdown

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/laegeforeningen/mentorprogram/internal/site/sitegen"
)

// frontText returns the text between a page's --- lines.
func frontText(t testing.TB, src []byte) []byte {
	t.Helper()
	_, rest, _ := bytes.Cut(src, []byte("\n"))
	end := bytes.Index(rest, []byte("\n---"))
	if !bytes.HasPrefix(src, []byte("---\n")) || end < 0 {
		t.Fatalf("no front matter in %q", src)
	}
	return rest[:end+1]
}

// yamlOnly decodes front matter text with yaml.v3 alone, as SplitFrontMatter
// does for text that readSimple does not read.
func yamlOnly(yml []byte) (FrontMatter, error) {
	var fm FrontMatter
	err := decodeYAML(yml, &fm)
	return fm, err
}

// checkSimple fails when readSimple reads yml to other front matter than
// yaml.v3 does, and returns whether it read it.
func checkSimple(t *testing.T, yml []byte) bool {
	t.Helper()
	got, ok := readSimple(yml)
	if !ok {
		return false
	}
	want, err := yamlOnly(yml)
	if err != nil {
		t.Fatalf("the shortcut reads %+v where yaml.v3 says %v:\n%s", got, err, yml)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("the shortcut reads\n%#v\nyaml.v3 reads\n%#v\nfrom\n%q", got, want, yml)
	}
	return true
}

// TestReadSimpleTakesThePagesFrontMatter: the front matter of the
// synthetic handbook's pages, and of the handbook's own pages without their
// facts lists (a flow list is left to yaml.v3), is read by the shortcut, to
// what yaml.v3 reads.
func TestReadSimpleTakesThePagesFrontMatter(t *testing.T) {
	dir := t.TempDir()
	rels, err := sitegen.Generate(dir, 60)
	if err != nil {
		t.Fatal(err)
	}
	var ymls [][]byte
	for _, rel := range rels {
		src, err := os.ReadFile(filepath.Join(dir, "da", rel))
		if err != nil {
			t.Fatal(err)
		}
		ymls = append(ymls, frontText(t, src))
	}
	pages, _ := filepath.Glob("../../content/*/*.md")
	more, _ := filepath.Glob("../../content/*/*/*.md")
	if len(pages)+len(more) < 20 {
		t.Fatalf("found %d pages in content/", len(pages)+len(more))
	}
	for _, p := range append(pages, more...) {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var kept []string
		for _, l := range strings.SplitAfter(string(frontText(t, src)), "\n") {
			if !strings.HasPrefix(l, "facts:") {
				kept = append(kept, l)
			}
		}
		ymls = append(ymls, []byte(strings.Join(kept, "")))
	}
	for _, yml := range ymls {
		if !checkSimple(t, yml) {
			t.Errorf("the shortcut does not read\n%s", yml)
		}
	}
}

// TestReadSimpleHandEdits: front matter as an author might edit it. What
// the shortcut reads, yaml.v3 reads the same; the rest (a comment, a list,
// a quoted string with an escape, a value YAML reads otherwise, a key twice
// or unknown, a continued line, bad YAML) is left to yaml.v3, whose
// errors SplitFrontMatter reports as before.
func TestReadSimpleHandEdits(t *testing.T) {
	for _, tc := range []struct {
		yml   string
		taken bool
	}{
		{"title: A\n", true},
		{"title: Afklaringsmødet\ndescription: Det første møde, hvor I aftaler \"rammerne\".\nweight: 10\n", true},
		{"\ntitle: A\n\n\nweight: -3\n\n", true},
		{"title: \"Afsnit 3: mødet\"\n", true},
		{"title: 'Afsnit 3: mødet'\n", true},
		{"title: \"  \"\n", true},
		{"title: A\ndraft: true\ntoc: false\nlayout: sheet\nupdated: 2026-11-22\nslug: v1.2-æøå\nnav_title: Kort\n", true},
		{"title: 2026\n", true},
		{"title: 1e5\n", true},
		{"title: 0x1F\n", true},
		{"title: yes\n", true},
		{"title: .inf\n", true},
		{"title: C# og F#\n", true},
		{"title: a:b\n", true},
		{"title: a [b] {c}, d\n", true},
		{"title: Hvad? Hvorfor!\n", true},
		{"title: 100%\n", true},
		{"title: x\nupdated: 22-11-2026\n", true}, // the date is checked after
		{"title: A # a comment\n", false},
		{"# a comment\ntitle: A\n", false},
		{"title: A\nfacts: [A1, A2]\n", false},
		{"title: A\nfacts:\n  - A1\n", false},
		{"title: |\n  A\n", false},
		{"title: >\n  A\n", false},
		{"title: &a A\nslug: *a\n", false},
		{"title: !!str A\n", false},
		{"title: \"A\\tB\"\n", false},
		{"title: \"A \\\"B\\\"\"\n", false},
		{"title: 'it''s'\n", false},
		{"title: \"A\" og B\n", false},
		{"title: ~\n", false},
		{"title: null\n", false},
		{"title:\n", false},
		{"title:  A\n", false},
		{"title: A \n", false},
		{"title: A\n  B\n", false},
		{"title: A\n\n  B\n", false},
		{"  title: A\n", false},
		{"title : A\n", false},
		{"Title: A\n", false},
		{"title: A\ntitle: B\n", false},
		{"title: A\nauthor: B\n", false},
		{"title: Mødet: hvad sker der\n", false},
		{"title: Mødet:\n", false},
		{"title: - A\n", false},
		{"title: @A\n", false},
		{"title: A\tB\n", false},
		{"title: A\u2028B\n", false},
		{"title: A\xffB\n", false},
		{"title: A\x00B\n", false},
		{"title: A\nweight: 010\n", false},
		{"title: A\nweight: +1\n", false},
		{"title: A\nweight: 1_000\n", false},
		{"title: A\nweight: 0x10\n", false},
		{"title: A\nweight: \"1\"\n", false},
		{"title: A\nweight: 1.0\n", false},
		{"title: A\nweight: 1234567890123456789\n", false},
		{"title: A\ndraft: yes\n", false},
		{"title: A\ndraft: True\n", false},
		{"title: A\ntoc: ~\n", false},
		{"title: A\n...\n", false},
		{"", false},
		{"\n\n", false},
	} {
		if taken := checkSimple(t, []byte(tc.yml)); taken != tc.taken {
			t.Errorf("the shortcut reads %q: %v, want %v", tc.yml, taken, tc.taken)
		}
		// The page reads the same, or fails the same, either way.
		src := []byte("---\n" + tc.yml + "---\nbody\n")
		fm, body, line, err := SplitFrontMatter("p.md", src)
		want, yerr := yamlOnly([]byte(tc.yml))
		if yerr != nil {
			if err == nil || err.Error() != yamlError("p.md", yerr).Error() {
				t.Errorf("%q: error %v, want %v", tc.yml, err, yamlError("p.md", yerr))
			}
			continue
		}
		if err == nil && (fm.Title != strings.TrimSpace(want.Title) || fm.Weight != want.Weight || fm.Description != want.Description || string(body) != "body\n" || line != strings.Count(tc.yml, "\n")+3) {
			t.Errorf("%q: read %+v, %q, line %d; yaml.v3 reads %+v", tc.yml, fm, body, line, want)
		}
	}
}

// FuzzReadSimple: whatever front matter the shortcut reads, yaml.v3 reads
// too, to the same FrontMatter.
func FuzzReadSimple(f *testing.F) {
	f.Add([]byte("title: \"Side 3 om læge\"\ndescription: \"Mentor mentee, møde.\"\nweight: 3\n"))
	f.Add([]byte("title: Afklaringsmødet\ndescription: Det første møde.\nweight: 2\ndraft: true\nlayout: sheet\nupdated: 2026-11-22\nslug: clarification\ntoc: true\nnav_title: Afklaring\n"))
	f.Add([]byte("title: 'x'\n\nweight: -0\ntoc: false\n"))
	f.Add([]byte("title: a:b c#d\ndescription: \"»x«\"\n"))
	f.Fuzz(func(t *testing.T, yml []byte) {
		checkSimple(t, yml)
	})
}

// FuzzReadSimpleValues: the same for front matter in the pages' form whose
// values are anything the fuzzer likes.
func FuzzReadSimpleValues(f *testing.F) {
	f.Add("Side 3", "\"Mentor, møde.\"", "3", "true", "false", "'slug'")
	f.Add("2026-11-22", "1e5", "-0", "yes", "~", "a:b")
	f.Add("\"a\\\"b\"", "'it''s'", "010", "True", "null", "C# #x")
	f.Fuzz(func(t *testing.T, title, description, weight, draft, toc, slug string) {
		yml := "title: " + title + "\ndescription: " + description + "\nweight: " + weight +
			"\ndraft: " + draft + "\ntoc: " + toc + "\nslug: " + slug + "\nnav_title: " + description + "\n"
		checkSimple(t, []byte(yml))
	})
}

// BenchmarkSplitFrontMatter splits a synthetic page (the shortcut reads its
// front matter) and a handbook page (its facts list leaves it to yaml.v3).
func BenchmarkSplitFrontMatter(b *testing.B) {
	dir := b.TempDir()
	rels, err := sitegen.Generate(dir, 3)
	if err != nil {
		b.Fatal(err)
	}
	synthetic, err := os.ReadFile(filepath.Join(dir, "da", rels[2]))
	if err != nil {
		b.Fatal(err)
	}
	handbook, err := os.ReadFile("testdata/afklaringsmoedet.md")
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		src  []byte
	}{{"synthetic", synthetic}, {"handbook", handbook}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, _, _, err := SplitFrontMatter("bench.md", bc.src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
