// Package sitegen writes a synthetic handbook for benchmarks: n Danish
// pages in nested sections, with tables, lists, callouts and links between
// the pages, in the content layout of internal/site (da/…/_index.md).
package sitegen

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// words is the Danish vocabulary of the generated text.
var words = strings.Fields(`mentor mentee læge møde mødet møderne forløb forløbet afklaring aftale
aftaler tavshedspligt speciallæge uddannelse karriere samtale samtalen refleksion mål målene
sekretariatet evaluering erfaring erfaringer arbejdsliv vagt vagter kollega kolleger afdeling
hospital praksis balance trivsel råd spørgsmål svar plan planen næste gang tid sted emne
og i på med til for at er som der det en et af om har kan skal vil ikke også men når hvis`)

// Sections is how many top-level sections Generate makes; each has
// Subsections folders below it.
const (
	Sections    = 10
	Subsections = 4
)

// Generate writes n pages (section pages included) under dir/da and
// returns their paths relative to dir/da, in the order written.
func Generate(dir string, n int) ([]string, error) {
	var rels []string
	// Section pages first: 10 top-level, 4 below each.
	for s := 0; s < Sections && len(rels) < n; s++ {
		rels = append(rels, fmt.Sprintf("afsnit-%02d/_index.md", s))
		for u := 0; u < Subsections && len(rels) < n; u++ {
			rels = append(rels, fmt.Sprintf("afsnit-%02d/del-%d/_index.md", s, u))
		}
	}
	for i := 0; len(rels) < n-1; i++ {
		s, u := i%Sections, (i/Sections)%(Subsections+1)
		if u == Subsections {
			rels = append(rels, fmt.Sprintf("afsnit-%02d/side-%04d.md", s, i))
		} else {
			rels = append(rels, fmt.Sprintf("afsnit-%02d/del-%d/side-%04d.md", s, u, i))
		}
	}
	rels = append([]string{"_index.md"}, rels...)
	for i, rel := range rels {
		src := page(i, rel, rels)
		p := filepath.Join(dir, "da", filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			return nil, err
		}
	}
	return rels, nil
}

// text is a paragraph of k words starting at seed.
func text(seed, k int) string {
	var b strings.Builder
	for j := range k {
		w := words[(seed*7+j*13+j*j)%len(words)]
		if j == 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		}
		b.WriteString(w)
		if j%11 == 10 {
			b.WriteString(",")
		}
		b.WriteString(" ")
	}
	return strings.TrimSpace(b.String()) + "."
}

// relLink is the relative link from page rel to page to.
func relLink(rel, to string) string {
	from := strings.Split(filepath.ToSlash(filepath.Dir(rel)), "/")
	if from[0] == "." {
		from = nil
	}
	return strings.Repeat("../", len(from)) + to
}

func page(i int, rel string, all []string) string {
	var b strings.Builder
	title := fmt.Sprintf("Side %d om %s", i, words[i%len(words)])
	if strings.HasSuffix(rel, "_index.md") {
		title = fmt.Sprintf("Afsnit %d: %s", i, words[(i*3)%len(words)])
	}
	fmt.Fprintf(&b, "---\ntitle: %q\ndescription: %q\nweight: %d\n---\n\n", title, text(i, 12), i)
	b.WriteString(text(i, 60) + "\n\n")
	for h := 1; h <= 4; h++ {
		fmt.Fprintf(&b, "## Afsnit %d\n\n%s\n\n", h, text(i+h, 80))
		switch h {
		case 1:
			b.WriteString("| Møde | Emne | Varighed |\n|---|---|---|\n")
			for r := range 5 {
				fmt.Fprintf(&b, "| %d | %s | %d min |\n", r+1, words[(i+r)%len(words)], 30+r*10)
			}
			b.WriteString("\n")
		case 2:
			for r := range 5 {
				fmt.Fprintf(&b, "- %s\n", text(i+r, 8))
			}
			b.WriteString("\n- [ ] Aftal næste møde\n- [ ] Skriv noter\n\n")
		case 3:
			b.WriteString("> [!TIP]\n> " + text(i, 20) + "\n\n")
			for r := range 3 {
				fmt.Fprintf(&b, "### Underafsnit %d.%d\n\n%s\n\n", h, r+1, text(i+r*5, 40))
			}
		case 4:
			for k := 1; k <= 3; k++ {
				to := all[(i*31+k*97)%len(all)]
				fmt.Fprintf(&b, "Se også [%s](%s#afsnit-%d). ", words[(i+k)%len(words)], relLink(rel, to), k)
			}
			b.WriteString("\n\n1. " + text(i, 10) + "\n2. " + text(i+1, 10) + "\n3. " + text(i+2, 10) + "\n")
		}
	}
	return b.String()
}
