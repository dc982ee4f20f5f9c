package desk

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/laegeforeningen/mentorprogram/internal/testkit"
	"github.com/xuri/excelize/v2"
)

// TestNewCohortsShown: the check of a sign-up sheet whose cohort is a
// misspelling of one in the register shows, above the report and before
// »Gem«, that the new cohort looks like the existing one and what to do;
// a new cohort that is no misspelling is listed apart; neither is repeated
// under Bemærkninger. After »Gem«, the page says which file to delete.
func TestNewCohortsShown(t *testing.T) {
	s, data := start(t, nil)
	c := login(t, s)
	csrf := c.csrf()
	dir := t.TempDir()
	write := func(name string, lines ...string) string { return testkit.WriteLines(t, dir, name, lines...) }
	head := "Navn;E-mail;Rolle;Kohorte"
	save := func(page string) {
		t.Helper()
		id := regexp.MustCompile(`name="check" value="([0-9a-f]+)"`).FindStringSubmatch(page)
		if id == nil {
			t.Fatal("no Gem form")
		}
		if code := c.post("/gem", c.base, url.Values{"csrf": {csrf}, "check": {id[1]}}); code != http.StatusSeeOther {
			t.Fatalf("gem: %d", code)
		}
	}
	if code := c.upload(csrf, c.base, write("start.csv", head, "Mona Mentor;mona@example.org;Mentor;Forår 2026")); code != http.StatusSeeOther {
		t.Fatalf("upload: %d", code)
	}
	_, page, _ := c.get("/indlaes")
	if !strings.Contains(html.UnescapeString(page), `Ny kohorte: »Gem« opretter den`) || strings.Contains(page, "Tjek stavningen") {
		t.Errorf("a first import: want the new cohort listed, no spelling check:\n%s", page)
	}
	save(page)

	if code := c.upload(csrf, c.base, write("tilmeldinger.csv", head,
		"Anne Andersen;anne@example.org;Mentor;Forar 2026",
		"Dorte Dahl;dorte@example.org;Mentor;Forår 2027")); code != http.StatusSeeOther {
		t.Fatalf("upload: %d", code)
	}
	_, page, _ = c.get("/indlaes")
	text := html.UnescapeString(page)
	typo := `tilmeldinger.csv, række 2: kohorten "Forar 2026" (forar-2026) er ny: 1 tilmelding opretter den; den ligner "Forår 2026" (foraar-2026), som findes i forvejen: er navnet stavet forkert, så ret kohorten i arket, og indlæs det igen, før du gemmer`
	plain := `tilmeldinger.csv, række 3: kohorten "Forår 2027" (foraar-2027) er ny: 1 tilmelding opretter den`
	spelling := strings.Index(text, "Tjek stavningen, før du gemmer: en ny kohorte ligner en anden")
	news := strings.Index(text, "Ny kohorte: »Gem« opretter den")
	files := strings.Index(text, "Pr. fil: slags og rækker")
	gem := strings.Index(text, `action="/gem"`)
	if spelling < 0 || news < spelling || files < news || gem < files {
		t.Errorf("want the spelling check, then the new cohorts, then the files, then Gem; at %d, %d, %d, %d:\n%s", spelling, news, files, gem, text)
	}
	if strings.Count(text, typo) != 1 || strings.Index(text, typo) > news || strings.Count(text, plain+"<") != 1 || strings.Index(text, plain) < news {
		t.Errorf("each note once, in its box:\n%s", text)
	}
	if i := strings.Index(text, `<a href="#stavning">En ny kohorte ligner en anden</a>`); i < files || i > gem {
		t.Errorf("no pointer to the spelling check just above Gem:\n%s", text)
	}
	if strings.Contains(text, `id="bemaerkninger"`) {
		t.Error("the new-cohort notes are repeated under Bemærkninger")
	}
	if !strings.Contains(text, `class="callout callout-warning dk-cohorts" id="stavning"`) {
		t.Error("the spelling check does not stand out as a warning")
	}
	save(page)
	_, page, _ = c.get("/indlaes")
	text = html.UnescapeString(page)
	if !strings.Contains(text, "Gemt i registeret") || !strings.Contains(text, "Tjek stavningen: en ny kohorte ligner en anden") ||
		!strings.Contains(text, "så slet "+filepath.ToSlash(filepath.Join(data, "cohorts", "forar-2026.yaml"))) || !strings.Contains(text, "Ny kohorte, oprettet nu") {
		t.Errorf("after Gem:\n%s", text)
	}
	if _, err := os.Stat(filepath.Join(data, "cohorts", "forar-2026.yaml")); err != nil {
		t.Errorf("Gem saves the misspelt cohort as checked: %v", err)
	}
}

// TestNotesNameTheSheet: in a workbook of several sheets, a note under
// Bemærkninger (here that a sign-up renames a cohort) names the sheet of
// its row, as the boxes of new cohorts do: "række 2" alone could be on
// either sheet.
func TestNotesNameTheSheet(t *testing.T) {
	s, _ := start(t, nil)
	c := login(t, s)
	csrf := c.csrf()
	dir := t.TempDir()
	start := filepath.Join(dir, "start.csv")
	if err := os.WriteFile(start, []byte("Navn;E-mail;Rolle;Kohorte\nMona Mentor;mona@example.org;Mentor;Forår 2026\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code := c.upload(csrf, c.base, start); code != http.StatusSeeOther {
		t.Fatalf("upload: %d", code)
	}
	_, page, _ := c.get("/indlaes")
	id := regexp.MustCompile(`name="check" value="([0-9a-f]+)"`).FindStringSubmatch(page)
	if id == nil {
		t.Fatal("no Gem form")
	}
	if code := c.post("/gem", c.base, url.Values{"csrf": {csrf}, "check": {id[1]}}); code != http.StatusSeeOther {
		t.Fatalf("gem: %d", code)
	}
	wb := excelize.NewFile()
	wb.SetSheetName("Sheet1", "Januar")
	if _, err := wb.NewSheet("Februar"); err != nil {
		t.Fatal(err)
	}
	for sheet, rows := range map[string][][]any{
		"Januar":  {{"Navn", "E-mail", "Rolle", "Kohorte"}, {"Anne Andersen", "anne@example.org", "Mentor", "Forår 2027"}},
		"Februar": {{"Navn", "E-mail", "Rolle", "Kohorte"}, {"Bo Berg", "bo@example.org", "Mentor", "FORÅR 2026"}},
	} {
		for i, row := range rows {
			if err := wb.SetSheetRow(sheet, fmt.Sprintf("A%d", i+1), &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	book := filepath.Join(dir, "tilmeldinger.xlsx")
	if err := wb.SaveAs(book); err != nil {
		t.Fatal(err)
	}
	if code := c.upload(csrf, c.base, book); code != http.StatusSeeOther {
		t.Fatalf("upload: %d", code)
	}
	_, page, _ = c.get("/indlaes")
	text := html.UnescapeString(page)
	want := `<li>tilmeldinger.xlsx, ark »Februar«, række 2: kohorten "Forår 2026" (foraar-2026) får navnet "FORÅR 2026"`
	if i := strings.Index(text, `id="bemaerkninger"`); i < 0 || !strings.Contains(text[i:], want) {
		t.Errorf("want under Bemærkninger %s:\n%s", want, text)
	}
}
