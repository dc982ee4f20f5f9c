package ingest

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"github.com/laegeforeningen/mentorprogram/internal/programme"
	"github.com/laegeforeningen/mentorprogram/internal/sheet"
)

// Issue 9, item 11: durations written in words and with Danish units are
// read, not rejected.
func TestDurationWords(t *testing.T) {
	data := newData(t)
	run(t, data, Options{}, file(t, "t.csv", baseSignups...))
	want := map[string]int{"en time": 60, "halvanden time": 90, "1 t": 60, "1,5 t": 90, "90 min.": 90, "2 timer": 120, "45 minutter": 45, "1½ time": 90, "tre kvarter": 45}
	lines := []string{"Mentee;Mødedato;Varighed"}
	day := 2
	dates := map[string]int{}
	for in := range want {
		lines = append(lines, "mads@example.org;"+strconv.Itoa(day)+"-03-2026;"+in)
		dates[in] = day
		day++
	}
	res := run(t, data, Options{}, file(t, "m.csv", lines...))
	if len(res.Report.Problems) != 0 {
		t.Fatalf("problems: %+v", res.Report.Problems)
	}
	c := cohort(t, res.Dataset, "foraar-2026")
	got := map[int]int{}
	for _, m := range c.Meetings {
		got[m.Date.Time().Day()] = m.Minutes
	}
	for in, min := range want {
		if got[dates[in]] != min {
			t.Errorf("%q: %d minutes stored, want %d", in, got[dates[in]], min)
		}
	}
}

// Issue 9, item 6: names, workplaces and e-mail addresses are NFC on
// reading, so an NFD "Århus Universitetshospital" (as macOS writes it) is
// the same workplace as the NFC one.
func TestUnicodeNFC(t *testing.T) {
	nfdAarhus := "A\u030arhus Universitetshospital"
	if nfdAarhus == "Århus Universitetshospital" || norm.NFC.String(nfdAarhus) != "Århus Universitetshospital" {
		t.Fatal("the test's NFD text is not NFD")
	}
	data := newData(t)
	res := run(t, data, Options{}, file(t, "t.csv",
		signupHeader,
		"01-02-2026 10:00;Mona Mentor;mona@example.org;Mentor;Forår 2026;Århus Universitetshospital;;;;",
		"02-02-2026 11:00;A\u030ase Ha\u030ansen;a\u030ase@example.org;mentee;Forår 2026;"+nfdAarhus+";mona@example.org;01-03-2026;;",
	))
	if len(res.Report.Problems) != 0 {
		t.Fatalf("problems: %+v", res.Report.Problems)
	}
	c := cohort(t, res.Dataset, "foraar-2026")
	var mentee programme.Participant
	for _, p := range c.Participants {
		if p.Role == programme.Mentee {
			mentee = p
		}
	}
	if mentee.Email != "åse@example.org" || mentee.Name != "Åse Hånsen" || mentee.Workplace != "Århus Universitetshospital" {
		t.Errorf("stored %q %q %q, want NFC", mentee.Email, mentee.Name, mentee.Workplace)
	}
	if len(c.Pairs) != 1 || c.Pairs[0].Mentee != "åse@example.org" {
		t.Fatalf("pairs %+v", c.Pairs)
	}
	// The same workplace, whichever way it was written: the flag's check.
	if !programme.SameWorkplace(c.Participants[0].Workplace, c.Participants[1].Workplace) {
		t.Errorf("%q and %q are not the same workplace", c.Participants[0].Workplace, c.Participants[1].Workplace)
	}
	// A meeting log that writes the address NFC finds the NFD sign-up.
	res = run(t, data, Options{}, file(t, "m.csv", "Mentee;Mødedato", "åse@example.org;10-03-2026"))
	if len(res.Report.Problems) != 0 || res.Report.Files[0].Added != 1 {
		t.Errorf("the NFC address does not find the NFD sign-up: %+v %+v", res.Report.Problems, res.Report.Files[0])
	}
}

// Issue 9, item 6: invisible characters in an e-mail address (zero-width
// space, direction marks, soft hyphen, byte order mark, word joiner) are
// removed and the report says so; a space inside one, also a
// non-breaking one, is rejected with the reason.
func TestInvisibleInEmail(t *testing.T) {
	data := newData(t)
	res := run(t, data, Options{}, file(t, "t.csv",
		signupHeader,
		"01-02-2026 10:00;Mona Mentor;\ufeffmona\u2060@example.org;Mentor;Forår 2026;Klinik A;;;;",
		"02-02-2026 11:00;Mads Mentee;ma\u00adds\u200b@exam\u200eple.org\u200f;mentee;Forår 2026;Klinik B;mo\u200dna@example.org;01-03-2026;;",
		"02-02-2026 11:00;Nina Nbsp;nina\u00a0n@example.org;mentee;Forår 2026;Klinik B;;;;",
		"02-02-2026 11:00;Ole Ombrudt;\u202aole@example.org\u202c;mentee;Forår 2026;Klinik\u00ad C;;;;",
	))
	c := cohort(t, res.Dataset, "foraar-2026")
	got := map[string]string{}
	for _, p := range c.Participants {
		got[p.Email] = p.Workplace
	}
	for _, e := range []string{"mona@example.org", "mads@example.org", "ole@example.org"} {
		if _, ok := got[e]; !ok {
			t.Errorf("%s not stored; stored %q", e, got)
		}
	}
	if len(got) != 3 || got["ole@example.org"] != "Klinik C" {
		t.Errorf("stored %q", got)
	}
	if len(c.Pairs) != 1 || c.Pairs[0].Mentor != "mona@example.org" || c.Pairs[0].Mentee != "mads@example.org" {
		t.Errorf("pairs %+v", c.Pairs)
	}
	for _, p := range c.Participants {
		for _, s := range []string{p.Email, p.Name, p.Workplace} {
			if strings.IndexFunc(s, programme.IsInvisible) >= 0 {
				t.Errorf("invisible character stored in %q", s)
			}
		}
	}
	if len(res.Report.Problems) != 1 || res.Report.Problems[0].Row != 4 || !strings.Contains(res.Report.Problems[0].Message, "mellemrum") || !strings.Contains(res.Report.Problems[0].Message, `\u00a0`) {
		t.Errorf("the non-breaking space is not rejected with its reason: %+v", res.Report.Problems)
	}
	var note *Note
	for i, n := range res.Report.Notes {
		if n.Code == CodeInvisibleRemoved {
			note = &res.Report.Notes[i]
		}
	}
	if note == nil || !strings.Contains(note.Message, "rækkerne 2, 3 og 5") {
		t.Errorf("no note of the removed characters: %+v", res.Report.Notes)
	}
}

// TestMailtoAnyCase: an address a sign-up sheet writes with "mailto:" in
// any case (Mailto:, MAILTO:, as a link copied from an e-mail program
// writes it) is read as the address, in the E-mail, Matchet med and Undgå
// columns and in a meeting log, as "mailto:" always was; it was rejected
// as no address unless the prefix was all lower or all upper case.
func TestMailtoAnyCase(t *testing.T) {
	for _, prefix := range []string{"mailto:", "MAILTO:", "Mailto:", "MailTo:", "mAILTO:", " Mailto: "} {
		t.Run(prefix, func(t *testing.T) {
			data := newData(t)
			res := run(t, data, Options{}, file(t, "t.csv",
				"Tidsstempel;Navn;E-mail;Rolle;Kohorte;Matchet med;Matchdato;Undgå",
				"01-02-2026 10:00;Mona Mentor;"+prefix+"Mona@example.org;Mentor;Forår 2026;;;",
				"01-02-2026 10:00;Ole Other;ole@example.org;Mentor;Forår 2026;;;",
				"02-02-2026 11:00;Mads Mentee;"+prefix+"mads@example.org;mentee;Forår 2026;"+prefix+"mona@example.org;01-03-2026;"+prefix+"Ole@example.org",
			))
			if len(res.Report.Problems) != 0 {
				t.Fatalf("problems: %+v", res.Report.Problems)
			}
			c := cohort(t, res.Dataset, "foraar-2026")
			var got []string
			for _, p := range c.Participants {
				got = append(got, p.Email)
			}
			if strings.Join(got, " ") != "mads@example.org mona@example.org ole@example.org" {
				t.Errorf("participants %q", got)
			}
			if len(c.Pairs) != 1 || c.Pairs[0].Mentee != "mads@example.org" || c.Pairs[0].Mentor != "mona@example.org" {
				t.Errorf("pairs %+v", c.Pairs)
			}
			if len(c.Participants[0].Avoid) != 1 || c.Participants[0].Avoid[0] != "ole@example.org" {
				t.Errorf("avoid %q", c.Participants[0].Avoid)
			}
			res = run(t, data, Options{}, file(t, "m.csv", "Mentee;Mødedato", prefix+"MADS@example.org;10-03-2026"))
			if len(res.Report.Problems) != 0 || res.Report.Files[0].Added != 1 {
				t.Errorf("meeting log: %+v %+v", res.Report.Problems, res.Report.Files[0])
			}
		})
	}
}

// TestEmailMessageSpace: an address with a space inside (also one that
// cannot be seen) is rejected, and the message says so.
func TestEmailMessageSpace(t *testing.T) {
	for _, in := range []string{"anna\u00a0b@example.org", "anna\u2003b@example.org", "anna@exa mple.org"} {
		if got, ok := programme.NormEmail(in); ok {
			t.Errorf("NormEmail(%q) = %q, want rejected", in, got)
		}
		if m := emailMessage(in, ""); !strings.Contains(m, "mellemrum") {
			t.Errorf("emailMessage(%q) = %q", in, m)
		}
	}
}

// Issue 9, item 8: a file whose slash dates include one that can only be
// month first (3/14/2026) does not have its other slash dates read day
// first without a word: those that could be either are rejected, with a
// message that suggests -date-order mdy. With -date-order mdy the file
// reads whole.
func TestUSDatesWithoutDateOrder(t *testing.T) {
	data := newData(t)
	run(t, data, Options{}, file(t, "t.csv", baseSignups...))
	log := file(t, "m.csv",
		"Mentee;Mødedato;Varighed",
		"mads@example.org;3/4/2026;60",
		"mads@example.org;3/14/2026;60",
		"mads@example.org;3/3/2026;60",
		"mads@example.org;20-03-2026;60",
	)
	res := run(t, data, Options{DryRun: true}, log)
	probs := map[int]string{}
	for _, p := range res.Report.Problems {
		probs[p.Row] = p.Message
	}
	if len(probs) != 2 || !strings.Contains(probs[2], "-date-order mdy") || !strings.Contains(probs[2], "04-03-2026") || !strings.Contains(probs[2], "03-04-2026") || !strings.Contains(probs[2], "række 3") {
		t.Errorf("3/4/2026 is not rejected with its reason: %v", probs)
	}
	if !strings.Contains(probs[3], "-date-order mdy") {
		t.Errorf("3/14/2026 is rejected without suggesting -date-order mdy: %q", probs[3])
	}
	if f := res.Report.Files[0]; f.Accepted != 2 || f.Rejected != 2 {
		t.Errorf("report %+v", f)
	}

	res = run(t, data, Options{DateOrder: sheet.MonthFirst}, log)
	if len(res.Report.Problems) != 0 {
		t.Fatalf("with -date-order mdy: %+v", res.Report.Problems)
	}
	var days []string
	for _, m := range cohort(t, res.Dataset, "foraar-2026").Meetings {
		days = append(days, m.Date.String())
	}
	if strings.Join(days, " ") != "2026-03-03 2026-03-04 2026-03-14 2026-03-20" {
		t.Errorf("meetings on %v", days)
	}
}

// The other way round: with -date-order mdy, a file whose slash dates can
// only be day first (14/3/2026) has its ambiguous ones rejected too; and a
// file that writes slash dates both ways has its ambiguous ones rejected
// whatever the order.
func TestDateOrderAgainstFile(t *testing.T) {
	data := newData(t)
	run(t, data, Options{}, file(t, "t.csv", baseSignups...))
	res := run(t, data, Options{DryRun: true, DateOrder: sheet.MonthFirst}, file(t, "m.csv",
		"Mentee;Mødedato",
		"mads@example.org;14/3/2026",
		"mads@example.org;4/3/2026",
	))
	if len(res.Report.Problems) != 2 || !strings.Contains(res.Report.Problems[1].Message, "uden -date-order mdy") {
		t.Errorf("problems %+v", res.Report.Problems)
	}
	for _, order := range []sheet.DateOrder{sheet.DayFirst, sheet.MonthFirst} {
		res := run(t, data, Options{DryRun: true, DateOrder: order}, file(t, "m.csv",
			"Mentee;Mødedato",
			"mads@example.org;14/3/2026",
			"mads@example.org;3/15/2026",
			"mads@example.org;4/3/2026",
		))
		var msg string
		for _, p := range res.Report.Problems {
			if p.Row == 4 {
				msg = p.Message
			}
		}
		if !strings.Contains(msg, "begge måder") {
			t.Errorf("order %v: the ambiguous date in a mixed file: %+v", order, res.Report.Problems)
		}
	}
}

// Issue 9, item 7: a workbook with several visible sheets that fit has
// every one read, each reported as its own entry (also in JSON); a visible
// sheet that does not fit is named; the rejected rows of each sheet go to
// a sheet of the same name in one rejects workbook, which reads back.
func TestSeveralSheets(t *testing.T) {
	x := excelize.NewFile()
	x.SetSheetName("Sheet1", "Tilmeldinger")
	for i, line := range baseSignups {
		cells := []any{}
		for _, c := range strings.Split(line, ";") {
			cells = append(cells, c)
		}
		x.SetSheetRow("Tilmeldinger", "A"+strconv.Itoa(i+1), &cells)
	}
	x.NewSheet("Marts")
	x.SetSheetRow("Marts", "A1", &[]any{"Mentee e-mail", "Mødedato", "Varighed", "Referat"})
	x.SetSheetRow("Marts", "A2", &[]any{"mads@example.org", "02-03-2026", "60"})
	x.SetSheetRow("Marts", "A3", &[]any{"mads@example.org", "09-03-2026", "lang tid"})
	x.NewSheet("Noter")
	x.SetSheetRow("Noter", "A1", &[]any{"Husk at ringe til Mads"})
	x.NewSheet("Tom")
	x.NewSheet("April")
	x.SetSheetRow("April", "A1", &[]any{"Mentee e-mail", "Mødedato", "Noter"})
	x.SetSheetRow("April", "A2", &[]any{"mads@example.org", "06-04-2026"})
	x.SetSheetRow("April", "A3", &[]any{"ukendt@example.org", "07-04-2026"})
	path := filepath.Join(t.TempDir(), "alt.xlsx")
	if err := x.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	x.Close()

	data := newData(t)
	rejects := t.TempDir()
	res := run(t, data, Options{Rejects: rejects}, path)
	var sheets []string
	for _, f := range res.Report.Files {
		sheets = append(sheets, fmt.Sprintf("%s %s %d/%d", f.Sheet, f.Kind, f.Accepted, f.Rejected))
	}
	if strings.Join(sheets, ", ") != "Tilmeldinger signups 2/0, Marts meetings 1/1, April meetings 1/1" {
		t.Errorf("files reported: %q", sheets)
	}
	c := cohort(t, res.Dataset, "foraar-2026")
	if len(c.Meetings) != 2 {
		t.Errorf("meetings %+v", c.Meetings)
	}
	var notes []string
	for _, n := range res.Report.Notes {
		if n.Code == sheet.WarnSheetNotRead {
			notes = append(notes, n.Sheet)
		}
	}
	if strings.Join(notes, ",") != "Noter" {
		t.Errorf("the sheet that does not fit is not named: %+v", res.Report.Notes)
	}
	var js strings.Builder
	if err := res.Report.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"sheet": "Marts"`, `"sheet": "April"`, `"sheet": "Tilmeldinger"`, `"code": "sheet-not-read"`} {
		if !strings.Contains(js.String(), want) {
			t.Errorf("the JSON report lacks %s", want)
		}
	}
	var text strings.Builder
	res.Report.WriteText(&text)
	// Each line names its sheet (once): the content columns dropped.
	for _, want := range []string{`(ark "Marts")`, `(ark "April")`, `alt.xlsx: arket "Noter" er ikke læst`,
		`alt.xlsx: ark "Marts", kolonne D "Referat": mødeindhold`, `alt.xlsx: ark "April", kolonne C "Noter": mødeindhold`} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("the report lacks %s:\n%s", want, text.String())
		}
	}

	// One rejects workbook, a sheet for each sheet with rejected rows.
	rej := res.Report.Files[1].Rejects
	if rej == "" || res.Report.Files[2].Rejects != rej {
		t.Fatalf("rejects %q and %q", rej, res.Report.Files[2].Rejects)
	}
	rx, err := excelize.OpenFile(rej)
	if err != nil {
		t.Fatal(err)
	}
	names := rx.GetSheetList()
	rx.Close()
	if strings.Join(names, ",") != "Marts,April" {
		t.Errorf("rejects sheets %q", names)
	}
	// Corrected, it reads back whole.
	rx, _ = excelize.OpenFile(rej)
	rx.SetCellStr("Marts", "C2", "45 min")
	rx.SetCellStr("April", "A2", "mads@example.org")
	rx.Save()
	rx.Close()
	res = run(t, data, Options{Rejects: rejects}, rej)
	if len(res.Report.Files) != 2 || res.Report.Rejected() != 0 || len(cohort(t, res.Dataset, "foraar-2026").Meetings) != 4 {
		t.Errorf("the corrected rejects workbook: %+v %+v", res.Report.Files, res.Report.Problems)
	}
}

// FuzzCleanASCII: clean's and programme.NormEmail's shortcut for ASCII text gives
// what the full normalisation gives.
func FuzzCleanASCII(f *testing.F) {
	for _, s := range []string{" Møde ", "anna@example.org", " ANNA@Example.org\t", "a\u200b@b.dk", "x\xffy", "\u00a0", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := clean(s), strings.TrimSpace(norm.NFC.String(strings.ToValidUTF8(s, "\uFFFD"))); got != want {
			t.Fatalf("clean(%q) = %q, want %q", s, got, want)
		}
		full, _ := programme.StripInvisible(norm.NFC.String(s))
		if isASCII(s) && full != s {
			t.Fatalf("%q is ASCII but NFC and StripInvisible make it %q", s, full)
		}
	})
}
