package ingest

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/laegeforeningen/mentorprogram/internal/match"
	"github.com/laegeforeningen/mentorprogram/internal/programme"
	"github.com/laegeforeningen/mentorprogram/internal/sheet"
)

// Kind is the kind of a spreadsheet: sign-ups, a meeting log, evaluations,
// or the follow-up workbook (opfoelgning.xlsx) with rows marked handled.
type Kind string

// The kinds.
const (
	Signups     Kind = "signups"
	Meetings    Kind = "meetings"
	Evaluations Kind = "evaluations"
	Followups   Kind = "followups"
	// Proposals is matchforslag.xlsx from the status pages, with the
	// suggested pairs the secretariat accepts marked ja.
	Proposals Kind = "proposals"
)

// Kinds lists the kinds in the order they are applied: the follow-ups
// last, as whether a flag is open depends on everything else.
var Kinds = []Kind{Signups, Meetings, Evaluations, Proposals, Followups}

// ParseKind reads a kind name ("" is no kind).
func ParseKind(s string) (Kind, error) {
	switch k := Kind(strings.ToLower(s)); k {
	case "", Signups, Meetings, Evaluations, Followups, Proposals:
		return k, nil
	}
	return "", fmt.Errorf("unknown kind %q: use signups, meetings, evaluations, proposals or followups", s)
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
	case Followups:
		return "opfølgning"
	case Proposals:
		return "matchforslag"
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
	// marks: a column matched to this field, by any header but the generic
	// ones (genericHeaders), makes the sheet this kind when the headers
	// would fit another kind too. A meeting date makes a meeting log.
	marks bool
}

// followupInfoColumns are the columns of opfoelgning.xlsx besides the key
// and the handled columns (see status.FollowupHeader).
var followupInfoColumns = []string{"Hast", programme.ColumnSince, "Kohorte", "Flag", "Hvem", "Navn", "E-mail", "Mentee", "Mentor", "Hvorfor"}

// genericHeaders are headers too general to mark a kind: "Dato" may be a
// sign-up's date as well as a meeting's.
var genericHeaders = foldSet("Dato", "Date")

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
	fWish      = "wish_specialty"
	fThemes    = "themes"
	fMeetForm  = "meeting_form"
	fAvoid     = "avoid"
	fCapacity  = "capacity"
	fSeniority = "seniority"
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
	fKey       = "key"
	fHandled   = "handled"
	fInitials  = "initials"
	fAction    = "action"
	fLookAgain = "look_again"
	fAccept    = "accept"
	infoPrefix = "info:" // a column of opfoelgning.xlsx that is read back as information only
	qPrefix    = "q:"    // an evaluation question: q:<id>
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
			// What the matching suggestions weigh (internal/match).
			{id: fWish, label: "Ønsket speciale", headers: []string{"Ønsket speciale", "Ønsket speciale hos mentor", "Ønsket speciale for mentor", "Mentors speciale", "Ønsket mentorspeciale", "Wished specialty", "Preferred specialty", "Preferred specialty of mentor", "Mentor specialty"}},
			{id: fThemes, label: "Emner", headers: []string{"Emner", "Temaer", "Ønskede emner", "Emner du ønsker", "Emner du tilbyder", "Themes", "Topics", "Themes wanted", "Themes offered"}},
			{id: fMeetForm, label: "Mødeform", headers: []string{"Foretrukken mødeform", "Ønsket mødeform", "Mødeform", "Preferred meeting form", "Meeting form"}},
			{id: fAvoid, label: "Undgå", headers: []string{"Undgå", "Skal undgås", "Ønsker ikke at blive matchet med", "Personer eller arbejdspladser der skal undgås", "Avoid", "Do not match with", "Not to be matched with"}},
			{id: fCapacity, label: "Antal mentees", headers: []string{"Antal mentees", "Antal mentees ad gangen", "Max antal mentees", "Kapacitet", "Number of mentees", "Capacity", "Mentees at once"}},
			{id: fSeniority, label: "Stilling", headers: []string{"Stilling", "Anciennitet", "Erfaring", "År som speciallæge", "Position", "Seniority", "Years as specialist", "Years as a specialist"}},
			{id: fMentor, label: "Matchet med", headers: []string{"Matchet med", "Mentor e-mail", "Mentor email", "Mentors e-mail", "Mentor", "Matched with"}},
			{id: fMatched, label: "Matchdato", headers: []string{"Matchdato", "Matchet dato", "Match date", "Matched", "Matched on"}, date: true},
			{id: fStatus, label: "Status", headers: []string{"Status", "Forløbsstatus"}},
			{id: fEnded, label: "Slutdato", headers: []string{"Slutdato", "End date", "Afsluttet dato", "Ended"}, date: true},
		}
	case Meetings:
		return []fieldSpec{
			{id: fMentee, label: "Mentee e-mail", headers: append([]string{"Mentee e-mail", "Mentee email", "Mentees e-mail", "Mentee"}, emailHeaders...), required: true},
			{id: fDate, label: "Mødedato", headers: []string{"Mødedato", "Dato for møde", "Dato for mødet", "Mødets dato", "Meeting date", "Date of meeting", "Date of the meeting", "Dato", "Date"}, required: true, date: true, marks: true},
			{id: fType, label: "Mødetype", headers: []string{"Mødetype", "Meeting type", "Type"}},
			{id: fAgenda, label: "Dagsorden sendt", headers: []string{"Dagsorden sendt", "Agenda sendt", "Agenda sent", "Dagsorden sendt før mødet", "Dagsorden"}},
			{id: fHeld, label: "Afholdt", headers: []string{"Afholdt", "Held", "Mødet blev afholdt"}},
			{id: fMinutes, label: "Varighed", headers: []string{"Varighed", "Varighed i minutter", "Mødets varighed", "Hvor længe varede mødet", "Duration", "Minutter"}},
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
	case Followups:
		out := []fieldSpec{
			{id: fKey, label: programme.ColumnKey, headers: []string{programme.ColumnKey, "Key"}, required: true, marks: true},
			{id: fHandled, label: programme.ColumnHandledDate, headers: []string{programme.ColumnHandledDate, "Håndteret", "Handled", "Handled on"}, required: true, date: true, marks: true},
			{id: fInitials, label: programme.ColumnInitials, headers: []string{programme.ColumnInitials, "Initials"}, required: true, marks: true},
			{id: fAction, label: programme.ColumnAction, headers: []string{programme.ColumnAction, "Action"}, required: true, marks: true},
			{id: fLookAgain, label: programme.ColumnLookAgain, headers: []string{programme.ColumnLookAgain, "Look again"}, date: true, marks: true},
		}
		// The workbook's other columns are what the pages show; they are
		// read as information and never stored.
		for _, h := range followupInfoColumns {
			// Siden is a date: the rejects workbook shows it as one.
			out = append(out, fieldSpec{id: infoPrefix + h, label: h, headers: []string{h}, date: h == programme.ColumnSince})
		}
		return out
	case Proposals:
		out := []fieldSpec{
			{id: fCohort, label: match.ColumnCohort, headers: cohortHeaders, required: true},
			{id: fMentee, label: match.ColumnMenteeEmail, headers: []string{match.ColumnMenteeEmail, "Mentee email", "Mentees e-mail"}, required: true},
			{id: fMentor, label: match.ColumnMentorEmail, headers: []string{match.ColumnMentorEmail, "Mentor email", "Mentors e-mail"}, required: true},
			{id: fAccept, label: match.ColumnAccept, headers: []string{match.ColumnAccept, "Accepteret", "Accept", "Accepted"}, required: true, marks: true},
			{id: fMatched, label: match.ColumnMatchDate, headers: []string{match.ColumnMatchDate, "Match date"}, date: true},
		}
		for _, h := range []string{match.ColumnMentee, match.ColumnMentor, match.ColumnScore, match.ColumnReasons, match.ColumnAlternatives} {
			out = append(out, fieldSpec{id: infoPrefix + h, label: h, headers: []string{h}})
		}
		return out
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
			out = append(out, fieldSpec{id: qPrefix + q.ID, label: cmp.Or(q.Label["da"], q.ID), headers: append(slices.Clip(q.Headers), extra[q.ID]...)})
		}
	}
	return out
}

// formsColumns are the columns Microsoft Forms and Google Forms add of
// their own. They are recognised and not stored.
var formsColumns = foldSet("ID", "Id", "Start time", "Starttidspunkt", "Completion time", "Klokkeslæt for fuldførelse",
	"Last modified time", "Tidspunkt for seneste ændring", "Email", "Mail", "Name", "Navn", "Total points", "Point i alt",
	"Quiz feedback", "Grade posted to learners", "Score", "Tidsstempel", "Timestamp", "Email address", "E-mailadresse")

// ourColumns are columns this program adds to the files it writes.
var ourColumns = foldSet("Fejl", "Errors", "Afvisningsgrund")

// contentWords mark a column as meeting content (minutes, notes) that must
// never be stored, whatever kind the sheet is: a folded header containing
// one of them, or equal to one of the exact ones. A column is only tested
// when it is not one of the kind's fields (an evaluation's Kommentarer is
// a question, a meeting log's Mødedato and a sign-up's Mødeform are
// fields), so any other column about the meeting ("Hvordan gik mødet?",
// "Feedback fra mødet", "What did you talk about") counts as content.
var contentWords = []string{"referat", "noter", "notat", "notes", "note", "indhold", "summary", "resume", "kommentar",
	"comment", "beskrivelse", "description", "emne", "topic", "bemaerkning", "remark", "droeft", "talteom", "samtale", "refleksion", "reflection",
	"opsummering", "sammendrag", "sammenfatning", "konklusion", "aftaler", "diskussion", "discussion", "dagbog", "logbog", "journal",
	"moede", "meeting", "taltom", "talkabout", "talkedabout", "snak"}
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
	// alt: for a field whose column may be Forms' own (Email, Name), the
	// other columns that mean the same, in sheet order: a row whose cell in
	// the field's column is blank or "anonymous" is read from the first of
	// them that has a value (see row.column).
	alt map[string][]int
}

// fallbackFields are the fields where Forms' own Email or Name column,
// "anonymous" or blank when the form does not collect names, gives way to
// the form's own question asking for the address or the name.
var fallbackFields = []string{fEmail, fName, fMentee}

// isAnonymous reports whether v is what Forms writes for an anonymous
// answer.
func isAnonymous(v string) bool {
	f := sheet.Fold(v)
	return f == "anonymous" || f == "anonym"
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
		}
	}
	// Columns that mean the same as a fallback field's: the second of
	// Forms' Email and the form's own E-mail question. A meeting log's
	// mentee column falls back only from one of the general e-mail
	// headers: behind Mentee e-mail, Forms' Email is whoever filled in the
	// form.
	generic := foldSet(emailHeaders...)
	for _, sp := range l.specs {
		c, ok := l.col[sp.id]
		if !ok || !slices.Contains(fallbackFields, sp.id) || (sp.id == fMentee && !generic[folded[c]]) {
			continue
		}
		for i, f := range folded {
			if l.roles[i] != colUnknown || f == "" || (sp.id == fMentee && !generic[f]) {
				continue
			}
			for _, h := range sp.headers {
				if sheet.FoldHeader(h) == f {
					if l.alt == nil {
						l.alt = map[string][]int{}
					}
					l.alt[sp.id] = append(l.alt[sp.id], i)
					l.fields[i] = sp.id
					l.roles[i] = colField
					break
				}
			}
		}
	}
	for i, f := range folded {
		if l.roles[i] != colUnknown || f == "" {
			continue
		}
		switch {
		case ourColumns[f]:
			l.roles[i] = colOurs
		case isContentHeader(f):
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

// sensitive reports whether the sheet may hold meeting content in columns
// that are not fields: a meeting log, or any sheet with a content column.
// Such columns are then kept out of the rejects workbook, and free text in
// a field's column is not echoed.
func (l *layout) sensitive() bool {
	return l.kind == Meetings || slices.Contains(l.roles, colContent)
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

// candidates returns the layouts of the kinds whose required fields header
// has; forced, when set, is the only kind tried.
func candidates(header []string, cfg *programme.Config, forced Kind) []*layout {
	var out []*layout
	for _, k := range Kinds {
		if forced != "" && k != forced {
			continue
		}
		if l := matchLayout(k, header, cfg); l.complete() {
			out = append(out, l)
		}
	}
	return out
}

// AmbiguousError is a header that fits more than one kind equally well.
type AmbiguousError struct {
	Kinds []Kind
	Own   map[Kind][]string // the headers only that kind has
}

func (e *AmbiguousError) Error() string {
	var names, why, flags []string
	for _, k := range e.Kinds {
		names = append(names, k.Danish())
		flags = append(flags, "-kind "+string(k))
		if own := e.Own[k]; len(own) > 0 {
			why = append(why, k.Danish()+": "+strings.Join(own, ", "))
		} else {
			why = append(why, k.Danish()+": ingen")
		}
	}
	return fmt.Sprintf("overskrifterne passer lige godt til %s (kolonner kun den slags har: %s), så filen er ikke læst. Angiv slagsen med %s.",
		strings.Join(names, " og "), strings.Join(why, "; "), strings.Join(flags, " eller "))
}

// recognise picks the kind whose fields the header fits; forced, when set,
// is the only kind tried. It returns nil when no kind fits. When several
// fit, the columns only one of them has decide: a kind marked by one of
// its marking fields (a meeting date) wins over the kinds that are not;
// else the kind with more columns of its own (an evaluation's questions). A
// tie is an *AmbiguousError: the kind is never guessed.
func recognise(header []string, cfg *programme.Config, forced Kind) (*layout, error) {
	cs := candidates(header, cfg, forced)
	switch len(cs) {
	case 0:
		return nil, nil
	case 1:
		return cs[0], nil
	}
	folded := make([]string, len(header))
	for i, h := range header {
		folded[i] = sheet.FoldHeader(h)
	}
	accepts := func(l *layout, f string) bool {
		for _, sp := range l.specs {
			for _, h := range sp.headers {
				if sheet.FoldHeader(h) == f {
					return true
				}
			}
		}
		return false
	}
	own := map[Kind][]string{}
	marked := map[Kind]bool{}
	for _, l := range cs {
		for _, sp := range l.specs {
			c, ok := l.col[sp.id]
			if !ok {
				continue
			}
			shared := false
			for _, o := range cs {
				shared = shared || (o != l && accepts(o, folded[c]))
			}
			if shared {
				continue
			}
			own[l.kind] = append(own[l.kind], shortHeader(header[c]))
			marked[l.kind] = marked[l.kind] || (sp.marks && !genericHeaders[folded[c]])
		}
	}
	pool := cs
	if m := slices.DeleteFunc(slices.Clone(cs), func(l *layout) bool { return !marked[l.kind] }); len(m) > 0 {
		pool = m
	}
	if len(pool) == 1 {
		return pool[0], nil
	}
	slices.SortStableFunc(pool, func(a, b *layout) int { return len(own[b.kind]) - len(own[a.kind]) })
	if len(own[pool[0].kind]) > len(own[pool[1].kind]) {
		return pool[0], nil
	}
	e := &AmbiguousError{Own: own}
	for _, l := range pool {
		if len(own[l.kind]) == len(own[pool[0].kind]) {
			e.Kinds = append(e.Kinds, l.kind)
		}
	}
	return nil, e
}

// CheckHeaders checks programme.yaml's headers: section (kind -> field id ->
// extra names): a kind or field that does not exist is an error naming the
// ones that do, so that a typo does not pass silently.
func CheckHeaders(cfg *programme.Config) error {
	var errs []error
	for _, k := range slices.Sorted(maps.Keys(cfg.Headers)) {
		kind := Kind(k)
		if !slices.Contains(Kinds, kind) {
			errs = append(errs, fmt.Errorf("headers: %q er ikke en slags regneark; brug signups, meetings, evaluations, proposals eller followups", k))
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
