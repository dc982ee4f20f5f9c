package status

import (
	"testing"

	"github.com/laegeforeningen/mentorprogram/internal/programme"
)

// Every state, role and whom the pages name has its word in the theme's
// status: section (templates/i18n), and the dates use its month names.
func TestLabelsFromTheme(t *testing.T) {
	da := words(t, "da")
	check := func(key, got string) {
		t.Helper()
		if want := da.Status[key]; want == "" || got != want {
			t.Errorf("%s: got %q, da.yaml has %q", key, got, want)
		}
	}
	for _, s := range programme.States {
		check("state_"+string(s), StateLabel(s))
	}
	for _, r := range []programme.Role{programme.Mentee, programme.Mentor} {
		check("role_"+string(r), roleLabel(r))
	}
	for _, u := range programme.Urgencies {
		check("urgency_"+string(u), urgencyLabel(u))
	}
	for _, w := range []programme.Whom{programme.WhomMentee, programme.WhomMentor, programme.WhomBoth} {
		check("whom_"+string(w), whomLabel(w))
	}
	d, _ := programme.ParseISODate("2025-09-15")
	if got, want := daDate(d), "15. "+da.Months[8]+" 2025"; got != want {
		t.Errorf("daDate: %q, want %q", got, want)
	}
	if got := daDate(programme.Date{}); got != "–" {
		t.Errorf("no date: %q", got)
	}
}
