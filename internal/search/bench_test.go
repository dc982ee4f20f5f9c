package search

import (
	"fmt"
	"strings"
	"testing"
)

// sectionedDocs are synthDocs shaped as the site hands pages to the
// index: the text one line per block, split into sections under headings.
func sectionedDocs(n, words int) []Doc {
	docs := synthDocs(n, words)
	for i := range docs {
		d := &docs[i]
		ws := strings.Fields(d.Text)
		var parts []string
		for len(ws) > 0 {
			k := min(len(ws), 60) // a block of 60 words
			parts, ws = append(parts, strings.Join(ws[:k], " ")), ws[k:]
		}
		d.Text = parts[0]
		for k, p := range parts[1:] {
			if k%2 == 0 {
				d.Sections = append(d.Sections, Section{Anchor: fmt.Sprint("afsnit-", k), Title: strings.Join(strings.Fields(p)[:3], " ")})
			}
			s := &d.Sections[len(d.Sections)-1]
			s.Text += p + "\n"
		}
		d.Description = strings.Join(strings.Fields(d.Text)[:8], " ")
	}
	return docs
}

// BenchmarkBuildSections is the index alone (without Script) of 1,000
// pages of about 500 words in sections, as the site builds it.
func BenchmarkBuildSections(b *testing.B) {
	docs := sectionedDocs(1000, 500)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Build("da", docs); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScript is Script alone, of the index of BenchmarkBuildSections.
func BenchmarkScript(b *testing.B) {
	ix, err := Build("da", sectionedDocs(1000, 500))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = ix.Script()
	}
}
