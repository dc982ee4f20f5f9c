package programme

import "strings"

// Handled records that the secretariat acted on a follow-up: when, who
// (initials), what was done in a few words ("ringet op", never anything
// from the relationship itself) and when to look again. It is kept in the
// cohort, keyed by (kind, email): one record per flag of a pair or sign-up,
// the latest replacing the one before.
//
// A handled flag leaves the open follow-up list until its look-again date,
// or until the facts behind it change (a new meeting, a new request for
// contact, an evaluation answered): the record keeps the flag's facts as
// they were when it was handled, and holds only while the flag has them.
type Handled struct {
	Kind FlagKind `yaml:"kind" json:"kind"`
	// Email is the pair's mentee (the pair's key), or the unmatched
	// sign-up's email.
	Email     string `yaml:"email" json:"email"`
	Date      Date   `yaml:"date" json:"date"`
	Initials  string `yaml:"initials" json:"initials"`
	Action    string `yaml:"action" json:"action"`
	LookAgain Date   `yaml:"look_again" json:"look_again"`
	// The flag's facts when it was handled.
	Since Date `yaml:"since,omitempty" json:"since,omitempty"`
	Whom  Whom `yaml:"whom,omitempty" json:"whom,omitempty"`
	Count int  `yaml:"count,omitempty" json:"count,omitempty"`
	Ref   Date `yaml:"ref,omitempty" json:"ref,omitempty"`
}

// HandledFor returns a record of handling flag f (of the pair or sign-up
// keyed by email) on day, with the look-again date defaulting, when zero,
// to day plus the flag's own rhythm.
func HandledFor(cfg *Config, email string, f Flag, day Date, initials, action string, lookAgain Date) Handled {
	if lookAgain.IsZero() {
		lookAgain = day.AddDays(7 * LookAgainWeeks(cfg, f.Kind))
	}
	return Handled{Kind: f.Kind, Email: email, Date: day, Initials: initials, Action: action, LookAgain: lookAgain,
		Since: f.Since, Whom: f.Whom, Count: f.Count, Ref: f.Ref}
}

// LookAgainWeeks is the flag's own rhythm: the weeks after handling that
// it is looked at again by default (4 for an unknown kind).
func LookAgainWeeks(cfg *Config, k FlagKind) int {
	if d := Def(k); d != nil && d.Rhythm != nil {
		return d.Rhythm(cfg)
	}
	return 4
}

// Covers reports whether the record is about flag f as it stands: the same
// kind and the same facts. A flag whose facts changed since it was handled
// is new evidence and not covered.
func (h *Handled) Covers(f Flag) bool {
	return h.Kind == f.Kind && h.Since == f.Since && h.Whom == f.Whom && h.Count == f.Count && h.Ref == f.Ref
}

// Holds reports whether the record keeps flag f off the open list at
// today: it covers f and its look-again date has not come.
func (h *Handled) Holds(f Flag, today Date) bool {
	return h.Covers(f) && today.Before(h.LookAgain)
}

// FindHandled returns the record of kind k for email in hs, or nil.
func FindHandled(hs []Handled, k FlagKind, email string) *Handled {
	for i := range hs {
		if hs[i].Kind == k && hs[i].Email == email {
			return &hs[i]
		}
	}
	return nil
}

// The columns of opfoelgning.xlsx that mark a follow-up handled, and the
// column that keys its row; the status pages write them and the ingest
// reads them.
const (
	ColumnHandledDate = "Håndteret dato"
	ColumnInitials    = "Initialer"
	ColumnAction      = "Handling"
	ColumnLookAgain   = "Se igen"
	ColumnKey         = "Kode"
	// ColumnSince is the day the flag became due, as the workbook shows
	// it: the ingest compares it with the flag as it stands, so that a
	// row marked before new evidence came does not hide that evidence.
	ColumnSince = "Siden"
)

// MaxActionLength is the most characters the short action may have: a few
// words of what was done, never an account of the relationship.
const MaxActionLength = 60

// MaxLookAgainMonths is the furthest after its handled date that a
// follow-up's look-again date may lie: a course lasts at most a year, and a
// mistyped year (2036 for 2026) would hide the flag for a decade.
const MaxLookAgainMonths = 12

// FollowupKey is the key of a follow-up in opfoelgning.xlsx: kind/cohort/
// email, the email being the pair's mentee or the unmatched sign-up.
func FollowupKey(k FlagKind, cohort, email string) string {
	return string(k) + "/" + cohort + "/" + email
}

// ParseFollowupKey splits a key made by FollowupKey.
func ParseFollowupKey(key string) (k FlagKind, cohort, email string, ok bool) {
	kind, rest, ok1 := strings.Cut(strings.TrimSpace(key), "/")
	cohort, email, ok2 := strings.Cut(rest, "/")
	if !ok1 || !ok2 || kind == "" || cohort == "" || email == "" {
		return "", "", "", false
	}
	return FlagKind(kind), cohort, email, true
}
