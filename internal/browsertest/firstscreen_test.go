package browsertest

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// TallPhone is the phone of issue 13's first screen: 375 × 812.
var TallPhone = Viewport{Name: "phone-812", Width: 375, Height: 812, Scale: 2, Mobile: true}

// clsProbe sums the page's layout shifts not caused by input, from the
// start of the document (the Layout Instability API, as Lighthouse's
// cumulative layout shift counts them within one session).
const clsProbe = `window.__cls = 0;
new PerformanceObserver(l => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; })
  .observe({type: 'layout-shift', buffered: true});`

// headerRowsJS counts the rows of the header's visible items: items
// whose vertical extents overlap share a row.
const headerRowsJS = `(() => {
  const rows = [];
  for (const el of document.querySelector('.site-header-inner').children) {
    if (!__bt.visible(el)) continue;
    const r = el.getBoundingClientRect();
    const row = rows.find(w => r.top < w.bottom && r.bottom > w.top);
    if (row) { row.top = Math.min(row.top, r.top); row.bottom = Math.max(row.bottom, r.bottom); }
    else rows.push({top: r.top, bottom: r.bottom});
  }
  return rows.length; })()`

// The first screen on a phone: entry points for the two roles in view
// without scrolling, a header of at most two rows, and no layout shift
// while the page loads.
func TestFirstScreen(t *testing.T) {
	b, s := needSite(t)
	// The site's script arrives late, as on a slow phone network, so that
	// the page is drawn before it runs: what the script changes then would
	// move the page (Lighthouse measured 0.51 on the start page so).
	files := http.FileServer(http.Dir(s.main.Public))
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.URL.Path, "/assets/site.") && strings.HasSuffix(r.URL.Path, ".js") {
			time.Sleep(700 * time.Millisecond)
		}
		files.ServeHTTP(w, r)
	}))
	defer slow.Close()
	for _, c := range []struct {
		path  string
		roles []string
	}{
		{"da/", []string{"Jeg er mentee", "Jeg er mentor"}},
		{"en/", []string{"I’m a mentee", "I’m a mentor"}},
		{"da/forloeb/afklaringsmoedet/", nil},
		{"en/course/clarification-meeting/", nil},
		{"da/skabeloner/dagsorden/", nil},
		{"da/soeg/", nil},
	} {
		ctx := b.Tab(t, TallPhone)
		if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: clsProbe}); err != nil {
			t.Fatal(err)
		}
		navigate(t, ctx, slow.URL+"/"+c.path)
		time.Sleep(1500 * time.Millisecond) // let the page settle: shifts come in the first frames
		cls := eval[float64](t, ctx, `window.__cls`)
		if cls >= 0.1 {
			t.Errorf("%s: cumulative layout shift %.3f at 375×812, want < 0.1", c.path, cls)
		}
		if rows := eval[int](t, ctx, headerRowsJS); rows > 2 {
			t.Errorf("%s: the header takes %d rows at 375 px, want at most 2: %v", c.path, rows,
				eval[[]string](t, ctx, `[...document.querySelector('.site-header-inner').children].filter(e => __bt.visible(e)).map(e => { const r = e.getBoundingClientRect(); return e.className + ' ' + Math.round(r.left) + ',' + Math.round(r.top) + ' ' + Math.round(r.width) + 'x' + Math.round(r.height); })`))
		}
		for _, role := range c.roles {
			got := eval[map[string]any](t, ctx, `(() => { const a = [...__bt.main().querySelectorAll('a')].find(a => __bt.text(a) === `+jsString(role)+`);
				if (!a) return {found: false};
				const r = a.getBoundingClientRect();
				return {found: true, visible: __bt.visible(a), bottom: r.bottom, height: innerHeight}; })()`)
			switch {
			case got["found"] != true:
				t.Errorf("%s: no link %q", c.path, role)
			case got["visible"] != true || got["bottom"].(float64) > got["height"].(float64):
				t.Errorf("%s: the link %q ends at %v px, below the first screen (%v px)", c.path, role, got["bottom"], got["height"])
			}
		}
		t.Logf("%s: CLS %.4f, header rows %d", c.path, cls, eval[int](t, ctx, headerRowsJS))
		if c.path == "da/" {
			Screenshot(t, ctx, "first-screen-da")
		}
	}
}

// Heading links show on hover or focus only, and never stand alone on a
// line: they end the heading's last line.
func TestHeadingAnchors(t *testing.T) {
	b, s := needSite(t)
	ctx, _ := open(t, b, Narrow, s.pub.URLOf("da/faq/"))
	got := eval[map[string]any](t, ctx, `(() => {
	  const as = [...document.querySelectorAll('main .heading-anchor')];
	  let alone = [];
	  for (const a of as) {
	    const h = a.parentElement, text = h.firstChild;
	    const range = document.createRange();
	    range.setStart(text, Math.max(0, text.textContent.trimEnd().length - 1));
	    range.setEnd(text, text.textContent.trimEnd().length);
	    const last = range.getClientRects(), r = a.getBoundingClientRect();
	    if (!last.length || Math.abs(last[last.length - 1].top - r.top) > r.height) alone.push(__bt.text(h));
	  }
	  return {n: as.length, alone, shown: as.filter(a => getComputedStyle(a).opacity !== '0').length}; })()`)
	if got["n"].(float64) == 0 {
		t.Fatal("no heading links on the FAQ page")
	}
	if alone := got["alone"].([]any); len(alone) > 0 {
		t.Errorf("heading links on a line of their own at 320 px: %v", alone)
	}
	if got["shown"].(float64) != 0 {
		t.Errorf("%v heading links are shown without hover or focus", got["shown"])
	}
	if op := eval[string](t, ctx, `(() => { const a = document.querySelector('main .heading-anchor'); a.focus(); return getComputedStyle(a).opacity; })()`); op != "1" {
		t.Errorf("a focused heading link has opacity %s, want 1", op)
	}
}

// The 404 page has the real sidebar, and every page's footer links to the
// contact page.
func Test404AndFooter(t *testing.T) {
	b, s := needSite(t)
	ctx := b.Tab(t, Desktop)
	// 404.html as a server sends it for any missing path.
	navigate(t, ctx, s.pub.URLOf("404.html"))
	if n := eval[int](t, ctx, `[...document.querySelectorAll('#site-nav a[href^="/da/"]')].length`); n < 8 {
		t.Errorf("404: the sidebar has %d links into the handbook, want the real sidebar", n)
	}
	for _, path := range []string{"404.html", "da/", "en/mentee/", "da/skabeloner/dagsorden/"} {
		if path != "404.html" {
			navigate(t, ctx, s.pub.URLOf(path))
		}
		if !eval[bool](t, ctx, `[...document.querySelectorAll('footer a')].some(a => /\/(kontakt|contact)\/(index\.html)?$/.test(a.href) && __bt.visible(a))`) {
			t.Errorf("%s: no link to the contact page in the footer", path)
		}
	}
}

// Without JavaScript the contact page shows how to reach the secretariat,
// and the search page says that search needs JavaScript.
func TestWithoutJavaScript(t *testing.T) {
	b, s := needSite(t)
	ctx := b.Tab(t, Phone)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	navigate(t, ctx, s.pub.URLOf("da/kontakt/"))
	text := eval[string](t, ctx, `__bt.text(__bt.main())`)
	if !strings.Contains(text, "@") || !strings.Contains(text, "Hvornår skal jeg skrive?") {
		t.Errorf("contact page without JavaScript: %q, want the secretariat's address and when to write", snippet(text, 200))
	}
	navigate(t, ctx, s.pub.URLOf("da/soeg/"))
	text = eval[string](t, ctx, `__bt.text(__bt.main())`)
	if !strings.Contains(text, "Søgningen kræver JavaScript") {
		t.Errorf("search page without JavaScript: %q, want it to say that search needs JavaScript", snippet(text, 200))
	}
	// The sidebar stays open without the script (no menu button to open it).
	if !eval[bool](t, ctx, `getComputedStyle(document.getElementById('site-nav')).display !== 'none'`) {
		t.Error("without JavaScript the phone sidebar is hidden, with no way to open it")
	}
}
