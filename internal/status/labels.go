package status

import (
	"sync"

	mentorprogram "github.com/laegeforeningen/mentorprogram"
	"github.com/laegeforeningen/mentorprogram/internal/i18n"
	"github.com/laegeforeningen/mentorprogram/internal/programme"
)

// daWords are the status pages' Danish words: the month names and the
// status: section (states, roles, whom, urgencies) of templates/i18n/da.yaml, from the theme built into the
// program (as the pages' own templates, web/, are). The strings are written
// there and nowhere else.
var daWords = sync.OnceValue(func() *i18n.Lang {
	w, err := i18n.Load(mentorprogram.Templates())
	if err != nil {
		panic(err) // the built-in theme is checked by the i18n and status tests
	}
	return w["da"]
})

// daDate writes a date the Danish way: "15. september 2025"; "–" for no date.
func daDate(d programme.Date) string {
	if d.IsZero() {
		return "–"
	}
	return daWords().Date(d.Time())
}

// statusWord is the status: string prefix+name ("state_active"), or name
// itself where the theme has none.
func statusWord(prefix, name string) string {
	if s, ok := daWords().Status[prefix+name]; ok {
		return s
	}
	return name
}

// StateLabel returns the Danish name of a state.
func StateLabel(s programme.State) string { return statusWord("state_", string(s)) }

// roleLabel returns the Danish name of a role.
func roleLabel(r programme.Role) string { return statusWord("role_", string(r)) }

// urgencyLabel returns the Danish word of an urgency ("Haster").
func urgencyLabel(u programme.Urgency) string { return statusWord("urgency_", string(u)) }

// whomLabel returns the Danish word for whom to contact about a flag.
func whomLabel(w programme.Whom) string { return statusWord("whom_", string(w)) }
