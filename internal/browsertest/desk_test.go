package browsertest

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"

	"github.com/laegeforeningen/mentorprogram/internal/programme"
)

var deskShot = flag.Bool("desk-screenshot", false, "write the desk's screenshot for the README to docs/skrivebord.png")

// Tablet is a tablet held upright.
var Tablet = Viewport{Name: "tablet", Width: 768, Height: 1024, Scale: 2, Mobile: true}

// TestDesk drives the secretariat's desk end to end in Chromium: start it
// on a free port with a new register, upload the example spreadsheets
// through the file input, see the checked report, download the rejects
// workbook, save, see the status pages appear, the history and the public
// figures; axe-core on every page, on a laptop and a tablet; no request
// leaves the desk and nothing breaks its Content-Security-Policy.
func TestDesk(t *testing.T) {
	b := needBrowser(t)
	root, err := RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	s, data, base := startDesk(t)

	ctx, rec := open(t, b, Desktop, s.URL())
	if u := eval[string](t, ctx, `location.href`); u != base+"/indlaes" {
		t.Fatalf("after the token URL: %s, want %s/indlaes", u, base)
	}
	CheckAxe(t, ctx, b.AxeSource, "desk: Indlæs, empty")
	// Files dropped on the drop zone go into the file input.
	if !eval[bool](t, ctx, `(() => {
		const dt = new DataTransfer();
		dt.items.add(new File(['Navn;E-mail'], 'trukket.csv', {type: 'text/csv'}));
		document.getElementById('drop').dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));
		const ok = document.getElementById('files').files.length === 1 && document.getElementById('chosen').textContent.includes('trukket.csv');
		document.getElementById('files').value = '';
		return ok;
	})()`) {
		t.Error("a file dropped on the drop zone is not in the file input")
	}

	// Status before anything is saved.
	navigate(t, ctx, base+"/status/")
	if !strings.Contains(eval[string](t, ctx, `document.querySelector('main').textContent`), "ingen statussider endnu") {
		t.Error("/status/ before a save: want the empty page")
	}
	navigate(t, ctx, base+"/indlaes")

	var files []string
	for _, f := range []string{"tilmeldinger.csv", "moedelog.xlsx", "evaluering.csv", "med-fejl.csv"} {
		files = append(files, filepath.Join(root, "examples", f))
	}
	if err := chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.CSS("#files"), files)); err != nil {
		t.Fatal(err)
	}
	if got := eval[string](t, ctx, `document.getElementById('chosen').textContent`); !strings.Contains(got, "med-fejl.csv") {
		t.Errorf("the chosen files are not named: %q", got)
	}
	clickAndWait(t, ctx, `document.querySelector('form.dk-upload button[type=submit]')`)
	if !waitFor(t, ctx, `document.getElementById('rapport')`, tabLeft(ctx)) {
		t.Fatalf("no report after the upload: %s\n%s", eval[string](t, ctx, `location.href`), eval[string](t, ctx, `document.body.textContent.slice(0, 600)`))
	}
	report := eval[string](t, ctx, `document.querySelector('.dk-report').textContent`)
	for _, want := range []string{"tilmeldinger.csv", "moedelog.xlsx", "evaluering.csv", "med-fejl.csv", "Mødedato", "ikke en gyldig dato", "Referat", "Prøvekørsel: intet er gemt"} {
		if !strings.Contains(report, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	rows := eval[[]string](t, ctx, `[...document.querySelectorAll('.dk-files tbody tr')].map(r => [...r.cells].map(c => c.textContent.trim()).join('|'))`)
	if len(rows) != 4 || !strings.HasPrefix(rows[3], "med-fejl.csv|mødelog|7|1|6|") {
		t.Errorf("the files table: %q, want med-fejl.csv with 7 read, 1 accepted, 6 rejected", rows)
	}
	// A first import: the cohorts the files would create, in their box
	// above the files table; none looks like a misspelling of another.
	if got := eval[string](t, ctx, `(() => {
		const box = document.getElementById('nye-kohorter'), table = document.querySelector('.dk-files');
		if (!box || !table || box.getBoundingClientRect().height === 0 || !(box.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING)) return '';
		return box.textContent;
	})()`); !strings.Contains(got, "Nye kohorter: »Gem« opretter dem") || !strings.Contains(got, `kohorten "2025 Efterår" (2025-efteraar) er ny: 22 tilmeldinger opretter den`) ||
		!strings.Contains(got, `kohorten "2026 Forår" (2026-foraar) er ny: 21 tilmeldinger opretter den`) || eval[bool](t, ctx, `!!document.getElementById('stavning')`) {
		t.Errorf("the new cohorts above the files table: %q", got)
	}
	CheckAxe(t, ctx, b.AxeSource, "desk: Indlæs, report")
	if *deskShot {
		navigate(t, ctx, base+"/indlaes") // the top of the page, not the report's anchor
		buf, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, "docs", "skrivebord.png"), buf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	Screenshot(t, ctx, "desk-report")
	// The rejects workbook, downloaded by clicking its link.
	dl := t.TempDir()
	allowDownloads(t, ctx, dl)
	click(t, ctx, `document.querySelector('a[href^="/afvist/"]')`)
	got := waitFile(ctx, filepath.Join(dl, "med-fejl.afvist.xlsx"))
	if len(got) < 1000 || !strings.HasPrefix(string(got), "PK") {
		t.Errorf("the rejects workbook was not downloaded as an xlsx (%d bytes)", len(got))
	}
	if _, err := os.Stat(filepath.Join(data, "cohorts")); err == nil {
		t.Error("the check wrote cohorts")
	}

	// Save.
	clickAndWait(t, ctx, `[...document.querySelectorAll('button')].find(b => b.textContent.trim() === 'Gem')`)
	if !strings.Contains(eval[string](t, ctx, `document.querySelector('main').textContent`), "Gemt i registeret") {
		t.Fatal("no saved notice")
	}
	if _, err := os.Stat(filepath.Join(data, "cohorts", "2026-foraar.yaml")); err != nil {
		t.Errorf("after Gem: %v", err)
	}

	// The rest in a new tab (each tab has TabTimeout for its work), with
	// the download folder set again.
	ctx, rec2 := open(t, b, Desktop, s.URL())
	recs := []*Recorder{rec, rec2}
	allowDownloads(t, ctx, dl)

	// The status pages now exist, with the cohorts and the follow-ups.
	clickAndWait(t, ctx, `document.querySelector('.st-nav a[href="/status/"]')`)
	if h1 := eval[string](t, ctx, `document.querySelector('h1').textContent`); h1 != "Status for mentorprogrammet" {
		t.Errorf("status h1 = %q", h1)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('a[href^="kohorte/"]').length`); n < 2 {
		t.Errorf("the overview links %d cohorts, want 2", n)
	}
	clickAndWait(t, ctx, `document.querySelector('a[href="opfoelgning.html"]')`)
	if !strings.Contains(eval[string](t, ctx, `location.pathname`), "/status/opfoelgning.html") {
		t.Error("the follow-up page is not served under /status/")
	}
	CheckAxe(t, ctx, b.AxeSource, "desk: status follow-up")

	// A follow-up marked handled: the status page's workbook downloaded,
	// a row filled in as the secretariat would in Excel, dropped on the
	// desk again and saved; the flag moves to "Håndteret". In a tab of
	// its own: with the axe checks before it, a loaded machine (CI with a
	// cold build cache) ran the second tab past TabTimeout.
	ctx, rec2b := open(t, b, Desktop, base+"/status/opfoelgning.html")
	recs = append(recs, rec2b)
	allowDownloads(t, ctx, dl)
	if before := eval[string](t, ctx, `(document.body.innerHTML.split('id="haandteret"')[1] || '')`); strings.Contains(before, "ringet op") {
		t.Fatal("a follow-up is handled before any was marked")
	}
	navigate(t, ctx, base+"/status/")
	click(t, ctx, `document.querySelector('a[href="opfoelgning.xlsx"]')`)
	xlsx := waitFile(ctx, filepath.Join(dl, "opfoelgning.xlsx"))
	marked := markFirstHandled(t, xlsx)
	navigate(t, ctx, base+"/indlaes")
	if err := chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.CSS("#files"), []string{marked})); err != nil {
		t.Fatal(err)
	}
	clickAndWait(t, ctx, `document.querySelector('form.dk-upload button[type=submit]')`)
	if rows := eval[[]string](t, ctx, `[...document.querySelectorAll('.dk-files tbody tr')].map(r => [...r.cells].map(c => c.textContent.trim()).join('|'))`); len(rows) != 1 || !strings.Contains(rows[0], "|opfølgning|") {
		t.Fatalf("the marked workbook's report: %q, want one file of kind opfølgning", rows)
	}
	clickAndWait(t, ctx, `[...document.querySelectorAll('button')].find(b => b.textContent.trim() === 'Gem')`)
	navigate(t, ctx, base+"/status/opfoelgning.html")
	handledPart := `(document.body.innerHTML.split('id="haandteret"')[1] || '')`
	if handled := eval[string](t, ctx, handledPart); !strings.Contains(handled, "ringet op") || !strings.Contains(handled, "AB") {
		t.Error("the follow-up marked handled is not under Håndteret")
	}

	// A follow-up marked handled with its button on the desk's
	// Opfølgning page: from here in a third tab, so that no tab's work
	// nears TabTimeout on a loaded machine.
	ctx, rec3 := open(t, b, Desktop, base+"/status/opfoelgning.html")
	recs = append(recs, rec3)
	clickAndWait(t, ctx, `document.querySelector('.dk-back a[href="/opfoelgning"]')`)
	CheckAxe(t, ctx, b.AxeSource, "desk: Opfølgning")
	before := eval[int](t, ctx, `document.querySelectorAll('.dk-followup').length`)
	if before == 0 {
		t.Fatal("no follow-ups on the desk's Opfølgning page")
	}
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS(".dk-followup input[name=initialer]"), "CD"),
		chromedp.SendKeys(chromedp.CSS(".dk-followup input[name=handling]"), "skrevet en mail")); err != nil {
		t.Fatal(err)
	}
	clickAndWait(t, ctx, `document.querySelector('.dk-followup button')`)
	if msg := eval[string](t, ctx, `(document.querySelector('.dk-flash') || {}).textContent || ''`); !strings.Contains(msg, "Markeret håndteret") {
		t.Errorf("after the button: %q, want Markeret håndteret", msg)
	}
	if after := eval[int](t, ctx, `document.querySelectorAll('.dk-followup').length`); after != before-1 {
		t.Errorf("follow-ups: %d after marking one handled, want %d", after, before-1)
	}
	navigate(t, ctx, base+"/status/opfoelgning.html")
	if handled := eval[string](t, ctx, handledPart); !strings.Contains(handled, "skrevet en mail") {
		t.Error("the follow-up marked with the button is not under Håndteret")
	}

	// A suggested pair accepted with its button on the desk's Match page.
	navigate(t, ctx, base+"/match")
	CheckAxe(t, ctx, b.AxeSource, "desk: Match")
	if n := eval[int](t, ctx, `document.querySelectorAll('form[action="/accepter"]').length`); n > 0 {
		clickAndWait(t, ctx, `document.querySelector('form[action="/accepter"] button')`)
		if msg := eval[string](t, ctx, `(document.querySelector('.dk-flash') || {}).textContent || ''`); !strings.Contains(msg, "Parret er matchet") {
			t.Errorf("after Acceptér: %q, want Parret er matchet", msg)
		}
	}

	// History and the public figures.
	navigate(t, ctx, base+"/historik")
	if n := eval[int](t, ctx, `document.querySelectorAll('.dk-history tbody tr').length`); n < 6 {
		t.Errorf("the history shows %d rows, want at least the three saves' 6 files", n)
	}
	CheckAxe(t, ctx, b.AxeSource, "desk: Historik")
	navigate(t, ctx, base+"/udgiv")
	clickAndWait(t, ctx, `document.querySelector('main form button')`)
	if !waitFor(t, ctx, `document.querySelector('a[href="/udgiv/programmet-i-tal.json"]')`, tabLeft(ctx)) {
		t.Fatal("no link to the public figures after Udgiv")
	}
	CheckAxe(t, ctx, b.AxeSource, "desk: Udgiv tal")

	for _, rec := range recs {
		if bad := offServer(rec.Requests(), base+"/"); len(bad) > 0 {
			t.Errorf("requests outside the desk: %v", bad)
		}
		for _, e := range rec.Errors() {
			if strings.Contains(e, "Content Security Policy") || strings.Contains(e, "Content-Security-Policy") {
				t.Errorf("CSP: %s", e)
			}
		}
	}

	// A tablet and a phone: the report's tables become cards, axe passes.
	for _, vp := range []Viewport{Tablet, Phone} {
		tctx := b.Tab(t, vp)
		if err := chromedp.Do(tctx, chromedp.Navigate(s.URL())); err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{"indlaes", "status/", "opfoelgning", "match", "historik", "udgiv"} {
			navigate(t, tctx, base+"/"+p)
			CheckAxe(t, tctx, b.AxeSource, "desk: "+p+" at "+vp.Name)
			if w := eval[int](t, tctx, `document.documentElement.scrollWidth`); w > int(vp.Width) {
				t.Errorf("%s %s: the page is %d px wide, wider than the screen", p, vp.Name, w)
			}
			Screenshot(t, tctx, "desk-"+strings.TrimSuffix(p, "/")+"-"+vp.Name)
		}
	}
}

// allowDownloads makes the tab ctx save downloads into dl.
func allowDownloads(t testing.TB, ctx context.Context, dl string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dl})
		return err
	})); err != nil {
		t.Fatal(err)
	}
}

// tabLeft is the time the tab ctx has left (TabTimeout from its opening):
// a wait on a condition lasts as long as the tab may, not a guess that a
// loaded machine overruns.
func tabLeft(ctx context.Context) time.Duration {
	if end, ok := ctx.Deadline(); ok {
		return time.Until(end)
	}
	return TabTimeout
}

// waitFile returns the file at path once a download has put it there (the
// browser renames a finished download into place), or nil when the tab's
// time runs out first.
func waitFile(ctx context.Context, path string) []byte {
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		if b, err := os.ReadFile(path); err == nil && len(b) > 0 {
			return b
		}
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		}
	}
}

// markFirstHandled writes the follow-up workbook src with its first row
// marked handled (date, initials, action) into a temporary file, as the
// secretariat does in Excel, and returns its path.
func markFirstHandled(t *testing.T, src []byte) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(src))
	if err != nil {
		t.Fatalf("opfoelgning.xlsx: %v", err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	rows, err := f.GetRows(sheet)
	if err != nil || len(rows) < 2 {
		t.Fatalf("opfoelgning.xlsx: %d rows, %v", len(rows), err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i + 1
	}
	set := func(header string, v any) {
		if col[header] == 0 {
			t.Fatalf("opfoelgning.xlsx has no column %q", header)
		}
		cell, _ := excelize.CoordinatesToCellName(col[header], 2)
		if err := f.SetCellValue(sheet, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	day, _ := time.Parse(time.DateOnly, "2026-11-22")
	set(programme.ColumnHandledDate, day)
	set(programme.ColumnInitials, "AB")
	set(programme.ColumnAction, "ringet op")
	path := filepath.Join(t.TempDir(), "opfoelgning.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}
