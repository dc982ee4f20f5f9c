package ingest

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/laegeforeningen/mentorprogram/internal/programme"
	"github.com/laegeforeningen/mentorprogram/internal/sheet"
)

// Kind is the kind of a spreadsheet: sign-ups, a meeting log or evaluations.
type Kind string

// The three kinds.
const (
	Signups     Kind = "signups"
	Meetings    Kind = "meetings"
	Evaluations Kind = "evaluations"
)

// Kinds lists the kinds in the order they are applied.
var Kinds = []Kind{Signups, Meetings, Evaluations}

// ParseKind reads a kind name ("" is no kind).
func ParseKind(s string) (Kind, error) {
	switch k := Kind(strings.ToLower(s)); k {
	case "", Signups, Meetings, Evaluations:
		return k, nil
	}
	return "", fmt.Errorf("unknown kind %q: use signups, meetings or evaluations", s)
}

// Danish returns the kind's Danish name for the report.
func (k Kind) Danish() string {
	switch k {
	case Signups:
		return "tilmeldinger"
	case Meetings:
		return "mødelog"
	case Evaluations:
		return "evalueringer"
	}
	return string(k)
}

// fieldSpec is one field a kind's sheet may have.
type fieldSpec struct {
	id       string
	label    string   // Danish name used in messages when the column is missing
	headers  []string // accepted headers, best first
	required bool
	date     bool // a date: raw serial numbers in .xlsx are read as dates
}

// Field ids.
const (
	fEmail     = "email"
	fName      = "name"
	fRole      = "role"
	fCohort    = "cohort"
	fSignedUp  = "signed_up"
	fSpecialty = "specialty"
	fWorkplace = "workplace"
	fRegion    = "region"
	fMentor    = "mentor"
	fMatched   = "matched"
	fStatus    = "status"
	fEnded     = "ended"
	fMentee    = "mentee"
	fDate      = "date"
	fType      = "type"
	fAgenda    = "agenda_sent"
	fHeld      = "held"
	fMinutes   = "minutes"
	fForm      = "form"
	fContact   = "contact_requested"
	fTimestamp = "timestamp"
	fSubmitted = "submitted"
	qPrefix    = "q:" // an evaluation question: q:<id>
)

var emailHeaders = []string{"E-mail", "Email", "Mail", "E-mailadresse", "E-mail-adresse", "Email address", "Emailadresse"}
var timestampHeaders = []string{"Tidsstempel", "Timestamp", "Completion time", "Klokkeslæt for fuldførelse", "Indsendt", "Submitted"}
var cohortHeaders = []string{"Kohorte", "Hold", "Cohort"}
var roleHeaders = []string{"Rolle", "Role"}

func baseSpecs(k Kind) []fieldSpec {
	switch k {
	case Signups:
		return []fieldSpec{
			{id: fEmail, label: "E-mail", headers: emailHeaders, required: true},
			{id: fName, label: "Navn", headers: []string{"Navn", "Fulde navn", "Fuldt navn", "Full name", "Name"}, required: true},
			{id: fRole, label: "Rolle", headers: roleHeaders, required: true},
			{id: fCohort, label: "Kohorte", headers: cohortHeaders, required: true},
			{id: fSignedUp, label: "Tidsstempel", headers: append([]string{"Tilmeldt", "Tilmeldingsdato", "Signed up"}, timestampHeaders...), date: true},
			{id: fSpecialty, label: "Speciale", headers: []string{"Speciale", "Specialty", "Speciality"}},
			{id: fWorkplace, label: "Arbejdsplads", headers: []string{"Arbejdsplads", "Arbejdssted", "Workplace"}},
			{id: fRegion, label: "Region", headers: []string{"Region"}},
			{id: fMentor, label: "Matchet med", headers: []string{"Matchet med", "Mentor e-mail", "Mentor email", "Mentors e-mail", "Mentor", "Matched with"}},
			{id: fMatched, label: "Matchdato", headers: []string{"Matchdato", "Matchet dato", "Match date", "Matched", "Matched on"}, date: true},
			{id: fStatus, label: "Status", headers: []string{"Status", "Forløbsstatus"}},
			{id: fEnded, label: "Slutdato", headers: []string{"Slutdato", "End date", "Afsluttet dato", "Ended"}, date: true},
		}
	case Meetings:
		return []fieldSpec{
			{id: fMentee, label: "Mentee e-mail", headers: append([]string{"Mentee e-mail", "Mentee email", "Mentees e-mail", "Mentee"}, emailHeaders...), required: true},
			{id: fDate, label: "Mødedato", headers: []string{"Mødedato", "Dato for møde", "Meeting date", "Dato", "Date"}, required: true, date: true},
			{id: fType, label: "Mødetype", headers: []string{"Mødetype", "Meeting type", "Type"}},
			{id: fAgenda, label: "Dagsorden sendt", headers: []string{"Dagsorden sendt", "Agenda sendt", "Agenda sent", "Dagsorden sendt før mødet", "Dagsorden"}},
			{id: fHeld, label: "Afholdt", headers: []string{"Afholdt", "Held", "Mødet blev afholdt"}},
			{id: fMinutes, label: "Varighed", headers: []string{"Varighed", "Varighed i minutter", "Duration", "Minutter"}},
			{id: fForm, label: "Mødeform", headers: []string{"Mødeform", "Form", "Meeting form", "Format"}},
			{id: fContact, label: "Ønsker kontakt fra sekretariatet", headers: []string{"Ønsker kontakt fra sekretariatet", "Kontakt fra sekretariatet", "Contact requested", "Ønsker kontakt", "Kontakt ønskes"}},
			{id: fCohort, label: "Kohorte", headers: cohortHeaders},
			{id: fTimestamp, label: "Tidsstempel", headers: timestampHeaders, date: true},
		}
	case Evaluations:
		return []fieldSpec{
			{id: fEmail, label: "E-mail", headers: emailHeaders, required: true},
			{id: fRole, label: "Rolle", headers: roleHeaders},
			{id: fCohort, label: "Kohorte", headers: cohortHeaders},
			{id: fSubmitted, label: "Tidsstempel", headers: timestampHeaders, date: true},
		}
	}
	return nil
}

// specs returns the fields of kind k with the headers programme.yaml adds
// and, for evaluations, its questions.
func specs(k Kind, cfg *programme.Config) []fieldSpec {
	out := baseSpecs(k)
	extra := cfg.Headers[string(k)]
	for i := range out {
		out[i].headers = append(slices.Clip(out[i].headers), extra[out[i].id]...)
	}
	if k == Evaluations {
		for _, q := range cfg.Questions {
			out = append(out, fieldSpec{id: qPrefix + q.ID, label: firstNonEmpty(q.Label["da"], q.ID), headers: append(slices.Clip(q.Headers), extra[q.ID]...)})
		}
	}
	return out
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// formsColumns are the columns Microsoft Forms and Google Forms add of
// their own. They are recognised and not stored.
var formsColumns = foldSet("ID", "Id", "Start time", "Starttidspunkt", "Completion time", "Klokkeslæt for fuldførelse",
	"Last modified time", "Tidspunkt for seneste ændring", "Email", "Mail", "Name", "Navn", "Total points", "Point i alt",
	"Quiz feedback", "Grade posted to learners", "Score", "Tidsstempel", "Timestamp", "Email address", "E-mailadresse")

// ourColumns are columns this program adds to the files it writes.
var ourColumns = foldSet("Fejl", "Errors", "Afvisningsgrund")

// contentWords mark a meeting-log column as meeting content (notes,
// minutes) that must never be stored: a folded header containing one of
// them, or equal to one of the exact ones.
var contentWords = []string{"referat", "noter", "notat", "notes", "note", "indhold", "summary", "resume", "kommentar",
	"comment", "beskrivelse", "description", "emne", "topic", "bemaerkning", "remark", "droeft", "talteom", "samtale", "refleksion", "reflection"}
var contentExact = foldSet("Minutes", "Minutes of meeting", "Tekst", "Text", "Fritekst", "Hvad talte I om")

func foldSet(names ...string) map[string]bool {
	m := map[string]bool{}
	for _, n := range names {
		m[sheet.FoldHeader(n)] = true
	}
	return m
}

func isContentHeader(folded string) bool {
	if contentExact[folded] {
		return true
	}
	for _, w := range contentWords {
		if strings.Contains(folded, w) {
			return true
		}
	}
	return false
}

// columnRole is what a column of a sheet is.
type columnRole int

const (
	colUnknown columnRole = iota
	colField
	colForms     // a Forms column, not stored
	colOurs      // our own Fejl column
	colContent   // meeting content, dropped
	colDuplicate // a second column for a field already read
)

// layout maps a sheet's columns to a kind's fields.
type layout struct {
	kind   Kind
	specs  []fieldSpec
	col    map[string]int // field id -> column
	roles  []columnRole
	fields []string // column -> field id ("" when not a field)
	score  int
}

func (l *layout) has(field string) bool {
	_, ok := l.col[field]
	return ok
}

// matchLayout maps header to kind k's fields. Each field takes the column
// whose header comes first in its list of headers; each column serves one
// field.
func matchLayout(k Kind, header []string, cfg *programme.Config) *layout {
	l := &layout{kind: k, specs: specs(k, cfg), col: map[string]int{}, roles: make([]columnRole, len(header)), fields: make([]string, len(header))}
	folded := make([]string, len(header))
	for i, h := range header {
		folded[i] = sheet.FoldHeader(h)
	}
	for _, sp := range l.specs {
		best, bestRank := -1, len(sp.headers)
		for i, f := range folded {
			if f == "" || l.fields[i] != "" {
				continue
			}
			for rank, h := range sp.headers {
				if rank < bestRank && sheet.FoldHeader(h) == f {
					best, bestRank = i, rank
				}
			}
		}
		if best >= 0 {
			l.col[sp.id] = best
			l.fields[best] = sp.id
			l.roles[best] = colField
			l.score++
		}
	}
	for i, f := range folded {
		if l.roles[i] != colUnknown || f == "" {
			continue
		}
		switch {
		case ourColumns[f]:
			l.roles[i] = colOurs
		case k == Meetings && isContentHeader(f):
			l.roles[i] = colContent
		case formsColumns[f] || strings.HasPrefix(f, "points") || strings.HasPrefix(f, "feedback") || strings.HasPrefix(f, "point"):
			l.roles[i] = colForms
		default:
			for _, sp := range l.specs {
				for _, h := range sp.headers {
					if sheet.FoldHeader(h) == f {
						l.roles[i] = colDuplicate
					}
				}
			}
		}
	}
	return l
}

// complete reports whether the layout has every required field.
func (l *layout) complete() bool {
	for _, sp := range l.specs {
		if sp.required && !l.has(sp.id) {
			return false
		}
	}
	if l.kind == Evaluations {
		for _, sp := range l.specs {
			if strings.HasPrefix(sp.id, qPrefix) && l.has(sp.id) {
				return true
			}
		}
		return false
	}
	return true
}

func (l *layout) spec(field string) *fieldSpec {
	for i := range l.specs {
		if l.specs[i].id == field {
			return &l.specs[i]
		}
	}
	return nil
}

// recognise picks the kind whose fields the header fits best; forced, when
// set, is the only kind tried.
func recognise(header []string, cfg *programme.Config, forced Kind) *layout {
	var best *layout
	for _, k := range Kinds {
		if forced != "" && k != forced {
			continue
		}
		l := matchLayout(k, header, cfg)
		if !l.complete() {
			continue
		}
		if best == nil || l.score > best.score {
			best = l
		}
	}
	return best
}

// CheckHeaders checks programme.yaml's headers: section (kind -> field id ->
// extra names): a kind or field that does not exist is an error naming the
// ones that do, so that a typo does not pass silently.
func CheckHeaders(cfg *programme.Config) error {
	var errs []error
	for _, k := range slices.Sorted(maps.Keys(cfg.Headers)) {
		kind := Kind(k)
		if !slices.Contains(Kinds, kind) {
			errs = append(errs, fmt.Errorf("headers: %q er ikke en slags regneark; brug signups, meetings eller evaluations", k))
			continue
		}
		var ids []string
		for _, sp := range baseSpecs(kind) {
			ids = append(ids, sp.id)
		}
		if kind == Evaluations {
			for _, q := range cfg.Questions {
				ids = append(ids, q.ID)
			}
		}
		for _, f := range slices.Sorted(maps.Keys(cfg.Headers[k])) {
			if !slices.Contains(ids, f) {
				errs = append(errs, fmt.Errorf("headers.%s: feltet %q findes ikke; brug et af %s", k, f, strings.Join(ids, ", ")))
			}
		}
	}
	return errors.Join(errs...)
}
