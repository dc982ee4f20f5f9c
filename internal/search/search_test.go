package search

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// handbook is a small Danish handbook to search.
var handbook = []Doc{
	{
		URL: "da/", Title: "Lægernes Mentorprogram", Section: "",
		Headings: []string{"Sådan kommer du i gang", "Hvem kan være med"},
		Text: "Velkommen til håndbogen. Her finder du alt om programmet, fra den første kontakt til den sidste evaluering. " +
			"Programmet samler yngre og erfarne kolleger i Aalborg, Aarhus, Odense og København.",
	},
	{
		URL: "da/forloebet/afklaringsmoedet/", Title: "Afklaringsmødet", Section: "Forløbet",
		Headings: []string{"Dagsorden", "Efter mødet"},
		Text: "Afklaringsmødet er det første møde mellem mentor og mentee. I gennemgår dagsordenen sammen, " +
			"aftaler rammerne for forløbet og skriver aftalen ned. Mødet varer typisk en time. " +
			"Efter mødet sender mentoren en kort opsummering.",
	},
	{
		URL: "da/forloebet/moederne/", Title: "Møderne i forløbet", Section: "Forløbet",
		Headings: []string{"Hvor ofte mødes I", "Forberedelse til møderne"},
		Text: "Efter afklaringsmødet mødes I jævnligt. Møderne kan holdes på hospitalet, på en café eller over video. " +
			"Mødernes indhold bestemmer I selv, men en dagsorden hjælper. Aflyste møder flyttes til en ny dato.",
	},
	{
		URL: "da/deltagere/mentee/", Title: "Til den yngre læge", Section: "Deltagere",
		Headings: []string{"Hvad du kan forvente", "Din rolle"},
		Text: "Som yngre læge får du en erfaren kollega at tale med om karriere, arbejdsliv og uddannelse. " +
			"Lægen, der er mentee, sætter selv emnerne på dagsordenen.",
	},
	{
		URL: "da/deltagere/mentor/", Title: "Speciallæger som mentorer", Section: "Deltagere",
		Headings: []string{"Hvem kan blive mentor", "Tid og forventninger"},
		Text: "Mentorerne er speciallæger med flere års erfaring. En speciallæge kan være mentor for én mentee ad gangen. " +
			"Mentoren lytter, spørger og deler egne erfaringer.",
	},
	{
		URL: "da/etik/tavshedspligt/", Title: "Tavshedspligt og fortrolighed", Section: "Etik",
		Headings: []string{"Hvad er fortroligt", "Når tavshedspligten ophører"},
		Text: "Alt, hvad der siges i samtalerne, er fortroligt. Tavshedspligten gælder også efter forløbet. " +
			"Undtagelsen er, hvis en patient er i fare; tal da med sekretariatet først.",
	},
	{
		URL: "da/forloebet/evaluering/", Title: "Evaluering", Section: "Forløbet",
		Headings: []string{"Slutevalueringen", "Spørgeskemaet"},
		Text: "Når forløbet slutter, udfylder både mentor og mentee et kort spørgeskema. " +
			"Evalueringen bruges til at forbedre programmet; svarene er anonyme og behandles med tavshedspligt.",
	},
	{
		URL: "da/praktisk/kontakt/", Title: "Kontakt sekretariatet", Section: "Praktisk",
		Text: "Sekretariatet svarer på e-mail inden for to hverdage. Skriv til os om alt fra tilmelding til naïve spørgsmål " +
			"— også når mødet med din mentor ikke er gået som ventet.",
	},
}

// english is a small English handbook.
var english = []Doc{
	{URL: "en/process/meetings/", Title: "The meetings", Section: "The process",
		Text: "After the first meeting, mentor and mentee meet regularly. Meetings can take place at the hospital."},
	{URL: "en/participants/mentors/", Title: "Consultants as mentors", Section: "Participants",
		Text: "Mentors are consultants with years of experience. Each mentor studies the mentee's goals."},
	{URL: "en/ethics/confidentiality/", Title: "Confidentiality", Section: "Ethics",
		Text: "Everything said in the conversations is confidential. The duty of confidentiality applies after the programme too."},
}

func mustBuild(t testing.TB, lang string, docs []Doc) *Index {
	t.Helper()
	ix, err := Build(lang, docs)
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

func urls(rs []Result) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.URL
	}
	return out
}

func TestAnalyze(t *testing.T) {
	tests := []struct {
		lang, text string
		want       []string
	}{
		// Inflections of a word share a term.
		{"da", "møde mødet møder møderne mødernes mødes", []string{"moed", "moed", "moed", "moed", "moed", "moed"}},
		{"da", "læge lægen læger lægerne lægens", []string{"laeg", "laeg", "laeg", "laeg", "laeg"}},
		{"da", "mentor mentoren mentorer mentorerne", []string{"mentor", "mentor", "mentor", "mentor"}},
		{"da", "forløb forløbet forløbene", []string{"forloeb", "forloeb", "forloeb"}},
		{"da", "afklaringsmøde afklaringsmødet", []string{"afklaringsmoed", "afklaringsmoed"}},
		{"da", "speciallæge speciallægen speciallæger", []string{"speciallaeg", "speciallaeg", "speciallaeg"}},
		// Snowball leaves these apart; the prefix dagsord finds both.
		{"da", "dagsorden dagsordenen dagsordener", []string{"dagsord", "dagsorden", "dagsorden"}},
		// Typed without Danish letters: the same terms.
		{"da", "moede moederne laege laegen", []string{"moed", "moed", "laeg", "laeg"}},
		// aa and å, upper case and accents.
		{"da", "Ålborg aalborg ÅLBORG", []string{"aalborg", "aalborg", "aalborg"}},
		{"da", "Café CAFÉ cafe", []string{"caf", "caf", "caf"}},
		{"da", "naïve Straße Øresund Ærø", []string{"naiv", "stras", "oeresund", "aeroe"}},
		{"da", "Göteborg Mädchen", []string{"goeteborg", "maedch"}},
		// Decomposed letters are composed first: a + ring, o + stroke.
		{"da", "a\u030ar m\u00f8de mo\u0338de", []string{"aar", "moed", "mod"}},
		// Stop words give no term.
		{"da", "og i at det en den til er som på de med for af", nil},
		{"da", "Mentor og mentee", []string{"mentor", "mente"}},
		// Separators: hyphens, punctuation, digits stay as words.
		{"da", "e-mail, 12 måneder; 2026!", []string{"e", "mail", "12", "maaned", "2026"}},
		// Soft hyphen and zero-width space don't split a word.
		{"da", "tavsheds\u00adpligt tavs\u200bhed", []string{"tavshedsp", "tavs"}},
		// Other scripts are separators.
		{"da", "møde\u4e2d文læge", []string{"moed", "laeg"}},
		// English: plurals, no Danish stemming.
		{"en", "The meetings of doctors and their studies", []string{"meeting", "doctor", "study"}},
		{"en", "focus boss goes shoes bees", []string{"focus", "boss", "goe", "shoe", "bee"}},
		{"en", "Mødet", []string{"moedet"}},
		{"da", "", nil},
	}
	for _, tt := range tests {
		got := Analyze(tt.lang, tt.text)
		if !slices.Equal(got, tt.want) {
			t.Errorf("Analyze(%q, %q) = %q, want %q", tt.lang, tt.text, got, tt.want)
		}
	}
}

func TestFoldTable(t *testing.T) {
	// Every folded letter is a-z or one of æ, ø, å; no rune is listed twice.
	seen := map[rune]string{}
	ok := regexp.MustCompile(`^([a-z]+|æ|ø|å)$`)
	for _, g := range foldGroups {
		if !ok.MatchString(g.to) {
			t.Errorf("fold target %q", g.to)
		}
		for _, r := range g.from {
			if prev, dup := seen[r]; dup {
				t.Errorf("%q folds to %q and %q", r, prev, g.to)
			}
			seen[r] = g.to
		}
	}
}

func TestParseQuery(t *testing.T) {
	tests := []struct {
		q    string
		want []queryTerm
	}{
		{"møde", []queryTerm{{exact: []string{"moed"}, prefixes: []string{"moed", "moede"}, long: true}}},
		{"moede", []queryTerm{{exact: []string{"moed"}, prefixes: []string{"moed", "moede"}, long: true}}},
		{"laa", []queryTerm{{exact: []string{"laa", "laa"}[:1], prefixes: []string{"laa"}, long: false}}},
		{"og møde", []queryTerm{{exact: []string{"moed"}, prefixes: []string{"moed", "moede"}, long: true}}},
		{"og", nil},
		{"af", nil},
	}
	for _, tt := range tests {
		got := parseQuery("da", tt.q)
		if len(got) != len(tt.want) {
			t.Errorf("parseQuery(%q) = %+v, want %+v", tt.q, got, tt.want)
			continue
		}
		for i := range got {
			if !slices.Equal(got[i].exact, tt.want[i].exact) || !slices.Equal(got[i].prefixes, tt.want[i].prefixes) || got[i].long != tt.want[i].long {
				t.Errorf("parseQuery(%q)[%d] = %+v, want %+v", tt.q, i, got[i], tt.want[i])
			}
		}
	}
}

func TestMatch(t *testing.T) {
	qt := parseQuery("da", "læge")[0]
	tests := []struct {
		term string
		want float64
	}{
		{"laeg", matchExact},
		{"laegevagt", matchPrefix},
		{"speciallaeg", matchSuffix},
		{"speciallaegevagt", matchInfix},
		{"lae", 0},
		{"mentor", 0},
	}
	for _, tt := range tests {
		if got := qt.match(tt.term); got != tt.want {
			t.Errorf("match(læge, %q) = %v, want %v", tt.term, got, tt.want)
		}
	}
	// Short query words match as prefixes only.
	short := parseQuery("da", "tid")[0]
	if got := short.match("arbejdstid"); got != 0 {
		t.Errorf("match(tid, arbejdstid) = %v, want 0 (too short for compounds)", got)
	}
	if got := short.match("tidspunkt"); got != matchPrefix {
		t.Errorf("match(tid, tidspunkt) = %v, want prefix", got)
	}
}

func TestSearch(t *testing.T) {
	ix := mustBuild(t, "da", handbook)
	tests := []struct {
		q     string
		first string   // the first result's URL ("" for no results unless has is set)
		has   []string // URLs among the results
		not   []string // URLs not among the results
	}{
		{q: "mødernes", first: "da/forloebet/moederne/"},
		{q: "moederne", first: "da/forloebet/moederne/"},
		{q: "Møderne", first: "da/forloebet/moederne/"},
		{q: "møde", first: "da/forloebet/moederne/", has: []string{"da/forloebet/afklaringsmoedet/", "da/praktisk/kontakt/"}},
		{q: "moede", first: "da/forloebet/moederne/"},
		{q: "lægen", first: "da/deltagere/mentee/", has: []string{"da/deltagere/mentor/"}},
		{q: "laege", first: "da/deltagere/mentee/", has: []string{"da/deltagere/mentor/"}},
		{q: "læge", has: []string{"da/deltagere/mentor/"}}, // speciallæge
		{q: "speciallæge", first: "da/deltagere/mentor/", not: []string{"da/deltagere/mentee/"}},
		{q: "afklaringsmøde", first: "da/forloebet/afklaringsmoedet/"},
		{q: "afkla", first: "da/forloebet/afklaringsmoedet/"}, // as you type
		{q: "tavshedspligten", first: "da/etik/tavshedspligt/", has: []string{"da/forloebet/evaluering/"}},
		{q: "aalborg", first: "da/"},
		{q: "Ålborg", first: "da/"},
		{q: "ÅLBORG", first: "da/"},
		{q: "cafe", first: "da/forloebet/moederne/"},
		{q: "naive", first: "da/praktisk/kontakt/"},
		// AND: both words.
		{q: "tavshedspligt evaluering", first: "da/forloebet/evaluering/", not: []string{"da/etik/tavshedspligt/"}},
		// OR when no page has all.
		{q: "tavshedspligt xqzjvw", first: "da/etik/tavshedspligt/"},
		// Stop words don't break a query.
		{q: "og mødet", first: "da/forloebet/moederne/"},
		{q: "xqzjvw"},
		{q: "og i at"},
		{q: ""},
	}
	for _, tt := range tests {
		rs := ix.Search(tt.q)
		got := urls(rs)
		switch {
		case tt.first == "" && tt.has == nil && len(rs) > 0:
			t.Errorf("Search(%q) = %v, want nothing", tt.q, got)
		case tt.first != "" && (len(rs) == 0 || rs[0].URL != tt.first):
			t.Errorf("Search(%q) = %v, want %s first", tt.q, got, tt.first)
		}
		for _, u := range tt.has {
			if !slices.Contains(got, u) {
				t.Errorf("Search(%q) = %v, want %s among them", tt.q, got, u)
			}
		}
		for _, u := range tt.not {
			if slices.Contains(got, u) {
				t.Errorf("Search(%q) = %v, want no %s", tt.q, got, u)
			}
		}
		for i := 1; i < len(rs); i++ {
			if rs[i].Score > rs[i-1].Score {
				t.Errorf("Search(%q): results not sorted by score: %v", tt.q, rs)
			}
		}
	}
	// OR results score lower than AND results would.
	and, or := ix.Search("tavshedspligt"), ix.Search("tavshedspligt xqzjvw")
	if or[0].Score >= and[0].Score {
		t.Errorf("OR score %v, want below the AND score %v", or[0].Score, and[0].Score)
	}
}

// TestRanking checks the order of match kinds and fields on pages that
// differ in one thing only.
func TestRanking(t *testing.T) {
	filler := " Der står mere tekst her om noget helt andet, så siderne er lige lange."
	docs := []Doc{
		{URL: "compound/", Title: "A", Text: "En speciallæge taler." + filler},
		{URL: "exact/", Title: "B", Text: "En læge taler." + filler},
		{URL: "prefix/", Title: "C", Text: "En lægevagt taler." + filler},
		{URL: "inner/", Title: "D", Text: "En speciallægevagt taler." + filler},
		{URL: "title/", Title: "Lægen", Text: "Noget helt andet." + filler},
		{URL: "heading/", Title: "E", Headings: []string{"Læger"}, Text: "Noget helt andet. Læger." + filler},
	}
	ix := mustBuild(t, "da", docs)
	want := []string{"title/", "heading/", "exact/", "prefix/", "compound/", "inner/"}
	if got := urls(ix.Search("læge")); !slices.Equal(got, want) {
		t.Errorf("Search(læge) = %v, want %v", got, want)
	}
	// Equal scores: by title.
	same := []Doc{{URL: "b/", Title: "Beta", Text: "møde"}, {URL: "a/", Title: "Alfa", Text: "møde"}}
	if got := urls(mustBuild(t, "da", same).Search("møde")); !slices.Equal(got, []string{"a/", "b/"}) {
		t.Errorf("ties: %v, want by title", got)
	}
}

func TestSnippet(t *testing.T) {
	ix := mustBuild(t, "da", handbook)
	rs := ix.Search("mødernes")
	if len(rs) == 0 {
		t.Fatal("no results")
	}
	var marks []string
	var text strings.Builder
	for _, f := range rs[0].Snippet {
		text.WriteString(f.Text)
		if f.Mark {
			marks = append(marks, f.Text)
		}
	}
	if want := []string{"afklaringsmødet", "mødes", "Møderne", "Mødernes"}; !slices.Equal(marks, want) {
		t.Errorf("marks %q, want %q (snippet %q)", marks, want, text.String())
	}
	// A long text: a window around the match, with ellipses.
	long := strings.Repeat("Noget andet står her først. ", 20) + "Her er mødet omtalt. " + strings.Repeat("Og så noget efter. ", 20)
	ix = mustBuild(t, "da", []Doc{{URL: "x/", Title: "X", Text: long}})
	s := ix.Search("møde")[0].Snippet
	if len(s) != 3 || !s[1].Mark || s[1].Text != "mødet" || !strings.HasPrefix(s[0].Text, "… ") || !strings.HasSuffix(s[2].Text, " …") {
		t.Errorf("snippet %+v", s)
	}
	if n := len([]rune(s[0].Text + s[1].Text + s[2].Text)); n > snippetLen+20 {
		t.Errorf("snippet of %d characters: %+v", n, s)
	}
	// A match in the title only: the start of the text.
	ix = mustBuild(t, "da", []Doc{{URL: "x/", Title: "Tavshedspligt", Text: long}})
	s = ix.Search("tavshedspligt")[0].Snippet
	if len(s) != 1 || !strings.HasPrefix(s[0].Text, "Noget andet") || !strings.HasSuffix(s[0].Text, " …") {
		t.Errorf("title-only snippet %+v", s)
	}
}

func TestEnglish(t *testing.T) {
	ix := mustBuild(t, "en", english)
	tests := []struct{ q, first string }{
		{"meeting", "en/process/meetings/"},
		{"Meetings", "en/process/meetings/"},
		{"mentor", "en/participants/mentors/"},
		{"confidential", "en/ethics/confidentiality/"},
		{"study", "en/participants/mentors/"},
	}
	for _, tt := range tests {
		rs := ix.Search(tt.q)
		if len(rs) == 0 || rs[0].URL != tt.first {
			t.Errorf("Search(%q) = %v, want %s first", tt.q, urls(rs), tt.first)
		}
	}
}

func TestBuildErrors(t *testing.T) {
	tests := []struct {
		lang string
		docs []Doc
		want string
	}{
		{"de", nil, `language "de"`},
		{"da", []Doc{{URL: "", Title: "X"}}, "empty URL"},
		{"da", []Doc{{URL: "/da/x/", Title: "X"}}, "relative to the site root"},
		{"da", []Doc{{URL: "a/", Title: "X"}, {URL: "a/", Title: "Y"}}, `same URL "a/"`},
	}
	for _, tt := range tests {
		_, err := Build(tt.lang, tt.docs)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Build(%q, %v) error %v, want %q", tt.lang, tt.docs, err, tt.want)
		}
	}
	ix, err := Build("da", nil)
	if err != nil || ix.Search("møde") != nil || !bytes.Contains(ix.Script(), []byte(`"docs":[]`)) {
		t.Errorf("empty index: %v", err)
	}
}

func TestScriptDeterministic(t *testing.T) {
	a := mustBuild(t, "da", handbook).Script()
	for range 3 {
		if b := mustBuild(t, "da", handbook).Script(); !bytes.Equal(a, b) {
			t.Fatal("two builds of the same docs give different scripts")
		}
	}
	golden := filepath.Join("testdata", "handbook.golden.js")
	if *update {
		if err := os.WriteFile(golden, a, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(a, want) {
		t.Errorf("Script() differs from %s (run go test -update if the change is intended)", golden)
	}
}

// parseScript is ParseScript that fails the test on an error.
func parseScript(t testing.TB, script []byte) *Index {
	t.Helper()
	ix, err := ParseScript(script)
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

func TestScriptRoundTrip(t *testing.T) {
	for _, c := range []struct {
		lang string
		docs []Doc
	}{{"da", handbook}, {"en", english}, {"da", synthDocs(50, 200)}} {
		ix := mustBuild(t, c.lang, c.docs)
		back := parseScript(t, ix.Script())
		for _, q := range []string{"møde", "læge mentor", "meeting", "afkla", "tavshedspligt xqzjvw"} {
			a, b := ix.Search(q), back.Search(q)
			if !slices.EqualFunc(a, b, func(x, y Result) bool {
				return x.URL == y.URL && x.Score == y.Score && slices.Equal(x.Snippet, y.Snippet)
			}) {
				t.Errorf("%s: Search(%q) before and after Script differ:\n%v\n%v", c.lang, q, a, b)
			}
		}
		// The text survives the encoding (white space collapsed).
		for i, d := range c.docs {
			var b strings.Builder
			prevWord := false
			for _, v := range back.docs[i].text {
				if v%2 == 1 {
					b.WriteString(back.seps[v/2])
					prevWord = false
					continue
				}
				if prevWord {
					b.WriteByte(' ')
				}
				b.WriteString(back.words[v/2])
				prevWord = true
			}
			if want := normalize(d.Text); b.String() != want {
				t.Errorf("doc %d text %q, want %q", i, b.String(), want)
			}
		}
	}
}

func TestCode(t *testing.T) {
	ns := []int{0, 1, 45, 46, 47, 2069, 2070, 2071, 93149, 93150, 1 << 30}
	for i := range 5000 {
		ns = append(ns, i)
	}
	s := encode(ns)
	if strings.ContainsAny(s, "\"\\ ") {
		t.Errorf("code string holds a quote, backslash or space")
	}
	got, err := decode(s)
	if err != nil || !slices.Equal(got, ns) {
		t.Errorf("decode(encode(ns)) = %v, %v", got[:20], err)
	}
	if len(encode([]int{45})) != 1 || len(encode([]int{46})) != 2 || len(encode([]int{2069})) != 2 {
		t.Errorf("code lengths: 45 %q, 46 %q, 2069 %q", encode([]int{45}), encode([]int{46}), encode([]int{2069}))
	}
	for _, bad := range []string{"\\", "Z", " "} {
		if _, err := decode(bad); err == nil {
			t.Errorf("decode(%q): no error", bad)
		}
	}
}

// TestIndexSize checks that the index of a 1,000-page site of about 500
// words a page stays under 2 MB, and the handbook's far smaller.
func TestIndexSize(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 1,000 pages")
	}
	docs := synthDocs(1000, 500)
	ix := mustBuild(t, "da", docs)
	n := len(ix.Script())
	text := 0
	for _, d := range docs {
		text += len(d.Text)
	}
	t.Logf("1,000 pages: %d bytes of text, index script %d bytes (%d terms, %d words)", text, n, len(ix.terms), len(ix.words))
	if n > 2<<20 {
		t.Errorf("index of 1,000 pages is %d bytes, want under 2 MB", n)
	}
}

func BenchmarkBuild(b *testing.B) {
	docs := synthDocs(1000, 500)
	b.ReportAllocs()
	for b.Loop() {
		ix, err := Build("da", docs)
		if err != nil {
			b.Fatal(err)
		}
		_ = ix.Script()
	}
}

func BenchmarkSearch(b *testing.B) {
	ix, err := Build("da", synthDocs(1000, 500))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		ix.Search("mødernes læge")
	}
}

func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{"mødernes lægen", "moede aa å", "e-mail 2026", "a\u030a\u00ad\u200b", "\xff\xfe", "Straße naïve ǻ", strings.Repeat("ø", 50), "igst løst"} {
		f.Add("da", s)
		f.Add("en", s)
	}
	term := regexp.MustCompile(`^[a-z0-9]+$`)
	f.Fuzz(func(t *testing.T, lang, text string) {
		if lang != "da" {
			lang = "en"
		}
		for _, tm := range Analyze(lang, text) {
			if !term.MatchString(tm) {
				t.Fatalf("Analyze(%q, %q): term %q", lang, text, tm)
			}
		}
		for _, qt := range parseQuery(lang, text) {
			for _, s := range append(qt.exact, qt.prefixes...) {
				if !term.MatchString(s) {
					t.Fatalf("parseQuery(%q, %q): %q", lang, text, s)
				}
			}
		}
	})
}
