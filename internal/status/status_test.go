package status

import (
	"archive/zip"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/xuri/excelize/v2"

	"github.com/laegeforeningen/mentorprogram/internal/outdir"
	"github.com/laegeforeningen/mentorprogram/internal/programme"
	"github.com/laegeforeningen/mentorprogram/internal/store"
)

var update = flag.Bool("update", false, "rewrite golden files")

func d(s string) programme.Date {
	v, err := programme.ParseISODate(s)
	if err != nil {
		panic(err)
	}
	return v
}

func yes() *bool { b := true; return &b }
func no() *bool  { b := false; return &b }

// testConfig is programme.yaml's rules and questions.
func testConfig() programme.Config {
	cfg := programme.DefaultConfig()
	cfg.Rules = programme.Rules{DurationMonths: programme.Range{Min: 8, Max: 12}, MinMeetingsAfterClarification: 4}
	cfg.Questions = []programme.Question{
		{ID: "tilfredshed", Label: programme.Text{"da": "Samlet tilfredshed", "en": "Overall satisfaction"}, Headers: []string{"Tilfredshed"}, Scale: &programme.Range{Min: 1, Max: 5}},
		{ID: "anbefaling", Label: programme.Text{"da": "Vil anbefale programmet", "en": "Would recommend"}, Headers: []string{"Anbefaling"}, Scale: &programme.Range{Min: 0, Max: 10}},
		{ID: "kommentarer", Label: programme.Text{"da": "Kommentarer", "en": "Comments"}, Headers: []string{"Kommentarer"}, Text: true},
	}
	return cfg
}

// fixture is a small dataset with a pair in every state and every flag, at
// today = 2026-11-22.
func fixture() *programme.Dataset {
	person := func(name, email string, role programme.Role, signed, work string) programme.Participant {
		return programme.Participant{Email: email, Name: name, Role: role, SignedUp: d(signed), Workplace: work}
	}
	m := func(mentee, date string, typ programme.MeetingType, agenda *bool) programme.Meeting {
		return programme.Meeting{Mentee: mentee, Date: d(date), Type: typ, AgendaSent: agenda, Held: true}
	}
	c := programme.Cohort{
		ID: "2025-efteraar",
		Participants: []programme.Participant{
			person("Anna Afprøvning", "anna@example.org", programme.Mentee, "2025-07-01", "Lægehuset Prøvested"),
			person("Birgitte Fiktivsen", "birgitte@example.org", programme.Mentor, "2025-06-11", "Rigshospitalet"),
			person("Bo Bestemt", "bo@example.org", programme.Mentee, "2025-07-02", "Bispebjerg Hospital"),
			person("Carl Cirkel", "carl@example.org", programme.Mentor, "2025-06-12", "OUH"),
			person("Dorte Dato", "dorte@example.org", programme.Mentee, "2025-07-03", "Odense Universitetshospital"),
			person("Erik Eksempel", "erik@example.org", programme.Mentor, "2025-06-13", "Herlev Hospital"),
			person("Frida Fiktiv", "frida@example.org", programme.Mentee, "2026-08-01", "AUH"),
			person("Gorm Gæt", "gorm@example.org", programme.Mentor, "2025-06-14", "Aarhus Universitetshospital"),
			person("Hanne Hypotese", "hanne@example.org", programme.Mentee, "2025-07-05", "Holbæk Sygehus"),
			person("Ib Idé", "=HYPERLINK(\"x\")@example.org", programme.Mentor, "2025-06-15", "Vejle Sygehus"),
			person("Jens Jævn", "jens@example.org", programme.Mentee, "2026-09-01", ""),
			person("Karen Kø", "karen@example.org", programme.Mentor, "2026-10-20", ""),
		},
		Pairs: []programme.Pair{
			{Mentee: "anna@example.org", Mentor: "birgitte@example.org", Matched: d("2025-09-01"), Status: programme.StatusCompleted, Ended: d("2026-09-10")},
			{Mentee: "bo@example.org", Mentor: "carl@example.org", Matched: d("2025-09-01")},
			{Mentee: "dorte@example.org", Mentor: "carl@example.org", Matched: d("2025-09-01"), Status: programme.StatusStopped},
			{Mentee: "frida@example.org", Mentor: "gorm@example.org", Matched: d("2026-09-01")},
			{Mentee: "hanne@example.org", Mentor: "=HYPERLINK(\"x\")@example.org", Matched: d("2025-09-01")},
		},
		Meetings: []programme.Meeting{
			// Anna: a full course, marked completed, agendas sent.
			m("anna@example.org", "2025-09-15", programme.MeetingClarification, yes()),
			m("anna@example.org", "2025-10-20", programme.MeetingOrdinary, yes()),
			m("anna@example.org", "2025-12-01", programme.MeetingOrdinary, yes()),
			m("anna@example.org", "2026-02-10", programme.MeetingOrdinary, yes()),
			m("anna@example.org", "2026-05-05", programme.MeetingOrdinary, yes()),
			m("anna@example.org", "2026-09-10", programme.MeetingOrdinary, yes()),
			// Bo: active, quiet since March, one agenda missing, overdue
			// once the 12 months pass (not yet at today).
			m("bo@example.org", "2025-12-02", programme.MeetingUnknown, yes()),
			m("bo@example.org", "2026-01-10", programme.MeetingOrdinary, no()),
			m("bo@example.org", "2026-03-01", programme.MeetingOrdinary, yes()),
			{Mentee: "bo@example.org", Date: d("2026-04-01"), Held: false, ContactRequested: true},
			// Dorte: stopped without an end date.
			m("dorte@example.org", "2025-10-01", programme.MeetingClarification, nil),
			m("dorte@example.org", "2025-11-05", programme.MeetingOrdinary, nil),
			// Hanne: active past 12 months with meetings after it.
			m("hanne@example.org", "2025-09-20", programme.MeetingClarification, yes()),
			m("hanne@example.org", "2025-11-20", programme.MeetingOrdinary, yes()),
			m("hanne@example.org", "2026-01-20", programme.MeetingOrdinary, yes()),
			m("hanne@example.org", "2026-10-01", programme.MeetingOrdinary, yes()),
		},
		Evaluations: []programme.Evaluation{
			{Email: "anna@example.org", Role: programme.Mentee, Submitted: d("2026-09-20"), Answers: map[string]int{"tilfredshed": 5, "anbefaling": 10}, Comment: "Anna Afprøvning synes det var godt"},
		},
	}
	// A second cohort with enough evaluations to show figures.
	c2 := programme.Cohort{ID: "2026-foraar"}
	for i := range 12 {
		role := programme.Mentee
		if i%3 == 0 {
			role = programme.Mentor
		}
		email := fmt.Sprintf("person%02d@example.org", i)
		c2.Participants = append(c2.Participants, programme.Participant{Email: email, Name: fmt.Sprintf("Person Nummer%02d", i), Role: role, SignedUp: d("2026-01-10")})
		c2.Evaluations = append(c2.Evaluations, programme.Evaluation{Email: email, Role: role, Submitted: d("2026-11-01"),
			Answers: map[string]int{"tilfredshed": 1 + i%5, "anbefaling": i % 11}, Comment: fmt.Sprintf("Kommentar fra Person Nummer%02d", i)})
	}
	for i := 1; i < 12; i += 3 {
		c2.Pairs = append(c2.Pairs, programme.Pair{Mentee: c2.Participants[i].Email, Mentor: c2.Participants[i-1].Email, Matched: d("2026-02-01")})
		c2.Meetings = append(c2.Meetings, m(c2.Participants[i].Email, "2026-02-20", programme.MeetingClarification, yes()),
			m(c2.Participants[i].Email, "2026-04-20", programme.MeetingOrdinary, yes()))
	}
	return &programme.Dataset{Config: testConfig(), Cohorts: []programme.Cohort{c, c2}}
}

var today = d("2026-11-22")

func theme() fstest.MapFS {
	return fstest.MapFS{
		"assets/site.css":    {Data: []byte("body { font-family: sans-serif; }\n")},
		"assets/favicon.svg": {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>` + "\n")},
	}
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output; run go test -update and review the diff.\ngot:\n%s", path, got)
	}
}

func TestStatusJSONGolden(t *testing.T) {
	js, err := New(fixture(), today).JSON()
	if err != nil {
		t.Fatal(err)
	}
	golden(t, filepath.Join("testdata", "fixture-status.golden.json"), js)
}

// The demo cohorts in data/ at a fixed date.
func TestDemoStatusGolden(t *testing.T) {
	ds, err := store.Load(filepath.Join("..", "..", "data"))
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Cohorts) == 0 {
		t.Skip("no cohorts in data/cohorts")
	}
	r := New(ds, today)
	js, err := r.JSON()
	if err != nil {
		t.Fatal(err)
	}
	golden(t, filepath.Join("testdata", "demo-status.golden.json"), js)
	if err := r.WritePrivate(filepath.Join(t.TempDir(), "private"), theme()); err != nil {
		t.Fatal(err)
	}
	if out := os.Getenv("STATUS_OUT"); out != "" { // for looking at the pages by hand
		if err := r.WritePrivate(out, theme()); err != nil {
			t.Fatal(err)
		}
	}
}

func TestWritePrivate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "private")
	if err := os.MkdirAll(filepath.Join(dir, "old"), 0o755); err != nil {
		t.Fatal(err)
	}
	// A folder with foreign files is refused.
	if err := os.WriteFile(filepath.Join(dir, "old", "stale.html"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := New(fixture(), today)
	if err := r.WritePrivate(dir, theme()); err == nil || !strings.Contains(err.Error(), "refuses") {
		t.Fatalf("WritePrivate into a foreign folder: err = %v, want a refusal", err)
	}
	os.RemoveAll(dir)
	if err := r.WritePrivate(dir, theme()); err != nil {
		t.Fatal(err)
	}
	// A stale file from an earlier run goes.
	stale := filepath.Join(dir, "kohorte", "gammel.html")
	if err := os.WriteFile(stale, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := r.WritePrivate(dir, theme()); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("stale file survived: %v", err)
	}
	for _, name := range []string{"index.html", "kohorte/2025-efteraar.html", "kohorte/2026-foraar.html", "opfoelgning.html",
		"evaluering.html", "status.json", "opfoelgning.xlsx", "robots.txt"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("missing %s: %v", name, err)
		}
	}
	robots, _ := os.ReadFile(filepath.Join(dir, "robots.txt"))
	if !strings.Contains(string(robots), "Disallow: /") {
		t.Errorf("robots.txt = %q", robots)
	}
	assets, _ := filepath.Glob(filepath.Join(dir, "assets", "*"))
	var names []string
	for _, a := range assets {
		names = append(names, filepath.Base(a))
	}
	for _, re := range []string{`^site\.[0-9a-f]{10}\.css$`, `^favicon\.[0-9a-f]{10}\.svg$`, `^status\.[0-9a-f]{10}\.css$`, `^status\.[0-9a-f]{10}\.js$`} {
		if !anyMatch(re, names) {
			t.Errorf("assets %v: none matches %s", names, re)
		}
	}
	pagesRe := regexp.MustCompile(`(?i)<script[^>]*>[^<]+</script>|\sstyle=|\son[a-z]+=|<style`)
	assetRe := regexp.MustCompile(`(?:href|src)="([^"]+)"`)
	err := filepath.WalkDir(dir, func(path string, de os.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(path, ".html") {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		s := string(b)
		rel, _ := filepath.Rel(dir, path)
		for _, want := range []string{`<html lang="da">`, `<meta name="robots" content="noindex, nofollow">`, "Fortroligt", `href="#indhold"`, `<main id="indhold"`, `<link rel="icon" href="`} {
			if !strings.Contains(s, want) {
				t.Errorf("%s lacks %s", rel, want)
			}
		}
		if n := strings.Count(s, "<h1"); n != 1 {
			t.Errorf("%s: %d h1", rel, n)
		}
		if m := pagesRe.FindString(s); m != "" {
			t.Errorf("%s: inline script or style: %q", rel, m)
		}
		// Every local link resolves.
		for _, m := range assetRe.FindAllStringSubmatch(s, -1) {
			u := m[1]
			if strings.HasPrefix(u, "#") || strings.HasPrefix(u, "mailto:") {
				continue
			}
			file, frag, _ := strings.Cut(u, "#")
			target, err := os.ReadFile(filepath.Join(filepath.Dir(path), filepath.FromSlash(file)))
			if err != nil {
				t.Errorf("%s: broken link %s", rel, u)
			} else if frag != "" && !strings.Contains(string(target), `id="`+frag+`"`) {
				t.Errorf("%s: link %s: no such anchor", rel, u)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Without a site.css or favicon.svg in the theme the pages are still
	// written.
	if err := r.WritePrivate(dir, fstest.MapFS{}); err != nil {
		t.Fatal(err)
	}
}

func anyMatch(re string, names []string) bool {
	for _, n := range names {
		if regexp.MustCompile(re).MatchString(n) {
			return true
		}
	}
	return false
}

func TestPagesContent(t *testing.T) {
	dir := t.TempDir()
	r := New(fixture(), today)
	if err := r.WritePrivate(dir, theme()); err != nil {
		t.Fatal(err)
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	cohort := read("kohorte/2025-efteraar.html")
	for _, want := range []string{
		"Anna Afprøvning", "Birgitte Fiktivsen", `class="st-table st-sortable st-stack"`, `<th scope="col">`, "<caption>",
		// Every field of a stacked row is labelled.
		`<td data-label="Mentor" class="st-o2">`, `<td data-label="Flag" class="st-o3 st-flagcell"`,
		`role="img" aria-label="Tidslinje: afklaringsmøde 15. september 2025`, "Stille forløb",
		"Dorte Dato og Carl Cirkel: markeret afbrudt uden slutdato; antaget slut 5. november 2025 (sidste holdte møde).",
		"Bo Bestemt og Carl Cirkel: intet møde er logget som afklaringsmøde",
		"Venteliste", "Jens Jævn", "Karen Kø", `href="mailto:jens@example.org"`,
		// Singular and plural.
		"5 forløb: 1 afventer afklaringsmøde, 2 aktive, 1 afsluttet, 1 afbrudt.",
		"afklaringsmøde 1. oktober 2025; 1 møde holdt efter det, mindst 4 kræves; seneste møde 5. november 2025; 1 måned forløbet af 8 til 12.",
	} {
		if !strings.Contains(cohort, want) {
			t.Errorf("cohort page lacks %q", want)
		}
	}
	fu := read("opfoelgning.html")
	for _, want := range []string{`href="mailto:bo@example.org"`, `href="mailto:carl@example.org"`, "Interessekonflikt", "Venter for længe", "Ønsker kontakt",
		"1 holdt møde er logget uden udsendt dagsorden",
		"menteens er registreret som »Odense Universitetshospital«, mentorens som »OUH«"} {
		if !strings.Contains(fu, want) {
			t.Errorf("follow-up page lacks %q", want)
		}
	}
	if strings.Contains(fu, "Møder efter maksimal varighed</th>") {
		t.Errorf("follow-up page lists the information-only past-12-months flag")
	}
	ev := read("evaluering.html")
	for _, want := range []string{"For få svar: tallene vises kun for grupper med mindst 5 svar",
		"Skjult, selv om gruppen har svar nok: sammen med de tal, der vises, kunne man ellers regne ud, hvad menteerne i kohorte 2025-efteraar har svaret, og de er færre end 5.",
		"Kommentar fra Person Nummer03", "Gennemsnit <strong>", `class="st-bars"`} {
		if !strings.Contains(ev, want) {
			t.Errorf("evaluation page lacks %q", want)
		}
	}
	// A group hidden only to protect another (2026-foraar's 12 answers,
	// beside the programme's 13) is not said to have too few answers.
	if c := card(ev, "gruppe-2026-foraar-alle"); strings.Contains(c, "For få svar") || !strings.Contains(c, "Skjult, selv om gruppen har svar nok") {
		t.Errorf("2026-foraar's total is not said to be hidden for another group's sake:\n%s", c)
	}
	// The comments appear once, in the programme's group only.
	if n := strings.Count(ev, "Kommentar fra Person Nummer03"); n != 1 {
		t.Errorf("a comment appears %d times, want once (programme-wide only)", n)
	}
	idx := read("index.html")
	for _, want := range []string{`href="kohorte/2025-efteraar.html"`, "22. november 2026", `href="opfoelgning.html"`, `href="evaluering.html"`} {
		if !strings.Contains(idx, want) {
			t.Errorf("overview lacks %q", want)
		}
	}
}

func TestFollowupXLSX(t *testing.T) {
	r := New(fixture(), today)
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
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(rows[0], "|"); got != strings.Join(FollowupHeader, "|") {
		t.Errorf("header = %s", got)
	}
	if len(rows)-1 != len(r.Followups) {
		t.Fatalf("%d data rows, want %d", len(rows)-1, len(r.Followups))
	}
	for i, fu := range r.Followups {
		row := rows[i+1]
		// Dates are date cells: a serial number with a date format.
		cell, _ := excelize.CoordinatesToCellName(2, i+2)
		typ, _ := f.GetCellType(sheet, cell)
		if typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
			t.Errorf("%s is text, want a date", cell)
		}
		shown, _ := f.GetCellValue(sheet, cell)
		if shown != fu.Flag.Since.String() {
			t.Errorf("%s shows %q, want %s", cell, shown, fu.Flag.Since)
		}
		if row[2] != r.CohortName(fu.Cohort) || row[14] != fu.Key || !strings.HasPrefix(fu.Key, string(fu.Flag.Kind)+"/"+fu.Cohort+"/") {
			t.Errorf("row %d = %v, want cohort %s key %s", i+2, row, fu.Cohort, fu.Key)
		}
		if u := fu.Urgency(); row[0] != u.Icon()+" "+urgencyLabel(u) {
			t.Errorf("row %d: urgency %q, want %s", i+2, row[0], urgencyLabel(u))
		}
		for _, c := range row[1:] {
			if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
				t.Errorf("row %d: formula-like text not neutralised: %q", i+2, c)
			}
		}
	}
	// The mentor whose email looks like a formula is neutralised where it
	// starts a cell.
	var found bool
	for _, row := range rows[1:] {
		if row[8] == `'=HYPERLINK("x")@example.org` || strings.HasSuffix(row[6], `; =HYPERLINK("x")@example.org`) {
			found = true
		}
	}
	if !found {
		t.Errorf("no row with the mentor =HYPERLINK(...)")
	}
	panes, err := f.GetPanes(sheet)
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes = %+v, %v; want the header row frozen", panes, err)
	}
	style, _ := f.GetCellStyle(sheet, "A1")
	if st, err := f.GetStyle(style); err != nil || st.Font == nil || !st.Font.Bold {
		t.Errorf("header style = %+v, %v; want bold", st, err)
	}
	if w, _ := f.GetColWidth(sheet, "J"); w < 40 {
		t.Errorf("column J width = %v", w)
	}
}

// No name or email of a participant can reach the public fragment.
func TestPublicHTMLHasNoPersonalData(t *testing.T) {
	ds := fixture()
	r := New(ds, today)
	tags := regexp.MustCompile(`<[^>]*>`)
	for _, lang := range []string{"da", "en"} {
		raw := strings.ToLower(publicHTML(t, r, lang))
		text := " " + tags.ReplaceAllString(raw, " ") + " "
		has := func(s string) bool { // s as a whole word of the text, or anywhere in the markup
			s = strings.ToLower(s)
			return regexp.MustCompile(`[^\pL\pN]`+regexp.QuoteMeta(s)+`[^\pL\pN]`).MatchString(text) || (len(s) > 4 && strings.Contains(raw, s))
		}
		for _, c := range ds.Cohorts {
			for _, p := range c.Participants {
				for _, s := range append([]string{p.Email, p.Name, p.Workplace}, strings.Fields(p.Name)...) {
					if s != "" && has(s) {
						t.Errorf("%s: public fragment contains %q", lang, s)
					}
				}
			}
			if has(c.ID) {
				t.Errorf("%s: public fragment names cohort %s", lang, c.ID)
			}
			for _, e := range c.Evaluations {
				if has(e.Comment) {
					t.Errorf("%s: public fragment contains a comment", lang)
				}
			}
		}
		if strings.Contains(raw, "@") || strings.Contains(raw, "mailto") {
			t.Errorf("%s: public fragment contains an email", lang)
		}
	}
}

func TestPublicHTML(t *testing.T) {
	r := New(fixture(), today)
	da := publicHTML(t, r, "da")
	en := publicHTML(t, r, "en")
	for _, want := range []string{"Forløb pr. år", "<th scope=\"row\">2025</th>", "færre end 5", "Samlet tilfredshed", "Gennemsnit"} {
		if !strings.Contains(da, want) {
			t.Errorf("da lacks %q:\n%s", want, da)
		}
	}
	for _, want := range []string{"Mentorships per year", "fewer than 5", "Overall satisfaction", "Mean"} {
		if !strings.Contains(en, want) {
			t.Errorf("en lacks %q", want)
		}
	}
	// 13 evaluations in all: the means are shown: the second cohort's
	// 33 plus Anna's 5, over 13: 2,9.
	if !strings.Contains(da, "<td class=\"num\">2,9</td>") || !strings.Contains(en, "<td class=\"num\">2.9</td>") {
		t.Errorf("mean of tilfredshed missing:\n%s", da)
	}
	// A programme with too few answers shows none.
	small := fixture()
	small.Cohorts = small.Cohorts[:1]
	if s := publicHTML(t, New(small, today), "da"); !strings.Contains(s, "for få svar") {
		t.Errorf("too few answers not marked:\n%s", s)
	}
}

func TestEvalSuppression(t *testing.T) {
	cfg := testConfig()
	mk := func(id string, mentees, mentors int) programme.Cohort {
		c := programme.Cohort{ID: id}
		for i := range mentees + mentors {
			role := programme.Mentee
			if i >= mentees {
				role = programme.Mentor
			}
			c.Evaluations = append(c.Evaluations, programme.Evaluation{Email: fmt.Sprintf("%s-%d@x", id, i), Role: role,
				Answers: map[string]int{"tilfredshed": 4, "anbefaling": 8}, Comment: "k"})
		}
		return c
	}
	type want struct{ total, mentee, mentor bool } // hidden
	tests := []struct {
		name    string
		cohorts []programme.Cohort
		prog    want
		per     []want
	}{
		{"all large", []programme.Cohort{mk("a", 6, 6), mk("b", 7, 5)},
			want{false, false, false}, []want{{false, false, false}, {false, false, false}}},
		// Cohort a's mentors (3) are hidden. Its total would give them
		// away (total minus mentees), and so would b's mentors beside the
		// programme's: a's mentors can only be shown merged with b's, as
		// the programme's mentors (9), so both cohorts' totals and
		// mentors hide, and their mentees show.
		{"one role small", []programme.Cohort{mk("a", 7, 3), mk("b", 7, 6)},
			want{false, false, false}, []want{{true, false, true}, {true, false, true}}},
		// Cohort b is small in all: its total (4) is hidden, so the
		// smallest other cohort's total (a) hides too, and then a's roles,
		// which would add up to a's total.
		{"one cohort small", []programme.Cohort{mk("a", 6, 6), mk("b", 2, 2), mk("c", 8, 8)},
			want{false, false, false}, []want{{true, true, true}, {true, true, true}, {false, false, false}}},
		{"nothing shown", []programme.Cohort{mk("a", 1, 1)},
			want{true, true, true}, []want{{true, true, true}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			er := newEvalReport(&programme.Dataset{Config: cfg, Cohorts: tc.cohorts})
			check := func(label string, gs []*Group, w want) {
				got := want{gs[0].Stats[0].Hidden, gs[1].Stats[0].Hidden, gs[2].Stats[0].Hidden}
				if got != w {
					t.Errorf("%s: hidden (total, mentee, mentor) = %v, want %v", label, got, w)
				}
			}
			check("programme", er.Programme, tc.prog)
			for i, c := range er.Cohorts {
				check(c.ID, c.Groups, tc.per[i])
			}
			// No relation leaves exactly one hidden non-empty child under
			// a shown parent.
			for _, c := range er.Cohorts {
				nh := 0
				for _, g := range c.Groups[1:] {
					if g.N > 0 && g.Stats[0].Hidden {
						nh++
					}
				}
				if !c.Groups[0].Stats[0].Hidden && nh == 1 {
					t.Errorf("%s: one role hidden under a shown total", c.ID)
				}
			}
		})
	}
}

func TestEvalFigures(t *testing.T) {
	er := New(fixture(), today).Evaluation
	g := er.Programme[0] // all 13
	s := g.Stats[0]
	if g.N != 13 || s.N != 13 || s.Hidden {
		t.Fatalf("group n=%d stat n=%d hidden=%v", g.N, s.N, s.Hidden)
	}
	if fmt.Sprint(s.Counts) != "[3 3 2 2 3]" {
		t.Errorf("counts = %v", s.Counts)
	}
	if m := fmt.Sprintf("%.3f", s.Mean); m != "2.923" {
		t.Errorf("mean = %s", m)
	}
	if !g.CommentsShown || len(g.Comments) != 13 {
		t.Errorf("comments shown=%v n=%d", g.CommentsShown, len(g.Comments))
	}
	// 2025-efteraar has one answer, hidden; 2026-foraar (12) would give
	// it away as the programme minus 2026-foraar, so it is hidden too,
	// figures and comments.
	c1, c2 := er.Cohorts[0].Groups[0], er.Cohorts[1].Groups[0]
	if !c1.Stats[0].Hidden || c1.Stats[0].Complementary || !c2.Stats[0].Hidden || !c2.Stats[0].Complementary {
		t.Errorf("cohort totals: %+v %+v", *c1.Stats[0], *c2.Stats[0])
	}
	if c1.CommentsShown || c2.CommentsShown {
		t.Errorf("cohort comments shown: %v %v", c1.CommentsShown, c2.CommentsShown)
	}
}

// card returns the evaluation page's card of the group with the HTML id.
func card(page, id string) string {
	_, rest, ok := strings.Cut(page, `<li class="st-card" id="`+id+`"`)
	if !ok {
		return ""
	}
	end, _, _ := strings.Cut(rest, `<li class="st-card"`)
	return end
}

func TestNeutralise(t *testing.T) {
	for in, want := range map[string]string{"=1+1": "'=1+1", "+45 1234": "'+45 1234", "-x": "'-x", "@a": "'@a", "\tx": "'\tx", "\rx": "'\rx", "ok": "ok", "": ""} {
		if got := neutralise(in); got != want {
			t.Errorf("neutralise(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFollowupXLSXFilter(t *testing.T) {
	b, err := New(fixture(), today).FollowupXLSX()
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dn := f.GetDefinedName()
	var ok bool
	for _, n := range dn {
		if n.Name == "_xlnm._FilterDatabase" && strings.Contains(n.RefersTo, "$A$1:$O$") {
			ok = true
		}
	}
	if !ok {
		t.Errorf("no autofilter defined name: %+v", dn)
	}
}

// The sheet's XML lists its columns in ascending order (Excel refuses
// others) and carries the filter.
func TestFollowupXLSXParts(t *testing.T) {
	b, err := New(fixture(), today).FollowupXLSX()
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := zr.Open("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	raw, _ := io.ReadAll(rc)
	s := string(raw)
	mins := regexp.MustCompile(`<col min="(\d+)"`).FindAllStringSubmatch(s, -1)
	for i, m := range mins {
		if m[1] != strconv.Itoa(i+1) {
			t.Errorf("col %d has min %s: columns out of order", i+1, m[1])
		}
	}
	if len(mins) != len(FollowupHeader) {
		t.Errorf("%d col widths, want %d", len(mins), len(FollowupHeader))
	}
	if !regexp.MustCompile(`<autoFilter ref="\$A\$1:\$O\$\d+"`).MatchString(s) {
		t.Errorf("no autoFilter in the sheet")
	}
}

// The follow-up list by urgency: conflict of interest and requests for
// contact first, then overdue and no first contact, then the rest; within
// an urgency the newest first.
func TestFollowupOrder(t *testing.T) {
	ds, err := store.Load(filepath.Join("..", "..", "data"))
	if err != nil {
		t.Fatal(err)
	}
	for _, ds := range []*programme.Dataset{fixture(), ds} {
		r := New(ds, today)
		if len(r.Followups) < 3 {
			t.Fatalf("only %d follow-ups", len(r.Followups))
		}
		group := map[programme.FlagKind]int{
			programme.FlagConflictOfInterest: 0, programme.FlagContactRequested: 0,
			programme.FlagOverdue: 1, programme.FlagNoFirstContact: 1,
		}
		rank := func(k programme.FlagKind) int {
			if g, ok := group[k]; ok {
				return g
			}
			return 2
		}
		for i := 1; i < len(r.Followups); i++ {
			a, b := r.Followups[i-1], r.Followups[i]
			ra, rb := rank(a.Flag.Kind), rank(b.Flag.Kind)
			if ra > rb {
				t.Errorf("row %d (%s) before row %d (%s): less urgent first", i, a.Flag.Kind, i+1, b.Flag.Kind)
			}
			if ra == rb && !a.Flag.Since.IsZero() && b.Flag.Since.After(a.Flag.Since) {
				t.Errorf("rows %d and %d (%s %s, %s %s): older before newer in one urgency", i, i+1, a.Flag.Kind, a.Flag.Since, b.Flag.Kind, b.Flag.Since)
			}
			if ra == rb && !a.Flag.Since.IsZero() && b.Flag.Since.IsZero() {
				t.Errorf("rows %d and %d: an undated flag after a dated one", i, i+1)
			}
		}
	}
	// The demo data's newest request for contact is first.
	r := New(ds, today)
	if k := r.Followups[0].Flag.Kind; k != programme.FlagContactRequested && k != programme.FlagConflictOfInterest {
		t.Errorf("first follow-up is %s", k)
	}
}

// A follow-up marked handled leaves the queue for the "Håndteret" list until
// its look-again date, or until the facts behind it change; status.json and
// the workbook carry the record.
func TestHandledFollowup(t *testing.T) {
	load := func() *programme.Dataset {
		ds, err := store.Load(filepath.Join("..", "..", "data"))
		if err != nil {
			t.Fatal(err)
		}
		return ds
	}
	ds := load()
	r := New(ds, today)
	var fu Followup
	for _, f := range r.Followups {
		if f.Flag.Kind == programme.FlagContactRequested {
			fu = f
		}
	}
	if fu.Key == "" {
		t.Fatal("no contact-requested follow-up in the demo data")
	}
	kind, cohort, email, ok := programme.ParseFollowupKey(fu.Key)
	if !ok || kind != fu.Flag.Kind || cohort != fu.Cohort {
		t.Fatalf("key %q does not parse back", fu.Key)
	}
	mark := func(ds *programme.Dataset) *programme.Cohort {
		for i := range ds.Cohorts {
			c := &ds.Cohorts[i]
			if c.ID == cohort {
				c.Handled = append(c.Handled, programme.HandledFor(&ds.Config, email, fu.Flag, today, "AB", "ringet op", programme.Date{}))
				return c
			}
		}
		t.Fatalf("no cohort %s", cohort)
		return nil
	}
	c := mark(ds)
	lookAgain := c.Handled[0].LookAgain
	if want := today.AddDays(7 * programme.LookAgainWeeks(&ds.Config, kind)); lookAgain != want {
		t.Errorf("look again %s, want the flag's rhythm: %s", lookAgain, want)
	}
	inQueue := func(r *Report) bool {
		for _, f := range r.Followups {
			if f.Key == fu.Key {
				return true
			}
		}
		return false
	}
	inHandled := func(r *Report) bool {
		for _, f := range r.Handled {
			if f.Key == fu.Key && f.Handled != nil && f.Handled.Action == "ringet op" {
				return true
			}
		}
		return false
	}
	// Handled: off the queue, on the handled list, in status.json and the
	// workbook; the open-flag count drops by one.
	r2 := New(ds, today)
	if inQueue(r2) || !inHandled(r2) {
		t.Errorf("handled today: in queue %v, in handled %v", inQueue(r2), inHandled(r2))
	}
	if len(r2.Followups) != len(r.Followups)-1 {
		t.Errorf("%d in the queue, want %d", len(r2.Followups), len(r.Followups)-1)
	}
	js, err := r2.JSON()
	if err != nil {
		t.Fatal(err)
	}
	want := `"handled":{"date":"` + today.String() + `","initials":"AB","action":"ringet op","look_again":"` + lookAgain.String() + `","open":false}`
	if !strings.Contains(string(js), want) {
		t.Errorf("status.json lacks %s", want)
	}
	dir := t.TempDir()
	if err := r2.WritePrivate(dir, theme()); err != nil {
		t.Fatal(err)
	}
	page, _ := os.ReadFile(filepath.Join(dir, "opfoelgning.html"))
	_, handledPart, _ := strings.Cut(string(page), `id="haandteret"`)
	if !strings.Contains(handledPart, "ringet op") || !strings.Contains(handledPart, "AB") {
		t.Errorf("the Håndteret section lacks the record")
	}
	// On the cohort page the flag is marked handled in the pairs table and
	// is not among the pairs that need attention.
	cp, _ := os.ReadFile(filepath.Join(dir, "kohorte", cohort+".html"))
	att, pairs, _ := strings.Cut(string(cp), `id="forloeb"`)
	if !strings.Contains(pairs, `class="st-flag u-high held"`) || !strings.Contains(pairs, "håndteret "+daDate(today)+" (AB), se igen "+daDate(lookAgain)) {
		t.Errorf("the cohort page does not mark the flag handled")
	}
	if strings.Contains(att, "Ønsker kontakt") {
		t.Errorf("a handled flag is among those that need attention")
	}
	// The day before the look-again date it is still handled; on the day
	// it is back in the queue, with the record noted.
	if r := New(ds, lookAgain.AddDays(-1)); inQueue(r) {
		t.Errorf("back in the queue the day before its look-again date")
	}
	r3 := New(ds, lookAgain)
	if !inQueue(r3) || inHandled(r3) {
		t.Errorf("on the look-again date: in queue %v, in handled %v", inQueue(r3), inHandled(r3))
	}
	for _, f := range r3.Followups {
		if f.Key == fu.Key && f.Handled == nil {
			t.Errorf("back in the queue without the earlier record")
		}
	}
	// New evidence: a new request for contact after the handling brings
	// the flag back at once.
	ds = load()
	c = mark(ds)
	c.Meetings = append(c.Meetings, programme.Meeting{Mentee: email, Date: today, Held: true, ContactRequested: true})
	r4 := New(ds, today)
	if !inQueue(r4) || inHandled(r4) {
		t.Errorf("after a new request: in queue %v, in handled %v", inQueue(r4), inHandled(r4))
	}
	// The queue's row notes the earlier handling, which is not the
	// record of the flag as it stands (status.json leaves it out).
	dir = t.TempDir()
	if err := r4.WritePrivate(dir, theme()); err != nil {
		t.Fatal(err)
	}
	page, _ = os.ReadFile(filepath.Join(dir, "opfoelgning.html"))
	queuePart, _, _ := strings.Cut(string(page), `id="haandteret"`)
	if want := "Håndteret " + daDate(today) + " (AB: ringet op), før der kom nyt."; !strings.Contains(queuePart, want) {
		t.Errorf("the row back with new evidence does not note the earlier handling %q", want)
	}
	if js, _ := r4.JSON(); strings.Contains(string(js), `"handled":`) {
		t.Errorf("status.json gives the earlier record as the flag's")
	}
}

// TestRetentionOverview: the overview and status.json list the people past
// privacy.retention_months, and say so when no one is or no period is set.
func TestRetentionOverview(t *testing.T) {
	ds, err := store.Load(filepath.Join("..", "..", "data"))
	if err != nil {
		t.Fatal(err)
	}
	if ds.Config.Privacy.RetentionMonths == 0 {
		t.Fatal("data/programme.yaml sets no privacy.retention_months")
	}
	index := func(r *Report) (string, string) {
		dir := filepath.Join(t.TempDir(), "private")
		if err := r.WritePrivate(dir, theme()); err != nil {
			t.Fatal(err)
		}
		html, err := os.ReadFile(filepath.Join(dir, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		js, err := os.ReadFile(filepath.Join(dir, "status.json"))
		if err != nil {
			t.Fatal(err)
		}
		return string(html), string(js)
	}
	// At the demo's date no one has passed it.
	html, js := index(New(ds, today))
	if !strings.Contains(html, "Ingen har passeret opbevaringstiden på 24 måneder") || !strings.Contains(js, `"retention_expired": []`) {
		t.Errorf("at %s: the overview does not say that no one is past the period", today)
	}
	// Later, the first courses are 24 months past their end.
	later := d("2028-02-15")
	r := New(ds, later)
	var want []programme.Expiry
	for i := range ds.Cohorts {
		want = append(want, programme.Expired(&ds.Config, &ds.Cohorts[i], later)...)
	}
	if len(want) == 0 || len(want) != len(r.Expired) {
		t.Fatalf("%d expired in the report, want %d (and some)", len(r.Expired), len(want))
	}
	html, js = index(r)
	if !strings.Contains(html, plural(len(want), "person har", "personer har")+" passeret opbevaringstiden") || !strings.Contains(html, "-purge-expired") {
		t.Errorf("the overview does not count the expired or name the command")
	}
	for _, e := range want {
		row := "<td data-label=\"Kohorte\"><a href=\"kohorte/" + e.Cohort + ".html\">" + r.CohortName(e.Cohort) + "</a></td>\n<th scope=\"row\" class=\"st-o1\">" + e.Name + "</th>"
		if !strings.Contains(html, row) {
			t.Errorf("the overview does not list %s in %s", e.Name, e.Cohort)
		}
		if !strings.Contains(js, `{"cohort":"`+e.Cohort+`","email":"`+e.Email+`","role":"`+string(e.Role)+`","basis":"`+string(e.Basis)+`","from":"`+e.From.String()+`","expires":"`+e.Expires.String()+`"}`) {
			t.Errorf("status.json does not list %s", e.Email)
		}
	}
	// No period set: the overview says so.
	ds.Config.Privacy.RetentionMonths = 0
	if html, _ := index(New(ds, later)); !strings.Contains(html, "Der er ikke sat nogen opbevaringstid") {
		t.Error("with no period set, the overview does not say so")
	}
}

// The cohort page opens with the pairs and sign-ups that need attention,
// the most urgent first, each linking to its row.
func TestCohortAttention(t *testing.T) {
	r := New(fixture(), today)
	for _, c := range r.Cohorts {
		open := 0
		for i, a := range c.Attention {
			open += len(a.Flags)
			if i > 0 && c.Attention[i-1].Urgency.Rank() > a.Urgency.Rank() {
				t.Errorf("%s: %s before the more urgent %s", c.ID, c.Attention[i-1].Who, a.Who)
			}
			if !strings.HasPrefix(a.Anchor, "par-") && !strings.HasPrefix(a.Anchor, "venter-") {
				t.Errorf("%s: anchor %q", c.ID, a.Anchor)
			}
		}
		if open != c.OpenFlags {
			t.Errorf("%s: %d flags needing attention, %d open", c.ID, open, c.OpenFlags)
		}
	}
	dir := t.TempDir()
	if err := r.WritePrivate(dir, theme()); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "kohorte", "2025-efteraar.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	att, pairs := strings.Index(page, `id="opmaerksomhed"`), strings.Index(page, `id="forloeb"`)
	if att < 0 || pairs < 0 || att > pairs {
		t.Fatalf("the attention list is not before the pairs (%d, %d)", att, pairs)
	}
	first := r.Cohorts[0].Attention[0]
	if !strings.Contains(page[att:pairs], `<a href="#`+first.Anchor+`">`+first.Who+`</a>`) || !strings.Contains(page, `<tr id="`+first.Anchor+`">`) {
		t.Errorf("the first entry does not link to its row %s", first.Anchor)
	}
}

// TestWritePrivateRestores: when the new pages cannot be renamed into
// place, WritePrivate puts the old folder back as it was, and leaves no
// folder with names beside it.
func TestWritePrivateRestores(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "private")
	r := New(fixture(), today)
	if err := r.WritePrivate(dir, theme()); err != nil {
		t.Fatal(err)
	}
	before := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			before[p] = string(b)
		}
		return err
	})
	defer func() { outdir.Hook = nil }()
	outdir.Hook = func(point, from, to string) error {
		if point == "rename" && to == dir && !strings.HasSuffix(from, ".old") {
			return errors.New("injected failure")
		}
		return nil
	}
	if err := New(fixture(), today.AddDays(30)).WritePrivate(dir, theme()); err == nil || !strings.Contains(err.Error(), "injected failure") {
		t.Fatalf("WritePrivate: %v, want the injected failure", err)
	}
	for p, want := range before {
		if b, err := os.ReadFile(p); err != nil || string(b) != want {
			t.Errorf("%s changed or is gone: %v", p, err)
		}
	}
	if es, _ := os.ReadDir(parent); len(es) != 1 {
		t.Errorf("beside private/: %d entries, want none", len(es)-1)
	}
}

// TestHandledStatusJSONGolden: status.json of the fixture with three of
// its follow-ups marked handled: the first of the queue held (its record,
// open false), the second past its look-again date (its record, open
// true), the third handled when its facts were others (no record: new
// evidence). The queue keeps the urgency order with the held flag out.
func TestHandledStatusJSONGolden(t *testing.T) {
	ds := fixture()
	r := New(ds, today)
	if len(r.Followups) < 3 {
		t.Fatalf("the fixture has %d follow-ups, want 3 or more", len(r.Followups))
	}
	for i, fu := range r.Followups[:3] {
		_, cohort, email, _ := programme.ParseFollowupKey(fu.Key)
		h := programme.HandledFor(&ds.Config, email, fu.Flag, today.AddDays(-3), "AB", "ringet op", programme.Date{})
		switch i {
		case 1:
			h.Date, h.LookAgain = today.AddDays(-30), today.AddDays(-1)
		case 2:
			h.Since = h.Since.AddDays(-7)
		}
		for j := range ds.Cohorts {
			if ds.Cohorts[j].ID == cohort {
				ds.Cohorts[j].Handled = append(ds.Cohorts[j].Handled, h)
			}
		}
	}
	r2 := New(ds, today)
	if len(r2.Followups) != len(r.Followups)-1 || len(r2.Handled) != 1 || r2.Handled[0].Key != r.Followups[0].Key {
		t.Errorf("%d in the queue and %d handled, want %d and the first", len(r2.Followups), len(r2.Handled), len(r.Followups)-1)
	}
	for i := range r2.Followups {
		if r2.Followups[i].Key != r.Followups[i+1].Key {
			t.Errorf("queue position %d: %s, want %s (the order without the held flag)", i, r2.Followups[i].Key, r.Followups[i+1].Key)
		}
	}
	js, err := r2.JSON()
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(js), `"handled":`); n != 2 {
		t.Errorf("status.json has %d handled records, want 2 (held, open again)", n)
	}
	golden(t, filepath.Join("testdata", "handled-status.golden.json"), js)
}
