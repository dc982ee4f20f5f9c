// Package match proposes mentors for the mentees on a cohort's waiting
// list, explains every suggestion in Danish, and checks the hard rules that
// a pair must never break (rules.go), for the proposal and for the pairs the
// secretariat accepts from it (cmd/ingest).
//
// The proposal matches as many mentees as possible, then maximises the
// total score of the soft criteria (score.go, weights in programme.yaml's
// matching:), then prefers those who signed up first: a maximum-cardinality,
// maximum-weight assignment with mentor capacities. The solver (solve.go)
// is our own: the Go libraries kept for the assignment problem are the plain
// square Hungarian method (no capacities, no "left unmatched" with a
// cardinality-first objective, and O(n³) on the capacity-expanded square
// matrix, too slow for 2,000 mentees), and a general min-cost-flow package
// would be a large dependency for some hundred lines. Its tests check it
// against brute force and an independent maximum flow.
//
// The package is pure: it does no I/O and imports only the domain.
package match

import (
	"fmt"
	"slices"
	"strings"

	"github.com/laegeforeningen/mentorprogram/internal/programme"
)

// Proposal is the suggestions for one cohort.
type Proposal struct {
	Cohort string // the cohort's id
	Name   string // its display name (the id where none is kept)
	// Waiting is the number of mentees in the cohort with no pair whose
	// sign-up has not lapsed.
	Waiting int
	// Suggestions are in the order the mentees signed up (then e-mail).
	Suggestions []Suggestion
	// Unmatched are the waiting mentees with no suggestion, then the
	// mentors in no active pair and with no suggestion (those whose pairs
	// in the cohort have ended only while mentees wait), then the sign-ups
	// that lapsed unmatched (privacy.signup_lapse_months), each with the
	// reason.
	Unmatched []Unmatched
}

// Suggestion is one suggested pair, with its score in parts and the
// mentee's next best mentors.
type Suggestion struct {
	Mentee, Mentor programme.Participant
	Score          int
	Parts          []Part
	Alternatives   []Alternative
}

// Alternative is another mentor the mentee could have, with the score.
type Alternative struct {
	Mentor programme.Participant
	Score  int
	Parts  []Part
}

// Unmatched is a person left without a suggestion, and why.
type Unmatched struct {
	Participant programme.Participant
	Reason      string
}

// Reasons are the parts of the suggestion's score in words, for the pages.
func (s *Suggestion) Reasons() []string {
	out := make([]string, 0, len(s.Parts))
	for _, p := range s.Parts {
		out = append(out, p.Text)
	}
	return out
}

// ReasonText is the reasons as one sentence, "ingen særlige fællestræk"
// where no criterion gives points.
func (s *Suggestion) ReasonText() string {
	if len(s.Parts) == 0 {
		return "ingen kriterier giver point; forslaget overholder reglerne"
	}
	var b strings.Builder
	for i, p := range s.Parts {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%s (%s)", p.Text, programme.Plural(p.Points, "point", "point"))
	}
	return b.String()
}

// AlternativesText is the alternatives as one line: "Navn (12 point); ...",
// "ingen" where there are none.
func (s *Suggestion) AlternativesText() string {
	if len(s.Alternatives) == 0 {
		return "ingen andre mentorer kan bruges"
	}
	parts := make([]string, len(s.Alternatives))
	for i, a := range s.Alternatives {
		parts[i] = fmt.Sprintf("%s (%s)", a.Mentor.Name, programme.Plural(a.Score, "point", "point"))
	}
	return strings.Join(parts, "; ")
}

// Alternatives is how many other mentors each suggestion names.
const Alternatives = 2

// Propose returns a proposal for every cohort of ds, at today, in the
// cohorts' order. A person signed up to several cohorts is suggested in the
// first where the proposal finds a match, and a mentor only up to the room
// left by the suggestions of earlier cohorts, so that accepting every
// suggestion breaks no rule. dateText writes a date in the reasons (the status pages
// pass the theme's, "22. november 2026"); nil writes 2026-11-22.
func Propose(ds *programme.Dataset, today programme.Date, dateText func(programme.Date) string) []Proposal {
	x := NewRules(ds, today)
	x.DateText = dateText
	out := make([]Proposal, len(ds.Cohorts))
	for i := range ds.Cohorts {
		out[i] = x.Propose(&ds.Cohorts[i])
	}
	return out
}

// byArrival orders sign-ups by sign-up date (unknown last), then e-mail.
func byArrival(a, b *person) int {
	switch az, bz := a.p.SignedUp.IsZero(), b.p.SignedUp.IsZero(); {
	case az != bz:
		if az {
			return 1
		}
		return -1
	case !az && a.p.SignedUp != b.p.SignedUp:
		if a.p.SignedUp.Before(b.p.SignedUp) {
			return -1
		}
		return 1
	}
	return strings.Compare(a.p.Email, b.p.Email)
}

// Propose suggests mentors for cohort c's waiting mentees. It counts its
// suggestions in x, so that a later Propose on x (another cohort) leaves
// out a mentee suggested here and the room of the mentors suggested here.
func (x *Rules) Propose(c *programme.Cohort) Proposal {
	prop := Proposal{Cohort: c.ID, Name: cohortName(c)}
	paired := make(map[string]bool, 2*len(c.Pairs))
	for _, p := range c.Pairs {
		paired[p.Mentee], paired[p.Mentor] = true, true
	}
	var mentees, mentors, lapsed, elsewhere []*person
	for i := range c.Participants {
		p := &c.Participants[i]
		switch {
		case !paired[p.Email] && x.lapsed(p):
			lapsed = append(lapsed, newPerson(x.cfg, p))
		case p.Role == programme.Mentee && !paired[p.Email] && x.proposedMentee[p.Email] != "":
			elsewhere = append(elsewhere, newPerson(x.cfg, p))
		case p.Role == programme.Mentee && !paired[p.Email]:
			mentees = append(mentees, newPerson(x.cfg, p))
		case p.Role == programme.Mentor:
			mentors = append(mentors, newPerson(x.cfg, p))
		}
	}
	slices.SortFunc(mentees, byArrival)
	slices.SortFunc(mentors, byArrival)
	slices.SortFunc(lapsed, byArrival)
	slices.SortFunc(elsewhere, byArrival)
	prop.Waiting = len(mentees) + len(elsewhere)
	// The mentors with room, less what earlier cohorts' suggestions take;
	// the rest only explain.
	var free []*person
	capacity := []int{}
	for _, mo := range mentors {
		if f := x.Free(mo.p) - x.proposedMentor[mo.p.Email]; f > 0 {
			free = append(free, mo)
			capacity = append(capacity, f)
		}
	}
	n, m := len(mentees), len(free)
	sc := scorer{cfg: x.cfg, today: x.today}
	score := make([]int32, n*m)
	// Why each mentee cannot have each free mentor, and each free mentor
	// each mentee: counts by rule.
	menteeBroken := make([]map[Rule]int, n)
	mentorBroken := make([]map[Rule]int, m)
	for i, me := range mentees {
		for j, mo := range free {
			if r := x.broken(me, mo); r != "" {
				score[i*m+j] = forbidden
				if menteeBroken[i] == nil {
					menteeBroken[i] = map[Rule]int{}
				}
				menteeBroken[i][r]++
				if mentorBroken[j] == nil {
					mentorBroken[j] = map[Rule]int{}
				}
				mentorBroken[j][r]++
				continue
			}
			score[i*m+j] = int32(sc.score(me, mo))
		}
	}
	prio := make([]int64, n)
	for i := range prio {
		prio[i] = int64(n - i)
	}
	got := assign(n, m, score, capacity, prio)

	suggested := map[string]bool{}
	for i, j := range got {
		if j < 0 {
			continue
		}
		me, mo := mentees[i], free[j]
		suggested[mo.p.Email] = true
		x.proposedMentee[me.p.Email] = cohortName(c)
		x.proposedMentor[mo.p.Email]++
		if x.proposedMentorIn[mo.p.Email] == "" {
			x.proposedMentorIn[mo.p.Email] = cohortName(c)
		}
		s := Suggestion{Mentee: *me.p, Mentor: *mo.p, Score: int(score[i*m+j]), Parts: sc.parts(me, mo)}
		s.Alternatives = x.alternatives(&sc, score[i*m:i*m+m], j, me, free)
		prop.Suggestions = append(prop.Suggestions, s)
	}
	for i, j := range got {
		if j < 0 {
			prop.Unmatched = append(prop.Unmatched, Unmatched{*mentees[i].p, x.menteeReason(mentees[i], len(mentors), m, menteeBroken[i])})
		}
	}
	for _, me := range elsewhere {
		prop.Unmatched = append(prop.Unmatched, Unmatched{*me.p, fmt.Sprintf(
			"Menteen er også tilmeldt kohorte %s og har fået et forslag dér. Bruges det ikke, kommer menteen med i forslaget her, når statussiderne laves igen.", x.proposedMentee[me.p.Email])})
	}
	fi := 0
	for _, mo := range mentors {
		isFree := fi < len(free) && free[fi] == mo
		if isFree {
			fi++
		}
		if suggested[mo.p.Email] || x.mentorLoad[mo.p.Email] > 0 || (paired[mo.p.Email] && n == 0) {
			continue // suggested, in an active pair, or done with no one waiting
		}
		var reason string
		switch {
		case !isFree && x.Free(mo.p) > 0:
			reason = fmt.Sprintf("Mentoren er også tilmeldt kohorte %s og er foreslået dér til så mange mentees, som mentoren har plads til (%d ad gangen). Bruges forslaget ikke, kommer mentoren med i forslaget her, når statussiderne laves igen.",
				x.proposedMentorIn[mo.p.Email], mo.p.MentorCapacity())
		case !isFree:
			reason = x.reason(RuleCapacity, nil, mo)
			reason = strings.ToUpper(reason[:1]) + reason[1:]
		default:
			reason = mentorReason(n, mentorBroken[fi-1])
		}
		prop.Unmatched = append(prop.Unmatched, Unmatched{*mo.p, reason})
	}
	for _, p := range lapsed {
		prop.Unmatched = append(prop.Unmatched, Unmatched{*p.p, fmt.Sprintf(
			"Tilmeldingen bortfaldt %s, %s efter tilmeldingen uden et match (privacy.signup_lapse_months), så der foreslås ikke noget. Vil personen stadig være med, så indlæs en ny tilmelding.",
			x.date(p.p.SignedUp.AddMonths(x.cfg.Privacy.SignupLapseMonths)), programme.MonthsText(x.cfg.Privacy.SignupLapseMonths))})
	}
	return prop
}

// date writes d with DateText.
func (x *Rules) date(d programme.Date) string {
	if x.DateText == nil {
		return d.String()
	}
	return x.DateText(d)
}

// lapsed reports whether a sign-up with no pair in its cohort has lapsed
// by today: privacy.signup_lapse_months after signing up (never, where
// that is 0 or the sign-up date is unknown).
func (x *Rules) lapsed(p *programme.Participant) bool {
	n := x.cfg.Privacy.SignupLapseMonths
	return n > 0 && !p.SignedUp.IsZero() && !x.today.Before(p.SignedUp.AddMonths(n))
}

// alternatives are the mentee's best mentors but the suggested one (column
// skip), by score, then the mentors' order.
func (x *Rules) alternatives(sc *scorer, row []int32, skip int, me *person, free []*person) []Alternative {
	var best []int
	for j, s := range row {
		if s == forbidden || j == skip {
			continue
		}
		k := len(best)
		for k > 0 && row[best[k-1]] < s {
			k--
		}
		if k < Alternatives {
			best = slices.Insert(best, k, j)
			if len(best) > Alternatives {
				best = best[:Alternatives]
			}
		}
	}
	out := make([]Alternative, len(best))
	for k, j := range best {
		out[k] = Alternative{Mentor: *free[j].p, Score: int(row[j]), Parts: sc.parts(me, free[j])}
	}
	return out
}

// ruleCounts writes counts by rule as a Danish list, each count with its
// phrase: "2 arbejder samme sted, og 1 har bedt om ...".
func ruleCounts(counts map[Rule]int, phrases map[Rule][2]string) string {
	var parts []string
	for _, r := range []Rule{RuleMenteeActive, RuleWorkplace, RuleAvoidMentee, RuleAvoidMentor, RuleStopped, RuleRole, RuleCapacity} {
		if n := counts[r]; n > 0 {
			ph := phrases[r]
			if n == 1 {
				parts = append(parts, "1 "+ph[0])
			} else {
				parts = append(parts, fmt.Sprintf("%d %s", n, ph[1]))
			}
		}
	}
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " og " + parts[len(parts)-1]
}

// onlyOne is the phrase of the one rule in counts (of a single person).
func onlyOne(counts map[Rule]int, phrases map[Rule][2]string) string {
	for r, n := range counts {
		if n > 0 {
			return phrases[r][0]
		}
	}
	return ""
}

var menteeView = map[Rule][2]string{
	RuleWorkplace:   {"arbejder samme sted som menteen", "arbejder samme sted som menteen"},
	RuleAvoidMentee: {"har menteen bedt om ikke at blive matchet med", "har menteen bedt om ikke at blive matchet med"},
	RuleAvoidMentor: {"har bedt om ikke at blive matchet med menteen", "har bedt om ikke at blive matchet med menteen"},
	RuleStopped:     {"har været i et afbrudt forløb med menteen", "har været i et afbrudt forløb med menteen"},
}

var mentorView = map[Rule][2]string{
	RuleMenteeActive: {"er allerede i et aktivt forløb", "er allerede i et aktivt forløb"},
	RuleWorkplace:    {"arbejder samme sted som mentoren", "arbejder samme sted som mentoren"},
	RuleAvoidMentee:  {"har bedt om ikke at blive matchet med mentoren", "har bedt om ikke at blive matchet med mentoren"},
	RuleAvoidMentor:  {"har mentoren bedt om ikke at blive matchet med", "har mentoren bedt om ikke at blive matchet med"},
	RuleStopped:      {"har været i et afbrudt forløb med mentoren", "har været i et afbrudt forløb med mentoren"},
}

// menteeReason says why a waiting mentee got no suggestion: all is the
// number of mentors in the cohort, free those with room.
func (x *Rules) menteeReason(me *person, all, free int, broken map[Rule]int) string {
	if c := x.activeMentee[me.p.Email]; c != "" {
		return fmt.Sprintf("Menteen er allerede i et aktivt forløb (kohorte %s).", c)
	}
	switch {
	case all == 0:
		return "Ingen mentorer er tilmeldt kohorten."
	case free == 0 && all == 1:
		return "Kohortens ene mentor har ikke plads til flere mentees."
	case free == 0:
		return fmt.Sprintf("Ingen af kohortens %d mentorer har plads til flere mentees.", all)
	}
	blocked := 0
	for _, n := range broken {
		blocked += n
	}
	switch {
	case blocked == free && free == 1:
		return "Den ene mentor med ledig plads kan ikke bruges: den " + onlyOne(broken, menteeView) + "."
	case blocked == free:
		return fmt.Sprintf("Ingen af de %d mentorer med ledig plads kan bruges: %s.", free, ruleCounts(broken, menteeView))
	}
	ok := free - blocked
	why := "Den ene mentor, menteen kan matches med, er foreslået til en anden mentee"
	if ok > 1 {
		why = fmt.Sprintf("De %d mentorer, menteen kan matches med, er alle foreslået til andre mentees", ok)
	}
	why += ": forslaget matcher så mange som muligt, og derefter dem, der passer bedst og har ventet længst."
	if blocked > 0 {
		why += fmt.Sprintf(" Af de øvrige mentorer med ledig plads %s.", ruleCounts(broken, menteeView))
	}
	return why
}

// mentorReason says why a mentor with room and no pair got no suggestion:
// waiting is the number of waiting mentees.
func mentorReason(waiting int, broken map[Rule]int) string {
	if waiting == 0 {
		return "Ingen mentees venter på en mentor i kohorten."
	}
	blocked := 0
	for _, n := range broken {
		blocked += n
	}
	switch {
	case blocked == waiting && waiting == 1:
		return "Den ene ventende mentee kan ikke bruges: den " + onlyOne(broken, mentorView) + "."
	case blocked == waiting:
		return fmt.Sprintf("Ingen af de %d ventende mentees kan bruges: %s.", waiting, ruleCounts(broken, mentorView))
	}
	ok := waiting - blocked
	why := fmt.Sprintf("De %d ventende mentees, mentoren kan matches med, er alle foreslået til andre mentorer: forslaget matcher så mange som muligt, og derefter dem, der passer bedst.", ok)
	if ok == 1 {
		why = "Den ene ventende mentee, mentoren kan matches med, er foreslået til en anden mentor: forslaget matcher så mange som muligt, og derefter dem, der passer bedst."
	}
	if blocked > 0 {
		why += fmt.Sprintf(" Af de øvrige ventende mentees %s.", ruleCounts(broken, mentorView))
	}
	return why
}

// The columns of matchforslag.xlsx, which the status pages write and
// cmd/ingest reads back: a row marked ja in Accepter becomes a pair, matched
// on Matchdato (blank: the day of the ingest).
const (
	ColumnCohort       = "Kohorte"
	ColumnMentee       = "Mentee"
	ColumnMenteeEmail  = "Mentee e-mail"
	ColumnMentor       = "Foreslået mentor"
	ColumnMentorEmail  = "Mentor e-mail"
	ColumnScore        = "Point"
	ColumnReasons      = "Begrundelse"
	ColumnAlternatives = "Alternativer"
	ColumnAccept       = "Accepter"
	ColumnMatchDate    = "Matchdato"
)

// Header is the header row of matchforslag.xlsx.
var Header = []string{ColumnCohort, ColumnMentee, ColumnMenteeEmail, ColumnMentor, ColumnMentorEmail, ColumnScore,
	ColumnReasons, ColumnAlternatives, ColumnAccept, ColumnMatchDate}
