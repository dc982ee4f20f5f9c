package ingest

import (
	"testing"
)

// Issue 9, item 11: durations written in words and with Danish units are
// read, not rejected.
func TestDurationWords(t *testing.T) {
	data := newData(t)
	run(t, data, Options{}, file(t, "t.csv", baseSignups...))
	want := map[string]int{"en time": 60, "halvanden time": 90, "1 t": 60, "1,5 t": 90, "90 min.": 90, "2 timer": 120, "45 minutter": 45, "1½ time": 90, "tre kvarter": 45}
	lines := []string{"Mentee;Mødedato;Varighed"}
	day := 2
	dates := map[string]int{}
	for in := range want {
		lines = append(lines, "mads@example.org;"+itoa(day)+"-03-2026;"+in)
		dates[in] = day
		day++
	}
	res := run(t, data, Options{}, file(t, "m.csv", lines...))
	if len(res.Report.Problems) != 0 {
		t.Fatalf("problems: %+v", res.Report.Problems)
	}
	c := cohort(t, res.Dataset, "foraar-2026")
	got := map[int]int{}
	for _, m := range c.Meetings {
		got[m.Date.Time().Day()] = m.Minutes
	}
	for in, min := range want {
		if got[dates[in]] != min {
			t.Errorf("%q: %d minutes stored, want %d", in, got[dates[in]], min)
		}
	}
}
