package status

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/laegeforeningen/mentorprogram/internal/match"
	"github.com/laegeforeningen/mentorprogram/internal/store"
)

// The demo's matching suggestions on matchforslag.html, in
// matchforslag.xlsx and linked from the overview and the cohort page.
func TestProposalPages(t *testing.T) {
	ds, err := store.Load(filepath.Join("..", "..", "data"))
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "private")
	if err := New(ds, today).WritePrivate(dir, theme()); err != nil {
		t.Fatal(err)
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	page := read("matchforslag.html")
	for _, want := range []string{
		"<h1>Forslag til match</h1>",
		`<h2 id="kohorte-2026-foraar">Kohorte 2026 Forår</h2>`,
		"Johanne Jævnsides", "Åge Ærøsen", "<li>samme speciale som ønsket: almen medicin (10 point)</li>",
		"<li>Ulla Udtænkt (15 point)</li>",
		"Vibeke Vikar", "1 har bedt om ikke at blive matchet med mentoren",
		"Samme region, eller begge vil gerne mødes online: 4 point.",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("matchforslag.html lacks %q", want)
		}
	}
	if !strings.Contains(read("index.html"), `<a href="matchforslag.html">Forslag til match</a>: 2 mentees venter på en mentor, 2 forslag`) {
		t.Errorf("the overview does not link the suggestions with the number waiting")
	}
	if !strings.Contains(read("kohorte/2026-foraar.html"), `<a href="../matchforslag.html#kohorte-2026-foraar">Forslag til match</a>`) {
		t.Errorf("the cohort page does not link its suggestions")
	}
	f, err := excelize.OpenFile(filepath.Join(dir, "matchforslag.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rows[0], match.Header) || len(rows) != 3 {
		t.Fatalf("matchforslag.xlsx rows %q", rows)
	}
	first := rows[1]
	if first[0] != "2026 Forår" || first[2] != "johanne.jaevnsides@example.org" || first[4] != "aage.aeroesen@example.com" || first[5] != "31" ||
		!strings.Contains(first[6], "samme speciale som ønsket: almen medicin (10 point)") || first[7] != "Ulla Udtænkt (15 point)" || len(first) > 8 {
		t.Errorf("first suggestion row %q", first)
	}
	dvs, err := f.GetDataValidations(sheet)
	if err != nil || len(dvs) != 1 || dvs[0].Sqref != "I2:I3" || !strings.Contains(dvs[0].Formula1, "ja,nej") {
		t.Errorf("Accepter's drop-down: %+v, %v", dvs, err)
	}
}
