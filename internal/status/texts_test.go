package status

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/laegeforeningen/mentorprogram/internal/programme"
	"github.com/laegeforeningen/mentorprogram/internal/store"
)

func TestPlural(t *testing.T) {
	for _, tc := range []struct {
		n         int
		one, many string
		want      string
	}{
		{0, "møde", "møder", "0 møder"},
		{1, "møde", "møder", "1 møde"},
		{2, "møde", "møder", "2 møder"},
		{1, "måned", "måneder", "1 måned"},
		{12, "måned", "måneder", "12 måneder"},
		{1, "uge", "uger", "1 uge"},
		{1, "afsluttet", "afsluttede", "1 afsluttet"},
		{3, "afbrudt", "afbrudte", "3 afbrudte"},
		{1, "åbent flag", "åbne flag", "1 åbent flag"},
	} {
		if got := plural(tc.n, tc.one, tc.many); got != tc.want {
			t.Errorf("plural(%d, %q, %q) = %q, want %q", tc.n, tc.one, tc.many, got, tc.want)
		}
	}
}

// textCase is one pair whose follow-up reasons and cohort notes are checked.
type textCase struct {
	name    string
	pair    programme.Pair
	mentee  programme.Participant
	mentor  programme.Participant
	held    []string // held meeting dates; the first is the clarification meeting
	evals   []programme.Role
	today   string
	why     map[programme.FlagKind][]string // phrases each flag's reason must hold
	notWhy  []string                        // phrases no reason may hold
	notes   []string                        // phrases the cohort's notes must hold
	noNotes bool
}

func (tc textCase) dataset() *programme.Dataset {
	c := programme.Cohort{ID: "k"}
	mentee, mentor := tc.mentee, tc.mentor
	mentee.Email, mentee.Name, mentee.Role = "mentee@x", "Mia Mentee", programme.Mentee
	mentor.Email, mentor.Name, mentor.Role = "mentor@x", "Max Mentor", programme.Mentor
	c.Participants = []programme.Participant{mentee, mentor}
	p := tc.pair
	p.Mentee, p.Mentor = mentee.Email, mentor.Email
	c.Pairs = []programme.Pair{p}
	for i, s := range tc.held {
		typ := programme.MeetingOrdinary
		if i == 0 {
			typ = programme.MeetingClarification
		}
		c.Meetings = append(c.Meetings, programme.Meeting{Mentee: mentee.Email, Date: d(s), Type: typ, Held: true, AgendaSent: yes()})
	}
	for _, r := range tc.evals {
		email := mentee.Email
		if r == programme.Mentor {
			email = mentor.Email
		}
		c.Evaluations = append(c.Evaluations, programme.Evaluation{Email: email, Role: r})
	}
	return &programme.Dataset{Config: testConfig(), Cohorts: []programme.Cohort{c}}
}

func TestReasonsAndNotes(t *testing.T) {
	// Four meetings after a clarification meeting on 2026-01-31: the 12
	// months pass on 2027-01-31.
	four := []string{"2026-01-31", "2026-03-01", "2026-05-01", "2026-07-01", "2026-09-01"}
	tests := []textCase{
		{
			name: "end assumed from the last meeting", today: "2026-12-01",
			pair: programme.Pair{Matched: d("2026-01-10"), Status: programme.StatusStopped}, held: []string{"2026-01-31", "2026-03-01"},
			why: map[programme.FlagKind][]string{programme.FlagEvaluationMissing: {
				"Forløbet er markeret afbrudt uden slutdato og antages at være sluttet 1. marts 2026 (sidste holdte møde).",
				"Både menteens og mentorens evaluering mangler 39 uger efter afslutningen (opfølgning efter 4 uger)."}},
			notes: []string{"Mia Mentee og Max Mentor: markeret afbrudt uden slutdato; antaget slut 1. marts 2026 (sidste holdte møde)."},
		},
		{
			name: "end assumed from the match date", today: "2026-12-01",
			pair: programme.Pair{Matched: d("2026-01-10"), Status: programme.StatusCompleted}, evals: []programme.Role{programme.Mentor},
			why: map[programme.FlagKind][]string{programme.FlagEvaluationMissing: {
				"antages at være sluttet 10. januar 2026 (matchdatoen, da intet møde er holdt)", "Menteens evaluering mangler"}},
			notes: []string{"antaget slut 10. januar 2026 (matchdatoen, da intet møde er holdt)"},
		},
		{
			name: "no date at all: end date missing", today: "2026-12-01",
			pair:  programme.Pair{Status: programme.StatusCompleted},
			evals: []programme.Role{programme.Mentee},
			why: map[programme.FlagKind][]string{programme.FlagEndDateMissing: {
				"markeret afsluttet uden slutdato", "kan ikke antages", "Skriv slutdatoen i tilmeldingsarkets kolonne Slutdato", "Mentorens evaluering mangler."}},
			notes: []string{"Mia Mentee og Max Mentor: markeret afsluttet uden slutdato", "»Mangler slutdato«", "Registrér slutdatoen."},
		},
		{
			name: "completed by the rules, evaluation due", today: "2027-03-01",
			pair: programme.Pair{Matched: d("2026-01-10")}, held: four,
			why: map[programme.FlagKind][]string{programme.FlagEvaluationMissing: {
				"Forløbet er afsluttet efter reglerne 31. januar 2027, da den maksimale varighed på 12 måneder efter afklaringsmødet var passeret og mindst 4 møder efter det var holdt.",
				"Både menteens og mentorens evaluering mangler 4 uger efter"}},
			notWhy:  []string{"fælles ønske"},
			noNotes: true,
		},
		{
			name: "completed by the rules on a late fourth meeting", today: "2027-05-01",
			pair: programme.Pair{Matched: d("2026-01-10")}, held: []string{"2026-01-31", "2026-03-01", "2026-05-01", "2026-07-01", "2027-03-10"},
			why: map[programme.FlagKind][]string{programme.FlagEvaluationMissing: {
				"Forløbet er afsluttet efter reglerne 10. marts 2027, da det 4. møde efter afklaringsmødet blev holdt; den maksimale varighed på 12 måneder var passeret 31. januar 2027."}},
			noNotes: true,
		},
		{
			name: "completed by the rules, still meeting by mutual wish", today: "2027-04-01",
			pair: programme.Pair{Matched: d("2026-01-10")}, held: append(append([]string{}, four...), "2027-02-15", "2027-03-15"),
			why: map[programme.FlagKind][]string{programme.FlagEvaluationMissing: {
				"afsluttet efter reglerne 31. januar 2027",
				"Parret har efter fælles ønske holdt 2 møder siden (seneste 15. marts 2027), men evalueringen regnes fra afslutningen."}},
			noNotes: true,
		},
		{
			name: "no match date: counted from the later sign-up", today: "2026-04-01",
			mentee: programme.Participant{SignedUp: d("2026-01-10")}, mentor: programme.Participant{SignedUp: d("2026-01-31")},
			why: map[programme.FlagKind][]string{programme.FlagNoFirstContact: {
				"Ingen matchdato er registreret; regnet fra 31. januar 2026, da begge var tilmeldt (antaget), og intet afklaringsmøde er holdt i 8 uger (opfølgning efter 6 uger)"}},
			notes: []string{"ingen matchdato er registreret; den seneste af de to tilmeldinger (31. januar 2026) er brugt som matchdato", "Registrér matchdatoen."},
		},
		{
			name: "no match date and no sign-ups: listed, not silent", today: "2026-04-01",
			notes: []string{"hverken matchdato eller tilmeldingsdatoer er registreret, så flaget »Ingen første kontakt« kan ikke beregnes"},
		},
		{
			name: "match date known", today: "2026-04-01",
			pair: programme.Pair{Matched: d("2026-01-31")},
			why: map[programme.FlagKind][]string{programme.FlagNoFirstContact: {
				"Matchet 31. januar 2026, og intet afklaringsmøde er holdt i 8 uger (opfølgning efter 6 uger)."}},
			notWhy:  []string{"antaget"},
			noNotes: true,
		},
		{
			name: "conflict of interest names both workplaces as written", today: "2026-02-10",
			pair:   programme.Pair{Matched: d("2026-01-31")},
			mentee: programme.Participant{Workplace: "A.U.H."}, mentor: programme.Participant{Workplace: "Århus Universitetshospital"},
			why: map[programme.FlagKind][]string{programme.FlagConflictOfInterest: {
				"menteens er registreret som »A.U.H.«, mentorens som »Århus Universitetshospital«"}},
			noNotes: true,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := New(tc.dataset(), d(tc.today))
			c := r.Cohorts[0]
			got := map[programme.FlagKind]string{}
			for _, fu := range r.Followups {
				got[fu.Flag.Kind] = fu.Why
			}
			for kind, phrases := range tc.why {
				why, ok := got[kind]
				if !ok {
					t.Errorf("no %s follow-up; follow-ups: %v", kind, got)
					continue
				}
				for _, p := range phrases {
					if !strings.Contains(why, p) {
						t.Errorf("%s reason lacks %q:\n%s", kind, p, why)
					}
				}
			}
			for _, why := range got {
				for _, p := range tc.notWhy {
					if strings.Contains(why, p) {
						t.Errorf("a reason holds %q:\n%s", p, why)
					}
				}
				if strings.Contains(why, "(e)") || strings.Contains(why, "(r)") {
					t.Errorf("a reason writes a plural with parentheses:\n%s", why)
				}
			}
			notes := strings.Join(c.notes(), "\n")
			for _, p := range tc.notes {
				if !strings.Contains(notes, p) {
					t.Errorf("notes lack %q:\n%s", p, notes)
				}
			}
			if tc.noNotes && notes != "" {
				t.Errorf("notes = %q, want none", notes)
			}
		})
	}
}

// Singular where the count is one, in the reasons of the follow-up list.
func TestReasonsSingular(t *testing.T) {
	tc := textCase{pair: programme.Pair{Matched: d("2026-01-31"), Status: programme.StatusStopped, Ended: d("2026-03-05")}, held: []string{"2026-01-31"}}
	ds := tc.dataset()
	ds.Cohorts[0].Meetings = append(ds.Cohorts[0].Meetings, programme.Meeting{Mentee: "mentee@x", Date: d("2026-03-01"), Held: true, AgendaSent: no()})
	ds.Config.Followup = programme.Followup{FirstContactWeeks: 1, QuietWeeks: 1, EvaluationDueWeeks: 1, WaitingWeeks: 1}
	ds.Config.Rules.MinMeetingsAfterClarification = 1
	r := New(ds, d("2026-06-01"))
	var all []string
	for _, fu := range r.Followups {
		all = append(all, fu.Why)
	}
	text := strings.Join(all, "\n")
	for _, want := range []string{"1 holdt møde er logget uden udsendt dagsorden", "(opfølgning efter 1 uge)"} {
		if !strings.Contains(text, want) {
			t.Errorf("reasons lack %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "1 uger") || strings.Contains(text, "1 holdte") {
		t.Errorf("a plural after 1:\n%s", text)
	}
}

// The demo flag: a notice on the public numbers page (Danish and English)
// and a banner on every private page while it is set; neither without it.
func TestDemoNotice(t *testing.T) {
	for _, demo := range []bool{false, true} {
		ds := fixture()
		ds.Config.Demo = demo
		r := New(ds, today)
		for lang, want := range map[string]string{
			"da": "Tallene på denne side er opfundne eksempeldata",
			"en": "The figures on this page are invented example data",
		} {
			s := publicHTML(t, r, lang)
			if strings.Contains(s, want) != demo {
				t.Errorf("demo %v, %s: notice shown = %v, want %v", demo, lang, !demo, demo)
			}
			if strings.Contains(s, "numbers-demo") != demo {
				t.Errorf("demo %v, %s: notice box shown = %v", demo, lang, !demo)
			}
			if strings.Contains(s, `class="numbers"`) {
				t.Errorf("%s: the fragment wraps itself in the layout's <div class=\"numbers\">", lang)
			}
		}
		dir := t.TempDir()
		if err := r.WritePrivate(dir, theme()); err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"index.html", "kohorte/2025-efteraar.html", "opfoelgning.html", "evaluering.html"} {
			b, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Contains(string(b), `<p class="st-demo"><strong>Demodata</strong>`); got != demo {
				t.Errorf("demo %v: %s has the demo banner = %v", demo, name, got)
			}
		}
		js, err := r.JSON()
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(string(js), `"demo": true`); got != demo {
			t.Errorf("demo %v: status.json says demo = %v", demo, got)
		}
	}
}

// data/programme.yaml ships with demo: true, as data/cohorts holds the
// invented demo cohorts; the store reads the key into Config.Demo.
func TestShippedDataIsMarkedDemo(t *testing.T) {
	ds, err := store.Load(filepath.Join("..", "..", "data"))
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Cohorts) > 0 && !ds.Config.Demo {
		t.Errorf("data/ has cohorts but programme.yaml does not say demo: true; set it while the cohorts are the invented demo ones")
	}
	cfg, err := store.ParseConfig("programme.yaml", []byte("schema: 1\ndemo: false\nrules: {duration_months: {min: 8, max: 12}, min_meetings_after_clarification: 4}\n"))
	if err != nil || cfg.Demo {
		t.Errorf("demo: false: Demo = %v, err %v", cfg.Demo, err)
	}
	cfg, err = store.ParseConfig("programme.yaml", []byte("schema: 1\nrules: {duration_months: {min: 8, max: 12}, min_meetings_after_clarification: 4}\n"))
	if err != nil || cfg.Demo {
		t.Errorf("no demo key: Demo = %v, err %v", cfg.Demo, err)
	}
}

// A flag with no date (end-date-missing) comes first among the flags of its
// urgency in the follow-up list, with an empty "Siden" cell in the workbook
// and no since in status.json.
func TestUndatedFlag(t *testing.T) {
	ds := fixture()
	c := &ds.Cohorts[0]
	c.Participants = append(c.Participants,
		programme.Participant{Email: "uden@example.org", Name: "Uden Dato", Role: programme.Mentee},
		programme.Participant{Email: "ogsaa@example.org", Name: "Også Udendato", Role: programme.Mentor})
	c.Pairs = append(c.Pairs, programme.Pair{Mentee: "uden@example.org", Mentor: "ogsaa@example.org", Status: programme.StatusStopped})
	r := New(ds, today)
	var first Followup
	row := 0
	for i, fu := range r.Followups {
		if fu.Urgency() == programme.UrgencyLow {
			first, row = fu, i
			break
		}
	}
	if first.Flag.Kind != programme.FlagEndDateMissing || !first.Flag.Since.IsZero() || len(first.Contacts) != 2 {
		t.Fatalf("first follow-up = %+v, want the undated end-date-missing, both contacted", first)
	}
	b, err := r.FollowupXLSX()
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	if v, _ := f.GetCellValue(sheet, fmt.Sprintf("B%d", row+2)); v != "" {
		t.Errorf("B%d = %q, want empty", row+2, v)
	}
	if v, _ := f.GetCellValue(sheet, fmt.Sprintf("O%d", row+2)); !strings.HasPrefix(v, string(programme.FlagEndDateMissing)+"/") {
		t.Errorf("O%d = %q", row+2, v)
	}
	js, err := r.JSON()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(js), `"flags":[{"kind":"end-date-missing","urgency":"low","whom":"both"}]`) {
		t.Errorf("status.json lacks the undated flag:\n%s", js)
	}
	dir := t.TempDir()
	if err := r.WritePrivate(dir, theme()); err != nil {
		t.Fatal(err)
	}
	fu, _ := os.ReadFile(filepath.Join(dir, "opfoelgning.html"))
	if !strings.Contains(string(fu), "Mangler slutdato") {
		t.Errorf("follow-up page lacks the flag")
	}
}
