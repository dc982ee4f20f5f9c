package programme

import (
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// State is where a course stands at a reference date.
type State string

// The states of a course.
const (
	// StateAwaiting: matched, no clarification meeting held yet.
	StateAwaiting State = "awaiting-clarification"
	// StateActive: clarification meeting held, course going on.
	StateActive State = "active"
	// StateCompleted: marked afsluttet, or the maximum duration has passed
	// and at least the minimum number of meetings were held after the
	// clarification meeting.
	StateCompleted State = "completed"
	// StateStopped: marked afbrudt.
	StateStopped State = "stopped"
)

// States lists the states in the order pages show them.
var States = []State{StateAwaiting, StateActive, StateCompleted, StateStopped}

// FlagKind names a reason for the secretariat to act (or, for
// FlagPast12Months, a piece of information).
type FlagKind string

// The flags of a pair, and the one of an unmatched sign-up.
const (
	FlagNoFirstContact     FlagKind = "no-first-contact"
	FlagQuiet              FlagKind = "quiet"
	FlagOverdue            FlagKind = "overdue"
	FlagMissingAgenda      FlagKind = "missing-agenda"
	FlagContactRequested   FlagKind = "contact-requested"
	FlagEvaluationMissing  FlagKind = "evaluation-missing"
	FlagConflictOfInterest FlagKind = "conflict-of-interest"
	FlagPast12Months       FlagKind = "past-12-months"
	FlagWaitingTooLong     FlagKind = "waiting-too-long"
	// FlagEndDateMissing: marked afsluttet or afbrudt with no end date and
	// no date of the course (held meeting or match) to assume one from, so
	// neither the end nor the evaluation's due date can be computed.
	FlagEndDateMissing FlagKind = "end-date-missing"
)

// Actionable reports whether the flag asks the secretariat to act: its
// urgency is not information only (past-12-months is).
func (k FlagKind) Actionable() bool { return k.Urgency() != UrgencyInfo }

// Whom says whom a flag is about: the mentee, the mentor or both.
type Whom string

// The parties a flag can concern.
const (
	WhomMentee Whom = "mentee"
	WhomMentor Whom = "mentor"
	WhomBoth   Whom = "both"
)

// Flag is one flag with the facts behind it.
type Flag struct {
	Kind FlagKind `json:"kind"`
	// Since is the day the flag became due (for example the match date
	// plus first_contact_weeks), or for facts the day they began; zero
	// where no date is known (end-date-missing, conflict-of-interest
	// without a match date).
	Since Date `json:"since"`
	// Whom is whom to contact (or, for evaluation-missing, whose
	// evaluation is missing).
	Whom Whom `json:"whom,omitempty"`
	// Count is a number behind the flag: meetings without agenda, meetings
	// after the maximum duration, meetings held after clarification
	// (overdue).
	Count int `json:"count,omitempty"`
	// Ref is the date the threshold is counted from: the match date, the
	// last meeting, the end of the course, the sign-up date.
	Ref Date `json:"ref,omitempty"`
}

// PairStatus is a pair's state and flags at a reference date, with the facts
// they were computed from.
type PairStatus struct {
	Pair  Pair
	State State
	// Matched is the match date the follow-up counts from: the pair's
	// matched date, or where that is missing the later of the mentee's and
	// the mentor's sign-up dates (the earliest day they can have been
	// matched), with MatchAssumed set. Zero when none of these is known.
	Matched      Date
	MatchAssumed bool
	// Clarification is the date of the clarification meeting (the held
	// meeting of type afklaringsmøde, else the first held meeting); zero
	// when none is held.
	Clarification Date
	// ClarificationUntyped is true when no held meeting was typed as the
	// clarification meeting and the first held meeting was taken.
	ClarificationUntyped bool
	// MeetingsAfter is the number of held meetings dated after the
	// clarification meeting (and not after the reference date).
	MeetingsAfter int
	// Months is the whole calendar months from the clarification meeting to
	// the reference date, or to the end of the course if it has ended.
	Months int
	// LastMeeting is the latest held meeting not after the reference date.
	LastMeeting Date
	// Held are the dates of the held meetings, ascending.
	Held []Date
	// AgendaSent and AgendaMissing count held meetings logged with and
	// without an agenda sent; meetings that did not say count in neither.
	AgendaSent, AgendaMissing int
	// MaxEnd is the day the maximum duration passes (clarification plus
	// rules.duration_months.max); zero without a clarification meeting.
	MaxEnd Date
	// MinEnd is clarification plus rules.duration_months.min.
	MinEnd Date
	// Ended is the day the course ended, zero while it goes on.
	Ended Date
	// EndAssumed is true when a marked course had no end date and Ended
	// was assumed (see EndRule).
	EndAssumed bool
	// EndUnknown is true when a marked course had no end date and no date
	// to assume one from: Ended is zero and the pair is flagged
	// end-date-missing.
	EndUnknown bool
	// MenteeEvaluated and MentorEvaluated tell whether each has answered.
	MenteeEvaluated, MentorEvaluated bool
	Flags                            []Flag
}

// EndRule is the rule for a course marked afsluttet or afbrudt without an end
// date: it is taken to have ended on the last known date of the course, its
// last held meeting (which is at least the clarification meeting), else its
// match date. With neither, no end is assumed (a date that moved with the
// reference date would keep the evaluation from ever falling due): the pair
// is flagged end-date-missing at once, so the secretariat records the date.
const EndRule = "marked course without end date: ended on the last held meeting, else the match date; with neither, flagged end-date-missing"

// Has reports whether the status carries a flag of kind k.
func (s *PairStatus) Has(k FlagKind) bool {
	for _, f := range s.Flags {
		if f.Kind == k {
			return true
		}
	}
	return false
}

// Unmatched is a sign-up with no pair, at a reference date.
type Unmatched struct {
	Participant Participant
	// Waiting is the number of whole days since the sign-up.
	Waiting int
	Flags   []Flag
}

// CohortStatus is every pair's status and the unmatched sign-ups of a cohort.
type CohortStatus struct {
	ID        string
	Pairs     []PairStatus
	Unmatched []Unmatched
}

// weeks returns d plus n weeks.
func weeks(d Date, n int) Date { return d.AddDays(7 * n) }

// reached reports whether the threshold day t has come by today.
func reached(t, today Date) bool { return !t.IsZero() && !today.Before(t) }

// MonthsBetween returns the whole calendar months from a to b (0 when b is
// before a): the largest n with a.AddMonths(n) not after b.
func MonthsBetween(a, b Date) int {
	if a.IsZero() || b.IsZero() || b.Before(a) {
		return 0
	}
	ay, am, _ := a.t.Date()
	by, bm, _ := b.t.Date()
	n := (by-ay)*12 + int(bm-am)
	for n > 0 && a.AddMonths(n).After(b) {
		n--
	}
	return n
}

// PairInput is what ComputePair needs about one pair.
type PairInput struct {
	Pair     Pair
	Mentee   Participant // zero when the mentee is not among the participants
	Mentor   Participant
	Meetings []Meeting // the pair's meetings, any order
	// MenteeEvaluated and MentorEvaluated tell whether each has an
	// evaluation in the cohort.
	MenteeEvaluated, MentorEvaluated bool
}

// ComputePair returns the state and flags of one pair at today: the state
// and facts first (pairState), then each declared flag's check in turn
// (flags.go).
func ComputePair(cfg *Config, in PairInput, today Date) PairStatus {
	s, lastEntry := pairState(cfg, &in, today)
	pf := pairFacts{cfg: cfg, in: &in, s: &s, today: today, lastEntry: lastEntry}
	for i := range flagDefs {
		d := &flagDefs[i]
		if d.pair == nil {
			continue
		}
		if f, ok := d.pair(&pf); ok {
			f.Kind = d.Kind
			s.Flags = append(s.Flags, f)
		}
	}
	return s
}

// pairState returns a pair's state and facts at today, without flags, and
// its latest log entry up to today (nil when none).
func pairState(cfg *Config, in *PairInput, today Date) (PairStatus, *Meeting) {
	s := PairStatus{Pair: in.Pair, MenteeEvaluated: in.MenteeEvaluated, MentorEvaluated: in.MentorEvaluated}
	s.Matched = in.Pair.Matched
	if s.Matched.IsZero() {
		// A pair is matched no earlier than both have signed up.
		for _, d := range []Date{in.Mentee.SignedUp, in.Mentor.SignedUp} {
			if d.After(s.Matched) {
				s.Matched = d
			}
		}
		s.MatchAssumed = !s.Matched.IsZero()
	}
	lastEntry := s.addMeetings(cfg, in.Meetings, today)
	s.State = s.state(cfg, today)
	s.setEnd(cfg)
	if !s.Clarification.IsZero() {
		ref := today
		if !s.Ended.IsZero() && s.Ended.Before(today) {
			ref = s.Ended
		}
		s.Months = MonthsBetween(s.Clarification, ref)
	}
	return s, lastEntry
}

// addMeetings sets the facts that come from the held meetings up to today
// and returns the latest log entry up to today (a request for contact wins
// among entries of the same day).
func (s *PairStatus) addMeetings(cfg *Config, ms []Meeting, today Date) *Meeting {
	var typed Date
	var lastEntry *Meeting
	for i := range ms {
		m := &ms[i]
		if m.Date.IsZero() || m.Date.After(today) {
			continue
		}
		if lastEntry == nil || m.Date.After(lastEntry.Date) || (m.Date == lastEntry.Date && m.ContactRequested) {
			lastEntry = m
		}
		if !m.Held {
			continue
		}
		s.Held = append(s.Held, m.Date)
		if m.Type == MeetingClarification && (typed.IsZero() || m.Date.Before(typed)) {
			typed = m.Date
		}
		if m.AgendaSent != nil {
			if *m.AgendaSent {
				s.AgendaSent++
			} else {
				s.AgendaMissing++
			}
		}
	}
	sort.Slice(s.Held, func(i, j int) bool { return s.Held[i].Before(s.Held[j]) })
	if len(s.Held) > 0 {
		s.LastMeeting = s.Held[len(s.Held)-1]
		s.Clarification = typed
		if typed.IsZero() {
			s.Clarification = s.Held[0]
			s.ClarificationUntyped = true
		}
		for _, d := range s.Held {
			if d.After(s.Clarification) {
				s.MeetingsAfter++
			}
		}
		s.MaxEnd = s.Clarification.AddMonths(cfg.Rules.DurationMonths.Max)
		s.MinEnd = s.Clarification.AddMonths(cfg.Rules.DurationMonths.Min)
	}
	return lastEntry
}

// state returns the course's state from what is marked and the meetings.
func (s *PairStatus) state(cfg *Config, today Date) State {
	switch {
	case s.Pair.Status == StatusCompleted:
		return StateCompleted
	case s.Pair.Status == StatusStopped:
		return StateStopped
	case s.Clarification.IsZero():
		return StateAwaiting
	case reached(s.MaxEnd, today) && s.MeetingsAfter >= cfg.Rules.MinMeetingsAfterClarification:
		return StateCompleted
	}
	return StateActive
}

// setEnd sets the end of a finished course (see EndRule).
func (s *PairStatus) setEnd(cfg *Config) {
	if s.State != StateCompleted && s.State != StateStopped {
		return
	}
	marked := s.Pair.Status == StatusCompleted || s.Pair.Status == StatusStopped
	switch {
	case marked && !s.Pair.Ended.IsZero():
		s.Ended = s.Pair.Ended
	case marked && !s.LastMeeting.IsZero():
		s.Ended, s.EndAssumed = s.LastMeeting, true
	case marked && !s.Pair.Matched.IsZero():
		s.Ended, s.EndAssumed = s.Pair.Matched, true
	case marked:
		s.EndUnknown = true
	default:
		// Completed by the rules: when both the maximum duration has
		// passed and the minimum-th meeting after clarification was
		// held, whichever came later.
		s.Ended = s.MaxEnd
		if d := nthAfter(s.Held, s.Clarification, cfg.Rules.MinMeetingsAfterClarification); d.After(s.Ended) {
			s.Ended = d
		}
	}
}

// nthAfter returns the day of the n-th held meeting after the clarification
// meeting (held ascending), or zero when fewer were held.
func nthAfter(held []Date, clarification Date, n int) Date {
	if n <= 0 {
		return Date{}
	}
	for _, d := range held {
		if d.After(clarification) {
			if n--; n <= 0 {
				return d
			}
		}
	}
	return Date{}
}

// ComputeUnmatched returns the status of a sign-up with no pair.
func ComputeUnmatched(cfg *Config, p Participant, today Date) Unmatched {
	u := Unmatched{Participant: p}
	if !p.SignedUp.IsZero() && !today.Before(p.SignedUp) {
		u.Waiting = int(today.t.Sub(p.SignedUp.t).Hours() / 24)
	}
	for i := range flagDefs {
		d := &flagDefs[i]
		if d.signup == nil {
			continue
		}
		if f, ok := d.signup(cfg, p, today); ok {
			f.Kind = d.Kind
			u.Flags = append(u.Flags, f)
		}
	}
	return u
}

// ComputeCohort returns the status of every pair (in the cohort's order) and
// of every unmatched sign-up (in the participants' order) at today.
func ComputeCohort(cfg *Config, c *Cohort, today Date) CohortStatus {
	cs := CohortStatus{ID: c.ID}
	people := make(map[string]*Participant, len(c.Participants))
	for i := range c.Participants {
		people[c.Participants[i].Email] = &c.Participants[i]
	}
	meetings := make(map[string][]Meeting, len(c.Pairs))
	for _, m := range c.Meetings {
		meetings[m.Mentee] = append(meetings[m.Mentee], m)
	}
	evaluated := make(map[string]bool, len(c.Evaluations))
	for _, e := range c.Evaluations {
		evaluated[e.Email] = true
	}
	paired := make(map[string]bool, 2*len(c.Pairs))
	cs.Pairs = make([]PairStatus, 0, len(c.Pairs))
	for _, p := range c.Pairs {
		paired[p.Mentee] = true
		paired[p.Mentor] = true
		in := PairInput{Pair: p, Meetings: meetings[p.Mentee], MenteeEvaluated: evaluated[p.Mentee], MentorEvaluated: evaluated[p.Mentor]}
		if pp := people[p.Mentee]; pp != nil {
			in.Mentee = *pp
		}
		if pp := people[p.Mentor]; pp != nil {
			in.Mentor = *pp
		}
		cs.Pairs = append(cs.Pairs, ComputePair(cfg, in, today))
	}
	for _, p := range c.Participants {
		if !paired[p.Email] {
			cs.Unmatched = append(cs.Unmatched, ComputeUnmatched(cfg, p, today))
		}
	}
	return cs
}

// workplaceAbbreviations expands common abbreviations of workplaces, keyed by
// the folded token (lower case, å, æ and ø written aa, ae and oe, dots
// removed, without trailing punctuation). The expansions are folded too.
// "rh" is not here: see rhExpansion.
var workplaceAbbreviations = map[string]string{
	"auh":  "aarhus universitetshospital",
	"ouh":  "odense universitetshospital",
	"aauh": "aalborg universitetshospital",
	"suh":  "sjaellands universitetshospital",
	"hosp": "hospital",
	"univ": "universitet",
	"sgh":  "sygehus",
	// Region Nordjylland writes "Regionshospital Nordjylland"; one spelling.
	"regionshospital": "regionshospitalet",
}

// regionshospitalTowns are the towns (folded) that a Regionshospitalet is
// named after (Region Midtjylland, and Regionshospital Nordjylland). "RH"
// followed by one of them is that Regionshospitalet; any other "RH" is
// Rigshospitalet, also "RH Glostrup", "RH, Blegdamsvej" or "RH Hjertecentret".
var regionshospitalTowns = map[string]bool{
	"goedstrup": true, "herning": true, "holstebro": true, "horsens": true, "randers": true,
	"viborg": true, "silkeborg": true, "skive": true, "hammel": true, "lemvig": true,
	"tarm": true, "ringkoebing": true, "braedstrup": true, "odder": true, "grenaa": true,
	"nordjylland": true, "hjoerring": true, "frederikshavn": true,
}

// rhExpansion expands the ambiguous "RH" by the token after it (empty when
// RH is the last token).
func rhExpansion(next string) string {
	if regionshospitalTowns[next] {
		return "regionshospitalet"
	}
	return "rigshospitalet"
}

// foldLetters writes s in lower case with å, æ and ø as aa, ae and oe, so
// that "Århus" and "Aarhus" are the same.
var foldLetters = strings.NewReplacer("å", "aa", "æ", "ae", "ø", "oe")

// workplaceKey is a token as looked up among the abbreviations: without
// dots ("a.u.h." is "auh") and without trailing punctuation.
func workplaceKey(tok string) string {
	tok = strings.ReplaceAll(tok, ".", "")
	return strings.TrimRightFunc(tok, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// FoldWorkplace folds a workplace name for comparison: lower case, å, æ and
// ø as aa, ae and oe, common abbreviations expanded (AUH, OUH, AAUH, SUH,
// hosp., univ., sgh., also written with dots as A.U.H.; RH as
// Rigshospitalet, or as Regionshospitalet before the name of one of its
// towns: "RH Horsens"), the main site's street after a hospital's name
// dropped ("Rigshospitalet, Blegdamsvej"), and spacing and punctuation
// removed. Composed and decomposed letters (NFC, NFD) fold alike.
func FoldWorkplace(s string) string {
	// NFC first: an "å" written as a and a combining ring (NFD, as macOS
	// writes it) is "å".
	toks := strings.FieldsFunc(foldLetters.Replace(strings.ToLower(norm.NFC.String(s))), func(r rune) bool {
		return unicode.IsSpace(r) || r == ',' || r == '/' || r == '-' || r == '(' || r == ')'
	})
	var b strings.Builder
	prev, street := "", false
	for i, tok := range toks {
		key := workplaceKey(tok)
		if full, ok := workplaceAbbreviations[key]; ok {
			tok = full
		} else if key == "rh" {
			next := ""
			if i+1 < len(toks) {
				next = workplaceKey(toks[i+1])
			}
			tok = rhExpansion(next)
		}
		clean := strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return r
			}
			return -1
		}, tok)
		// The main site's street (and its number) adds nothing.
		if hosp, ok := mainSiteStreets[clean]; ok && prev == hosp {
			street = true
			continue
		}
		if street && clean != "" && strings.Trim(clean, "0123456789") == "" {
			continue
		}
		street = false
		b.WriteString(clean)
		if clean != "" {
			prev = clean
		}
	}
	return b.String()
}

// mainSiteStreets are streets of a hospital's main site (folded), keyed by
// street: after the hospital's name they name no other place, so
// "Rigshospitalet, Blegdamsvej 9" is Rigshospitalet, while "Rigshospitalet,
// Glostrup" is its site in Glostrup.
var mainSiteStreets = map[string]string{"blegdamsvej": "rigshospitalet"}

// SameWorkplace reports whether two workplace names, both given, fold to the
// same name.
func SameWorkplace(a, b string) bool {
	fa, fb := FoldWorkplace(a), FoldWorkplace(b)
	return fa != "" && fa == fb
}
