package programme

// Range is an inclusive range of whole numbers, such as 8 to 12 months.
type Range struct {
	Min int `yaml:"min" json:"min"`
	Max int `yaml:"max" json:"max"`
}

// Rules are the programme's numbers that the status checks apply. They are
// read from data/programme.yaml; the handbook text reads the same numbers.
type Rules struct {
	// DurationMonths is how long a course lasts as a starting point (A2).
	DurationMonths Range `yaml:"duration_months"`
	// MinMeetingsAfterClarification is the least number of meetings after
	// the clarification meeting (A3).
	MinMeetingsAfterClarification int `yaml:"min_meetings_after_clarification"`
}

// Follow-up thresholds: when the secretariat should act.
type Followup struct {
	FirstContactWeeks  int `yaml:"first_contact_weeks"`
	QuietWeeks         int `yaml:"quiet_weeks"`
	EvaluationDueWeeks int `yaml:"evaluation_due_weeks"`
	WaitingWeeks       int `yaml:"waiting_weeks"`
}

// Privacy holds the least group sizes for showing evaluation results and
// how long a person's data are kept.
type Privacy struct {
	MinGroupSize         int `yaml:"min_group_size"`
	MinGroupSizeComments int `yaml:"min_group_size_comments"`
	// RetentionMonths is how many months a person's data are kept after
	// their course ended or their sign-up lapsed (see Expired). Zero:
	// no retention period is set, and no one is listed or purged.
	RetentionMonths int `yaml:"retention_months,omitempty"`
	// SignupLapseMonths is how many months after signing up a sign-up that
	// was never matched lapses. Zero: such sign-ups never lapse.
	SignupLapseMonths int `yaml:"signup_lapse_months,omitempty"`
}

// Question is one evaluation question. A question with Scale set is a scale
// question whose answers are whole numbers in the range; one with Text set is
// free text (comments).
type Question struct {
	ID      string   `yaml:"id"`
	Label   Text     `yaml:"label"`
	Headers []string `yaml:"headers"`
	Scale   *Range   `yaml:"scale,omitempty"`
	// Ends name the scale's two ends ("Meget utilfreds", "Meget
	// tilfreds"), for the charts.
	Ends *ScaleEnds `yaml:"ends,omitempty"`
	Text bool       `yaml:"text,omitempty"`
}

// ScaleEnds are the words for the lowest and the highest answer of a scale.
type ScaleEnds struct {
	Min Text `yaml:"min"`
	Max Text `yaml:"max"`
}

// Text is a string in the handbook's languages, keyed by language code.
type Text map[string]string

// Config is the whole of data/programme.yaml in typed form.
type Config struct {
	Schema int `yaml:"schema"`
	// Demo is true while data/ holds the invented demo cohorts: the public
	// numbers page and the private pages then say that the figures are
	// example data. The secretariat sets it to false (or removes it) when
	// real data is ingested and the demo cohorts deleted.
	Demo      bool                           `yaml:"demo,omitempty"`
	Rules     Rules                          `yaml:"rules"`
	Followup  Followup                       `yaml:"followup"`
	Privacy   Privacy                        `yaml:"privacy"`
	Questions []Question                     `yaml:"evaluation_questions"`
	Headers   map[string]map[string][]string `yaml:"headers,omitempty"` // extra header names: kind -> field -> names
	// Matching holds the themes a sign-up may name and the weights of the
	// matching suggestions' soft criteria (internal/match).
	Matching Matching `yaml:"matching,omitempty"`
	// Values is every number and word of the file flattened to dotted keys
	// ("rules.duration_months.min" -> "8"), for the handbook's rule values.
	Values map[string]string `yaml:"-"`
}

// Theme is one theme a mentee may want and a mentor may offer.
type Theme struct {
	ID    string `yaml:"id"`
	Label Text   `yaml:"label"`
	// Headers are further words a sign-up may write for the theme (the
	// labels are always accepted).
	Headers []string `yaml:"headers,omitempty"`
}

// MatchWeights are the points each soft criterion of a suggested pair
// gives; the suggestion maximises their sum.
type MatchWeights struct {
	// Specialty: the mentor's specialty is the one the mentee wished for.
	Specialty int `yaml:"specialty"`
	// Theme: per theme the mentee wants and the mentor offers.
	Theme int `yaml:"theme"`
	// Region: both in the same region, or both happy to meet online.
	Region int `yaml:"region"`
	// Seniority: the mentor is more senior than the mentee.
	Seniority int `yaml:"seniority"`
	// WaitingMonth: per whole month the mentee has waited since signing
	// up, so that when not everyone can be matched those who have waited
	// longest come first.
	WaitingMonth int `yaml:"waiting_month"`
}

// Matching is programme.yaml's matching: section.
type Matching struct {
	Themes  []Theme      `yaml:"themes"`
	Weights MatchWeights `yaml:"weights"`
}

// ThemeByID returns the theme with the id, or nil.
func (m *Matching) ThemeByID(id string) *Theme {
	for i := range m.Themes {
		if m.Themes[i].ID == id {
			return &m.Themes[i]
		}
	}
	return nil
}

// DefaultConfig returns the follow-up and privacy defaults that apply where
// programme.yaml is silent. The programme's rules (Rules) have no defaults:
// they live only in programme.yaml, and a file without them is an error.
func DefaultConfig() Config {
	return Config{
		Schema:   1,
		Followup: Followup{FirstContactWeeks: 6, QuietWeeks: 16, EvaluationDueWeeks: 4, WaitingWeeks: 8},
		Privacy:  Privacy{MinGroupSize: 5, MinGroupSizeComments: 10},
	}
}
