package ingest

import (
	"cmp"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"github.com/laegeforeningen/mentorprogram/internal/match"
	"github.com/laegeforeningen/mentorprogram/internal/programme"
	"github.com/laegeforeningen/mentorprogram/internal/sheet"
)

// signups applies the sign-up rows: people first, then the pairs, whose
// mentors must be signed up as mentors in the same cohort.
func (st *state) signups() {
	rows := st.rowsOf(Signups)
	if len(rows) == 0 {
		return // nothing to apply; what follows looks at every person stored
	}
	st.checkRoles(rows)
	// Each person's role once this run is applied: the last valid row's,
	// else the stored one. Mentors per cohort are those with role mentor.
	type person struct {
		role programme.Role
		name string
	}
	final := map[string]map[string]person{} // cohort -> email -> person
	setRole := func(cohort, email string, role programme.Role, name string) {
		if final[cohort] == nil {
			final[cohort] = map[string]person{}
		}
		if name == "" {
			name = final[cohort][email].name
		}
		final[cohort][email] = person{role, name}
	}
	for id, c := range st.cohorts {
		for _, p := range c.people {
			setRole(id, p.Email, p.Role, p.Name)
		}
	}
	for _, g := range groupRows(rows, func(r *row) string { return r.cohort + "\x00" + r.person.Email }) {
		last := g[len(g)-1]
		if c := st.cohorts[last.cohort]; c != nil {
			// A row older than the stored sign-up keeps the stored role.
			if sp := c.people[last.person.Email]; sp != nil && !sp.SignedUp.IsZero() && !last.ts.IsZero() && dateOf(last.ts).Before(sp.SignedUp) {
				continue
			}
		}
		setRole(last.cohort, last.person.Email, last.person.Role, last.person.Name)
	}
	type mentorInfo struct{ email, name string }
	mentors := map[string]map[string]mentorInfo{}
	for id, people := range final {
		for email, p := range people {
			if p.role == programme.Mentor {
				if mentors[id] == nil {
					mentors[id] = map[string]mentorInfo{}
				}
				mentors[id][email] = mentorInfo{email, p.name}
			}
		}
	}
	// The references are checked on every row whose cells for them could
	// be read, rejected or not, so that a rejected row gets every reason.
	for _, r := range rows {
		pp := r.pair
		if pp == nil || pp.mentorBad || r.cohort == "" || r.person.Email == "" {
			continue
		}
		if pp.mentorRef != "" {
			// A mentor named rather than mailed: find the one mentor of the
			// cohort with that name.
			want := sheet.Fold(pp.mentorRef)
			var found []string
			for _, m := range mentors[r.cohort] {
				if sheet.Fold(m.name) == want {
					found = append(found, m.email)
				}
			}
			if len(found) == 1 {
				pp.Mentor = found[0]
			} else {
				r.problem(fMentor, CodeUnknownReference, fmt.Sprintf("der er %s mentor ved navn %q i kohorte %s. Skriv mentorens e-mailadresse i stedet.",
					map[bool]string{true: "ingen", false: "mere end én"}[len(found) == 0], shorten(pp.mentorRef), r.cohort), pp.mentorRef)
				continue
			}
		}
		if pp.Mentor != "" {
			if _, ok := mentors[r.cohort][pp.Mentor]; !ok && final[r.cohort][pp.Mentor].role == programme.Mentee {
				r.problem(fMentor, CodeUnknownReference, fmt.Sprintf("%s er tilmeldt som mentee, ikke som mentor, i kohorte %s. Ret e-mailadressen, eller ret rollen i tilmeldingen.", pp.Mentor, r.cohort), pp.Mentor)
			} else if !ok {
				r.problem(fMentor, CodeUnknownReference, fmt.Sprintf("mentoren %s er ikke tilmeldt som mentor i kohorte %s. Tilmeld mentoren først, eller ret e-mailadressen.", pp.Mentor, r.cohort), pp.Mentor)
			}
		} else if c := st.cohorts[r.cohort]; c == nil || c.pairs[r.person.Email] == nil {
			field := fStatus
			if !pp.Matched.IsZero() {
				field = fMatched
			}
			r.problem(field, CodeConstraintError, "menteen har ingen matchet mentor. Skriv mentorens e-mailadresse i kolonnen Matchet med.", "")
		}
	}
	for _, g := range groupRows(rows, func(r *row) string { return r.cohort + "\x00" + r.person.Email }) {
		st.supersede(g, func(a, b *row) bool {
			return a.person.Role == b.person.Role && samePerson(a.person, b.person) && samePairPatch(a.pair, b.pair)
		}, "kohorte og e-mail")
		c := st.cohort(g[0].cohort)
		for _, r := range g {
			if r.cohortName != "" {
				c.name = r.cohortName
			}
			p := c.people[r.person.Email]
			if p == nil {
				p = &programme.Participant{Email: r.person.Email}
				c.people[p.Email] = p
			}
			var pr *programme.Pair
			if r.pair != nil {
				pr = c.pairs[p.Email]
			}
			// A row older than what is stored (by the sign-up timestamp)
			// does not undo a newer sign-up's values; it only fills in what
			// is blank.
			if in := dateOf(r.ts); !in.IsZero() && !p.SignedUp.IsZero() && in.Before(p.SignedUp) {
				conflict := fillPerson(p, r.person)
				if r.pair != nil && p.Role == programme.Mentee {
					if pr == nil {
						pr = &programme.Pair{Mentee: p.Email}
						c.pairs[p.Email] = pr
					}
					conflict = fillPair(pr, &r.pair.Pair) || conflict
				}
				if conflict {
					st.report.Notes = append(st.report.Notes, Note{File: r.f.path, Sheet: r.f.t.Sheet, Row: r.r.Num, Code: CodeOlderRow,
						Message: fmt.Sprintf("rækkens tidsstempel (%s) er ældre end den gemte tilmelding (%s), så de gemte værdier er beholdt, hvor de er forskellige", danishDate(in), danishDate(p.SignedUp))})
				}
				continue
			}
			mergePerson(p, r.person)
			if r.pair != nil {
				if pr == nil {
					pr = &programme.Pair{Mentee: p.Email}
					c.pairs[p.Email] = pr
				}
				mergePair(pr, &r.pair.Pair)
			}
		}
	}
}

// checkRoles keeps every pair's mentor a mentor and its mentee a mentee: a
// row that would change the role of someone who is in a stored pair in the
// other role is rejected, and so is a mentor row for someone another row of
// this run gives a mentor.
func (st *state) checkRoles(rows []*row) {
	key := func(cohort, email string) string { return cohort + "\x00" + email }
	// Stored pairs: the first mentee (by e-mail) of each mentor.
	mentorOf := map[string]string{}
	for id, c := range st.cohorts {
		for _, pr := range c.pairs {
			k := key(id, pr.Mentor)
			if m, ok := mentorOf[k]; pr.Mentor != "" && (!ok || pr.Mentee < m) {
				mentorOf[k] = pr.Mentee
			}
		}
	}
	// Mentees given a mentor by this run's valid rows. (A row naming as
	// mentor someone whose role this run makes mentee is rejected by the
	// reference check.)
	withPair := map[string]*row{}
	for _, r := range rows {
		if !r.rejected() && r.pair != nil {
			withPair[key(r.cohort, r.person.Email)] = r
		}
	}
	for _, r := range rows {
		p := r.person
		if p.Email == "" || p.Role == "" || r.cohort == "" {
			continue
		}
		k := key(r.cohort, p.Email)
		file := "data/cohorts/" + r.cohort + ".yaml"
		switch p.Role {
		case programme.Mentee:
			if mentee, ok := mentorOf[k]; ok {
				r.problem(fRole, CodeConstraintError, fmt.Sprintf("%s er mentor for %s i kohorte %s og kan ikke samtidig være mentee. Er rollen forkert, så skriv mentor; skal personen virkelig være mentee, skal parret først fjernes i %s, og så kan rækken indlæses igen.", p.Email, mentee, r.cohort, file), string(p.Role))
			}
		case programme.Mentor:
			if c := st.cohorts[r.cohort]; c != nil && c.pairs[p.Email] != nil {
				r.problem(fRole, CodeConstraintError, fmt.Sprintf("%s er mentee i et par med mentoren %s i kohorte %s og kan ikke samtidig være mentor. Er rollen forkert, så skriv mentee; skal personen virkelig være mentor, skal parret først fjernes i %s, og så kan rækken indlæses igen.", p.Email, c.pairs[p.Email].Mentor, r.cohort, file), string(p.Role))
			} else if o := withPair[k]; o != nil {
				r.problem(fRole, CodeConstraintError, fmt.Sprintf("%s er også tilmeldt som mentee med en matchet mentor (række %d i %s). Ret rollen i en af rækkerne.", p.Email, o.r.Num, filepath.Base(o.f.path)), string(p.Role))
			}
		}
	}
}

func mergePerson(p, in *programme.Participant) {
	set(&p.Name, in.Name)
	set(&p.Role, in.Role)
	setDate(&p.SignedUp, in.SignedUp)
	set(&p.Specialty, in.Specialty)
	set(&p.Workplace, in.Workplace)
	set(&p.Region, in.Region)
	set(&p.WishSpecialty, in.WishSpecialty)
	set(&p.MeetingForm, in.MeetingForm)
	set(&p.Seniority, in.Seniority)
	if len(in.Themes) > 0 {
		p.Themes = in.Themes
	}
	if len(in.Avoid) > 0 {
		p.Avoid = in.Avoid
	}
	if in.Capacity != 0 {
		p.Capacity = in.Capacity
	}
}

func mergePair(p, in *programme.Pair) {
	set(&p.Mentor, in.Mentor)
	setDate(&p.Matched, in.Matched)
	set(&p.Status, in.Status)
	setDate(&p.Ended, in.Ended)
}

// fillPerson copies into p only what p lacks, and reports whether in has a
// value that differs from one p has.
func fillPerson(p, in *programme.Participant) bool {
	conflicts := []bool{fill(&p.Name, in.Name), fill(&p.Role, in.Role), fill(&p.Specialty, in.Specialty),
		fill(&p.Workplace, in.Workplace), fill(&p.Region, in.Region), fill(&p.WishSpecialty, in.WishSpecialty),
		fill(&p.MeetingForm, in.MeetingForm), fill(&p.Seniority, in.Seniority)}
	if len(p.Themes) == 0 {
		p.Themes = in.Themes
	}
	if len(p.Avoid) == 0 {
		p.Avoid = in.Avoid
	}
	if p.Capacity == 0 {
		p.Capacity = in.Capacity
	}
	return slices.Contains(conflicts, true)
}

func fillPair(p, in *programme.Pair) bool {
	conflicts := []bool{fill(&p.Mentor, in.Mentor), fill(&p.Status, in.Status), fillDate(&p.Matched, in.Matched), fillDate(&p.Ended, in.Ended)}
	return slices.Contains(conflicts, true)
}

// fill sets *dst to v when *dst is blank; it reports whether both are set
// and differ.
func fill[T ~string](dst *T, v T) bool {
	switch {
	case v == "":
		return false
	case *dst == "":
		*dst = v
		return false
	}
	return *dst != v
}

func fillDate(dst *programme.Date, v programme.Date) bool {
	switch {
	case v.IsZero():
		return false
	case dst.IsZero():
		*dst = v
		return false
	}
	return *dst != v
}

// set copies v over *dst unless v is blank: a blank cell never erases what
// is stored.
func set[T ~string](dst *T, v T) {
	if v != "" {
		*dst = v
	}
}

func setDate(dst *programme.Date, v programme.Date) {
	if !v.IsZero() {
		*dst = v
	}
}

func samePerson(a, b *programme.Participant) bool {
	return a.Email == b.Email && a.Name == b.Name && a.Role == b.Role && a.SignedUp == b.SignedUp &&
		a.Specialty == b.Specialty && a.Workplace == b.Workplace && a.Region == b.Region &&
		a.WishSpecialty == b.WishSpecialty && slices.Equal(a.Themes, b.Themes) && a.MeetingForm == b.MeetingForm &&
		slices.Equal(a.Avoid, b.Avoid) && a.Capacity == b.Capacity && a.Seniority == b.Seniority
}

func samePairPatch(a, b *pairPatch) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Pair == b.Pair
}

// meetings applies the meeting rows to their pairs and marks the
// clarification meeting of pairs whose log marks none.
func (st *state) meetings() {
	rows := st.rowsOf(Meetings)
	// The cohorts where each mentee has a pair, in id order.
	pairsOf := map[string][]string{}
	for _, id := range slices.Sorted(maps.Keys(st.cohorts)) {
		for mentee := range st.cohorts[id].pairs {
			pairsOf[mentee] = append(pairsOf[mentee], id)
		}
	}
	// The pairs of each mentor, for a meeting logged with the mentor's
	// address.
	type mentorPair struct{ cohort, mentee string }
	pairsOfMentor := map[string][]mentorPair{}
	for _, id := range slices.Sorted(maps.Keys(st.cohorts)) {
		for _, mentee := range slices.Sorted(maps.Keys(st.cohorts[id].pairs)) {
			if mentor := st.cohorts[id].pairs[mentee].Mentor; mentor != "" {
				pairsOfMentor[mentor] = append(pairsOfMentor[mentor], mentorPair{id, mentee})
			}
		}
	}
	// Each row's pair is looked up on its own (the row is all it
	// changes): in parallel.
	inParallel(len(rows), func(i int) {
		r := rows[i]
		m := r.meet
		if m.Mentee == "" {
			return // no e-mail to look up (a problem already says so)
		}
		written := false
		if v, _ := r.cell(fCohort); v != "" {
			written = true
			if r.cohort == "" {
				return // a cohort name that cannot be read (a problem already says so)
			}
			if st.cohorts[r.cohort] == nil {
				r.problem(fCohort, CodeUnknownReference, fmt.Sprintf("kohorte %s findes ikke. %sRet kohorten, eller indlæs tilmeldingerne til den først.", r.cohort, knownCohorts(st.cohorts)), v)
				return
			}
		}
		// A meeting logged by the mentor (the address is no mentee's but a
		// mentor's) is the mentor's one pair, in the row's cohort if it
		// names one.
		if len(pairsOf[m.Mentee]) == 0 && len(pairsOfMentor[m.Mentee]) > 0 {
			var found []mentorPair
			for _, p := range pairsOfMentor[m.Mentee] {
				if !written || p.cohort == r.cohort {
					found = append(found, p)
				}
			}
			if len(found) > 1 {
				var names []string
				for _, p := range found {
					names = append(names, p.mentee+" (kohorte "+p.cohort+")")
				}
				r.problem(fMentee, CodeUnknownReference, fmt.Sprintf("%s er mentor, ikke mentee, og er mentor for flere: %s. Skriv menteens e-mailadresse, så mødet kan knyttes til det rigtige par.", m.Mentee, strings.Join(names, ", ")), m.Mentee)
				return
			}
			if len(found) == 0 {
				var in []string
				for _, p := range pairsOfMentor[m.Mentee] {
					in = append(in, p.cohort)
				}
				r.problem(fMentee, CodeUnknownReference, fmt.Sprintf("%s er mentor, ikke mentee, og har intet par i kohorte %s, kun i kohorte %s. Ret kohorten, eller skriv menteens e-mailadresse.", m.Mentee, r.cohort, strings.Join(slices.Compact(in), ", ")), m.Mentee)
				return
			}
			m.Mentee = found[0].mentee
		}
		// A row that names its cohort is the pair's in that cohort.
		ids := pairsOf[m.Mentee]
		if written {
			if !slices.Contains(ids, r.cohort) {
				other := ""
				if len(ids) > 0 {
					other = fmt.Sprintf(", men har et par i kohorte %s", strings.Join(ids, ", "))
				}
				r.problem(fMentee, CodeUnknownReference, fmt.Sprintf("menteen %s har ikke noget par i kohorte %s%s. Ret kohorten eller e-mailadressen, eller indlæs tilmeldingen med en matchet mentor først.", m.Mentee, r.cohort, other), m.Mentee)
				return
			}
			ids = []string{r.cohort}
		}
		var best *programme.Pair
		bestID := ""
		for _, id := range ids {
			c := st.cohorts[id]
			p := c.pairs[m.Mentee]
			if p == nil {
				continue
			}
			// The pair matched latest on or before the meeting, else the
			// one matched earliest.
			better := best == nil
			if !better {
				okP, okB := !p.Matched.After(m.Date), !best.Matched.After(m.Date)
				switch {
				case okP && !okB:
					better = true
				case okP == okB && okP:
					better = p.Matched.After(best.Matched)
				case okP == okB:
					better = p.Matched.Before(best.Matched)
				}
			}
			if better {
				best, bestID = p, id
			}
		}
		if best == nil {
			r.problem(fMentee, CodeUnknownReference, fmt.Sprintf("menteen %s har ikke noget par. Indlæs tilmeldingen med en matchet mentor først, eller ret e-mailadressen.", m.Mentee), m.Mentee)
			return
		}
		if !r.rejected() {
			r.cohort = bestID
		}
		if !best.Matched.IsZero() && !m.Date.IsZero() && m.Date.Before(best.Matched) {
			r.problem(fDate, CodeConstraintError, fmt.Sprintf("mødedatoen %s ligger før parret blev matchet (%s). Ret datoen.", danishDate(m.Date), danishDate(best.Matched)), danishDate(m.Date))
		}
	})
	type meetingKey struct {
		cohort, mentee string
		date           programme.Date
	}
	// Which row wins, and the notes about those that lose, in input order;
	// then each cohort's meetings are merged on their own (the groups of a
	// cohort touch only its maps): in parallel.
	var order []*cohortData // the cohorts in the order of their first group
	groups := map[*cohortData][][]*row{}
	for _, g := range groupRows(rows, func(r *row) meetingKey { return meetingKey{r.cohort, r.meet.Mentee, r.meet.Date} }) {
		st.supersede(g, func(a, b *row) bool { return sameMeetingPatch(a.meet, b.meet) }, "mentee og mødedato")
		c := st.cohort(g[0].cohort)
		if groups[c] == nil {
			order = append(order, c)
		}
		groups[c] = append(groups[c], g)
	}
	pairs := make([][]string, len(order)) // of each cohort, the mentees whose meetings changed
	inParallel(len(order), func(i int) {
		c := order[i]
		if need := len(c.meetings) + len(groups[c]); need > 2*len(c.meetings) {
			// Made to size once rather than grown step by step.
			m := make(map[meetKey]*programme.Meeting, need)
			maps.Copy(m, c.meetings)
			c.meetings = m
		}
		seen := map[string]bool{}
		// New meetings go into one array, made large enough at once, so
		// that the pointers into it stay valid.
		fresh := make([]programme.Meeting, 0, len(groups[c]))
		for _, g := range groups[c] {
			k := meetKey{g[0].meet.Mentee, g[0].meet.Date}
			m := c.meetings[k]
			if m == nil {
				fresh = append(fresh, programme.Meeting{Mentee: k.mentee, Date: k.date, Held: true})
				m = &fresh[len(fresh)-1]
				c.meetings[k] = m
			}
			for _, r := range g {
				in := r.meet
				set(&m.Type, in.Type)
				if in.AgendaSent != nil {
					v := *in.AgendaSent
					m.AgendaSent = &v
				}
				if in.heldSet {
					m.Held = in.Held
				}
				if in.Minutes != 0 {
					m.Minutes = in.Minutes
				}
				set(&m.Form, in.Form)
				if in.contactSet {
					m.ContactRequested = in.ContactRequested
				}
			}
			if !seen[k.mentee] {
				seen[k.mentee] = true
				pairs[i] = append(pairs[i], k.mentee)
			}
		}
	})
	for i, c := range order {
		for _, mentee := range pairs[i] {
			st.meetPairs[[2]string{c.id, mentee}] = true
		}
	}
	st.inferClarification()
}

// knownCohorts names the cohorts there are, for a message about one that
// is not: "Kohorterne er a, b. " ("" when there are none or too many to
// list).
func knownCohorts(cohorts map[string]*cohortData) string {
	ids := slices.Sorted(maps.Keys(cohorts))
	switch {
	case len(ids) == 0 || len(ids) > 12:
		return ""
	case len(ids) == 1:
		return "Den eneste kohorte er " + ids[0] + ". "
	}
	return "Kohorterne er " + strings.Join(ids[:len(ids)-1], ", ") + " og " + ids[len(ids)-1] + ". "
}

func sameMeetingPatch(a, b *meetingPatch) bool {
	if (a.AgendaSent == nil) != (b.AgendaSent == nil) || (a.AgendaSent != nil && *a.AgendaSent != *b.AgendaSent) {
		return false
	}
	x, y := a.Meeting, b.Meeting
	x.AgendaSent, y.AgendaSent = nil, nil
	return x == y && a.heldSet == b.heldSet && a.contactSet == b.contactSet
}

// inferClarification marks, for each pair whose meetings changed, the first
// held meeting as the clarification meeting when none is marked.
func (st *state) inferClarification() {
	keys := slices.Collect(maps.Keys(st.meetPairs))
	slices.SortFunc(keys, func(a, b [2]string) int { return cmp.Or(strings.Compare(a[0], b[0]), strings.Compare(a[1], b[1])) })
	// Each cohort's pairs on their own (its meetings, its notes): in
	// parallel; the notes then in the order of the keys.
	var spans [][2]int // each cohort's keys: keys[from:to]
	for i := range keys {
		if i == 0 || keys[i][0] != keys[i-1][0] {
			spans = append(spans, [2]int{i, i})
		}
		spans[len(spans)-1][1] = i + 1
	}
	notes := make([][]Note, len(spans))
	inParallel(len(spans), func(s int) {
		id := keys[spans[s][0]][0]
		byMentee := map[string][]*programme.Meeting{}
		for mk, m := range st.cohorts[id].meetings {
			byMentee[mk.mentee] = append(byMentee[mk.mentee], m)
		}
		for _, k := range keys[spans[s][0]:spans[s][1]] {
			var first *programme.Meeting
			marked := false
			for _, m := range byMentee[k[1]] {
				if m.Type == programme.MeetingClarification {
					marked = true
					break
				}
				if m.Held && (first == nil || m.Date.Before(first.Date)) {
					first = m
				}
			}
			if marked || first == nil {
				continue
			}
			first.Type = programme.MeetingClarification
			if o := st.orig[id]; o != nil {
				if om := o.meetings[meetKey{first.Mentee, first.Date}]; om != nil && om.Type == programme.MeetingClarification {
					continue // as stored before: nothing new to tell
				}
			}
			notes[s] = append(notes[s], Note{Code: "inferred-clarification",
				Message: fmt.Sprintf("%s (kohorte %s): ingen møder er markeret som afklaringsmøde, så det første afholdte møde, %s, er gemt som afklaringsmødet.", first.Mentee, id, danishDate(first.Date))})
		}
	})
	for _, ns := range notes {
		st.report.Notes = append(st.report.Notes, ns...)
	}
}

// evaluations applies the evaluation rows; each respondent must be signed
// up, in the row's cohort if it names one.
func (st *state) evaluations() {
	rows := st.rowsOf(Evaluations)
	for _, r := range rows {
		e := r.eval
		if v, _ := r.cell(fCohort); e.Email == "" || (v != "" && r.cohort == "") {
			continue // no e-mail or cohort to look up (a problem already says so)
		}
		var found []string
		for id, c := range st.cohorts {
			if (r.cohort == "" || id == r.cohort) && c.people[e.Email] != nil {
				found = append(found, id)
			}
		}
		slices.Sort(found)
		switch {
		case len(found) == 0 && r.cohort != "":
			r.problem(fEmail, CodeUnknownReference, fmt.Sprintf("%s er ikke tilmeldt kohorte %s. Ret e-mailadressen eller kohorten.", e.Email, r.cohort), e.Email)
			continue
		case len(found) == 0:
			r.problem(fEmail, CodeUnknownReference, fmt.Sprintf("%s er ikke tilmeldt programmet. Ret e-mailadressen, eller indlæs tilmeldingen først.", e.Email), e.Email)
			continue
		case len(found) > 1:
			r.problem(fEmail, CodeConstraintError, fmt.Sprintf("%s er tilmeldt flere kohorter (%s). Tilføj en kolonne Kohorte, så svaret kan knyttes til den rigtige.", e.Email, strings.Join(found, ", ")), e.Email)
			continue
		}
		r.cohort = found[0]
		p := st.cohorts[r.cohort].people[e.Email]
		if e.Role != "" && e.Role != p.Role {
			r.problem(fRole, CodeConstraintError, fmt.Sprintf("%s er tilmeldt som %s i kohorte %s, ikke som %s. Ret rollen.", e.Email, p.Role, r.cohort, e.Role), string(e.Role))
			continue
		}
		if !r.rejected() {
			e.Role = p.Role
		}
	}
	for _, g := range groupRows(rows, func(r *row) string { return r.cohort + "\x00" + r.eval.Email }) {
		st.supersede(g, func(a, b *row) bool { return sameEval(a.eval, b.eval) }, "kohorte og e-mail")
		c := st.cohort(g[0].cohort)
		e := c.evals[g[0].eval.Email]
		if e == nil {
			e = &programme.Evaluation{Email: g[0].eval.Email}
			c.evals[e.Email] = e
		}
		for _, r := range g {
			in := r.eval
			// An answer older than the one stored (by its timestamp) does
			// not undo it; it only fills in what is blank.
			if !in.Submitted.IsZero() && !e.Submitted.IsZero() && in.Submitted.Before(e.Submitted) {
				conflict := fill(&e.Role, in.Role)
				conflict = fill(&e.Comment, in.Comment) || conflict
				for k, v := range in.Answers {
					if old, ok := e.Answers[k]; ok {
						conflict = conflict || old != v
						continue
					}
					if e.Answers == nil {
						e.Answers = map[string]int{}
					}
					e.Answers[k] = v
				}
				if conflict {
					st.report.Notes = append(st.report.Notes, Note{File: r.f.path, Sheet: r.f.t.Sheet, Row: r.r.Num, Code: CodeOlderRow,
						Message: fmt.Sprintf("svaret er ældre (%s) end det gemte svar (%s), så de gemte svar er beholdt, hvor de er forskellige", danishDate(in.Submitted), danishDate(e.Submitted))})
				}
				continue
			}
			set(&e.Role, in.Role)
			setDate(&e.Submitted, in.Submitted)
			for k, v := range in.Answers {
				if e.Answers == nil {
					e.Answers = map[string]int{}
				}
				e.Answers[k] = v
			}
			set(&e.Comment, in.Comment)
		}
	}
}

func sameEval(a, b *programme.Evaluation) bool {
	return a.Email == b.Email && a.Role == b.Role && a.Submitted == b.Submitted && a.Comment == b.Comment && maps.Equal(a.Answers, b.Answers)
}

func sameMeeting(a, b *programme.Meeting) bool {
	if a == nil || b == nil {
		return a == b
	}
	if (a.AgendaSent == nil) != (b.AgendaSent == nil) || (a.AgendaSent != nil && *a.AgendaSent != *b.AgendaSent) {
		return false
	}
	x, y := *a, *b
	x.AgendaSent, y.AgendaSent = nil, nil
	return x == y
}

func cohortEqual(a, b *cohortData) bool {
	if a == nil || b == nil {
		return a == b
	}
	if len(a.people) != len(b.people) || len(a.pairs) != len(b.pairs) || len(a.meetings) != len(b.meetings) || len(a.evals) != len(b.evals) ||
		len(a.handled) != len(b.handled) || a.name != b.name {
		return false
	}
	for k, h := range a.handled {
		if q := b.handled[k]; q == nil || *q != *h {
			return false
		}
	}
	for k, p := range a.people {
		if q := b.people[k]; q == nil || !samePerson(q, p) {
			return false
		}
	}
	for k, p := range a.pairs {
		if q := b.pairs[k]; q == nil || *q != *p {
			return false
		}
	}
	for k, m := range a.meetings {
		if !sameMeeting(m, b.meetings[k]) {
			return false
		}
	}
	for k, e := range a.evals {
		if q := b.evals[k]; q == nil || !sameEval(e, q) {
			return false
		}
	}
	return true
}

// outcomes decides, for every accepted row, whether it added, updated or
// left unchanged what is stored, by comparing the records it wrote as they
// are now with how they were loaded.
func (st *state) outcomes() {
	for _, f := range st.files {
		// Each winning row's outcome on its own (it only reads the
		// cohorts): in parallel; then the counts and problems, in order.
		inParallel(len(f.rows), func(i int) {
			if r := f.rows[i]; !r.rejected() && !r.loser {
				r.outcome = st.outcome(r)
			}
		})
		f.rep.Rejected = 0
		for _, r := range f.rows {
			if r.rejected() {
				f.rep.Rejected++
			}
			switch {
			case r.rejected():
				st.report.Problems = append(st.report.Problems, r.probs...)
				continue
			case r.loser && !r.duplicate:
				r.outcome = "superseded"
			case r.loser:
				r.outcome = "unchanged"
			}
			switch r.outcome {
			case "added":
				f.rep.Added++
			case "updated":
				f.rep.Updated++
			case "unchanged":
				f.rep.Unchanged++
			case "superseded":
				f.rep.Superseded++
			}
		}
		f.rep.Accepted = f.rep.Rows - f.rep.Rejected
	}
}

func (st *state) outcome(r *row) string {
	c, o := st.cohorts[r.cohort], st.orig[r.cohort]
	if o == nil {
		o = newCohort(r.cohort)
	}
	added, updated := false, false
	note := func(isNew, changed bool) {
		added = added || isNew
		updated = updated || (!isNew && changed)
	}
	switch r.f.l.kind {
	case Signups:
		k := r.person.Email
		note(o.people[k] == nil, o.people[k] != nil && !samePerson(o.people[k], c.people[k]))
		if r.pair != nil {
			note(o.pairs[k] == nil, o.pairs[k] != nil && *o.pairs[k] != *c.pairs[k])
		}
	case Meetings:
		k := meetKey{r.meet.Mentee, r.meet.Date}
		note(o.meetings[k] == nil, !sameMeeting(o.meetings[k], c.meetings[k]))
	case Evaluations:
		k := r.eval.Email
		note(o.evals[k] == nil, o.evals[k] != nil && !sameEval(o.evals[k], c.evals[k]))
	case Proposals:
		if r.pair == nil {
			return "unchanged" // not accepted
		}
		k := r.pair.Mentee
		note(o.pairs[k] == nil, o.pairs[k] != nil && *o.pairs[k] != *c.pairs[k])
	case Followups:
		if r.handled == nil {
			return "unchanged" // not marked
		}
		k := handledKey{r.handled.Kind, r.handled.Email}
		note(o.handled[k] == nil, o.handled[k] != nil && *o.handled[k] != *c.handled[k])
	}
	switch {
	case added:
		return "added"
	case updated:
		return "updated"
	}
	return "unchanged"
}

// proposals creates the pairs accepted in matchforslag.xlsx, in row order,
// each checked against the hard rules (match.Rules) on the data as merged
// with the pairs accepted before it: a row that breaks one is rejected
// with the reason, on its Accepter cell. A row whose pair is already stored
// and active (the workbook ingested again) changes nothing; one whose pair
// has ended (stopped, completed) is rejected, as the pair cannot be made
// again.
func (st *state) proposals() {
	var rows []*row
	for _, r := range st.rowsOf(Proposals) {
		if r.pair != nil && !r.rejected() {
			rows = append(rows, r)
		}
	}
	if len(rows) == 0 {
		return
	}
	ds := &programme.Dataset{Config: *st.cfg}
	index := map[string]int{}
	for _, id := range slices.Sorted(maps.Keys(st.cohorts)) {
		index[id] = len(ds.Cohorts)
		ds.Cohorts = append(ds.Cohorts, st.cohorts[id].cohort())
	}
	x := match.NewRules(ds, st.opts.Today)
	for _, r := range rows {
		p := r.pair
		c := st.cohorts[r.cohort]
		if c == nil {
			v, _ := r.cell(fCohort)
			r.problem(fCohort, CodeUnknownReference, fmt.Sprintf("kohorte %s findes ikke i data/cohorts. Brug en matchforslag.xlsx fra de nuværende statussider.", r.cohort), v)
			continue
		}
		if old := c.pairs[p.Mentee]; old != nil {
			if old.Mentor == p.Mentor && x.Active(p.Mentee) == r.cohort {
				continue // already stored, and active: the workbook ingested again
			}
			why := fmt.Sprintf("%s har allerede et forløb i kohorte %s, med %s.", p.Mentee, r.cohort, old.Mentor)
			switch {
			case old.Mentor == p.Mentor && x.Stopped(p.Mentee, p.Mentor):
				why = match.StoppedReason // a hard rule
			case old.Mentor == p.Mentor:
				why = fmt.Sprintf("%s og %s har allerede haft et forløb i kohorte %s, og det er slut.", p.Mentee, p.Mentor, r.cohort)
			}
			r.problem(fAccept, CodeConstraintError, "forslaget kan ikke accepteres: "+why+" Hent en ny matchforslag.xlsx fra statussiderne.", "ja")
			continue
		}
		if v, ok := x.Check(&ds.Cohorts[index[r.cohort]], p.Mentee, p.Mentor); !ok {
			r.problem(fAccept, CodeConstraintError, "forslaget kan ikke accepteres: "+v.Reason+" Hent en ny matchforslag.xlsx fra statussiderne.", "ja")
			continue
		}
		// A match before either signed up is a mistyped date (2020 for
		// 2026), which would raise flags dated years back.
		if signed := c.signedUp(p.Mentee, p.Mentor); p.Matched.Before(signed) {
			v, _ := r.cell(fMatched)
			r.problem(fMatched, CodeConstraintError, fmt.Sprintf("matchdatoen %s ligger før tilmeldingen (%s). Ret datoen, eller lad feltet stå tomt for i dag.", danishDate(p.Matched), danishDate(signed)), v)
			continue
		}
		pair := p.Pair
		c.pairs[p.Mentee] = &pair
		x.Add(p.Mentee, p.Mentor, r.cohort)
	}
}

// signedUp is the later of the people's sign-up dates in the cohort (zero
// where none is known).
func (c *cohortData) signedUp(emails ...string) programme.Date {
	var d programme.Date
	for _, e := range emails {
		if p := c.people[e]; p != nil && p.SignedUp.After(d) {
			d = p.SignedUp
		}
	}
	return d
}

// followups applies the rows of opfoelgning.xlsx marked handled. A row that
// repeats the stored record (the workbook ingested again) leaves it as it
// is, even where the flag's facts have changed since; any other row must
// name a flag that is open in the data as merged, and its record takes the
// flag's facts as they are now.
func (st *state) followups() {
	var rows []*row
	for _, r := range st.rowsOf(Followups) {
		if r.handled != nil {
			rows = append(rows, r)
		}
	}
	statuses := map[string]*programme.CohortStatus{}
	for _, r := range rows {
		if r.rejected() {
			continue
		}
		h := r.handled
		c := st.cohorts[r.cohort]
		if c == nil {
			key, _ := r.cell(fKey)
			r.problem(fKey, CodeUnknownReference, fmt.Sprintf("kohorte %s findes ikke i data/cohorts. Brug en opfoelgning.xlsx fra de nuværende statussider.", r.cohort), key)
			continue
		}
		if old := c.handled[handledKey{h.Kind, h.Email}]; old != nil && old.Date == h.Date && old.Initials == h.Initials && old.Action == h.Action &&
			(h.LookAgain.IsZero() || h.LookAgain == old.LookAgain) {
			*h = *old
			continue
		}
		if old := c.handled[handledKey{h.Kind, h.Email}]; old != nil && h.Date.Before(old.Date) {
			// An older workbook ingested again after a later handling
			// was stored: the later record stays.
			st.report.Notes = append(st.report.Notes, Note{File: r.f.path, Sheet: r.f.t.Sheet, Row: r.r.Num, Code: CodeOlderRow,
				Message: fmt.Sprintf("opfølgningen »%s« for %s er håndteret %s (%s: %s), senere end rækkens %s, så den gemte markering er beholdt", h.Kind.Label(), h.Email, danishDate(old.Date), old.Initials, old.Action, danishDate(h.Date))})
			*h = *old
			continue
		}
		cs := statuses[r.cohort]
		if cs == nil {
			co := c.cohort()
			s := programme.ComputeCohort(st.cfg, &co, st.opts.Today)
			cs = &s
			statuses[r.cohort] = cs
		}
		f, ok := openFlag(cs, h.Kind, h.Email)
		if !ok {
			key, _ := r.cell(fKey)
			r.problem(fKey, CodeUnknownReference, fmt.Sprintf("flaget »%s« for %s i kohorte %s er ikke åbent (længere): data er ændret, siden opfoelgning.xlsx blev lavet, så der er intet at markere håndteret. Hent en ny opfoelgning.xlsx fra statussiderne.", h.Kind.Label(), h.Email, r.cohort), key)
			continue
		}
		if msg := st.staleFollowup(r, f); msg != "" {
			// The problem is on the Siden cell (as a date, not the serial
			// a workbook stores), or without one on the handled date.
			field, v := fHandled, danishDate(h.Date)
			if shown, ok := st.shownSince(r); ok {
				field, v = infoPrefix+programme.ColumnSince, danishDate(shown)
			}
			r.problem(field, CodeUnknownReference, fmt.Sprintf("flaget »%s« for %s i kohorte %s %s, så der er kommet noget nyt, som rækken ikke viser (fx et nyt møde eller et nyt ønske om kontakt). Hent en ny opfoelgning.xlsx fra statussiderne, se hvad der er nyt, og marker rækken dér.", h.Kind.Label(), h.Email, r.cohort, msg), v)
			continue
		}
		*h = programme.HandledFor(st.cfg, h.Email, f, h.Date, h.Initials, h.Action, h.LookAgain)
	}
	for _, g := range groupRows(rows, func(r *row) string { return r.cohort + "\x00" + string(r.handled.Kind) + "\x00" + r.handled.Email }) {
		st.supersede(g, func(a, b *row) bool { return *a.handled == *b.handled }, "kode")
		win := *g[len(g)-1].handled
		st.cohort(g[0].cohort).handled[handledKey{win.Kind, win.Email}] = &win
	}
}

// staleFollowup says how flag f as it stands differs from what the marked
// row r of opfoelgning.xlsx was made from ("" when it does not): the
// row's Siden (the day the flag became due) is not the flag's, or, where
// the row has no Siden, the flag became due after the handled date. Such
// a row would mark evidence handled that the secretariat never saw: a
// request for contact logged after the workbook was made, say.
func (st *state) staleFollowup(r *row, f programme.Flag) string {
	if shown, ok := st.shownSince(r); ok {
		if shown != f.Since {
			if f.Since.IsZero() {
				return fmt.Sprintf("har ikke længere en dato (rækken viser %s)", danishDate(shown))
			}
			return fmt.Sprintf("gælder nu fra %s, men rækken viser %s", danishDate(f.Since), danishDate(shown))
		}
		return ""
	}
	if h := r.handled; !f.Since.IsZero() && h.Date.Before(f.Since) {
		return fmt.Sprintf("gælder fra %s, efter at det blev håndteret %s", danishDate(f.Since), danishDate(h.Date))
	}
	return ""
}

// shownSince reads the Siden cell of a row of opfoelgning.xlsx: false
// when the row has no such column, or the cell does not read as a date
// (it is information, so it is not a problem of the row then); a blank
// cell is the zero date (a flag with no date).
func (st *state) shownSince(r *row) (programme.Date, bool) {
	v, ok := r.cell(infoPrefix + programme.ColumnSince)
	if !ok {
		return programme.Date{}, false
	}
	if v == "" {
		return programme.Date{}, true
	}
	if r.f.t.Format == sheet.FormatXLSX {
		if t, ok := sheet.ParseSerial(v, r.f.t.Date1904); ok {
			return dateOf(t), true
		}
	}
	t, err := sheet.ParseDate(v, st.opts.DateOrder)
	if err != nil {
		return programme.Date{}, false
	}
	return dateOf(t), true
}

// openFlag returns the actionable flag of kind k of the pair whose mentee,
// or the unmatched sign-up whose email, is email.
func openFlag(cs *programme.CohortStatus, k programme.FlagKind, email string) (programme.Flag, bool) {
	find := func(fs []programme.Flag) (programme.Flag, bool) {
		for _, f := range fs {
			if f.Kind == k && f.Kind.Actionable() {
				return f, true
			}
		}
		return programme.Flag{}, false
	}
	for i := range cs.Pairs {
		if cs.Pairs[i].Pair.Mentee == email {
			return find(cs.Pairs[i].Flags)
		}
	}
	for _, u := range cs.Unmatched {
		if u.Participant.Email == email {
			return find(u.Flags)
		}
	}
	return programme.Flag{}, false
}
