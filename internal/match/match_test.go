package match

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/laegeforeningen/mentorprogram/internal/programme"
)

func testConfig() programme.Config {
	cfg := programme.DefaultConfig()
	cfg.Rules = programme.Rules{DurationMonths: programme.Range{Min: 8, Max: 12}, MinMeetingsAfterClarification: 4}
	cfg.Matching = programme.Matching{
		Themes: []programme.Theme{
			{ID: "karrierevalg", Label: programme.Text{"da": "Karrierevalg"}},
			{ID: "forskning", Label: programme.Text{"da": "Forskning"}},
			{ID: "ledelse", Label: programme.Text{"da": "Ledelse"}},
			{ID: "familieliv", Label: programme.Text{"da": "Arbejds- og familieliv"}},
		},
		Weights: programme.MatchWeights{Specialty: 10, Theme: 3, Region: 4, Seniority: 2, WaitingMonth: 1},
	}
	return cfg
}

var today = programme.NewDate(2026, 11, 22)

var (
	specialties = []string{"Kardiologi", "Almen medicin", "Psykiatri", "Pædiatri"}
	workplaces  = []string{"Rigshospitalet", "RH", "AUH", "Aarhus Universitetshospital", "OUH", "Hvidovre Hospital", "Praksis Vejle"}
	regions     = []string{"Region Hovedstaden", "Region Midtjylland", "Region Syddanmark"}
	forms       = []programme.MeetingForm{programme.FormAny, programme.FormPhysical, programme.FormOnline, programme.FormBoth}
	positions   = []string{"", "KBU-læge", "introduktionslæge", "HU-læge", "speciallæge", "overlæge", "12 år"}
	themeIDs    = []string{"karrierevalg", "forskning", "ledelse", "familieliv"}
)

// randomDataset is a cohort "k" of random sign-ups, some pairs (active,
// stopped, completed), avoid lists and capacities, and a second cohort
// where some of the same people were a pair that was stopped.
func randomDataset(rng *rand.Rand, nMentees, nMentors int) *programme.Dataset {
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	c := programme.Cohort{ID: "k", Name: "Forår 2026"}
	old := programme.Cohort{ID: "gammel"}
	person := func(role programme.Role, i int) programme.Participant {
		p := programme.Participant{
			Email: fmt.Sprintf("%s%d@example.org", role, i), Name: fmt.Sprintf("%s Nummer%d", strings.ToUpper(string(role[:1]))+string(role[1:]), i), Role: role,
			SignedUp: today.AddDays(-rng.IntN(400)), Specialty: pick(specialties), Workplace: pick(workplaces), Region: pick(regions),
			MeetingForm: forms[rng.IntN(len(forms))], Seniority: pick(positions),
		}
		if rng.IntN(5) == 0 {
			p.SignedUp = programme.Date{}
		}
		if role == programme.Mentee && rng.IntN(2) == 0 {
			p.WishSpecialty = pick(specialties)
		}
		for _, t := range themeIDs {
			if rng.IntN(3) == 0 {
				p.Themes = append(p.Themes, t)
			}
		}
		if role == programme.Mentor {
			p.Capacity = rng.IntN(4)
		}
		return p
	}
	for i := range nMentees {
		c.Participants = append(c.Participants, person(programme.Mentee, i))
	}
	for i := range nMentors {
		c.Participants = append(c.Participants, person(programme.Mentor, i))
	}
	// Avoid lists: a person, a name or a workplace.
	for i := range c.Participants {
		if rng.IntN(4) != 0 {
			continue
		}
		o := c.Participants[rng.IntN(len(c.Participants))]
		switch rng.IntN(3) {
		case 0:
			c.Participants[i].Avoid = []string{strings.ToUpper(o.Email)}
		case 1:
			c.Participants[i].Avoid = []string{strings.ToLower(o.Name)}
		default:
			c.Participants[i].Avoid = []string{pick(workplaces)}
		}
	}
	// Some mentees already have a pair in the cohort.
	for i := range nMentees {
		if nMentors == 0 || rng.IntN(4) != 0 {
			continue
		}
		status := []programme.Status{programme.StatusNone, programme.StatusActive, programme.StatusStopped, programme.StatusCompleted}[rng.IntN(4)]
		p := programme.Pair{Mentee: c.Participants[i].Email, Mentor: c.Participants[nMentees+rng.IntN(nMentors)].Email, Matched: today.AddDays(-30), Status: status}
		if status == programme.StatusStopped || status == programme.StatusCompleted {
			p.Ended = today.AddDays(-5)
		}
		c.Pairs = append(c.Pairs, p)
	}
	// Stopped pairs of an earlier cohort, and an active one.
	for range 3 {
		if nMentees == 0 || nMentors == 0 {
			break
		}
		me, mo := c.Participants[rng.IntN(nMentees)], c.Participants[nMentees+rng.IntN(nMentors)]
		old.Participants = append(old.Participants, me, mo)
		st := programme.StatusStopped
		if rng.IntN(3) == 0 {
			st = programme.StatusActive
		}
		old.Pairs = append(old.Pairs, programme.Pair{Mentee: me.Email, Mentor: mo.Email, Matched: today.AddDays(-200), Status: st, Ended: map[bool]programme.Date{true: today.AddDays(-100)}[st == programme.StatusStopped]})
	}
	return &programme.Dataset{Config: testConfig(), Cohorts: []programme.Cohort{old, c}}
}

// independentAllowed is the hard rules written out again, plainly, from
// the dataset: the property test's own reading of the issue.
func independentAllowed(ds *programme.Dataset, c *programme.Cohort, me, mo programme.Participant) bool {
	if me.Role != programme.Mentee || mo.Role != programme.Mentor {
		return false
	}
	active := 0
	for _, cc := range ds.Cohorts {
		cs := programme.ComputeCohort(&ds.Config, &cc, today)
		for _, ps := range cs.Pairs {
			live := ps.State == programme.StateActive || ps.State == programme.StateAwaiting
			if live && ps.Pair.Mentee == me.Email {
				return false
			}
			if live && ps.Pair.Mentor == mo.Email {
				active++
			}
			if ps.Pair.Mentee == me.Email && ps.Pair.Mentor == mo.Email && ps.State == programme.StateStopped {
				return false
			}
		}
	}
	capacity := mo.Capacity
	if capacity == 0 {
		capacity = 1
	}
	if active >= capacity {
		return false
	}
	if programme.SameWorkplace(me.Workplace, mo.Workplace) {
		return false
	}
	avoids := func(a, b programme.Participant) bool {
		for _, x := range a.Avoid {
			if strings.EqualFold(x, b.Email) || strings.EqualFold(x, b.Name) || programme.SameWorkplace(x, b.Workplace) {
				return true
			}
		}
		return false
	}
	return !avoids(me, mo) && !avoids(mo, me)
}

// Over random cohorts: no suggestion breaks a hard rule; no mentee is
// suggested twice nor a mentor beyond its room; the number matched is the
// maximum possible (an independent maximum flow); on up to 8 x 8 the total
// score is the brute-force optimum; everyone left has a reason.
func TestProposalProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for iter := range 400 {
		nMe, nMo := rng.IntN(9), rng.IntN(9)
		if iter%4 == 0 {
			nMe, nMo = rng.IntN(40), rng.IntN(25)
		}
		ds := randomDataset(rng, nMe, nMo)
		c := &ds.Cohorts[1]
		x := NewRules(ds, today)
		prop := x.Propose(c)

		paired := map[string]bool{}
		for _, p := range c.Pairs {
			paired[p.Mentee] = true
		}
		var waiting, mentors []programme.Participant
		for _, p := range c.Participants {
			if p.Role == programme.Mentee && !paired[p.Email] {
				waiting = append(waiting, p)
			}
			if p.Role == programme.Mentor {
				mentors = append(mentors, p)
			}
		}
		if prop.Waiting != len(waiting) {
			t.Fatalf("iter %d: waiting %d, want %d", iter, prop.Waiting, len(waiting))
		}
		seen := map[string]bool{}
		perMentor := map[string]int{}
		total := 0
		for _, s := range prop.Suggestions {
			if !independentAllowed(ds, c, s.Mentee, s.Mentor) {
				t.Fatalf("iter %d: suggestion %s + %s breaks a hard rule", iter, s.Mentee.Email, s.Mentor.Email)
			}
			if v, ok := x.Check(c, s.Mentee.Email, s.Mentor.Email); !ok {
				t.Fatalf("iter %d: Check rejects its own suggestion: %s", iter, v.Reason)
			}
			if seen[s.Mentee.Email] || paired[s.Mentee.Email] {
				t.Fatalf("iter %d: mentee %s suggested twice or already paired", iter, s.Mentee.Email)
			}
			seen[s.Mentee.Email] = true
			perMentor[s.Mentor.Email]++
			sum := 0
			for _, p := range s.Parts {
				sum += p.Points
			}
			if sum != s.Score {
				t.Fatalf("iter %d: parts add to %d, score %d", iter, sum, s.Score)
			}
			total += s.Score
			if len(s.Alternatives) > Alternatives {
				t.Fatalf("iter %d: %d alternatives", iter, len(s.Alternatives))
			}
			for _, a := range s.Alternatives {
				if a.Mentor.Email == s.Mentor.Email || !independentAllowed(ds, c, s.Mentee, a.Mentor) {
					t.Fatalf("iter %d: alternative %s for %s not allowed", iter, a.Mentor.Email, s.Mentee.Email)
				}
			}
		}
		// Capacity against the independent count (checked per suggestion
		// above only for the existing load).
		n, m := len(waiting), len(mentors)
		score := make([]int32, n*m)
		capacity := make([]int, m)
		sc := scorer{cfg: &ds.Config, today: today}
		for j, mo := range mentors {
			capacity[j] = x.Free(&mentors[j])
			if perMentor[mo.Email] > capacity[j] {
				t.Fatalf("iter %d: mentor %s given %d, room %d", iter, mo.Email, perMentor[mo.Email], capacity[j])
			}
			for i, me := range waiting {
				if independentAllowed(ds, c, me, mo) {
					score[i*m+j] = int32(sc.score(newPerson(&ds.Config, &waiting[i]), newPerson(&ds.Config, &mentors[j])))
				} else {
					score[i*m+j] = forbidden
				}
			}
		}
		if want := maxFlow(n, m, score, capacity); len(prop.Suggestions) != want {
			t.Fatalf("iter %d: %d matched, maximum %d", iter, len(prop.Suggestions), want)
		}
		if n <= 8 && m <= 8 {
			prio := make([]int64, n)
			bn, bs, _ := bruteForce(n, m, score, capacity, prio)
			if bn != len(prop.Suggestions) || bs != int64(total) {
				t.Fatalf("iter %d: %d matched with score %d; brute force %d with %d", iter, len(prop.Suggestions), total, bn, bs)
			}
		}
		left := map[string]bool{}
		for _, u := range prop.Unmatched {
			if u.Reason == "" {
				t.Fatalf("iter %d: %s left without a reason", iter, u.Participant.Email)
			}
			left[u.Participant.Email] = true
		}
		for _, me := range waiting {
			if !seen[me.Email] && !left[me.Email] {
				t.Fatalf("iter %d: waiting mentee %s neither suggested nor given a reason", iter, me.Email)
			}
		}
		// Deterministic: the same data, in another order, give the same.
		shuffled := *ds
		shuffled.Cohorts = append([]programme.Cohort(nil), ds.Cohorts...)
		cc := shuffled.Cohorts[1]
		cc.Participants = append([]programme.Participant(nil), cc.Participants...)
		rng.Shuffle(len(cc.Participants), func(a, b int) { cc.Participants[a], cc.Participants[b] = cc.Participants[b], cc.Participants[a] })
		shuffled.Cohorts[1] = cc
		again := NewRules(&shuffled, today).Propose(&shuffled.Cohorts[1])
		if fmt.Sprint(pairsOf(again)) != fmt.Sprint(pairsOf(prop)) {
			t.Fatalf("iter %d: another order of the sign-ups gives another proposal:\n%v\n%v", iter, pairsOf(prop), pairsOf(again))
		}
	}
}

func pairsOf(p Proposal) []string {
	var out []string
	for _, s := range p.Suggestions {
		out = append(out, s.Mentee.Email+"+"+s.Mentor.Email)
	}
	return out
}

func signup(email, name string, role programme.Role, signed string, mod func(*programme.Participant)) programme.Participant {
	d, _ := time.Parse(time.DateOnly, signed)
	p := programme.Participant{Email: email, Name: name, Role: role, SignedUp: programme.DateOf(d)}
	if mod != nil {
		mod(&p)
	}
	return p
}

// The greedy trap: taking each mentee in turn (longest waiting first) with
// their best mentor leaves Bo without one, although both can be matched.
// The proposal matches both, and explains the scores.
func TestProposalGreedyTrap(t *testing.T) {
	c := programme.Cohort{ID: "k", Participants: []programme.Participant{
		signup("anna@example.org", "Anna Ask", programme.Mentee, "2026-01-10", func(p *programme.Participant) {
			p.WishSpecialty, p.Workplace, p.Region = "Kardiologi", "Hvidovre Hospital", "Region Hovedstaden"
		}),
		signup("bo@example.org", "Bo Bøg", programme.Mentee, "2026-03-01", func(p *programme.Participant) {
			p.WishSpecialty, p.Workplace = "Kardiologi", "Rigshospitalet"
		}),
		signup("carl@example.org", "Carl Cedertræ", programme.Mentor, "2026-01-01", func(p *programme.Participant) {
			p.Specialty, p.Workplace, p.Region = "Kardiologi", "AUH", "Region Hovedstaden"
		}),
		signup("dorte@example.org", "Dorte Dal", programme.Mentor, "2026-01-02", func(p *programme.Participant) {
			p.Specialty, p.Workplace = "Psykiatri", "RH"
		}),
	}}
	ds := &programme.Dataset{Config: testConfig(), Cohorts: []programme.Cohort{c}}
	prop := Propose(ds, today, nil)[0]
	if got := pairsOf(prop); fmt.Sprint(got) != "[anna@example.org+dorte@example.org bo@example.org+carl@example.org]" {
		t.Fatalf("proposal %v, want Anna with Dorte and Bo with Carl", got)
	}
	// Greedy would give Carl to Anna (her best), and Dorte works where Bo
	// does (RH is Rigshospitalet).
	if v, ok := NewRules(ds, today).Check(&ds.Cohorts[0], "bo@example.org", "dorte@example.org"); ok || v.Rule != RuleWorkplace {
		t.Fatalf("Bo with Dorte: %v %v, want the workplace rule", v, ok)
	}
	bo := prop.Suggestions[1]
	if want := "samme speciale som ønsket: kardiologi (10 point); menteen har ventet 8 måneder (8 point)"; bo.ReasonText() != want {
		t.Errorf("reasons %q,\nwant %q", bo.ReasonText(), want)
	}
	if bo.AlternativesText() != "ingen andre mentorer kan bruges" {
		t.Errorf("alternatives %q", bo.AlternativesText())
	}
	anna := prop.Suggestions[0]
	if anna.AlternativesText() != "Carl Cedertræ (24 point)" {
		t.Errorf("Anna's alternatives %q", anna.AlternativesText())
	}
	if len(prop.Unmatched) != 0 {
		t.Errorf("unmatched %+v", prop.Unmatched)
	}
}

// Everyone left without a suggestion is told why.
func TestUnmatchedReasons(t *testing.T) {
	c := programme.Cohort{ID: "k", Participants: []programme.Participant{
		signup("a@example.org", "A", programme.Mentee, "2026-01-01", func(p *programme.Participant) { p.Workplace = "AUH" }),
		signup("b@example.org", "B", programme.Mentee, "2026-02-01", func(p *programme.Participant) { p.Avoid = []string{"Mentor M"} }),
		signup("m@example.org", "Mentor M", programme.Mentor, "2026-01-01", func(p *programme.Participant) { p.Workplace = "Aarhus Universitetshospital" }),
		signup("n@example.org", "Mentor N", programme.Mentor, "2026-01-01", func(p *programme.Participant) { p.Avoid = []string{"B@example.org"} }),
	}}
	ds := &programme.Dataset{Config: testConfig(), Cohorts: []programme.Cohort{c}}
	prop := Propose(ds, today, nil)[0]
	if got := pairsOf(prop); fmt.Sprint(got) != "[a@example.org+n@example.org]" {
		t.Fatalf("proposal %v", got)
	}
	want := map[string]string{
		"b@example.org": "Ingen af de 2 mentorer med ledig plads kan bruges: 1 har menteen bedt om ikke at blive matchet med og 1 har bedt om ikke at blive matchet med menteen.",
		"m@example.org": "Ingen af de 2 ventende mentees kan bruges: 1 arbejder samme sted som mentoren og 1 har bedt om ikke at blive matchet med mentoren.",
	}
	if len(prop.Unmatched) != len(want) {
		t.Fatalf("unmatched %+v", prop.Unmatched)
	}
	for _, u := range prop.Unmatched {
		if u.Reason != want[u.Participant.Email] {
			t.Errorf("%s: %q,\nwant %q", u.Participant.Email, u.Reason, want[u.Participant.Email])
		}
	}
}

// A reason about one mentor, or one waiting mentee, reads as Danish does
// ("Den ene mentor ... kan ikke bruges: den arbejder samme sted"), not
// "Ingen af de 1 mentor".
func TestUnmatchedReasonsOfOne(t *testing.T) {
	c := programme.Cohort{ID: "k", Participants: []programme.Participant{
		signup("a@example.org", "A", programme.Mentee, "2026-01-01", func(p *programme.Participant) { p.Workplace = "AUH" }),
		signup("m@example.org", "Mentor M", programme.Mentor, "2026-01-01", func(p *programme.Participant) { p.Workplace = "Aarhus Universitetshospital" }),
	}}
	ds := &programme.Dataset{Config: testConfig(), Cohorts: []programme.Cohort{c}}
	want := map[string]string{
		"a@example.org": "Den ene mentor med ledig plads kan ikke bruges: den arbejder samme sted som menteen.",
		"m@example.org": "Den ene ventende mentee kan ikke bruges: den arbejder samme sted som mentoren.",
	}
	prop := Propose(ds, today, nil)[0]
	if len(prop.Unmatched) != 2 {
		t.Fatalf("unmatched %+v", prop.Unmatched)
	}
	for _, u := range prop.Unmatched {
		if u.Reason != want[u.Participant.Email] {
			t.Errorf("%s: %q,\nwant %q", u.Participant.Email, u.Reason, want[u.Participant.Email])
		}
	}
	// The one mentor in an active pair with no room.
	ds.Cohorts[0].Participants[1].Workplace = "OUH"
	ds.Cohorts[0].Participants = append(ds.Cohorts[0].Participants, signup("b@example.org", "B", programme.Mentee, "2026-01-01", nil))
	ds.Cohorts[0].Pairs = []programme.Pair{{Mentee: "b@example.org", Mentor: "m@example.org", Matched: today.AddDays(-10)}}
	prop = Propose(ds, today, nil)[0]
	if len(prop.Unmatched) != 1 || prop.Unmatched[0].Reason != "Kohortens ene mentor har ikke plads til flere mentees." {
		t.Fatalf("unmatched %+v", prop.Unmatched)
	}
}

// A sign-up that lapsed unmatched (privacy.signup_lapse_months) is not
// proposed, and says why; the lapse's day is the last day it waits.
func TestLapsedSignups(t *testing.T) {
	c := programme.Cohort{ID: "k", Participants: []programme.Participant{
		signup("old@example.org", "Gammel", programme.Mentee, "2025-11-22", nil),
		signup("new@example.org", "Ny", programme.Mentee, "2025-11-23", nil),
		signup("m@example.org", "Mentor M", programme.Mentor, "2025-01-01", nil),
		signup("n@example.org", "Mentor N", programme.Mentor, "2026-01-01", nil),
	}}
	ds := &programme.Dataset{Config: testConfig(), Cohorts: []programme.Cohort{c}}
	ds.Config.Privacy.SignupLapseMonths = 12
	prop := Propose(ds, today, nil)[0]
	if got := pairsOf(prop); fmt.Sprint(got) != "[new@example.org+n@example.org]" || prop.Waiting != 1 {
		t.Fatalf("proposal %v, %d waiting", got, prop.Waiting)
	}
	want := map[string]string{
		"m@example.org":   "Tilmeldingen bortfaldt 2026-01-01, 12 måneder efter tilmeldingen uden et match (privacy.signup_lapse_months), så der foreslås ikke noget. Vil personen stadig være med, så indlæs en ny tilmelding.",
		"old@example.org": "Tilmeldingen bortfaldt 2026-11-22, 12 måneder efter tilmeldingen uden et match (privacy.signup_lapse_months), så der foreslås ikke noget. Vil personen stadig være med, så indlæs en ny tilmelding.",
	}
	if len(prop.Unmatched) != 2 {
		t.Fatalf("unmatched %+v", prop.Unmatched)
	}
	for _, u := range prop.Unmatched {
		if u.Reason != want[u.Participant.Email] {
			t.Errorf("%s: %q", u.Participant.Email, u.Reason)
		}
	}
}

// A person signed up to two cohorts (a mentor who signs up again, a mentee
// who was not matched and signs up for the next cohort) is suggested within
// their room across the cohorts, not once per cohort, so that accepting
// every suggestion breaks no rule; the later cohort says why.
func TestProposalAcrossCohorts(t *testing.T) {
	cohort := func(id, mentee string) programme.Cohort {
		return programme.Cohort{ID: id, Name: "Hold " + id, Participants: []programme.Participant{
			signup(mentee, "Mentee "+id, programme.Mentee, "2026-01-10", nil),
			signup("carla@example.org", "Carla Cederholm", programme.Mentee, "2026-02-01", func(p *programme.Participant) { p.WishSpecialty = "Kardiologi" }),
			signup("m@example.org", "Mentor M", programme.Mentor, "2026-01-01", func(p *programme.Participant) { p.Capacity = 2 }),
			signup("n-"+id+"@example.org", "Mentor N "+id, programme.Mentor, "2026-01-01", func(p *programme.Participant) { p.Specialty = "Kardiologi" }),
		}}
	}
	ds := &programme.Dataset{Config: testConfig(), Cohorts: []programme.Cohort{cohort("k1", "a@example.org"), cohort("k2", "b@example.org")}}
	// Mentor N of k2 has room for one and is taken by an active pair.
	ds.Cohorts[1].Pairs = []programme.Pair{{Mentee: "old@example.org", Mentor: "n-k2@example.org", Matched: today.AddDays(-10)}}
	ds.Cohorts[1].Participants = append(ds.Cohorts[1].Participants, signup("old@example.org", "Gammel", programme.Mentee, "2026-01-01", nil))
	props := Propose(ds, today, nil)
	got := fmt.Sprint(pairsOf(props[0]), pairsOf(props[1]))
	// k1: a and carla take M and N; k2: b takes M's last place, carla is
	// not suggested again.
	if got != "[a@example.org+m@example.org carla@example.org+n-k1@example.org] [b@example.org+m@example.org]" {
		t.Fatalf("proposals %s", got)
	}
	if props[1].Waiting != 2 || len(props[1].Unmatched) != 1 || props[1].Unmatched[0].Participant.Email != "carla@example.org" ||
		!strings.Contains(props[1].Unmatched[0].Reason, "også tilmeldt kohorte Hold k1 og har fået et forslag dér") {
		t.Fatalf("k2: waiting %d, unmatched %+v", props[1].Waiting, props[1].Unmatched)
	}
	// With room for one, M is suggested in k1 only, and k2 says why.
	for i := range ds.Cohorts {
		for k := range ds.Cohorts[i].Participants {
			if ds.Cohorts[i].Participants[k].Email == "m@example.org" {
				ds.Cohorts[i].Participants[k].Capacity = 1
			}
		}
	}
	props = Propose(ds, today, nil)
	perMentor := map[string]int{}
	for _, p := range props {
		for _, s := range p.Suggestions {
			perMentor[s.Mentor.Email]++
		}
	}
	if perMentor["m@example.org"] != 1 {
		t.Fatalf("M, with room for one, suggested %d times: %v %v", perMentor["m@example.org"], pairsOf(props[0]), pairsOf(props[1]))
	}
	var reason string
	for _, u := range props[1].Unmatched {
		if u.Participant.Email == "m@example.org" {
			reason = u.Reason
		}
	}
	if !strings.HasPrefix(reason, "Mentoren er også tilmeldt kohorte Hold k1 og er foreslået dér til så mange mentees, som mentoren har plads til (1 ad gangen).") {
		t.Fatalf("M's reason in k2: %q (unmatched %+v)", reason, props[1].Unmatched)
	}
}

// Ties: where the scores are equal, the mentee who signed up first is
// matched (waiting months being equal), then the smaller e-mail; an
// unknown sign-up date comes last; and of equal mentors, the one who
// signed up first is suggested.
func TestProposalTies(t *testing.T) {
	for _, tc := range []struct {
		name   string
		people []programme.Participant
		want   string
	}{
		{"earlier sign-up in the same month", []programme.Participant{
			signup("aa@example.org", "A", programme.Mentee, "2026-11-05", nil),
			signup("zz@example.org", "Z", programme.Mentee, "2026-11-02", nil),
			signup("m@example.org", "M", programme.Mentor, "2026-10-01", nil),
		}, "[zz@example.org+m@example.org]"},
		{"same day: the smaller e-mail", []programme.Participant{
			signup("zz@example.org", "Z", programme.Mentee, "2026-11-05", nil),
			signup("aa@example.org", "A", programme.Mentee, "2026-11-05", nil),
			signup("m@example.org", "M", programme.Mentor, "2026-10-01", nil),
		}, "[aa@example.org+m@example.org]"},
		{"unknown sign-up date last", []programme.Participant{
			{Email: "aa@example.org", Name: "A", Role: programme.Mentee},
			signup("zz@example.org", "Z", programme.Mentee, "2026-11-20", nil),
			signup("m@example.org", "M", programme.Mentor, "2026-10-01", nil),
		}, "[zz@example.org+m@example.org]"},
		{"of equal mentors the first signed up", []programme.Participant{
			signup("a@example.org", "A", programme.Mentee, "2026-11-05", nil),
			signup("b@example.org", "B", programme.Mentor, "2026-10-05", nil),
			signup("c@example.org", "C", programme.Mentor, "2026-10-01", nil),
		}, "[a@example.org+c@example.org]"},
		{"first with first", []programme.Participant{
			signup("me1@example.org", "Me1", programme.Mentee, "2026-11-09", nil),
			signup("me2@example.org", "Me2", programme.Mentee, "2026-11-08", nil),
			signup("me3@example.org", "Me3", programme.Mentee, "2026-11-07", nil),
			signup("mo1@example.org", "Mo1", programme.Mentor, "2026-10-09", nil),
			signup("mo2@example.org", "Mo2", programme.Mentor, "2026-10-08", nil),
		}, "[me3@example.org+mo2@example.org me2@example.org+mo1@example.org]"},
	} {
		ds := &programme.Dataset{Config: testConfig(), Cohorts: []programme.Cohort{{ID: "k", Participants: tc.people}}}
		if got := fmt.Sprint(pairsOf(Propose(ds, today, nil)[0])); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
}
