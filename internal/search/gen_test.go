package search

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// synthWords are the words synthetic pages are made of.
var synthWords = strings.Fields(`møde mødet møder møderne mødernes læge lægen læger lægerne
	mentor mentoren mentorer mentorerne mentee menteen mentees forløb forløbet forløbene
	afklaringsmøde afklaringsmødet dagsorden dagsordenen aftale aftalen aftaler samtale
	samtalen samtaler tavshedspligt tavshedspligten speciallæge speciallægen speciallæger
	opfølgning opfølgningen evaluering evalueringen erfaring erfaringer karriere karrieren
	uddannelse uddannelsen afdeling afdelingen hospital hospitalet kollega kolleger
	sekretariat sekretariatet programmet program deltager deltagere deltageren
	og i at det en den til er som på de med for af der et har ikke kan om vi
	skal kan vil bør gerne altid ofte sammen tidligt senere hver første sidste nye gode
	taler mødes aftaler skriver læser afslutter begynder evaluerer følger planlægger
	vigtig vigtigste fortrolig fortroligt åben åbent ærlig ærligt kort lang længere`)

// synthDocs returns n deterministic Danish pages of about words words in
// nested sections, with compounds that make the vocabulary grow.
func synthDocs(n, words int) []Doc {
	r := rand.New(rand.NewPCG(1, 2))
	pick := func() string { return synthWords[r.IntN(len(synthWords))] }
	docs := make([]Doc, n)
	for i := range docs {
		var b strings.Builder
		for w := 0; w < words; w++ {
			word := pick()
			if r.IntN(20) == 0 {
				word = strings.TrimSuffix(pick(), "e") + "s" + pick() // a compound
			}
			if w == 0 || strings.HasSuffix(b.String(), ". ") {
				rs := []rune(word)
				word = strings.ToUpper(string(rs[:1])) + string(rs[1:])
			}
			b.WriteString(word)
			switch r.IntN(12) {
			case 0:
				b.WriteString(". ")
			case 1:
				b.WriteString(", ")
			default:
				b.WriteString(" ")
			}
		}
		docs[i] = Doc{
			URL:      fmt.Sprintf("da/afsnit-%d/del-%d/side-%d/", i%7, i%31, i),
			Title:    fmt.Sprintf("Side %d om %s og %s", i, pick(), pick()),
			Section:  fmt.Sprintf("Afsnit %d", i%7),
			Headings: []string{pick() + " " + pick(), pick()},
			Text:     strings.TrimSpace(b.String()),
		}
	}
	return docs
}
