// Package programme is the domain of the mentoring programme: its rules, the
// people who sign up, the pairs they form, the meetings they log and the
// evaluations they answer, and (in status.go) the state of a pair at a date.
//
// The package is pure: it does no I/O and imports nothing of ours. Readers and
// writers (internal/store, internal/sheet) sit at the edges and hand it values.
package programme

import "time"

// Role is a participant's role in a course.
type Role string

// The two roles.
const (
	Mentor Role = "mentor"
	Mentee Role = "mentee"
)

// Status is what the secretariat has marked on a course.
type Status string

// The marked statuses of a course. The zero value means nothing is marked.
const (
	StatusNone      Status = ""
	StatusActive    Status = "aktiv"
	StatusStopped   Status = "afbrudt"
	StatusCompleted Status = "afsluttet"
)

// MeetingType tells the clarification meeting from the ordinary ones.
type MeetingType string

// Meeting types. MeetingUnknown is a log row that did not say.
const (
	MeetingUnknown       MeetingType = ""
	MeetingClarification MeetingType = "afklaringsmøde"
	MeetingOrdinary      MeetingType = "møde"
)

// Date is a calendar day with no time of day and no zone. The zero value is
// "no date". Its YAML and JSON form is ISO 8601 (2026-03-14).
type Date struct {
	t time.Time // midnight UTC of the day; zero when unset
}

// NewDate returns the date y-m-d.
func NewDate(y int, m time.Month, d int) Date {
	return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// DateOf returns the calendar day of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return NewDate(y, m, d)
}

// ParseISODate parses 2026-03-14.
func ParseISODate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, err
	}
	return Date{t}, nil
}

// IsZero reports whether d is unset.
func (d Date) IsZero() bool { return d.t.IsZero() }

// Time returns midnight UTC of the day.
func (d Date) Time() time.Time { return d.t }

// String returns the ISO form, or "" for the zero date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format(time.DateOnly)
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.t.Before(e.t) }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.t.After(e.t) }

// AddDays returns d plus n days.
func (d Date) AddDays(n int) Date { return Date{d.t.AddDate(0, 0, n)} }

// AddMonths returns d plus n calendar months. Where the day does not exist in
// the target month (31 January plus one month), it is the last day of that
// month, so that month arithmetic is calendar-exact and never spills over.
func (d Date) AddMonths(n int) Date {
	y, m, day := d.t.Date()
	first := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	if day > last {
		day = last
	}
	return NewDate(first.Year(), first.Month(), day)
}

// MarshalText implements encoding.TextMarshaler.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseISODate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Participant is one person's sign-up to one cohort. A person is keyed by
// (cohort, email); the email is stored case-folded.
type Participant struct {
	Email     string `yaml:"email" json:"email"`
	Name      string `yaml:"name" json:"name"`
	Role      Role   `yaml:"role" json:"role"`
	SignedUp  Date   `yaml:"signed_up,omitempty" json:"signed_up,omitempty"`
	Specialty string `yaml:"specialty,omitempty" json:"specialty,omitempty"`
	Workplace string `yaml:"workplace,omitempty" json:"workplace,omitempty"`
	Region    string `yaml:"region,omitempty" json:"region,omitempty"`

	// What the sign-up says for matching (see internal/match); all optional.
	// WishSpecialty is the mentor's specialty a mentee wishes for.
	WishSpecialty string `yaml:"wish_specialty,omitempty" json:"wish_specialty,omitempty"`
	// Themes are the ids of the themes (matching.themes in programme.yaml)
	// a mentee wants to talk about, or a mentor offers.
	Themes []string `yaml:"themes,omitempty" json:"themes,omitempty"`
	// MeetingForm is how the person can meet: fysisk, online or begge.
	MeetingForm MeetingForm `yaml:"meeting_form,omitempty" json:"meeting_form,omitempty"`
	// Avoid are people (e-mail or name) or workplaces the person asked not
	// to be matched with.
	Avoid []string `yaml:"avoid,omitempty" json:"avoid,omitempty"`
	// Capacity is how many mentees a mentor takes at once; 0 means 1.
	Capacity int `yaml:"capacity,omitempty" json:"capacity,omitempty"`
	// Seniority is the position or the years as a specialist, as written
	// ("overlæge", "12 år"); see SeniorityRank.
	Seniority string `yaml:"seniority,omitempty" json:"seniority,omitempty"`
}

// MeetingForm is how a participant can meet.
type MeetingForm string

// The meeting forms a sign-up may give.
const (
	FormAny      MeetingForm = ""
	FormPhysical MeetingForm = "fysisk"
	FormOnline   MeetingForm = "online"
	FormBoth     MeetingForm = "begge"
)

// Online reports whether the person is happy to meet online.
func (f MeetingForm) Online() bool { return f == FormOnline || f == FormBoth }

// MentorCapacity is how many mentees the mentor takes at once (1 where the
// sign-up did not say).
func (p *Participant) MentorCapacity() int {
	if p.Capacity <= 0 {
		return 1
	}
	return p.Capacity
}

// Pair is a course: a mentee matched with a mentor in a cohort, keyed by
// (cohort, mentee).
type Pair struct {
	Mentee  string `yaml:"mentee" json:"mentee"` // the mentee's email
	Mentor  string `yaml:"mentor" json:"mentor"` // the mentor's email
	Matched Date   `yaml:"matched,omitempty" json:"matched,omitempty"`
	Status  Status `yaml:"status,omitempty" json:"status,omitempty"`
	Ended   Date   `yaml:"ended,omitempty" json:"ended,omitempty"`
}

// Meeting is one logged meeting of a pair, keyed by (pair, date). Only facts
// about the meeting are kept, never what was said in it.
type Meeting struct {
	Mentee           string      `yaml:"mentee" json:"mentee"`
	Date             Date        `yaml:"date" json:"date"`
	Type             MeetingType `yaml:"type,omitempty" json:"type,omitempty"`
	AgendaSent       *bool       `yaml:"agenda_sent,omitempty" json:"agenda_sent,omitempty"`
	Held             bool        `yaml:"held" json:"held"`
	Minutes          int         `yaml:"minutes,omitempty" json:"minutes,omitempty"`
	Form             string      `yaml:"form,omitempty" json:"form,omitempty"` // fysisk, video, telefon
	ContactRequested bool        `yaml:"contact_requested,omitempty" json:"contact_requested,omitempty"`
}

// Evaluation is one respondent's answers for one cohort, keyed by
// (cohort, email). Answers holds the scale questions by question id; Comment
// holds the free text, which only large enough groups may see.
type Evaluation struct {
	Email     string         `yaml:"email" json:"email"`
	Role      Role           `yaml:"role" json:"role"`
	Submitted Date           `yaml:"submitted,omitempty" json:"submitted,omitempty"`
	Answers   map[string]int `yaml:"answers,omitempty" json:"answers,omitempty"`
	Comment   string         `yaml:"comment,omitempty" json:"comment,omitempty"`
}

// Cohort is one intake of the programme with everything logged for it.
type Cohort struct {
	ID string `yaml:"id" json:"id"`
	// Name is the cohort's name as the sign-up sheet wrote it ("Forår
	// 2026"), where it differs from the id; the pages show it.
	Name         string        `yaml:"name,omitempty" json:"name,omitempty"`
	Participants []Participant `yaml:"participants" json:"participants"`
	Pairs        []Pair        `yaml:"pairs" json:"pairs"`
	Meetings     []Meeting     `yaml:"meetings" json:"meetings"`
	Evaluations  []Evaluation  `yaml:"evaluations" json:"evaluations"`
	// Handled are the follow-ups marked handled, by (kind, email).
	Handled []Handled `yaml:"handled,omitempty" json:"handled,omitempty"`
}

// Dataset is the whole store: the programme's configuration and its cohorts,
// sorted by cohort id.
type Dataset struct {
	Config  Config
	Cohorts []Cohort
}
