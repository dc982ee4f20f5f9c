package programme

import "testing"

func TestSeniorityRank(t *testing.T) {
	for _, tc := range []struct {
		in   string
		rank int
		ok   bool
	}{
		{"KBU-læge", 1, true},
		{"Introduktionslæge", 2, true},
		{"HU-læge", 3, true},
		{"1. reservelæge", 3, true},
		{"Speciallæge", 4, true},
		{"Afdelingslæge", 4, true},
		{"Overlæge", 5, true},
		{"overlaege", 5, true},
		{"Ledende overlæge", 6, true},
		{"Professor", 6, true},
		{"3", 4, true},
		{"12 år", 5, true},
		{"20 years", 6, true},
		{"", 0, false},
		{"kirurg", 0, false},
		{"12 katte", 0, false},
	} {
		r, ok := SeniorityRank(tc.in)
		if r != tc.rank || ok != tc.ok {
			t.Errorf("SeniorityRank(%q) = %d, %v; want %d, %v", tc.in, r, ok, tc.rank, tc.ok)
		}
	}
}

func TestFoldWords(t *testing.T) {
	for in, want := range map[string]string{"Region Midtjylland": "region midtjylland", " Kardiologi. ": "kardiologi", "Pædiatri": "paediatri", "": ""} {
		if got := FoldWords(in); got != want {
			t.Errorf("FoldWords(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzSeniorityRank(f *testing.F) {
	for _, s := range []string{"Overlæge", "HU-læge", "12 år", "20 years", "1. reservelæge", "", "  ", "99 år", "-3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, ok := SeniorityRank(s)
		if !ok && r != 0 || r < 0 || r > 6 {
			t.Errorf("SeniorityRank(%q) = %d, %v", s, r, ok)
		}
		// Case and surrounding punctuation do not matter.
		if r2, ok2 := SeniorityRank(" " + s + ". "); ok2 != ok || r2 != r {
			t.Errorf("SeniorityRank(%q) = %d, %v but with spaces and a dot %d, %v", s, r, ok, r2, ok2)
		}
	})
}
