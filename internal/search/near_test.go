package search

import "testing"

func TestOneEdit(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{"recuit", "recruit", true},       // a letter dropped
		{"recruit", "recuit", true},       // and the other way
		{"evalution", "evaluation", true}, // dropped inside
		{"privasy", "privacy", true},      // changed
		{"mentro", "mentor", true},        // neighbours swapped
		{"mentor", "mentor", false},       // the same word is no edit
		{"mentor", "mentors", true},       // added at the end
		{"mentor", "mentorer", false},     // two added
		{"tavshedsplikt", "tavshedspligt", true},
		{"mnetro", "mentor", false}, // two swaps
		{"abcdef", "badcfe", false},
		{"kørsel", "korsel", true}, // letters, not bytes
		{"kørsel", "kørsl", true},
		{"", "a", true},
		{"", "ab", false},
	} {
		if got := oneEdit(tt.a, tt.b); got != tt.want {
			t.Errorf("oneEdit(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// A misspelt word of six letters or more finds the word one edit away, and
// the synonym whose stem it starts with; a short one and a word that is
// found as typed are left alone.
func TestQueryNear(t *testing.T) {
	docs := []Doc{
		{URL: "a/", Title: "Fortrolighed", Text: "Alt er fortroligt mellem mentor og mentee."},
		{URL: "b/", Title: "Rekruttering", Text: "Mentor må ikke rekruttere mentee."},
		{URL: "c/", Title: "Møder", Text: "I holder mindst fire møder."},
	}
	ix, err := BuildWith("da", docs, map[string][]string{termOf("da", "tavshedspligt"): {termOf("da", "fortroligt")}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ q, first string }{
		{"rekrutere", "b/"},     // a letter dropped
		{"fortrolight", "a/"},   // two letters swapped
		{"tavshedsplikt", "a/"}, // a synonym's stem starts the word
		{"barsel", ""},          // six letters, but nothing one edit away
		{"mentr", ""},           // one edit from "mentor", but too short
	} {
		r := ix.Query(tt.q)
		got := ""
		if len(r.Results) > 0 {
			got = r.Results[0].URL
		}
		if got != tt.first {
			t.Errorf("%q: first %q, want %q", tt.q, got, tt.first)
		}
	}
}
