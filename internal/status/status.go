// Package status builds the secretariat's private status pages (private/):
// an overview, one page per cohort, the follow-up list (also as
// opfoelgning.xlsx), the evaluation summaries and status.json; and the public
// "Programmet i tal" fragment of aggregated figures. The state and flags of a
// pair come from internal/programme (status.go); this package only gathers,
// aggregates and renders them.
package status

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/laegeforeningen/mentorprogram/internal/programme"
)

// Report is the status of the whole programme at one date, ready to render.
type Report struct {
	// AsOf is the reference date everything was computed at.
	AsOf programme.Date
	// Config is the programme's configuration the rules came from.
	Config *programme.Config
	// Cohorts are the cohorts in the dataset's order (sorted by id).
	Cohorts []*CohortReport
	// Followups is one row per actionable flag across cohorts.
	Followups []Followup
	// Evaluation holds the evaluation summaries, suppressed for privacy.
	Evaluation *EvalReport
}

// CohortReport is one cohort's status with the people's names resolved.
type CohortReport struct {
	programme.CohortStatus
	// People are the cohort's participants by email.
	People map[string]programme.Participant
	// Counts is the number of pairs per state.
	Counts map[programme.State]int
	// OpenFlags is the number of actionable flags of pairs and sign-ups.
	OpenFlags int
	// Waiting is the number of unmatched sign-ups flagged waiting-too-long.
	Waiting int
}

// Contact is a person to contact about a flag.
type Contact struct {
	Role  programme.Role
	Name  string
	Email string
}

// Followup is one actionable flag: whom to contact, why, since when.
type Followup struct {
	Cohort   string
	Flag     programme.Flag
	Mentee   string // the pair's mentee's name (empty for an unmatched sign-up)
	Mentor   string // the pair's mentor's name
	Contacts []Contact
	// Why explains the flag in Danish, citing the rule and the facts.
	Why string
}

// New computes the state and flags of every pair and sign-up of ds at today,
// the follow-up list and the evaluation summaries.
func New(ds *programme.Dataset, today programme.Date) *Report {
	cfg := &ds.Config
	r := &Report{AsOf: today, Config: cfg}
	for i := range ds.Cohorts {
		c := &ds.Cohorts[i]
		cr := &CohortReport{
			CohortStatus: programme.ComputeCohort(cfg, c, today),
			People:       make(map[string]programme.Participant, len(c.Participants)),
			Counts:       map[programme.State]int{},
		}
		for _, p := range c.Participants {
			cr.People[p.Email] = p
		}
		for i := range cr.Pairs {
			ps := &cr.Pairs[i]
			cr.Counts[ps.State]++
			for _, f := range ps.Flags {
				if !f.Kind.Actionable() {
					continue
				}
				cr.OpenFlags++
				r.Followups = append(r.Followups, cr.pairFollowup(cfg, ps, f))
			}
		}
		for _, u := range cr.Unmatched {
			for _, f := range u.Flags {
				cr.OpenFlags++
				cr.Waiting++
				p := u.Participant
				r.Followups = append(r.Followups, Followup{
					Cohort:   c.ID,
					Flag:     f,
					Contacts: []Contact{{Role: p.Role, Name: p.Name, Email: p.Email}},
					Why: fmt.Sprintf("Tilmeldt som %s %s og endnu ikke matchet efter %s (followup.waiting_weeks).",
						p.Role, daDate(p.SignedUp), weeksText(cfg.Followup.WaitingWeeks)),
				})
			}
		}
		r.Cohorts = append(r.Cohorts, cr)
	}
	sort.SliceStable(r.Followups, func(i, j int) bool {
		a, b := r.Followups[i], r.Followups[j]
		if a.Flag.Since != b.Flag.Since {
			return a.Flag.Since.Before(b.Flag.Since)
		}
		if a.Cohort != b.Cohort {
			return a.Cohort < b.Cohort
		}
		return a.Contacts[0].Email < b.Contacts[0].Email
	})
	r.Evaluation = newEvalReport(ds)
	return r
}

// Count returns the number of the cohort's pairs in state s.
func (c *CohortReport) Count(s string) int { return c.Counts[programme.State(s)] }

// Name returns the name of the participant with email, or the email.
func (c *CohortReport) Name(email string) string {
	if p, ok := c.People[email]; ok && p.Name != "" {
		return p.Name
	}
	return email
}

func (c *CohortReport) contact(role programme.Role, email string) Contact {
	return Contact{Role: role, Name: c.Name(email), Email: email}
}

func (c *CohortReport) pairFollowup(cfg *programme.Config, ps *programme.PairStatus, f programme.Flag) Followup {
	fu := Followup{Cohort: c.ID, Flag: f, Mentee: c.Name(ps.Pair.Mentee), Mentor: c.Name(ps.Pair.Mentor)}
	mentee := c.contact(programme.Mentee, ps.Pair.Mentee)
	mentor := c.contact(programme.Mentor, ps.Pair.Mentor)
	switch f.Whom {
	case programme.WhomMentee:
		fu.Contacts = []Contact{mentee}
	case programme.WhomMentor:
		fu.Contacts = []Contact{mentor}
	default:
		fu.Contacts = []Contact{mentee, mentor}
	}
	fu.Why = why(cfg, c, ps, f)
	return fu
}

// why explains a pair's flag in Danish, citing the rule and the facts.
func why(cfg *programme.Config, c *CohortReport, ps *programme.PairStatus, f programme.Flag) string {
	r, fo := cfg.Rules, cfg.Followup
	switch f.Kind {
	case programme.FlagNoFirstContact:
		matched := "Matchet " + daDate(f.Ref)
		if ps.MatchAssumed {
			matched = fmt.Sprintf("Ingen matchdato er registreret; regnet fra %s, da begge var tilmeldt (antaget)", daDate(f.Ref))
		}
		return fmt.Sprintf("%s, og intet afklaringsmøde er holdt efter %s (followup.first_contact_weeks). Menteen skal tage den første kontakt.",
			matched, weeksText(fo.FirstContactWeeks))
	case programme.FlagQuiet:
		return fmt.Sprintf("Seneste holdte møde var %s; intet møde i %s (followup.quiet_weeks).", daDate(f.Ref), weeksText(fo.QuietWeeks))
	case programme.FlagOverdue:
		return fmt.Sprintf("Den maksimale varighed på %s efter afklaringsmødet %s er passeret, og kun %d af mindst %s efter afklaringsmødet er holdt (rules.min_meetings_after_clarification).",
			monthsText(r.DurationMonths.Max), daDate(ps.Clarification), f.Count, meetingsText(r.MinMeetingsAfterClarification))
	case programme.FlagMissingAgenda:
		return fmt.Sprintf("%s logget uden udsendt dagsorden, første gang %s. Menteen sender dagsordenen før hvert møde.",
			plural(f.Count, "holdt møde er", "holdte møder er"), daDate(f.Since))
	case programme.FlagContactRequested:
		return fmt.Sprintf("Parrets seneste logføring %s beder om kontakt fra sekretariatet.", daDate(f.Ref))
	case programme.FlagEvaluationMissing:
		return fmt.Sprintf("%s %s mangler %s efter (followup.evaluation_due_weeks).",
			endText(cfg, ps), whoseEvaluation(f.Whom), weeksText(fo.EvaluationDueWeeks))
	case programme.FlagEndDateMissing:
		text := fmt.Sprintf("Forløbet er markeret %s uden slutdato, og hverken et holdt møde eller en matchdato er logget, så slutdatoen kan ikke antages, og fristen for evalueringen (followup.evaluation_due_weeks) kan ikke beregnes. Registrér slutdatoen (ended).", ps.Pair.Status)
		switch {
		case !ps.MenteeEvaluated && !ps.MentorEvaluated:
			text += " " + whoseEvaluation(programme.WhomBoth) + " mangler."
		case !ps.MenteeEvaluated:
			text += " " + whoseEvaluation(programme.WhomMentee) + " mangler."
		case !ps.MentorEvaluated:
			text += " " + whoseEvaluation(programme.WhomMentor) + " mangler."
		}
		return text
	case programme.FlagConflictOfInterest:
		return fmt.Sprintf("Mentor og mentee har samme arbejdssted: menteens er registreret som »%s«, mentorens som »%s«. Mentor og mentee bør ikke arbejde samme sted.",
			c.People[ps.Pair.Mentee].Workplace, c.People[ps.Pair.Mentor].Workplace)
	}
	return string(f.Kind)
}

// whoseEvaluation names whose evaluation is missing, as a sentence's subject.
func whoseEvaluation(w programme.Whom) string {
	switch w {
	case programme.WhomMentee:
		return "Menteens evaluering"
	case programme.WhomMentor:
		return "Mentorens evaluering"
	}
	return "Både menteens og mentorens evaluering"
}

// endText says when and how a finished course ended, in Danish: the marked
// end date, the assumed one, or the day it completed by the rules (and
// whether the pair has met since, by mutual wish).
func endText(cfg *programme.Config, ps *programme.PairStatus) string {
	r := cfg.Rules
	switch {
	case ps.EndAssumed:
		return fmt.Sprintf("Forløbet er markeret %s uden slutdato og antages at være sluttet %s (%s).", ps.Pair.Status, daDate(ps.Ended), endBasis(ps))
	case !ps.Pair.Ended.IsZero() || ps.Pair.Status == programme.StatusCompleted || ps.Pair.Status == programme.StatusStopped:
		return fmt.Sprintf("Forløbet sluttede %s.", daDate(ps.Ended))
	}
	// Completed by the rules.
	var text string
	if ps.Ended.After(ps.MaxEnd) {
		text = fmt.Sprintf("Forløbet er afsluttet efter reglerne %s, da det %d. møde efter afklaringsmødet blev holdt; den maksimale varighed på %s var passeret %s.",
			daDate(ps.Ended), r.MinMeetingsAfterClarification, monthsText(r.DurationMonths.Max), daDate(ps.MaxEnd))
	} else {
		text = fmt.Sprintf("Forløbet er afsluttet efter reglerne %s, da den maksimale varighed på %s efter afklaringsmødet var passeret og mindst %s efter det var holdt.",
			daDate(ps.Ended), monthsText(r.DurationMonths.Max), meetingsText(r.MinMeetingsAfterClarification))
	}
	n := 0
	for _, d := range ps.Held {
		if d.After(ps.Ended) {
			n++
		}
	}
	if n > 0 {
		text += fmt.Sprintf(" Parret har efter fælles ønske holdt %s siden (seneste %s), men evalueringen regnes fra afslutningen.", meetingsText(n), daDate(ps.LastMeeting))
	}
	return text
}

// plural writes n with the singular or the plural form: "1 møde", "2 møder".
func plural(n int, one, many string) string {
	if n == 1 || n == -1 {
		return strconv.Itoa(n) + " " + one
	}
	return strconv.Itoa(n) + " " + many
}

func weeksText(n int) string    { return plural(n, "uge", "uger") }
func monthsText(n int) string   { return plural(n, "måned", "måneder") }
func meetingsText(n int) string { return plural(n, "møde", "møder") }

// stateLabels are the Danish names of the states.
var stateLabels = map[programme.State]string{
	programme.StateAwaiting:  "Afventer afklaringsmøde",
	programme.StateActive:    "Aktiv",
	programme.StateCompleted: "Afsluttet",
	programme.StateStopped:   "Afbrudt",
}

// StateLabel returns the Danish name of a state.
func StateLabel(s programme.State) string { return stateLabels[s] }

// flagLabels are the Danish names of the flags.
var flagLabels = map[programme.FlagKind]string{
	programme.FlagNoFirstContact:     "Ingen første kontakt",
	programme.FlagQuiet:              "Stille forløb",
	programme.FlagOverdue:            "Over tid",
	programme.FlagMissingAgenda:      "Manglende dagsorden",
	programme.FlagContactRequested:   "Ønsker kontakt",
	programme.FlagEvaluationMissing:  "Mangler evaluering",
	programme.FlagConflictOfInterest: "Interessekonflikt",
	programme.FlagPast12Months:       "Møder efter maksimal varighed",
	programme.FlagWaitingTooLong:     "Venter for længe",
	programme.FlagEndDateMissing:     "Mangler slutdato",
}

// FlagLabel returns the Danish name of a flag.
func FlagLabel(k programme.FlagKind) string {
	if l, ok := flagLabels[k]; ok {
		return l
	}
	return string(k)
}

var whomLabels = map[programme.Whom]string{
	programme.WhomMentee: "mentee",
	programme.WhomMentor: "mentor",
	programme.WhomBoth:   "begge",
}

var months = [...]string{"januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"}

// daDate writes a date the Danish way: "15. september 2025".
func daDate(d programme.Date) string {
	if d.IsZero() {
		return "–"
	}
	t := d.Time()
	return fmt.Sprintf("%d. %s %d", t.Day(), months[t.Month()-1], t.Year())
}

// enDate writes a date the English way: "15 September 2025".
func enDate(d programme.Date) string {
	if d.IsZero() {
		return "–"
	}
	return d.Time().Format("2 January 2006")
}

// neutralise makes text that a spreadsheet could read as a formula plain text.
func neutralise(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
