package sheet

import (
	"strings"
	"testing"
)

func TestParseDuration(t *testing.T) {
	for in, want := range map[string]int{
		// as issue 9 lists them
		"en time": 60, "halvanden time": 90, "1 t": 60, "1,5 t": 90, "90 min.": 90,
		// and what else a Danish secretary types
		"60": 60, "60 min": 60, "60min": 60, "45 minutter": 45, "45 Minutter.": 45, "10 m": 10,
		"2 timer": 120, "1 time": 60, "1 t.": 60, "1,5 time": 90, "1.5 timer": 90, "1,25 t": 75,
		"1:30": 90, "1.30": 90, "0:45": 45,
		// a time cell, as Excel writes it to a CSV ([t]:mm:ss)
		"1:30:00": 90, "01:30:00": 90, "0:45:00": 45, "0:44:40": 45,
		"1 t 30": 90, "1t30": 90, "1 t 30 min": 90, "1 time 30 minutter": 90, "1h30m": 90, "1 time og 30 min": 90, "1 time og 30": 90, "1 time, 15 min": 75,
		"1½ time": 90, "1 ½ time": 90, "½ time": 30, "1 1/2 time": 90, "2½ t": 150,
		"en halv time": 30, "halv time": 30, "en og en halv time": 90, "to og en halv time": 150, "to timer": 120, "tre timer": 180, "to en halv time": 0,
		"et kvarter": 15, "tre kvarter": 45, "en time og et kvarter": 75, "en time og tre kvarter": 105, "5 kvarter": 75,
		"ti minutter": 10, "femogfyrre minutter": 45, "halvfems minutter": 90,
		"ca. 1 time": 60, "ca 45 min": 45, "cirka en time": 60, "omkring 1 t": 60, "~90 min": 90,
		"1 hour": 60, "1.5 hours": 90, "an hour": 60, "half an hour": 30, "one and a half hours": 90, "90 minutes": 90,
		"0": 0,
	} {
		got, ok := ParseDuration(in)
		if want == 0 && in != "0" {
			if ok {
				t.Errorf("ParseDuration(%q) = %d, want not a duration", in, got)
			}
			continue
		}
		if !ok || got != want {
			t.Errorf("ParseDuration(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "tre kvarter!", "lang tid", "60-90 min", "1,5", "1.5", "halvanden", "en", "time", "min 60", "og", "1 time og", "og 1 time",
		"en time og og et kvarter", "2 x 30 min", "1:75", "1:30:75", "1:30:0", "1:30:00:00", "1::00", "1/2/3", "1/0 time", "3/2 time", "1 t 30 t 1", "1 min 30", "halv halv time", "1 en time", "1e9 min",
		"99999999999999 timer"} {
		if got, ok := ParseDuration(in); ok {
			t.Errorf("ParseDuration(%q) = %d, want not a duration", in, got)
		}
	}
}

func FuzzParseDuration(f *testing.F) {
	for _, s := range []string{"en time", "halvanden time", "1 t", "1,5 t", "90 min.", "1½ time", "1 1/2 time", "en time og et kvarter", "half an hour", "1:30", "ca. 1 t 30", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ok := ParseDuration(s)
		if !ok {
			return
		}
		// A negative number only where the text (after a word such as
		// "ca." or "~") is one with a minus: "~-1" is -1, which the
		// ingest rejects as no possible duration, as it does "-1".
		if n < 0 && !strings.HasPrefix(strings.TrimLeft(withoutFiller(s), " "), "-") {
			t.Fatalf("ParseDuration(%q) = %d", s, n)
		}
		// The same text with a "ca." before it reads alike.
		if m, ok := ParseDuration("ca. " + s); len(s) < 60 && (!ok || m != n) && !isFiller(strings.TrimSpace(s)) {
			t.Fatalf("ParseDuration(%q) = %d but ParseDuration(\"ca. \"+%[1]q) = %d, %v", s, n, m, ok)
		}
	})
}

// withoutFiller is s without a filler word first, as ParseDuration reads it.
func withoutFiller(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, f := range durationFiller {
		if rest, ok := strings.CutPrefix(s, f); ok && rest != "" && (strings.HasSuffix(f, ".") || f == "~" || rest[0] == ' ') {
			return rest
		}
	}
	return s
}

// isFiller reports whether s already starts with a filler word, which
// "ca. " before it would double.
func isFiller(s string) bool {
	for _, f := range durationFiller {
		if strings.HasPrefix(strings.ToLower(s), f) {
			return true
		}
	}
	return false
}
