package programme

import "fmt"

// Urgency is how soon the secretariat should act on a flag. The follow-up
// list is ordered by it, most urgent first.
type Urgency string

// The urgencies, most urgent first.
const (
	// UrgencyHigh: someone asks for help or the match itself is wrong
	// (a request for contact, a conflict of interest).
	UrgencyHigh Urgency = "high"
	// UrgencyMedium: a course that has not started or has run out of time
	// (no first contact, overdue).
	UrgencyMedium Urgency = "medium"
	// UrgencyLow: the rest of what asks for action.
	UrgencyLow Urgency = "low"
	// UrgencyInfo: information only, nothing to act on.
	UrgencyInfo Urgency = "info"
)

// Urgencies lists the urgencies, most urgent first.
var Urgencies = []Urgency{UrgencyHigh, UrgencyMedium, UrgencyLow, UrgencyInfo}

// urgencyIcons are each urgency's symbol: the pages show it beside the
// urgency's word (the theme's, templates/i18n status: urgency_<urgency>)
// and a colour, so that no one has to tell urgencies by colour alone.
var urgencyIcons = map[Urgency]string{
	UrgencyHigh:   "▲",
	UrgencyMedium: "◆",
	UrgencyLow:    "●",
	UrgencyInfo:   "○",
}

// Icon is the urgency's symbol, a shape that differs per urgency.
func (u Urgency) Icon() string { return urgencyIcons[u] }

// Rank is the urgency's place in Urgencies (0 is the most urgent).
func (u Urgency) Rank() int {
	for i, v := range Urgencies {
		if v == u {
			return i
		}
	}
	return len(Urgencies)
}

// FlagDef declares one kind of flag: everything the computation, the pages,
// the workbook and the tests know about it. Add a flag here and nowhere else
// (a test checks that every kind has a label, a reason and an urgency).
type FlagDef struct {
	Kind FlagKind
	// Label is the flag's Danish name.
	Label string
	// Urgency orders the follow-up list.
	Urgency Urgency
	// Threshold is the programme.yaml key whose number raises the flag
	// ("followup.quiet_weeks"), empty where none does.
	Threshold string
	// Rhythm is the weeks after which a handled flag is looked at again,
	// unless the handler says otherwise.
	Rhythm func(*Config) int
	// Reason explains a raised flag in plain Danish with its numbers.
	Reason func(*FlagContext) string
	// pair checks a pair for the flag; signup an unmatched sign-up. One of
	// them is set. They return the flag's facts; Kind is set by the caller.
	pair   func(*pairFacts) (Flag, bool)
	signup func(*Config, Participant, Date) (Flag, bool)
}

// FlagContext is what a flag's reason is written from.
type FlagContext struct {
	Config *Config
	// Today is the reference date, for the weeks that have passed.
	Today Date
	Flag  Flag
	// Pair, Mentee and Mentor are the pair a pair's flag is about (Pair is
	// nil for an unmatched sign-up's flag).
	Pair           *PairStatus
	Mentee, Mentor Participant
	// SignUp is the unmatched sign-up a sign-up's flag is about.
	SignUp Participant
	// DateText writes a date for the reader: the status pages pass the
	// theme's (templates/i18n, "15. september 2025"), so that the month
	// names are written in one place. Nil writes 2025-09-15.
	DateText func(Date) string
}

// date writes d with c.DateText; "–" for no date.
func (c *FlagContext) date(d Date) string {
	switch {
	case d.IsZero():
		return "–"
	case c.DateText == nil:
		return d.String()
	}
	return c.DateText(d)
}

// weeksOf returns a Rhythm of the given follow-up threshold.
func weeksOf(get func(*Followup) int) func(*Config) int {
	return func(c *Config) int { return get(&c.Followup) }
}

// fixedWeeks returns a Rhythm of n weeks.
func fixedWeeks(n int) func(*Config) int { return func(*Config) int { return n } }

// flagDefs are the flags, in the order a pair's flags are listed.
var flagDefs = []FlagDef{
	{
		Kind: FlagNoFirstContact, Label: "Ingen første kontakt", Urgency: UrgencyMedium,
		Threshold: "followup.first_contact_weeks",
		Rhythm:    weeksOf(func(f *Followup) int { return f.FirstContactWeeks }),
		Reason:    reasonNoFirstContact, pair: checkNoFirstContact,
	},
	{
		Kind: FlagQuiet, Label: "Stille forløb", Urgency: UrgencyLow,
		Threshold: "followup.quiet_weeks", Rhythm: fixedWeeks(4),
		Reason: reasonQuiet, pair: checkQuiet,
	},
	{
		Kind: FlagOverdue, Label: "Over tid", Urgency: UrgencyMedium,
		Threshold: "rules.min_meetings_after_clarification", Rhythm: fixedWeeks(4),
		Reason: reasonOverdue, pair: checkOverdue,
	},
	{
		Kind: FlagMissingAgenda, Label: "Manglende dagsorden", Urgency: UrgencyLow,
		Rhythm: fixedWeeks(4), Reason: reasonMissingAgenda, pair: checkMissingAgenda,
	},
	{
		Kind: FlagContactRequested, Label: "Ønsker kontakt", Urgency: UrgencyHigh,
		Rhythm: fixedWeeks(2), Reason: reasonContactRequested, pair: checkContactRequested,
	},
	{
		Kind: FlagEndDateMissing, Label: "Mangler slutdato", Urgency: UrgencyLow,
		Rhythm: fixedWeeks(4), Reason: reasonEndDateMissing, pair: checkEndDateMissing,
	},
	{
		Kind: FlagEvaluationMissing, Label: "Mangler evaluering", Urgency: UrgencyLow,
		Threshold: "followup.evaluation_due_weeks",
		Rhythm:    weeksOf(func(f *Followup) int { return f.EvaluationDueWeeks }),
		Reason:    reasonEvaluationMissing, pair: checkEvaluationMissing,
	},
	{
		Kind: FlagConflictOfInterest, Label: "Interessekonflikt", Urgency: UrgencyHigh,
		Rhythm: fixedWeeks(4), Reason: reasonConflict, pair: checkConflict,
	},
	{
		Kind: FlagPast12Months, Label: "Møder efter maksimal varighed", Urgency: UrgencyInfo,
		Threshold: "rules.duration_months.max", Rhythm: fixedWeeks(4),
		Reason: reasonPastMax, pair: checkPastMax,
	},
	{
		Kind: FlagWaitingTooLong, Label: "Venter for længe", Urgency: UrgencyLow,
		Threshold: "followup.waiting_weeks",
		Rhythm:    weeksOf(func(f *Followup) int { return f.WaitingWeeks }),
		Reason:    reasonWaiting, signup: checkWaiting,
	},
}

// FlagDefs returns the declarations of every flag kind, in the order a
// pair's flags are listed.
func FlagDefs() []FlagDef { return flagDefs }

// defs indexes flagDefs by kind: the pages and the follow-up list's order
// look a kind up for every flag.
var defs = func() map[FlagKind]*FlagDef {
	m := make(map[FlagKind]*FlagDef, len(flagDefs))
	for i := range flagDefs {
		m[flagDefs[i].Kind] = &flagDefs[i]
	}
	return m
}()

// Def returns the declaration of kind k, or nil for an unknown kind.
func Def(k FlagKind) *FlagDef { return defs[k] }

// Label returns the flag's Danish name (the kind itself when unknown).
func (k FlagKind) Label() string {
	if d := Def(k); d != nil {
		return d.Label
	}
	return string(k)
}

// Urgency returns the flag's urgency (info for an unknown kind).
func (k FlagKind) Urgency() Urgency {
	if d := Def(k); d != nil {
		return d.Urgency
	}
	return UrgencyInfo
}

// Reason explains the flag of ctx in Danish.
func Reason(ctx *FlagContext) string {
	if d := Def(ctx.Flag.Kind); d != nil {
		return d.Reason(ctx)
	}
	return string(ctx.Flag.Kind)
}

// pairFacts is what a pair's flags are checked against: its state and facts
// (s), the input they came from, and the latest log entry up to today.
type pairFacts struct {
	cfg       *Config
	in        *PairInput
	s         *PairStatus
	today     Date
	lastEntry *Meeting
}

func (p *pairFacts) ended() bool { return p.s.State == StateCompleted || p.s.State == StateStopped }

func checkNoFirstContact(p *pairFacts) (Flag, bool) {
	s := p.s
	if s.State != StateAwaiting || s.Matched.IsZero() {
		return Flag{}, false
	}
	due := weeks(s.Matched, p.cfg.Followup.FirstContactWeeks)
	return Flag{Since: due, Whom: WhomMentee, Ref: s.Matched}, reached(due, p.today)
}

func checkQuiet(p *pairFacts) (Flag, bool) {
	s := p.s
	if s.State != StateActive {
		return Flag{}, false
	}
	due := weeks(s.LastMeeting, p.cfg.Followup.QuietWeeks)
	return Flag{Since: due, Whom: WhomBoth, Ref: s.LastMeeting}, reached(due, p.today)
}

func checkOverdue(p *pairFacts) (Flag, bool) {
	s := p.s
	ok := s.State == StateActive && reached(s.MaxEnd, p.today) && s.MeetingsAfter < p.cfg.Rules.MinMeetingsAfterClarification
	return Flag{Since: s.MaxEnd, Whom: WhomBoth, Count: s.MeetingsAfter, Ref: s.Clarification}, ok
}

func checkMissingAgenda(p *pairFacts) (Flag, bool) {
	if p.s.AgendaMissing == 0 {
		return Flag{}, false
	}
	var first Date
	for i := range p.in.Meetings {
		m := &p.in.Meetings[i]
		if m.Held && m.AgendaSent != nil && !*m.AgendaSent && !m.Date.After(p.today) && (first.IsZero() || m.Date.Before(first)) {
			first = m.Date
		}
	}
	return Flag{Since: first, Whom: WhomMentee, Count: p.s.AgendaMissing}, true
}

func checkContactRequested(p *pairFacts) (Flag, bool) {
	if p.lastEntry == nil || !p.lastEntry.ContactRequested {
		return Flag{}, false
	}
	return Flag{Since: p.lastEntry.Date, Whom: WhomBoth, Ref: p.lastEntry.Date}, true
}

func checkEndDateMissing(p *pairFacts) (Flag, bool) {
	return Flag{Whom: WhomBoth}, p.s.EndUnknown
}

func checkEvaluationMissing(p *pairFacts) (Flag, bool) {
	s, in := p.s, p.in
	if !p.ended() || (in.MenteeEvaluated && in.MentorEvaluated) || s.Ended.IsZero() {
		return Flag{}, false
	}
	due := weeks(s.Ended, p.cfg.Followup.EvaluationDueWeeks)
	w := WhomBoth
	switch {
	case in.MenteeEvaluated:
		w = WhomMentor
	case in.MentorEvaluated:
		w = WhomMentee
	}
	return Flag{Since: due, Whom: w, Ref: s.Ended}, reached(due, p.today)
}

func checkConflict(p *pairFacts) (Flag, bool) {
	return Flag{Since: p.s.Matched, Whom: WhomBoth}, SameWorkplace(p.in.Mentee.Workplace, p.in.Mentor.Workplace)
}

func checkPastMax(p *pairFacts) (Flag, bool) {
	s := p.s
	if s.MaxEnd.IsZero() {
		return Flag{}, false
	}
	n := 0
	var first Date
	for _, d := range s.Held {
		if !d.Before(s.MaxEnd) {
			if n == 0 {
				first = d
			}
			n++
		}
	}
	return Flag{Since: first, Whom: WhomBoth, Count: n, Ref: s.MaxEnd}, n > 0
}

func checkWaiting(cfg *Config, p Participant, today Date) (Flag, bool) {
	if p.SignedUp.IsZero() {
		return Flag{}, false
	}
	due := weeks(p.SignedUp, cfg.Followup.WaitingWeeks)
	return Flag{Since: due, Whom: Whom(p.Role), Ref: p.SignedUp}, reached(due, today)
}

// weeksSince is the whole weeks from d to today (0 when d is unset or later).
func weeksSince(d, today Date) int {
	if d.IsZero() || today.Before(d) {
		return 0
	}
	return int(today.t.Sub(d.t).Hours()/24) / 7
}

// limitText says after how long the secretariat follows up: "opfølgning
// efter 6 uger".
func limitText(n int) string { return "opfølgning efter " + WeeksText(n) }

func reasonNoFirstContact(c *FlagContext) string {
	matched := "Matchet " + c.date(c.Flag.Ref)
	if c.Pair.MatchAssumed {
		matched = fmt.Sprintf("Ingen matchdato er registreret; regnet fra %s, da begge var tilmeldt (antaget)", c.date(c.Flag.Ref))
	}
	return fmt.Sprintf("%s, og intet afklaringsmøde er holdt i %s (%s). Menteen skal tage den første kontakt.",
		matched, WeeksText(weeksSince(c.Flag.Ref, c.Today)), limitText(c.Config.Followup.FirstContactWeeks))
}

func reasonQuiet(c *FlagContext) string {
	return fmt.Sprintf("Seneste holdte møde var %s; intet møde i %s (%s).",
		c.date(c.Flag.Ref), WeeksText(weeksSince(c.Flag.Ref, c.Today)), limitText(c.Config.Followup.QuietWeeks))
}

func reasonOverdue(c *FlagContext) string {
	r := c.Config.Rules
	return fmt.Sprintf("Den maksimale varighed på %s efter afklaringsmødet %s er passeret, og kun %d af mindst %s efter afklaringsmødet er holdt.",
		MonthsText(r.DurationMonths.Max), c.date(c.Pair.Clarification), c.Flag.Count, MeetingsText(r.MinMeetingsAfterClarification))
}

func reasonMissingAgenda(c *FlagContext) string {
	return fmt.Sprintf("%s logget uden udsendt dagsorden, første gang %s. Menteen sender dagsordenen før hvert møde.",
		Plural(c.Flag.Count, "holdt møde er", "holdte møder er"), c.date(c.Flag.Since))
}

func reasonContactRequested(c *FlagContext) string {
	return fmt.Sprintf("Parrets seneste logføring %s beder om kontakt fra sekretariatet.", c.date(c.Flag.Ref))
}

func reasonEndDateMissing(c *FlagContext) string {
	ps := c.Pair
	text := fmt.Sprintf("Forløbet er markeret %s uden slutdato, og hverken et holdt møde eller en matchdato er logget, så slutdatoen kan ikke antages, og fristen for evalueringen kan ikke beregnes. Skriv slutdatoen i tilmeldingsarkets kolonne Slutdato, og indlæs det igen.", ps.Pair.Status)
	switch {
	case !ps.MenteeEvaluated && !ps.MentorEvaluated:
		text += " " + whoseEvaluation(WhomBoth) + " mangler."
	case !ps.MenteeEvaluated:
		text += " " + whoseEvaluation(WhomMentee) + " mangler."
	case !ps.MentorEvaluated:
		text += " " + whoseEvaluation(WhomMentor) + " mangler."
	}
	return text
}

func reasonEvaluationMissing(c *FlagContext) string {
	return fmt.Sprintf("%s %s mangler %s efter afslutningen (%s).",
		endText(c), whoseEvaluation(c.Flag.Whom), WeeksText(weeksSince(c.Flag.Ref, c.Today)), limitText(c.Config.Followup.EvaluationDueWeeks))
}

func reasonConflict(c *FlagContext) string {
	return fmt.Sprintf("Mentor og mentee har samme arbejdssted: menteens er registreret som »%s«, mentorens som »%s«. Mentor og mentee bør ikke arbejde samme sted.",
		c.Mentee.Workplace, c.Mentor.Workplace)
}

func reasonPastMax(c *FlagContext) string {
	return fmt.Sprintf("%s holdt efter den maksimale varighed på %s, som passerede %s.",
		MeetingsText(c.Flag.Count), MonthsText(c.Config.Rules.DurationMonths.Max), c.date(c.Flag.Ref))
}

func reasonWaiting(c *FlagContext) string {
	p := c.SignUp
	return fmt.Sprintf("Tilmeldt som %s %s og endnu ikke matchet efter %s (%s).",
		p.Role, c.date(p.SignedUp), WeeksText(weeksSince(p.SignedUp, c.Today)), limitText(c.Config.Followup.WaitingWeeks))
}

// whoseEvaluation names whose evaluation is missing, as a sentence's subject.
func whoseEvaluation(w Whom) string {
	switch w {
	case WhomMentee:
		return "Menteens evaluering"
	case WhomMentor:
		return "Mentorens evaluering"
	}
	return "Både menteens og mentorens evaluering"
}

// endText says when and how a finished course ended, in Danish: the marked
// end date, the assumed one, or the day it completed by the rules (and
// whether the pair has met since, by mutual wish).
func endText(c *FlagContext) string {
	ps, r := c.Pair, c.Config.Rules
	switch {
	case ps.EndAssumed:
		return fmt.Sprintf("Forløbet er markeret %s uden slutdato og antages at være sluttet %s (%s).", ps.Pair.Status, c.date(ps.Ended), EndBasis(ps))
	case !ps.Pair.Ended.IsZero() || ps.Pair.Status == StatusCompleted || ps.Pair.Status == StatusStopped:
		return fmt.Sprintf("Forløbet sluttede %s.", c.date(ps.Ended))
	}
	// Completed by the rules.
	var text string
	if ps.Ended.After(ps.MaxEnd) {
		text = fmt.Sprintf("Forløbet er afsluttet efter reglerne %s, da det %d. møde efter afklaringsmødet blev holdt; den maksimale varighed på %s var passeret %s.",
			c.date(ps.Ended), r.MinMeetingsAfterClarification, MonthsText(r.DurationMonths.Max), c.date(ps.MaxEnd))
	} else {
		text = fmt.Sprintf("Forløbet er afsluttet efter reglerne %s, da den maksimale varighed på %s efter afklaringsmødet var passeret og mindst %s efter det var holdt.",
			c.date(ps.Ended), MonthsText(r.DurationMonths.Max), MeetingsText(r.MinMeetingsAfterClarification))
	}
	n := 0
	for _, d := range ps.Held {
		if d.After(ps.Ended) {
			n++
		}
	}
	if n > 0 {
		text += fmt.Sprintf(" Parret har efter fælles ønske holdt %s siden (seneste %s), men evalueringen regnes fra afslutningen.", MeetingsText(n), c.date(ps.LastMeeting))
	}
	return text
}

// EndBasis says, in Danish, which date an assumed end was taken from (see
// EndRule).
func EndBasis(ps *PairStatus) string {
	if !ps.LastMeeting.IsZero() && ps.Ended == ps.LastMeeting {
		return "sidste holdte møde"
	}
	return "matchdatoen, da intet møde er holdt"
}
