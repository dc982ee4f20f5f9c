package ingest

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/laegeforeningen/mentorprogram/internal/programme"
	"github.com/laegeforeningen/mentorprogram/internal/sheet"
	"github.com/laegeforeningen/mentorprogram/internal/store"
)

// row is one data row and what it says.
type row struct {
	f     *fileIn
	r     sheet.Row
	seq   int
	ts    time.Time // the row's timestamp, if it has one
	probs []Problem
	// hidden: cells not to echo in messages or rejects (meeting content
	// typed into a field's column)
	hidden map[int]bool

	cohort     string
	cohortName string // a sign-up's cohort as written, where it is not the id
	person     *programme.Participant
	pair       *pairPatch
	meet       *meetingPatch
	eval       *programme.Evaluation
	// handled is a follow-up row marked handled (nil when its handled
	// cells are blank).
	handled *programme.Handled

	// invisible: an e-mail address had invisible characters, removed
	invisible bool

	loser     bool // an earlier row of its key; a later one won
	duplicate bool // ... with the same values as the winner
	outcome   string
}

type pairPatch struct {
	programme.Pair
	mentorRef string // the matched mentor as written, when not an e-mail
	mentorBad bool   // the matched mentor's cell is not a valid e-mail
}

type meetingPatch struct {
	programme.Meeting
	heldSet, contactSet bool
}

func (r *row) rejected() bool { return len(r.probs) > 0 }

// column returns the column field is read from in this row and whether the
// sheet has one: the field's column, unless its cell is blank or
// "anonymous" (Forms' own Email or Name when the form does not collect
// them) and another column meaning the same (the form's own E-mail
// question) has a value.
func (r *row) column(field string) (int, bool) {
	c, ok := r.f.l.col[field]
	if !ok {
		return -1, false
	}
	alt := r.f.l.alt[field]
	if len(alt) == 0 {
		return c, true
	}
	if v := clean(r.r.Cell(c)); v != "" && !isAnonymous(v) {
		return c, true
	}
	for _, a := range alt {
		if v := clean(r.r.Cell(a)); v != "" && !isAnonymous(v) {
			return a, true
		}
	}
	return c, true
}

// cell returns the trimmed text of field's column and whether the sheet has
// the column.
func (r *row) cell(field string) (string, bool) {
	c, ok := r.column(field)
	if !ok {
		return "", false
	}
	return clean(r.r.Cell(c)), true
}

// problem records a reason to reject the row. The value is echoed unless it
// could be meeting content.
func (r *row) problem(field, code, msg, value string) {
	c, _ := r.column(field)
	if id, ok := strings.CutPrefix(field, qPrefix); ok {
		field = "answers." + id
	}
	r.cellProblem(c, field, code, msg, value)
}

// cellProblem records a reason to reject the row about column c (-1: none).
// In a meeting log, free text in a field's column (more than a couple of
// words, or a long text) may be meeting content: it is never echoed in the
// report, and a long one is also kept out of the rejects file.
func (r *row) cellProblem(c int, field, code, msg, value string) {
	p := Problem{File: r.f.path, Sheet: r.f.t.Sheet, Row: r.r.Num, Field: field, Code: code, Message: msg}
	if c >= 0 {
		p.Column = sheet.ColumnName(c)
		if c < len(r.f.t.Header) {
			p.Header = shortHeader(r.f.t.Header[c])
		}
		if r.f.l.sensitive() && mayBeContent(value) {
			if len([]rune(value)) > 30 {
				if r.hidden == nil {
					r.hidden = map[int]bool{}
				}
				r.hidden[c] = true
			}
			p.Message = strings.Replace(p.Message, fmt.Sprintf("%q", shorten(value)), hiddenText, 1)
			value = ""
		}
	}
	p.Value = value
	r.probs = append(r.probs, p)
}

// hiddenText stands in a message for a value not shown.
const hiddenText = "(tekst skjult, da den kan være mødeindhold)"

// mayBeContent reports whether a value in a meeting log's field column
// reads as free text rather than a value: more than two words, or over 30
// characters.
func mayBeContent(v string) bool {
	return len([]rune(v)) > 30 || len(strings.Fields(v)) > 2
}

// issues turns what the reader found wrong with how the row is written (a
// stray quote in a CSV) into problems: the row's cells cannot be trusted.
func (r *row) issues() {
	for _, is := range r.r.Issues {
		field, value := "", r.r.Cell(is.Col)
		if is.Col < len(r.f.l.fields) {
			field = r.f.l.fields[is.Col]
		}
		if is.Col >= len(r.f.l.roles) || r.f.l.roles[is.Col] == colContent || (r.f.l.sensitive() && r.f.l.roles[is.Col] != colField) {
			value = "" // a content or unknown column: never echoed
		}
		r.cellProblem(is.Col, field, CodeFormatError, "rækken kan ikke læses sikkert: "+is.Msg+".", value)
	}
}

func (r *row) label(field string) string {
	if c, ok := r.f.l.col[field]; ok {
		return shortHeader(r.f.t.Header[c])
	}
	if sp := r.f.l.spec(field); sp != nil {
		return sp.label
	}
	return field
}

func (r *row) missing(field, hint string) {
	r.problem(field, CodeMissingCell, fmt.Sprintf("%s mangler. %s", r.label(field), hint), "")
}

// email reads a required e-mail field.
func (r *row) email(field, hint string) string {
	v, _ := r.cell(field)
	if v == "" {
		r.missing(field, hint)
		return ""
	}
	e, ok := programme.NormEmail(v)
	if !ok && isAnonymous(v) {
		r.problem(field, CodeMissingCell, fmt.Sprintf("svaret er anonymt (%q), så det kan ikke knyttes til en person. %s", shorten(v), r.anonymousHint(field, "e-mailadressen", "E-mail")), v)
		return ""
	}
	if !ok {
		r.problem(field, CodeTypeError, emailMessage(v, "Skriv adressen som navn@eksempel.dk."), v)
		return ""
	}
	if _, removed := programme.StripInvisible(v); removed {
		r.invisible = true
	}
	return e
}

// anonymousHint says how to fix a row whose field is only "anonymous": fill
// in the sheet's other column for it, or have the form ask.
func (r *row) anonymousHint(field, what, question string) string {
	if alt := r.f.l.alt[field]; len(alt) > 0 {
		return fmt.Sprintf("Skriv %s i kolonne %s (%s), som er tom i denne række.", what, sheet.ColumnName(alt[0]), shortHeader(r.f.t.Header[alt[0]]))
	}
	return fmt.Sprintf("Skriv %s her i stedet, og lad formularen spørge om %s (et spørgsmål %s), så næste eksport har den.", what, what, question)
}

var (
	minDate = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	maxDate = time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)
)

// date reads a date field; zero when blank or wrong (then a problem is
// recorded).
func (st *state) date(r *row, field string) time.Time {
	v, _ := r.cell(field)
	if v == "" {
		return time.Time{}
	}
	var t time.Time
	ok := false
	if r.f.t.Format == sheet.FormatXLSX {
		t, ok = sheet.ParseSerial(v, r.f.t.Date1904)
	}
	if !ok {
		var err error
		t, err = sheet.ParseDate(v, st.opts.DateOrder)
		ok = err == nil
		if msg := st.dateOrderProblem(r.f, v, t, ok); msg != "" {
			r.problem(field, CodeTypeError, msg, v)
			return time.Time{}
		}
	}
	if !ok {
		r.problem(field, CodeTypeError, fmt.Sprintf("%q er ikke en gyldig dato. Skriv datoen som 14-03-2026.", shorten(v)), v)
		return time.Time{}
	}
	if t.Before(minDate) || !t.Before(maxDate) {
		r.problem(field, CodeConstraintError, fmt.Sprintf("%q (%s) er ikke en sandsynlig dato. Skriv datoen som 14-03-2026.", shorten(v), t.Format("02-01-2006")), v)
		return time.Time{}
	}
	return t
}

func dateOf(t time.Time) programme.Date {
	if t.IsZero() {
		return programme.Date{}
	}
	return programme.DateOf(t)
}

func danishDate(d programme.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.Time().Format("02-01-2006")
}

// cohortField reads a cohort name into its id. A long name whose id an
// earlier version shortened to its first MaxIDLen characters, under which a
// cohort is stored, is rejected: that cohort may hold several.
func (st *state) cohortField(r *row, required bool) string {
	v, _ := r.cell(fCohort)
	if v == "" {
		if required {
			r.missing(fCohort, "Skriv kohortens navn, som 2026-foraar.")
		}
		return ""
	}
	id := Slug(v)
	if id == "" || store.CheckID(id) != nil {
		msg := fmt.Sprintf("%q kan ikke bruges som kohortens navn. Brug bogstaverne a-z, æ, ø, å og tal, som 2026-foraar.", shorten(v))
		if c, ok := foreignLetter(v); ok {
			// One that looks like a Danish letter (a Cyrillic о) shows no
			// fault in the name: say which.
			msg = fmt.Sprintf("%q kan ikke bruges som kohortens navn: tegnet »%c« (U+%04X) er ikke et af bogstaverne a-z, æ, ø, å eller et tal, selv om det kan ligne et af dem. Skriv navnet igen med bogstaverne a-z, æ, ø, å og tal, som 2026-foraar.", shorten(v), c, c)
		}
		r.problem(fCohort, CodeConstraintError, msg, v)
		return ""
	}
	if old := legacySlug(v); old != id && st.orig[old] != nil {
		r.problem(fCohort, CodeConstraintError, fmt.Sprintf("kohortens navn er over %d tegn og gemmes nu som %s, men data/cohorts/%s.yaml er gemt under navnets første %d tegn, som andre kohorters navne kan begynde med. Hører filen kun til denne kohorte, så omdøb den til %s.yaml, ret id i den til %s, og indlæs igen; ellers brug et kortere navn.",
			MaxIDLen, id, old, MaxIDLen, id, id), v)
		return ""
	}
	return id
}

// foreignLetter returns the first letter or digit of a cohort name that
// no id can hold: one that folds to none of a-z, 0-9 (a letter of another
// alphabet).
func foreignLetter(name string) (rune, bool) {
	for _, c := range name {
		for _, f := range sheet.Fold(string(c)) {
			if (f < 'a' || f > 'z') && (f < '0' || f > '9') {
				return c, true
			}
		}
	}
	return 0, false
}

// oneLine folds every run of white space, line breaks included, to one
// space, and removes invisible characters: names and places are one line.
func oneLine(s string) string {
	s, _ = programme.StripInvisible(s)
	return strings.Join(strings.Fields(s), " ")
}

func (st *state) parseSignup(r *row) {
	r.issues()
	p := &programme.Participant{}
	p.Email = r.email(fEmail, "Skriv personens e-mailadresse.")
	if v, _ := r.cell(fName); v == "" {
		r.missing(fName, "Skriv personens fulde navn.")
	} else if isAnonymous(v) {
		r.problem(fName, CodeMissingCell, fmt.Sprintf("navnet er anonymt (%q). %s", shorten(v), r.anonymousHint(fName, "navnet", "Navn")), v)
	} else {
		p.Name = oneLine(v)
	}
	if v, _ := r.cell(fRole); v == "" {
		r.missing(fRole, "Skriv mentor eller mentee.")
	} else if role, ok := parseRole(v); !ok {
		r.problem(fRole, CodeConstraintError, fmt.Sprintf("%q er ikke en rolle. Skriv mentor eller mentee.", shorten(v)), v)
	} else {
		p.Role = role
	}
	r.cohort = st.cohortField(r, true)
	if v, _ := r.cell(fCohort); r.cohort != "" && oneLine(v) != r.cohort {
		r.cohortName = oneLine(v) // the display name, as the sheet writes it
	}
	r.ts = st.date(r, fSignedUp)
	p.SignedUp = dateOf(r.ts)
	for dst, field := range map[*string]string{&p.Specialty: fSpecialty, &p.Workplace: fWorkplace, &p.Region: fRegion} {
		v, _ := r.cell(field)
		*dst = oneLine(v)
	}
	st.parseMatching(r, p)
	r.person = p

	mentor, _ := r.cell(fMentor)
	if _, removed := programme.StripInvisible(mentor); removed && strings.Contains(mentor, "@") {
		r.invisible = true
	}
	mentor = oneLine(mentor)
	matched := dateOf(st.date(r, fMatched))
	ended := dateOf(st.date(r, fEnded))
	var status programme.Status
	if v, _ := r.cell(fStatus); v != "" {
		s, ok := parseStatus(v)
		if !ok {
			r.problem(fStatus, CodeConstraintError, fmt.Sprintf("%q er ikke en status. Skriv aktiv, afbrudt eller afsluttet.", shorten(v)), v)
		}
		status = s
	}
	if p.Role != programme.Mentee {
		// A mentor's row names no match of its own: the pair is made from
		// the mentee's row. Values there are ignored.
		return
	}
	if mentor == "" && matched.IsZero() && ended.IsZero() && status == "" {
		return
	}
	pp := &pairPatch{Pair: programme.Pair{Mentee: p.Email, Matched: matched, Status: status, Ended: ended}}
	if mentor != "" {
		if strings.Contains(mentor, "@") {
			e, ok := programme.NormEmail(mentor)
			if !ok {
				r.problem(fMentor, CodeTypeError, emailMessage(mentor, "Skriv mentorens e-mailadresse."), mentor)
				pp.mentorBad = true
			} else if e == p.Email && e != "" {
				r.problem(fMentor, CodeConstraintError, "en mentee kan ikke være sin egen mentor. Skriv mentorens e-mailadresse.", mentor)
			}
			pp.Mentor = e
		} else {
			pp.mentorRef = mentor
		}
	}
	if !matched.IsZero() && !ended.IsZero() && ended.Before(matched) {
		r.problem(fEnded, CodeConstraintError, fmt.Sprintf("slutdatoen %s ligger før matchdatoen %s. Ret en af datoerne.", danishDate(ended), danishDate(matched)), danishDate(ended))
	}
	r.pair = pp
}

func (st *state) parseMeeting(r *row) {
	r.issues()
	m := r.meet // where parseRows wants it, else new
	if m == nil {
		m = &meetingPatch{}
	}
	m.Mentee = r.email(fMentee, "Skriv menteens e-mailadresse.")
	if v, _ := r.cell(fDate); v == "" {
		r.missing(fDate, "Skriv datoen for mødet som 14-03-2026.")
	} else if t := st.date(r, fDate); !t.IsZero() {
		m.Date = dateOf(t)
		if m.Date.After(st.opts.Today) {
			r.problem(fDate, CodeConstraintError, fmt.Sprintf("mødedatoen %s ligger efter i dag (%s). Ret datoen; fremtidige møder logges først, når de er holdt.", danishDate(m.Date), danishDate(st.opts.Today)), v)
		}
	}
	if v, _ := r.cell(fType); v != "" {
		t, ok := parseMeetingType(v)
		if !ok {
			r.problem(fType, CodeConstraintError, fmt.Sprintf("%q er ikke en mødetype. Skriv afklaringsmøde eller møde.", shorten(v)), v)
		}
		m.Type = t
	}
	if v, has := r.cell(fAgenda); v != "" {
		b, ok := sheet.ParseBool(v)
		if !ok {
			r.problem(fAgenda, CodeTypeError, fmt.Sprintf("%q er hverken ja eller nej. Skriv ja eller nej.", shorten(v)), v)
		}
		m.AgendaSent = &b
	} else if has && r.f.xMarks[fAgenda] {
		b := false
		m.AgendaSent = &b
	}
	if v, _ := r.cell(fHeld); v != "" {
		b, ok := parseHeld(v)
		if !ok {
			r.problem(fHeld, CodeTypeError, fmt.Sprintf("%q er hverken ja eller nej. Skriv ja, hvis mødet blev holdt, og nej, hvis det blev aflyst.", shorten(v)), v)
		}
		m.Held, m.heldSet = b, true
	}
	if v, _ := r.cell(fMinutes); v != "" {
		n, ok := parseMinutes(v, r.f.t.Format == sheet.FormatXLSX)
		switch {
		case !ok:
			r.problem(fMinutes, CodeTypeError, fmt.Sprintf("%q er ikke en varighed. Skriv antal minutter, som 60, eller timer, som 1,5 t.", shorten(v)), v)
		case n < 1 || n > 24*60:
			r.problem(fMinutes, CodeConstraintError, fmt.Sprintf("%q minutter er ikke en mulig varighed. Skriv antal minutter, som 60.", shorten(v)), v)
		}
		m.Minutes = n
	}
	if v, _ := r.cell(fForm); v != "" {
		f, ok := parseForm(v)
		if !ok {
			r.problem(fForm, CodeConstraintError, fmt.Sprintf("%q er ikke en mødeform. Skriv fysisk, video eller telefon.", shorten(v)), v)
		}
		m.Form = f
	}
	if v, has := r.cell(fContact); v != "" {
		b, ok := sheet.ParseBool(v)
		if !ok {
			r.problem(fContact, CodeTypeError, fmt.Sprintf("%q er hverken ja eller nej. Skriv ja eller nej.", shorten(v)), v)
		}
		m.ContactRequested, m.contactSet = b, true
	} else if has && r.f.xMarks[fContact] {
		m.contactSet = true
	}
	r.cohort = st.cohortField(r, false)
	r.ts = st.date(r, fTimestamp)
	r.meet = m
}

func (st *state) parseEvaluation(r *row) {
	r.issues()
	e := &programme.Evaluation{}
	e.Email = r.email(fEmail, "Skriv svarpersonens e-mailadresse.")
	if v, _ := r.cell(fRole); v != "" {
		role, ok := parseRole(v)
		if !ok {
			r.problem(fRole, CodeConstraintError, fmt.Sprintf("%q er ikke en rolle. Skriv mentor eller mentee.", shorten(v)), v)
		}
		e.Role = role
	}
	r.cohort = st.cohortField(r, false)
	r.ts = st.date(r, fSubmitted)
	e.Submitted = dateOf(r.ts)
	var comments []string
	answered := false
	for _, q := range st.cfg.Questions {
		v, has := r.cell(qPrefix + q.ID)
		if !has || v == "" {
			continue
		}
		answered = true
		if q.Text {
			comments = append(comments, v)
			continue
		}
		n, ok := parseScale(v)
		switch {
		case !ok:
			r.problem(qPrefix+q.ID, CodeTypeError, fmt.Sprintf("%q er ikke et tal. Skriv et helt tal fra %d til %d.", shorten(v), q.Scale.Min, q.Scale.Max), v)
		case n < q.Scale.Min || n > q.Scale.Max:
			r.problem(qPrefix+q.ID, CodeConstraintError, fmt.Sprintf("%d ligger uden for skalaen. Skriv et helt tal fra %d til %d.", n, q.Scale.Min, q.Scale.Max), v)
		default:
			if e.Answers == nil {
				e.Answers = map[string]int{}
			}
			e.Answers[q.ID] = n
		}
	}
	e.Comment = strings.Join(comments, "\n\n")
	if !answered {
		r.problem("", CodeMissingCell, "rækken har ingen svar. Slet rækken, eller udfyld svarene.", "")
	}
	r.eval = e
}

// noteInvisible tells, once per file, in which rows invisible characters
// were removed from an e-mail address: the address stored is not byte for
// byte the one in the file.
func (st *state) noteInvisible(f *fileIn) {
	var nums []string
	for _, r := range f.rows {
		if r.invisible && !r.rejected() {
			nums = append(nums, strconv.Itoa(r.r.Num))
		}
	}
	if len(nums) == 0 {
		return
	}
	where := "række " + nums[0]
	if len(nums) > 1 {
		if len(nums) > 10 {
			nums = append(nums[:10], fmt.Sprintf("%d andre", len(nums)-10))
		}
		where = "rækkerne " + strings.Join(nums[:len(nums)-1], ", ") + " og " + nums[len(nums)-1]
	}
	st.report.Notes = append(st.report.Notes, Note{File: f.path, Sheet: f.t.Sheet, Code: CodeInvisibleRemoved,
		Message: fmt.Sprintf("usynlige tegn (nulbreddemellemrum, retningsmarkeringer, bløde bindestreger, byte order marks eller ordsammenbindere) er fjernet fra e-mailadressen i %s; de kommer typisk med, når en adresse kopieres fra en e-mail eller en webside", where)})
}

// parseFollowup reads a row of opfoelgning.xlsx: a follow-up marked handled
// (date, initials, action, and optionally when to look again), keyed by
// its Kode. A row whose four handled cells are blank changes nothing. The
// flag's facts are filled in by followups, from the data as merged.
func (st *state) parseFollowup(r *row) {
	r.issues()
	key, _ := r.cell(fKey)
	hd, _ := r.cell(fHandled)
	ini, _ := r.cell(fInitials)
	act, _ := r.cell(fAction)
	la, _ := r.cell(fLookAgain)
	if hd == "" && ini == "" && act == "" && la == "" {
		return // not marked: changes nothing
	}
	h := &programme.Handled{}
	kind, cohort, email, ok := programme.ParseFollowupKey(key)
	switch {
	case key == "":
		r.missing(fKey, "Brug rækkerne fra opfoelgning.xlsx, som statussiderne skrev dem, med kolonnen Kode uændret.")
	case !ok || programme.Def(kind) == nil:
		r.problem(fKey, CodeConstraintError, fmt.Sprintf("%q er ikke en kode fra opfoelgning.xlsx. Lad kolonnen Kode stå, som statussiderne skrev den.", shorten(key)), key)
	default:
		h.Kind, h.Email = kind, email
		r.cohort = cohort
	}
	if hd == "" {
		r.missing(fHandled, "Skriv den dag, opfølgningen blev håndteret, som 22-11-2026.")
	} else if t := st.date(r, fHandled); !t.IsZero() {
		h.Date = dateOf(t)
		r.ts = t // of two rows about one flag, the later handled wins
		if h.Date.After(st.opts.Today) {
			r.problem(fHandled, CodeConstraintError, fmt.Sprintf("%s ligger efter i dag (%s). Skriv den dag, opfølgningen blev håndteret.", danishDate(h.Date), danishDate(st.opts.Today)), hd)
		}
	}
	switch {
	case ini == "":
		r.missing(fInitials, "Skriv initialerne på den, der håndterede opfølgningen, som AB.")
	case !validInitials(ini):
		r.problem(fInitials, CodeConstraintError, fmt.Sprintf("%q er ikke initialer. Skriv højst 6 bogstaver, som AB.", shorten(ini)), ini)
	default:
		h.Initials = ini
	}
	act = oneLine(act)
	switch {
	case act == "":
		r.missing(fAction, "Skriv med få ord, hvad der blev gjort, som »ringet op« eller »mail sendt«.")
	case len([]rune(act)) > programme.MaxActionLength:
		// A long text may tell of the relationship: it is neither echoed
		// nor kept in the rejects workbook.
		c, _ := r.column(fAction)
		if r.hidden == nil {
			r.hidden = map[int]bool{}
		}
		r.hidden[c] = true
		r.problem(fAction, CodeConstraintError, fmt.Sprintf("handlingen er på %d tegn. Skriv kun, hvad der blev gjort, med få ord (højst %d tegn), som »ringet op«; aldrig hvad der blev talt om.", len([]rune(act)), programme.MaxActionLength), "")
	default:
		h.Action = act
	}
	if la != "" {
		if t := st.date(r, fLookAgain); !t.IsZero() {
			h.LookAgain = dateOf(t)
			if !h.Date.IsZero() && !h.LookAgain.After(h.Date) {
				r.problem(fLookAgain, CodeConstraintError, fmt.Sprintf("%s ligger ikke efter Håndteret dato (%s). Skriv en senere dag, eller lad cellen stå tom, så bruges flagets egen frist.", danishDate(h.LookAgain), danishDate(h.Date)), la)
			} else if !h.Date.IsZero() && h.LookAgain.After(h.Date.AddMonths(programme.MaxLookAgainMonths)) {
				r.problem(fLookAgain, CodeConstraintError, fmt.Sprintf("%s ligger mere end %d måneder efter Håndteret dato (%s), så flaget ville være væk fra listen i lang tid. Skriv en dag inden for %d måneder (er årstallet skrevet forkert?), eller lad cellen stå tom, så bruges flagets egen frist.", danishDate(h.LookAgain), programme.MaxLookAgainMonths, danishDate(h.Date), programme.MaxLookAgainMonths), la)
			}
		}
	}
	r.handled = h
}

// validInitials reports whether s reads as initials: 1 to 6 letters, with
// dots, hyphens or spaces between them.
func validInitials(s string) bool {
	n := 0
	for _, c := range s {
		switch {
		case unicode.IsLetter(c):
			n++
		case c == '.' || c == '-' || c == ' ':
		default:
			return false
		}
	}
	return n >= 1 && n <= 6
}

// parseMatching reads what a sign-up says for the matching suggestions:
// the wished specialty, themes (from matching.themes), meeting form,
// people or workplaces to avoid, a mentor's capacity, and seniority.
func (st *state) parseMatching(r *row, p *programme.Participant) {
	v, _ := r.cell(fWish)
	p.WishSpecialty = oneLine(v)
	if v, _ := r.cell(fThemes); v != "" {
		ids, bad := parseThemes(&st.cfg.Matching, v)
		if bad != "" {
			var names []string
			for _, t := range st.cfg.Matching.Themes {
				names = append(names, t.Label["da"])
			}
			r.problem(fThemes, CodeConstraintError, fmt.Sprintf("%q er ikke et af programmets emner. Skriv et eller flere af: %s, adskilt af komma eller semikolon.", shorten(bad), strings.Join(names, ", ")), v)
		}
		p.Themes = ids
	}
	if v, _ := r.cell(fMeetForm); v != "" {
		f, ok := parseMeetingForm(v)
		if !ok {
			r.problem(fMeetForm, CodeConstraintError, fmt.Sprintf("%q er ikke en mødeform. Skriv fysisk, online eller begge.", shorten(v)), v)
		}
		p.MeetingForm = f
	}
	if v, _ := r.cell(fAvoid); v != "" {
		for _, item := range strings.FieldsFunc(v, func(c rune) bool { return c == ';' || c == '\n' || c == '\r' }) {
			item = oneLine(item)
			if item == "" {
				continue
			}
			if strings.Contains(item, "@") {
				e, ok := programme.NormEmail(item)
				if !ok {
					r.problem(fAvoid, CodeTypeError, emailMessage(item, "Skriv e-mailadressen som navn@eksempel.dk, og adskil flere med semikolon."), v)
					continue
				}
				item = e
			}
			p.Avoid = append(p.Avoid, item)
		}
	}
	if v, _ := r.cell(fCapacity); v != "" && p.Role != programme.Mentee {
		n, ok := parseCapacity(v)
		if !ok {
			r.problem(fCapacity, CodeConstraintError, fmt.Sprintf("%q er ikke et antal mentees. Skriv et helt tal fra 1 til %d.", shorten(v), maxCapacity), v)
		}
		p.Capacity = n
	}
	if v, _ := r.cell(fSeniority); v != "" {
		v = oneLine(v)
		if _, ok := programme.SeniorityRank(v); !ok {
			r.problem(fSeniority, CodeConstraintError, fmt.Sprintf("%q kan ikke læses som stilling eller erfaring. Skriv %s.", shorten(v), programme.SeniorityNames), v)
		}
		p.Seniority = v
	}
}

// parseProposal reads a row of matchforslag.xlsx. A row marked ja in
// Accepter is a pair to create, matched on its Matchdato (blank: today);
// one marked nej, or left blank, changes nothing. The hard rules are
// checked by proposals, on the data as merged.
func (st *state) parseProposal(r *row) {
	r.issues()
	v, _ := r.cell(fAccept)
	if v == "" {
		return
	}
	yes, ok := sheet.ParseBool(v)
	if !ok {
		r.problem(fAccept, CodeTypeError, fmt.Sprintf("%q er hverken ja eller nej. Skriv ja for at oprette parret, nej eller ingenting for at lade det være.", shorten(v)), v)
		return
	}
	if !yes {
		return
	}
	r.cohort = st.cohortField(r, true)
	p := &pairPatch{}
	p.Mentee = r.email(fMentee, "Lad menteens e-mailadresse stå, som statussiderne skrev den.")
	p.Mentor = r.email(fMentor, "Lad mentorens e-mailadresse stå, som statussiderne skrev den.")
	if p.Mentee != "" && p.Mentee == p.Mentor {
		r.problem(fMentor, CodeConstraintError, "en mentee kan ikke være sin egen mentor.", p.Mentor)
	}
	p.Matched = dateOf(st.date(r, fMatched))
	if p.Matched.IsZero() {
		p.Matched = st.opts.Today
	}
	if p.Matched.After(st.opts.Today) {
		v, _ := r.cell(fMatched)
		r.problem(fMatched, CodeConstraintError, fmt.Sprintf("matchdatoen %s ligger efter i dag (%s). Skriv den dag, parret blev matchet, eller lad feltet stå tomt for i dag.", danishDate(p.Matched), danishDate(st.opts.Today)), v)
	}
	r.pair = p
}
