package sheet

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	d := func(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 0, 0, 0, 0, time.UTC) }
	dt := func(y int, m time.Month, day, h, min, s int) time.Time {
		return time.Date(y, m, day, h, min, s, 0, time.UTC)
	}
	tests := []struct {
		in    string
		order DateOrder
		want  time.Time
		bad   bool
	}{
		{in: "2026-03-14", want: d(2026, 3, 14)},
		{in: "2026-03-14T10:15:02", want: dt(2026, 3, 14, 10, 15, 2)},
		{in: "2026-03-14T10:15:02Z", want: dt(2026, 3, 14, 10, 15, 2)},
		{in: "2026-03-14T10:15:02.123+01:00", want: time.Date(2026, 3, 14, 10, 15, 2, 123000000, time.UTC)},
		{in: "2026-03-14 10:15", want: dt(2026, 3, 14, 10, 15, 0)},
		{in: "14-03-2026", want: d(2026, 3, 14)},
		{in: "14.03.2026", want: d(2026, 3, 14)},
		{in: "14/3/2026", want: d(2026, 3, 14)},
		{in: "4/3/2026", want: d(2026, 3, 4)},
		{in: "4/3/2026", order: MonthFirst, want: d(2026, 4, 3)},
		{in: "3/14/2026", order: MonthFirst, want: d(2026, 3, 14)},
		// mdy applies to slashes only: dashes and dots are Danish.
		{in: "14-03-2026", order: MonthFirst, want: d(2026, 3, 14)},
		{in: "01-02-2026", order: MonthFirst, want: d(2026, 2, 1)},
		{in: "14.03.2026 10.15", order: MonthFirst, want: dt(2026, 3, 14, 10, 15, 0)},
		{in: "2026-03-04", order: MonthFirst, want: d(2026, 3, 4)},
		{in: "13/4/2026", order: MonthFirst, bad: true},
		{in: "14-03-26", want: d(2026, 3, 14)},
		{in: "14.3.26", want: d(2026, 3, 14)},
		{in: " 14-03-2026 ", want: d(2026, 3, 14)},
		{in: "14-03-2026 10:15:02", want: dt(2026, 3, 14, 10, 15, 2)},
		{in: "14.03.2026 10.15.02", want: dt(2026, 3, 14, 10, 15, 2)},
		{in: "14-03-2026 kl. 10.15", want: dt(2026, 3, 14, 10, 15, 0)},
		{in: "2026/03/14 10:15:02 AM GMT+1", want: dt(2026, 3, 14, 10, 15, 2)},
		{in: "2026/03/14 10:15:02 PM GMT+1", want: dt(2026, 3, 14, 22, 15, 2)},
		{in: "2026/03/14 12:05:00 AM GMT+01:00", want: dt(2026, 3, 14, 0, 5, 0)},
		{in: "3/14/2026 10:15:02", order: MonthFirst, want: dt(2026, 3, 14, 10, 15, 2)},
		{in: "3/14/2026 10:15:02 PM", order: MonthFirst, want: dt(2026, 3, 14, 22, 15, 2)},
		{in: "14. marts 2026", want: d(2026, 3, 14)},
		{in: "14 Mar 2026", want: d(2026, 3, 14)},
		{in: "1. januar 2026", want: d(2026, 1, 1)},
		{in: "29-02-2028", want: d(2028, 2, 29)},
		{in: "29-02-2026", bad: true},
		{in: "31-02-2026", bad: true},
		{in: "31-04-2026", bad: true},
		{in: "3/14/2026", bad: true}, // day-first: month 14
		{in: "14-13-2026", bad: true},
		{in: "", bad: true},
		{in: "i går", bad: true},
		{in: "14-03", bad: true},
		{in: "2026", bad: true},
		{in: "46095", bad: true},
		{in: "14-03-2026 25:00", bad: true},
		{in: "14-03-2026 13:00 PM", bad: true},
		{in: "14-03-2026 hest", bad: true},
		{in: "14. smarts 2026", bad: true},
		{in: "14-03/2026 ", want: d(2026, 3, 14)},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in, tt.order)
		if tt.bad {
			if err == nil {
				t.Errorf("ParseDate(%q) = %v, want an error", tt.in, got)
			}
			continue
		}
		if err != nil || !got.Equal(tt.want) {
			t.Errorf("ParseDate(%q, %v) = %v, %v; want %v", tt.in, tt.order, got, err, tt.want)
		}
	}
}

func TestSerialDate(t *testing.T) {
	tests := []struct {
		serial   float64
		date1904 bool
		want     string
		bad      bool
	}{
		{serial: 1, want: "1900-01-01 00:00:00"},
		{serial: 59, want: "1900-02-28 00:00:00"},
		{serial: 60, bad: true}, // the 1900 leap-year bug: 29-02-1900
		{serial: 61, want: "1900-03-01 00:00:00"},
		{serial: 46095, want: "2026-03-14 00:00:00"},
		{serial: 46095.427106481, want: "2026-03-14 10:15:02"},
		{serial: 46095.9999999, want: "2026-03-15 00:00:00"},
		{serial: 44633, date1904: true, want: "2026-03-14 00:00:00"},
		{serial: 0, date1904: true, want: "1904-01-01 00:00:00"},
		{serial: 0, bad: true},
		{serial: -1, bad: true},
		{serial: 2958466, bad: true},
	}
	for _, tt := range tests {
		got, err := SerialDate(tt.serial, tt.date1904)
		if tt.bad {
			if err == nil {
				t.Errorf("SerialDate(%v) = %v, want an error", tt.serial, got)
			}
			continue
		}
		if err != nil || got.Format(time.DateTime) != tt.want {
			t.Errorf("SerialDate(%v, %v) = %v, %v; want %s", tt.serial, tt.date1904, got, err, tt.want)
		}
	}
	for _, s := range []string{"46095", "46095.5", " 46095 "} {
		if _, ok := ParseSerial(s, false); !ok {
			t.Errorf("ParseSerial(%q) failed", s)
		}
	}
	for _, s := range []string{"14-03-2026", "-5", "1e5", "4.6.2026", "", "abc"} {
		if v, ok := ParseSerial(s, false); ok {
			t.Errorf("ParseSerial(%q) = %v, want not a serial", s, v)
		}
	}
}

func TestParseBool(t *testing.T) {
	yes := []string{"ja", "Ja", "JA", "yes", "Yes", "j", "y", "x", "X", "1", "sand", "Sand", "true", "TRUE", "✓", " ja "}
	no := []string{"nej", "Nej", "no", "n", "N", "0", "falsk", "false", "FALSE"}
	for _, s := range yes {
		if v, ok := ParseBool(s); !v || !ok {
			t.Errorf("ParseBool(%q) = %v, %v; want true", s, v, ok)
		}
	}
	for _, s := range no {
		if v, ok := ParseBool(s); v || !ok {
			t.Errorf("ParseBool(%q) = %v, %v; want false", s, v, ok)
		}
	}
	for _, s := range []string{"", " ", "måske", "2", "jaja", "nejtak"} {
		if _, ok := ParseBool(s); ok {
			t.Errorf("ParseBool(%q) is an answer; want none", s)
		}
	}
}

func TestFoldHeader(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Anbefaling (0-10)", "anbefaling"},
		{"anbefaling", "anbefaling"},
		{"E-mail", "email"},
		{"Email", "email"},
		{" E-MAIL ", "email"},
		{"E-mailadresse", "emailadresse"},
		{"Mødedato", "moededato"},
		{"Moededato", "moededato"},
		{"Ønsker kontakt fra sekretariatet?", "oenskerkontaktfrasekretariatet"},
		{"Ærø", "aeroe"},
		{"Åbent", "aabent"},
		{"Å (NFD)", "aa"},
		{"Varighed (minutter)", "varighed"},
		{"3. Samlet tilfredshed", "samlettilfredshed"},
		{"Samlet tilfredshed [1-5]", "samlettilfredshed"},
		{"Mentee e-mail:", "menteeemail"},
		{"Idé", "ide"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := FoldHeader(tt.in); got != tt.want {
			t.Errorf("FoldHeader(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestColumnName(t *testing.T) {
	for i, want := range map[int]string{0: "A", 1: "B", 25: "Z", 26: "AA", 27: "AB", 51: "AZ", 52: "BA", 701: "ZZ", 702: "AAA"} {
		if got := ColumnName(i); got != want {
			t.Errorf("ColumnName(%d) = %q, want %q", i, got, want)
		}
	}
}

func TestNeutralise(t *testing.T) {
	for in, want := range map[string]string{
		"=SUM(A1)": "'=SUM(A1)", "+45 1234": "'+45 1234", "-3": "'-3", "@foo": "'@foo",
		"\tx": "'\tx", "\rx": "'\rx", "Anna": "Anna", "": "", "'=x": "'=x",
	} {
		if got := Neutralise(in); got != want {
			t.Errorf("Neutralise(%q) = %q, want %q", in, got, want)
		}
		if got := unneutralise(Neutralise(in)); got != in && in != "'=x" {
			t.Errorf("unneutralise(Neutralise(%q)) = %q", in, got)
		}
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-03-14", "14-03-2026", "14.03.2026 10.15.02", "2026/03/14 10:15:02 AM GMT+1", "3/14/2026 10:15:02", "14. marts 2026", "31-02-2026", "", "99-99-9999"} {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, s string, mdy bool) {
		order := DayFirst
		if mdy {
			order = MonthFirst
		}
		got, err := ParseDate(s, order)
		if err != nil {
			return
		}
		if got.Location() != time.UTC || got.Year() < 1 || got.Year() > 9999 {
			t.Fatalf("ParseDate(%q) = %v", s, got)
		}
		// A date written back in ISO form reads as the same day.
		iso := got.Format(time.DateOnly)
		again, err := ParseDate(iso, order)
		if err != nil || again.Format(time.DateOnly) != iso {
			t.Fatalf("ParseDate(%q) = %v; its ISO form %q reads as %v, %v", s, got, iso, again, err)
		}
	})
}

func FuzzCellValue(f *testing.F) {
	for _, s := range []string{"ja", "x", "46095", "46095.5", "Anbefaling (0-10)", "=1+1", "'=1+1", "æøå", "14-03-2026"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if v, ok := ParseBool(s); v && !ok {
			t.Fatalf("ParseBool(%q) = true but not an answer", s)
		}
		if v, ok := ParseSerial(s, false); ok && (v.Year() < 1900 || v.Year() > 9999) {
			t.Fatalf("ParseSerial(%q) = %v", s, v)
		}
		ParseSerial(s, true)
		h := FoldHeader(s)
		if FoldHeader(h) != h {
			t.Fatalf("FoldHeader is not idempotent on %q: %q then %q", s, h, FoldHeader(h))
		}
		if n := Neutralise(s); unneutralise(n) != s && !(len(s) > 1 && s[0] == '\'') {
			t.Fatalf("unneutralise(Neutralise(%q)) = %q", s, unneutralise(n))
		}
	})
}

// FuzzFold: Fold's direct ways (text already folded, returned as it is;
// text of ASCII and æ ø å) give what folding the decomposed text
// (foldRunes) gives, for any text.
func FuzzFold(f *testing.F) {
	for _, s := range []string{"", "Møde", "Afklaringsmøde", "ÆBLE-ØL på Å", "Café", "Straße", "x\xffy", "Ångström", "ﬁ", "Ⅻ", "K", "mødetype (video)", "12. Varighed", "video", "ja", "60", "a1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Fold(s), foldRunes(s); got != want {
			t.Errorf("Fold(%q) = %q, foldRunes gives %q", s, got, want)
		}
	})
}
