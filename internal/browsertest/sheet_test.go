package browsertest

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

var pdfPage = regexp.MustCompile(`/Type\s*/Page[^s]`)

// TestSheetsFitOnePage prints every printable sheet (layout: sheet) of both
// languages to PDF the way a browser's print dialog does, on A4 with the
// stylesheet's own page size and margins, and checks that each fits one page.
func TestSheetsFitOnePage(t *testing.T) {
	b, s := needSite(t)
	var sheets []string
	err := filepath.WalkDir(s.main.Public, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() != "index.html" {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if bytes.Contains(src, []byte(`<body class="layout-sheet"`)) {
			rel, _ := filepath.Rel(s.main.Public, filepath.Dir(p))
			sheets = append(sheets, filepath.ToSlash(rel)+"/")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(sheets) < 6 {
		t.Fatalf("found %d printable sheets (%v), want the three sheets in both languages", len(sheets), sheets)
	}
	for _, url := range sheets {
		t.Run(strings.Trim(url, "/"), func(t *testing.T) {
			ctx, _ := open(t, b, Desktop, s.pub.URL+"/"+url)
			pdf := printPDF(t, ctx, url)
			if n := len(pdfPage.FindAll(pdf, -1)); n != 1 {
				t.Errorf("%s prints on %d A4 pages, want 1 (PDF: %s)", url, n, keepPDF(t, url, pdf))
			}
			// Not a nearly empty page.
			pages, err := PDFPages(pdf)
			if err != nil {
				t.Fatal(err)
			}
			if len(pages) > 0 && pages[0].Fill < nearlyEmpty {
				t.Errorf("%s: the sheet's text ends %.0f%% down the page, a nearly empty page (PDF: %s)",
					url, 100*pages[0].Fill, keepPDF(t, url, pdf))
			}
			// Fields for names and date, and the programme's name.
			if n := eval[int](t, ctx, `document.querySelectorAll('main .sheet-fields p').length`); n < 2 {
				t.Errorf("%s: %d fields to fill in, want names and date", url, n)
			}
			if !eval[bool](t, ctx, `/Mentorprogram|Mentoring Programme/.test(__bt.text(document.querySelector('main .sheet-programme')))`) {
				t.Errorf("%s: the programme's name is not on the sheet", url)
			}
		})
	}
}

// printPDF prints the tab's page to PDF as a browser's print dialog does,
// on A4 with the stylesheet's own page size and margins.
func printPDF(t testing.TB, ctx context.Context, what string) []byte {
	t.Helper()
	var pdf []byte
	yes := true
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tgt *chromedp.Target) error {
		res, err := cdp.Call(ctx, tgt, page.PrintToPDF, page.PrintToPDFParams{
			PaperWidth: 8.27, PaperHeight: 11.69, PreferCSSPageSize: &yes, PrintBackground: &yes,
		})
		if err == nil {
			pdf = res.Data
		}
		return err
	}))
	if err != nil {
		t.Fatalf("print %s: %v", what, err)
	}
	return pdf
}

// keepPDF saves pdf beside the screenshots, for a look, and returns its name.
func keepPDF(t testing.TB, url string, pdf []byte) string {
	name := filepath.Join(os.TempDir(), screenName("print", url)+".pdf")
	if dir, err := ScreensDir(); err == nil {
		name = filepath.Join(dir, screenName("print", url)+".pdf")
	}
	_ = os.WriteFile(name, pdf, 0o644)
	return name
}

// nearlyEmpty is the share of a page's height above which its text must
// reach: a third of the page.
const nearlyEmpty = 1.0 / 3

// TestPrintPagePDF prints the whole handbook in both languages: a new page
// begins before each top-level part and nowhere else, no page is nearly
// empty except the last of a part, the table of contents prints, and the
// "Programmet i tal" tables and the timeline print whole.
func TestPrintPagePDF(t *testing.T) {
	b, s := needSite(t)
	for _, url := range []string{"da/udskriv/", "en/print/"} {
		t.Run(strings.Trim(url, "/"), func(t *testing.T) {
			ctx, _ := open(t, b, Desktop, s.pub.URL+"/"+url)
			tops := eval[int](t, ctx, `document.querySelectorAll('main .print-part.print-top').length`)
			sheets := eval[int](t, ctx, `document.querySelectorAll('main .print-part.print-sheet').length`)
			if sheets < 3 {
				t.Fatalf("%s: %d sheets marked (print-sheet), want the three", url, sheets)
			}
			parts := eval[int](t, ctx, `document.querySelectorAll('main .print-part').length`)
			if tops < 8 || tops >= parts {
				t.Fatalf("%s: %d top-level parts of %d, want the top level marked (print-top)", url, tops, parts)
			}
			pdf := printPDF(t, ctx, url)
			pages, err := PDFPages(pdf)
			if err != nil {
				t.Fatal(err)
			}
			if n := len(pdfPage.FindAll(pdf, -1)); n != len(pages) {
				t.Fatalf("%s: read %d of %d pages", url, len(pages), n)
			}
			// A top-level part's or a sheet's title (1.6rem of 11pt: 23.5
			// px) opens a page; a sheet has that page to itself, so the
			// page after it opens with a title too (or there is none).
			starts := 0
			for i, p := range pages {
				if p.FirstSize >= 23 && i > 0 {
					starts++
				}
			}
			if starts != tops+sheets {
				t.Errorf("%s: %d pages open with a top-level part's or a sheet's title, want %d (%d parts, %d sheets; PDF: %s)", url, starts, tops+sheets, tops, sheets, keepPDF(t, url, pdf))
			}
			// The pages that open with a title, in order, are the parts
			// and sheets in order: a sheet's page is followed by another
			// that opens with a title, or by none.
			isSheet := eval[[]bool](t, ctx, `[...document.querySelectorAll('main .print-part')].filter(p => p.matches('.print-top, .print-sheet')).map(p => p.matches('.print-sheet'))`)
			k := 0
			for i, p := range pages {
				if p.FirstSize < 23 || i == 0 {
					continue
				}
				if k < len(isSheet) && isSheet[k] && i+1 < len(pages) && pages[i+1].FirstSize < 23 {
					t.Errorf("%s: the sheet on page %d runs onto page %d (PDF: %s)", url, i+1, i+2, keepPDF(t, url, pdf))
				}
				k++
			}
			for i, p := range pages {
				last := i+1 == len(pages) || pages[i+1].FirstSize >= 23
				if p.Fill < nearlyEmpty && !last {
					t.Errorf("%s: page %d of %d is nearly empty (text ends %.0f%% down) and is not the last of a part (PDF: %s)",
						url, i+1, len(pages), 100*p.Fill, keepPDF(t, url, pdf))
				}
			}
			t.Logf("%s: %d A4 pages, %d top-level parts", url, len(pages), tops)
			if err := chromedp.Do(ctx, EmulateMedia("print", nil)); err != nil {
				t.Fatal(err)
			}
			got := eval[map[string]any](t, ctx, `(() => {
			  const toc = document.querySelector('main .print-toc');
			  const tables = [...document.querySelectorAll('main .print-part .numbers table')];
			  const m = document.querySelector('main').getBoundingClientRect().left;
			  const circles = [...document.querySelectorAll('main .timeline > li')].map(li => li.getBoundingClientRect().left + parseFloat(getComputedStyle(li, '::before').left));
			  return {toc: __bt.visible(toc) && toc.querySelectorAll('a[href^="#"]').length, tables: tables.filter(t => __bt.visible(t)).length,
			    cut: circles.filter(x => x < m - 0.5).length, circles: circles.length,
			    loose: [...document.querySelectorAll('main .write-lines')].filter(w => getComputedStyle(w).breakInside !== 'avoid' ||
			      (w.previousElementSibling && w.previousElementSibling.matches('p') && getComputedStyle(w.previousElementSibling).breakAfter !== 'avoid') ||
			      (w.nextElementSibling && w.nextElementSibling.matches('.sheet-fields') && getComputedStyle(w.nextElementSibling).breakBefore !== 'avoid')).length,
			    spaces: document.querySelectorAll('main .write-lines').length}; })()`)
			if got["toc"].(float64) < float64(parts) {
				t.Errorf("%s: the table of contents prints with %v links, want one per part (%d)", url, got["toc"], parts)
			}
			if got["tables"].(float64) == 0 {
				t.Errorf("%s: no tables of the programme in numbers print", url)
			}
			// A sheet's writing space keeps its label before it and the
			// fields after it (the next meeting's date) on its page.
			if got["spaces"].(float64) == 0 || got["loose"].(float64) > 0 {
				t.Errorf("%s: %v of %v writing spaces may be cut or parted from their label or the fields after them", url, got["loose"], got["spaces"])
			}
			if got["circles"].(float64) == 0 || got["cut"].(float64) > 0 {
				t.Errorf("%s: %v of %v timeline numbers start left of the page's text", url, got["cut"], got["circles"])
			}
		})
	}
}
