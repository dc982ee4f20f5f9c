package search

import (
	"slices"
	"strings"
	"testing"
)

// sectioned is a small Danish handbook whose pages have sections and
// descriptions, searched with synonyms.
var sectioned = []Doc{
	{
		URL: "da/regler/", Title: "Regler og etik", Description: "Hvad der er fortroligt, og hvorfor mentor ikke må rekruttere.",
		Text: "Reglerne gælder for alle forløb.",
		Sections: []Section{
			{Anchor: "fortroligt", Title: "Er det, vi taler om, fortroligt?", Text: "Ja. Alt, hvad I siger, bliver mellem jer to, begge veje."},
			{Anchor: "job", Title: "Må min mentor hjælpe mig til et job?", Text: "Nej. Mentor må ikke rekruttere eller headhunte dig, og du kan ikke regne med en anbefaling."},
			{Anchor: "penge", Title: "Får man penge for at være med?", Text: "Nej. Programmet er frivilligt: intet honorar og ingen kørselsgodtgørelse."},
		},
	},
	{
		URL: "da/forloeb/", Title: "Forløbet", Section: "Forløbet", Description: "Hvor længe et forløb varer, og hvor mange møder I holder.",
		Text: "Et forløb består af et afklaringsmøde og flere møder.",
		Sections: []Section{
			{Anchor: "laengde", Title: "Hvor længe varer et forløb?", Text: "Et forløb varer otte til tolv måneder."},
			{Anchor: "moeder", Title: "Hvor mange møder holder vi?", Text: "Mindst fire møder efter afklaringsmødet. Mødernes antal aftaler I selv."},
		},
	},
	{
		URL: "da/kontakt/", Title: "Kontakt", Description: "Sådan skriver du til sekretariatet.",
		Text: "Skriv til sekretariatet, når noget går skævt, og når I vil stoppe forløbet.",
	},
}

var sectionSynonyms = map[string][]string{
	"tavshedspligt": {"fortrolighed", "fortroligt"},
	"koster":        {"penge", "honorar"},
	"rejseudgifter": {"kørselsgodtgørelse"},
	"og":            {"fortroligt"}, // a stop word: left out
}

func TestSections(t *testing.T) {
	ix, err := BuildWith("da", sectioned, sectionSynonyms)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		q, url, anchor, heading string
		partial                 bool
	}{
		{"fortroligt", "da/regler/", "fortroligt", "Er det, vi taler om, fortroligt?", false},
		{"tavshedspligt", "da/regler/", "fortroligt", "Er det, vi taler om, fortroligt?", false}, // synonym
		{"hvad koster det", "da/regler/", "penge", "Får man penge for at være med?", false},      // synonym, stop words
		{"rejseudgifter", "da/regler/", "penge", "Får man penge for at være med?", false},
		{"headhunting", "da/regler/", "job", "Må min mentor hjælpe mig til et job?", false}, // "headhunte" starts it
		{"hvor mange møder", "da/forloeb/", "moeder", "Hvor mange møder holder vi?", false},
		{"længe", "da/forloeb/", "laengde", "Hvor længe varer et forløb?", false},
		{"regler", "da/regler/", "", "", false},                 // the title: the page's start
		{"skriver sekretariatet", "da/kontakt/", "", "", false}, // the description
		{"forløbet xqzjvw", "da/forloeb/", "", "", true},        // no page has both
	}
	for _, tt := range tests {
		r := ix.Query(tt.q)
		if len(r.Results) == 0 {
			t.Errorf("%q: no results", tt.q)
			continue
		}
		got := r.Results[0]
		if got.URL != tt.url || got.Anchor != tt.anchor || got.Heading != tt.heading || r.Partial != tt.partial {
			t.Errorf("%q: first %s#%s (%q), partial %v; want %s#%s (%q), partial %v",
				tt.q, got.URL, got.Anchor, got.Heading, r.Partial, tt.url, tt.anchor, tt.heading, tt.partial)
		}
	}
	// The script holds sections, descriptions and synonyms.
	back := parseScript(t, ix.Script())
	for _, tt := range tests {
		a, b := ix.Query(tt.q), back.Query(tt.q)
		if a.Partial != b.Partial || !slices.EqualFunc(a.Results, b.Results, func(x, y Result) bool {
			return x.URL == y.URL && x.Anchor == y.Anchor && x.Heading == y.Heading && x.Score == y.Score && slices.Equal(x.Snippet, y.Snippet)
		}) {
			t.Errorf("%q before and after Script differ:\n%+v\n%+v", tt.q, a, b)
		}
	}
	// The snippet comes from the section linked to.
	r := ix.Search("headhunting")
	var snip strings.Builder
	for _, f := range r[0].Snippet {
		snip.WriteString(f.Text)
	}
	if !strings.HasPrefix(snip.String(), "Nej. Mentor må ikke rekruttere") {
		t.Errorf("headhunting: snippet %q, want the job section's text", snip.String())
	}
	// A stop word as a synonym key is left out.
	if _, ok := ix.syn["og"]; ok {
		t.Errorf("the stop word og has synonyms: %v", ix.syn)
	}
	// Without synonyms, "tavshedspligt" finds nothing.
	plain, err := Build("da", sectioned)
	if err != nil {
		t.Fatal(err)
	}
	if r := plain.Search("tavshedspligt"); len(r) != 0 {
		t.Errorf("tavshedspligt without synonyms: %d results, want none", len(r))
	}
}

func TestMatchStemPrefix(t *testing.T) {
	qt := parseQuery("da", "headhunting")[0]
	for _, tt := range []struct {
		term string
		want float64
	}{
		{"headhunt", matchStemPrefix}, // "headhunte" stemmed: starts the query word
		{"headh", matchStemPrefix},    // 5 letters
		{"head", 0},                   // 4 letters: too short
		{"headhuntingbureau", matchPrefix},
	} {
		if got := qt.match(tt.term); got != tt.want {
			t.Errorf("match(headhunting, %q) = %v, want %v", tt.term, got, tt.want)
		}
	}
	syn := parseQueryWith("da", "tavshedspligten", map[string][]string{termOf("da", "tavshedspligt"): {"fortrol"}})[0]
	if got := syn.match("fortrol"); got != matchSynonym {
		t.Errorf("match(tavshedspligt, fortrol) = %v, want synonym", got)
	}
}

func TestParseSynonyms(t *testing.T) {
	got, err := ParseSynonyms("s.yaml", []byte("da:\n  tavshedspligt: [fortrolighed, fortroligt]\n  Rejseudgifter: [kørselsgodtgørelse]\nen:\n  cost: [fee]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got["da"]["tavshedspligt"], []string{"fortrolighed", "fortroligt"}) || !slices.Equal(got["en"]["cost"], []string{"fee"}) {
		t.Errorf("ParseSynonyms = %v", got)
	}
	if terms := synonymTerms("da", got["da"]); !slices.Equal(terms["rejseudgift"], []string{"koerselsgodtgoer"}) {
		t.Errorf("synonymTerms(da) = %v", terms)
	}
	for _, tt := range []struct{ src, want string }{
		{"", ""},
		{"# only a comment\n", ""},
		{"- a\n", "s.yaml:1: want a map from language"},
		{"de:\n  a: [b]\n", `s.yaml:1: language "de": want da or en`},
		{"da:\n  a: [b]\nda:\n  c: [d]\n", "s.yaml"}, // yaml.v3 rejects the duplicate key
		{"da: [a]\n", "s.yaml:1: da: want a map"},
		{"da:\n  to ord: [b]\n", `s.yaml:2: word "to ord": want one word`},
		{"da:\n  a: b\n", `s.yaml:2: "a": want a list`},
		{"da:\n  a: []\n", `s.yaml:2: "a": want a list`},
		{"da:\n  a: [b c]\n", `s.yaml:2: synonym of a: "b c": want one word`},
		{"da:\n  a: [[b]]\n", `s.yaml:2: synonym of a:: want a word`},
		{"da:\n  a: [b]\n  a: [c]\n", "s.yaml"},
		{"da:\n  a: [b\n", "s.yaml"},
	} {
		_, err := ParseSynonyms("s.yaml", []byte(tt.src))
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("ParseSynonyms(%q): %v", tt.src, err)
		case tt.want != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.want)):
			t.Errorf("ParseSynonyms(%q) error %v, want %q", tt.src, err, tt.want)
		}
	}
}

func FuzzParseSynonyms(f *testing.F) {
	f.Add([]byte("da:\n  tavshedspligt: [fortrolighed]\nen:\n  cost: [fee, unpaid]\n"))
	f.Add([]byte("da: {a: [b]}"))
	f.Add([]byte("en:\n  x: [y, \"z\"]\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		syn, err := ParseSynonyms("f.yaml", src)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.yaml") {
				t.Fatalf("error %q does not name the file", err)
			}
			return
		}
		for lang, words := range syn {
			ix, err := BuildWith(lang, sectioned, words)
			if err != nil {
				t.Fatal(err)
			}
			for k := range words {
				ix.Query(k)
			}
			back, err := ParseScript(ix.Script())
			if err != nil {
				t.Fatal(err)
			}
			for k := range words {
				if a, b := ix.Search(k), back.Search(k); len(a) != len(b) {
					t.Fatalf("%s %q: %d results, %d after Script", lang, k, len(a), len(b))
				}
			}
		}
	})
}
