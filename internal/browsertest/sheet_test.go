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
				t.Fatalf("print %s: %v", url, err)
			}
			if n := len(pdfPage.FindAll(pdf, -1)); n != 1 {
				name := filepath.Join(t.TempDir(), "sheet.pdf")
				if dir, err := ScreensDir(); err == nil {
					name = filepath.Join(dir, screenName("sheet", url)+".pdf")
				}
				_ = os.WriteFile(name, pdf, 0o644)
				t.Errorf("%s prints on %d A4 pages, want 1 (PDF: %s)", url, n, name)
			}
		})
	}
}
