package browsertest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/laegeforeningen/mentorprogram/internal/ingest"
	"github.com/laegeforeningen/mentorprogram/internal/testkit"
)

// TestDeskNewCohortTypo: a sign-up sheet whose cohort is a misspelling of
// one in the register ("Forar 2026" beside "Forår 2026") is checked on
// the desk: the warning box, »Tjek stavningen, før du gemmer«, is on the
// first screen of the report, before the table of files, and a line just
// above »Gem« links to it; axe passes on a laptop and a phone.
func TestDeskNewCohortTypo(t *testing.T) {
	b := needBrowser(t)
	s, data, base := startDesk(t)
	today := deskToday
	// The register already has "Forår 2026" (the desk made programme.yaml).
	dir := t.TempDir()
	write := func(name string, lines ...string) string { return testkit.WriteLines(t, dir, name, lines...) }
	head := "Navn;E-mail;Rolle;Kohorte"
	if _, err := ingest.Run([]string{write("start.csv", head, "Mona Mentor;mona@example.org;Mentor;Forår 2026")}, ingest.Options{Data: data, Today: today, Rejects: dir}); err != nil {
		t.Fatal(err)
	}
	sheet := write("tilmeldinger.csv", head,
		"Anne Andersen;anne@example.org;Mentor;Forar 2026",
		"Bo Berg;bo@example.org;Mentor;Forår 2026",
		"Dorte Dahl;dorte@example.org;Mentor;Forår 2027")
	ctx, _ := open(t, b, Desktop, s.URL())
	if err := chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.CSS("#files"), []string{sheet})); err != nil {
		t.Fatal(err)
	}
	clickAndWait(t, ctx, `document.querySelector('form.dk-upload button[type=submit]')`)
	if !waitFor(t, ctx, `document.getElementById('stavning')`, tabLeft(ctx)) {
		t.Fatalf("no spelling check after the upload:\n%s", eval[string](t, ctx, `document.body.textContent.slice(0, 2000)`))
	}
	// The page opens at the report (#rapport): the warning is on screen.
	box := eval[string](t, ctx, `(() => {
		const box = document.getElementById('stavning'), r = box.getBoundingClientRect();
		if (r.height === 0 || r.top < 0 || r.top >= innerHeight) return 'not on screen: top ' + r.top;
		if (!(box.compareDocumentPosition(document.querySelector('.dk-files')) & Node.DOCUMENT_POSITION_FOLLOWING)) return 'after the files table';
		return box.textContent;
	})()`)
	for _, want := range []string{"Tjek stavningen, før du gemmer: en ny kohorte ligner en anden",
		`tilmeldinger.csv, række 2: kohorten "Forar 2026" (forar-2026) er ny: 1 tilmelding opretter den; den ligner "Forår 2026" (foraar-2026), som findes i forvejen: er navnet stavet forkert, så ret kohorten i arket, og indlæs det igen, før du gemmer`} {
		if !strings.Contains(box, want) {
			t.Errorf("the spelling check: %q, want %q", box, want)
		}
	}
	if got := eval[string](t, ctx, `document.getElementById('nye-kohorter').textContent`); !strings.Contains(got, `kohorten "Forår 2027" (foraar-2027) er ny`) || strings.Contains(got, "Forar") {
		t.Errorf("the other new cohort's box: %q", got)
	}
	// The line above Gem links to the box.
	click(t, ctx, `document.querySelector('.dk-report a[href="#stavning"]')`)
	if top := eval[float64](t, ctx, `document.getElementById('stavning').getBoundingClientRect().top`); top < 0 || top >= float64(Desktop.Height)-100 {
		t.Errorf("the link above Gem leaves the box at %v px, off screen", top)
	}
	CheckAxe(t, ctx, b.AxeSource, "desk: Indlæs, a misspelt cohort")
	Screenshot(t, ctx, "desk-new-cohort-typo")

	pctx := b.Tab(t, Phone)
	if err := chromedp.Do(pctx, chromedp.Navigate(s.URL())); err != nil {
		t.Fatal(err)
	}
	navigate(t, pctx, base+"/indlaes#rapport")
	CheckAxe(t, pctx, b.AxeSource, "desk: Indlæs, a misspelt cohort, phone")
	if w := eval[int](t, pctx, `document.documentElement.scrollWidth`); w > int(Phone.Width) {
		t.Errorf("the page is %d px wide on a phone", w)
	}
	Screenshot(t, pctx, "desk-new-cohort-typo-phone")
	if _, err := os.Stat(filepath.Join(data, "cohorts", "forar-2026.yaml")); err == nil {
		t.Error("the check saved the misspelt cohort")
	}
}
