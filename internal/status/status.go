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
	"strings"

	"github.com/laegeforeningen/mentorprogram/internal/match"
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
	// Followups is one row per open actionable flag across cohorts: the
	// follow-up queue.
	Followups []Followup
	// Handled are the actionable flags marked handled whose look-again
	// date has not come and whose facts have not changed, newest handled
	// first.
	Handled []Followup
	// Evaluation holds the evaluation summaries, suppressed for privacy.
	Evaluation *EvalReport
	// Expired are the people past privacy.retention_months at AsOf, by
	// cohort and e-mail address (programme.Expired), for
	// `ingest -purge-expired`.
	Expired []programme.Expiry
}

// CohortReport is one cohort's status with the people's names resolved.
type CohortReport struct {
	programme.CohortStatus
	// Title is the cohort's display name (empty where none is stored).
	Title string
	// People are the cohort's participants by email.
	People map[string]programme.Participant
	// Counts is the number of pairs per state.
	Counts map[programme.State]int
	// OpenFlags is the number of actionable flags of pairs and sign-ups
	// in the follow-up queue (not held by a record of handling).
	OpenFlags int
	// Waiting is the number of unmatched sign-ups flagged waiting-too-long.
	Waiting int
	handled []programme.Handled
	asOf    programme.Date
	// Attention are the pairs and sign-ups with flags in the follow-up
	// queue, the most urgent first: the cohort page opens with them.
	Attention []Attention
	// HandledCount is the number of the cohort's flags held as handled.
	HandledCount int
	// Proposal is the matching suggestions for the cohort's waiting
	// mentees (internal/match).
	Proposal *match.Proposal
}

// Attention is a pair or sign-up with open flags.
type Attention struct {
	Who     string // "Mentee og Mentor", or the sign-up's name
	Anchor  string // the id of its row on the cohort page
	Urgency programme.Urgency
	Flags   []programme.Flag // its flags in the queue
	newest  programme.Date
}

// FlagView is a flag as a page shows it: with the record that holds it off
// the follow-up queue, if one does.
type FlagView struct {
	programme.Flag
	Held *programme.Handled
}

// FlagsOf returns the flags of the pair or sign-up keyed by email for a
// page ("" for flags known to be open).
func (c *CohortReport) FlagsOf(email string, fs []programme.Flag) []FlagView {
	out := make([]FlagView, len(fs))
	for i, f := range fs {
		out[i].Flag = f
		if h := c.HandledFor(f, email); email != "" && h != nil && h.Holds(f, c.asOf) {
			out[i].Held = h
		}
	}
	return out
}

// HandledFor returns the record of handling flag f of the pair or sign-up
// keyed by email, when it covers the flag as it stands; else nil.
func (c *CohortReport) HandledFor(f programme.Flag, email string) *programme.Handled {
	if h := programme.FindHandled(c.handled, f.Kind, email); h != nil && h.Covers(f) {
		return h
	}
	return nil
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
	// Why explains the flag in plain Danish, with its numbers.
	Why string
	// Handled is the record of handling this flag as it stands (nil when
	// it was never handled, or its facts changed since). In the queue, its
	// look-again date has come.
	Handled *programme.Handled
	// Earlier is the record of handling an earlier state of this flag,
	// when new evidence (a new meeting, a new request for contact) brought
	// it back into the queue: nil otherwise. The page notes it.
	Earlier *programme.Handled
	// Key identifies the flag across runs, for opfoelgning.xlsx:
	// kind/cohort/email (the pair's mentee or the sign-up).
	Key string
}

// Urgency is the flag's urgency (declared with the flag).
func (f *Followup) Urgency() programme.Urgency { return f.Flag.Kind.Urgency() }

// New computes the state and flags of every pair and sign-up of ds at today,
// the follow-up list and the evaluation summaries.
func New(ds *programme.Dataset, today programme.Date) *Report {
	cfg := &ds.Config
	r := &Report{AsOf: today, Config: cfg}
	for i := range ds.Cohorts {
		c := &ds.Cohorts[i]
		cr := &CohortReport{
			CohortStatus: programme.ComputeCohort(cfg, c, today),
			Title:        c.Name,
			People:       make(map[string]programme.Participant, len(c.Participants)),
			Counts:       map[programme.State]int{},
			handled:      c.Handled,
			asOf:         today,
		}
		attention := map[string]*Attention{}
		// add puts a follow-up in the queue, or among the handled while
		// its record holds; anchor and who name its pair or sign-up.
		add := func(fu Followup, email, anchor, who string) {
			fu.Key = programme.FollowupKey(fu.Flag.Kind, c.ID, email)
			fu.Handled = cr.HandledFor(fu.Flag, email)
			if h := programme.FindHandled(c.Handled, fu.Flag.Kind, email); fu.Handled == nil && h != nil {
				fu.Earlier = h
			}
			if fu.Handled != nil && fu.Handled.Holds(fu.Flag, today) {
				cr.HandledCount++
				r.Handled = append(r.Handled, fu)
				return
			}
			cr.OpenFlags++
			r.Followups = append(r.Followups, fu)
			a := attention[anchor]
			if a == nil {
				a = &Attention{Who: who, Anchor: anchor, Urgency: programme.UrgencyInfo}
				attention[anchor] = a
			}
			a.Flags = append(a.Flags, fu.Flag)
			if fu.Urgency().Rank() < a.Urgency.Rank() {
				a.Urgency = fu.Urgency()
			}
			if fu.Flag.Since.After(a.newest) {
				a.newest = fu.Flag.Since
			}
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
				add(cr.pairFollowup(cfg, today, ps, f), ps.Pair.Mentee, fmt.Sprintf("par-%d", i), cr.Name(ps.Pair.Mentee)+" og "+cr.Name(ps.Pair.Mentor))
			}
		}
		for i, u := range cr.Unmatched {
			for _, f := range u.Flags {
				cr.Waiting++
				p := u.Participant
				add(Followup{
					Cohort:   c.ID,
					Flag:     f,
					Contacts: []Contact{{Role: p.Role, Name: p.Name, Email: p.Email}},
					Why:      programme.Reason(&programme.FlagContext{Config: cfg, Today: today, Flag: f, SignUp: p, DateText: daDate}),
				}, p.Email, fmt.Sprintf("venter-%d", i), cr.Name(p.Email)+" (ikke matchet)")
			}
		}
		for _, a := range attention {
			cr.Attention = append(cr.Attention, *a)
		}
		sort.Slice(cr.Attention, func(i, j int) bool {
			a, b := &cr.Attention[i], &cr.Attention[j]
			if ra, rb := a.Urgency.Rank(), b.Urgency.Rank(); ra != rb {
				return ra < rb
			}
			if a.newest != b.newest {
				return b.newest.Before(a.newest)
			}
			return a.Anchor < b.Anchor
		})
		r.Cohorts = append(r.Cohorts, cr)
	}
	sortFollowups(r.Followups)
	sort.SliceStable(r.Handled, func(i, j int) bool {
		a, b := r.Handled[i].Handled, r.Handled[j].Handled
		if a.Date != b.Date {
			return b.Date.Before(a.Date)
		}
		return r.Handled[i].Key < r.Handled[j].Key
	})
	for i, p := range match.Propose(ds, today, daDate) {
		r.Cohorts[i].Proposal = &p
	}
	r.Evaluation = newEvalReport(ds)
	for i := range ds.Cohorts {
		r.Expired = append(r.Expired, programme.Expired(cfg, &ds.Cohorts[i], today)...)
	}
	r.Evaluation.names = map[string]string{}
	for _, c := range r.Cohorts {
		r.Evaluation.names[c.ID] = c.DisplayName()
	}
	return r
}

// sortFollowups orders the follow-up list: by urgency (conflict of interest
// and requests for contact first, then overdue and no first contact, then
// the rest), within an urgency the newest first (an undated flag, whose age
// is unknown, first of all), then by cohort and contact.
func sortFollowups(fus []Followup) {
	sort.SliceStable(fus, func(i, j int) bool {
		a, b := fus[i], fus[j]
		if ra, rb := a.Flag.Kind.Urgency().Rank(), b.Flag.Kind.Urgency().Rank(); ra != rb {
			return ra < rb
		}
		if a.Flag.Since != b.Flag.Since {
			return a.Flag.Since.IsZero() || b.Flag.Since.Before(a.Flag.Since) && !b.Flag.Since.IsZero()
		}
		if a.Cohort != b.Cohort {
			return a.Cohort < b.Cohort
		}
		return a.Contacts[0].Email < b.Contacts[0].Email
	})
}

// CohortName returns the display name of the cohort with id (the id where
// the cohort has no name).
func (r *Report) CohortName(id string) string {
	for _, c := range r.Cohorts {
		if c.ID == id {
			return c.DisplayName()
		}
	}
	return id
}

// DisplayName is the cohort's name as the sign-up sheet wrote it, or its id
// where none is stored.
func (c *CohortReport) DisplayName() string {
	if c.Title != "" {
		return c.Title
	}
	return c.ID
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

func (c *CohortReport) pairFollowup(cfg *programme.Config, today programme.Date, ps *programme.PairStatus, f programme.Flag) Followup {
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
	fu.Why = programme.Reason(&programme.FlagContext{Config: cfg, Today: today, Flag: f, Pair: ps, Mentee: c.People[ps.Pair.Mentee], Mentor: c.People[ps.Pair.Mentor], DateText: daDate})
	return fu
}

// plural and the counted words are the programme's, so that the pages and
// the flags' reasons write numbers alike.
var (
	plural       = programme.Plural
	monthsText   = programme.MonthsText
	meetingsText = programme.MeetingsText
)

// FlagLabel returns the Danish name of a flag (declared with the flag).
func FlagLabel(k programme.FlagKind) string { return k.Label() }

// neutralise makes text that a spreadsheet could read as a formula plain text.
func neutralise(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
