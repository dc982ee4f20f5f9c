package status

import (
	"strconv"
	"strings"
	"testing"

	"github.com/laegeforeningen/mentorprogram/internal/programme"
)

// TestTimeline: the timeline has no viewBox (so its text is not scaled
// down on a phone) and places everything by percentages inside 0–100 %;
// its month numbers are at most 9 however long the course, from 0 at the
// clarification meeting.
func TestTimeline(t *testing.T) {
	cfg := testConfig()
	for _, tc := range []struct {
		name      string
		clar      string
		meetings  []string
		wantMonth []string // month labels expected among others
	}{
		{"a year", "2026-01-10", []string{"2026-01-10", "2026-03-01"}, []string{">0<", ">2<", ">14<"}},
		{"four years", "2022-11-01", []string{"2022-11-01", "2026-10-01"}, []string{">0<", ">12<", ">48<"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clar := d(tc.clar)
			ps := programme.PairStatus{Clarification: clar, LastMeeting: d(tc.meetings[len(tc.meetings)-1]),
				MinEnd: clar.AddMonths(cfg.Rules.DurationMonths.Min), MaxEnd: clar.AddMonths(cfg.Rules.DurationMonths.Max)}
			for _, m := range tc.meetings {
				ps.Held = append(ps.Held, d(m))
			}
			r := &Report{AsOf: today, Config: &cfg}
			svg := string(timeline(r, ps))
			if strings.Contains(svg, "viewBox") {
				t.Errorf("the timeline has a viewBox: its text shrinks with it")
			}
			if n := strings.Count(svg, `class="tl-label"`); n < 2 || n > 9 {
				t.Errorf("%d month labels, want 2 to 9", n)
			}
			for _, want := range tc.wantMonth {
				if !strings.Contains(svg, want+"/text>") {
					t.Errorf("no month label %s in %s", want, svg)
				}
			}
			for _, attr := range []string{` x="`, ` x1="`, ` x2="`, ` cx="`, ` width="`} {
				for _, part := range strings.Split(svg, attr)[1:] {
					v, _, _ := strings.Cut(part, `"`)
					if v == "-6" || v == "12" { // the diamond inside its nested drawing
						continue
					}
					if !strings.HasSuffix(v, "%") {
						t.Errorf("%s%s\": not a percentage", attr, v)
						continue
					}
					if f, err := strconv.ParseFloat(strings.TrimSuffix(v, "%"), 64); err != nil || f < 0 || f > 100 {
						t.Errorf("%s%s\": outside 0–100 %%", attr, v)
					}
				}
			}
		})
	}
}
