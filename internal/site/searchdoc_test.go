package site

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/laegeforeningen/mentorprogram/internal/markdown"
	"github.com/laegeforeningen/mentorprogram/internal/search"
	"github.com/laegeforeningen/mentorprogram/internal/site/sitegen"
	"github.com/laegeforeningen/mentorprogram/internal/testkit"
)

// refSearchDoc is searchDoc as first written: the text split into lines,
// each part of the doc copied together line by line, each line with its
// newline.
func refSearchDoc(p *page) search.Doc {
	d := search.Doc{URL: p.url, Title: p.fm.Title, Description: p.fm.Description}
	if p.parent != nil && p.parent.parent != nil {
		d.Section = p.parent.navTitle()
	}
	var hs []markdown.Heading
	for _, h := range p.res.Headings {
		if h.Level >= 2 && h.Level <= 4 {
			hs = append(hs, h)
		}
	}
	var cur strings.Builder
	flush := func() {
		if len(d.Sections) == 0 {
			d.Text = cur.String()
		} else {
			d.Sections[len(d.Sections)-1].Text = cur.String()
		}
		cur.Reset()
	}
	for _, line := range strings.Split(p.res.Text, "\n") {
		if len(hs) > 0 && strings.TrimSpace(line) == hs[0].Text {
			h := hs[0]
			hs = hs[1:]
			if h.Level <= 3 {
				flush()
				d.Sections = append(d.Sections, search.Section{Anchor: h.ID, Title: h.Text})
				continue
			}
			d.Headings = append(d.Headings, h.Text)
		}
		cur.WriteString(line)
		cur.WriteByte('\n')
	}
	flush()
	return d
}

// TestSearchDocParts holds searchDoc to refSearchDoc on the pages of the
// test site, of a synthetic site and on hand-made texts: the same docs,
// except that the last part lacks the copy's final newline, and the same
// index script.
func TestSearchDocParts(t *testing.T) {
	var groups [][]*page // each one index's pages
	dir := t.TempDir()
	if _, err := sitegen.Generate(filepath.Join(dir, "content"), 60); err != nil {
		t.Fatal(err)
	}
	for _, content := range []string{filepath.Join("testdata", "site"), filepath.Join(dir, "content")} {
		opts := fixture(t, filepath.Join(t.TempDir(), "public"))
		opts.Content = os.DirFS(content)
		b, _, err := build(opts)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range b.langs {
			groups = append(groups, b.pages[l])
		}
	}
	var made []*page
	h := func(level int, id, text string) markdown.Heading {
		return markdown.Heading{Level: level, ID: id, Text: text}
	}
	for i, tt := range []struct {
		text string
		hs   []markdown.Heading
	}{
		{"", nil},
		{"\n", nil},
		{"Et ord", nil},
		{"Intro\nFørst\nTekst\nAndet\nMere tekst\n", []markdown.Heading{h(2, "a", "Først"), h(3, "b", "Andet")}},
		{"Intro\nFørst\nTekst\nAndet", []markdown.Heading{h(2, "a", "Først"), h(3, "b", "Andet")}},
		{"Først\nAndet\n", []markdown.Heading{h(2, "a", "Først"), h(2, "b", "Andet")}},
		{"Intro\n  Først  \nTekst\nLille\nMere\n\n", []markdown.Heading{h(2, "a", "Først"), h(4, "c", "Lille")}},
		{"Intro\n\nTekst\n", []markdown.Heading{h(2, "a", "")}},
		{"Intro\nTekst\n", []markdown.Heading{h(2, "a", "")}},
		{"Lille\nTekst", []markdown.Heading{h(1, "t", "Titel"), h(4, "c", "Lille")}},
	} {
		p := &page{url: "da/side-" + string(rune('a'+i)) + "/", fm: markdown.FrontMatter{Title: "Side"}}
		p.res.Text, p.res.Headings = tt.text, tt.hs
		made = append(made, p)
	}
	n := 0
	for _, pages := range append(groups, made) {
		testSearchDocs(t, pages)
		n += len(pages)
	}
	if n < 70 {
		t.Fatalf("only %d pages", n)
	}
}

// testSearchDocs is TestSearchDocParts on the pages of one index.
func testSearchDocs(t *testing.T, pages []*page) {
	var docs, refs []search.Doc
	for _, p := range pages {
		if p.fallback {
			continue
		}
		got, want := searchDoc(p), refSearchDoc(p)
		docs, refs = append(docs, got), append(refs, want)
		// The last part is the copy's without its final newline (both
		// are empty when the text ends with a section's heading).
		last := func(d *search.Doc) *string {
			if len(d.Sections) == 0 {
				return &d.Text
			}
			return &d.Sections[len(d.Sections)-1].Text
		}
		if *last(&got)+"\n" != *last(&want) && *last(&got)+*last(&want) != "" {
			t.Errorf("%s: last part %q, want %q without its final newline", p.url, *last(&got), *last(&want))
			continue
		}
		*last(&got) = *last(&want)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: searchDoc\n%+v\nwant\n%+v", p.url, got, want)
		}
	}
	ix, err := search.Build("da", docs)
	if err != nil {
		t.Fatal(err)
	}
	ref, err := search.Build("da", refs)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ix.Script(), ref.Script(); !bytes.Equal(got, want) {
		t.Errorf("index script of searchDoc differs from refSearchDoc's (%d and %d bytes)", len(got), len(want))
	}
}

// BenchmarkSearchIndex1000 is the search index alone of the 1,000
// synthetic pages of BenchmarkBuild1000, as searchIndex makes it: the
// pages as search docs, the index, its script. The pages are read and
// rendered once, before the timer starts. cpu-ms/op is the processor
// time (all threads, the garbage collector's included), steadier than the
// clock on a shared machine.
func BenchmarkSearchIndex1000(b *testing.B) {
	dir := benchSite(b, 1000)
	opts := fixture(b, filepath.Join(dir, "public"))
	opts.Content, opts.DanishOnly = os.DirFS(filepath.Join(dir, "content")), true
	bld, _, err := build(opts)
	if err != nil {
		b.Fatal(err)
	}
	pages := bld.pages["da"]
	b.ReportAllocs()
	b.ResetTimer()
	cpu := testkit.CPUTime()
	for b.Loop() {
		docs := make([]search.Doc, 0, len(pages))
		for _, p := range pages {
			if !p.fallback {
				docs = append(docs, searchDoc(p))
			}
		}
		ix, err := search.BuildWith("da", docs, bld.opts.Synonyms["da"])
		if err != nil {
			b.Fatal(err)
		}
		_ = ix.Script()
	}
	if cpu := testkit.CPUTime() - cpu; cpu > 0 {
		b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
	}
}
