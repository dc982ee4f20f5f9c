package browsertest

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// result is one search hit as the page shows it.
type result struct {
	Title string `json:"title"`
	Href  string `json:"href"`
}

// searchInputJS finds the search page's field: the search input in main, or
// else the first on the page.
const searchInputJS = `(__bt.main() && __bt.main().querySelector('input[type=search]')) || document.querySelector('input[type=search]')`

// statusJS finds the element that announces the results.
const statusJS = `(__bt.main() || document).querySelector('[role=status], [aria-live=polite], [aria-live=assertive], output')`

// baseline returns the links that the search page shows with no query, so
// that the results are the links that are not among them.
func baseline(t testing.TB, ctx context.Context) []string {
	t.Helper()
	return eval[[]string](t, ctx, `[...__bt.main().querySelectorAll('a[href]')].map(a => a.href)`)
}

// results returns the visible links in main that are not in base.
func results(t testing.TB, ctx context.Context, base []string) []result {
	t.Helper()
	return eval[[]result](t, ctx, `(() => { const base = new Set(`+mustJSON(base)+`);
		return [...__bt.main().querySelectorAll('a[href]')].filter(a => !base.has(a.href) && __bt.visible(a))
			.map(a => ({title: __bt.text(a), href: a.href})); })()`)
}

// query types q into the search field (clearing it first) and waits for the
// results to settle.
func query(t testing.TB, ctx context.Context, q string, base []string, wantHits bool) []result {
	t.Helper()
	if !eval[bool](t, ctx, `(() => { const i = `+searchInputJS+`; if (!i) return false; i.setAttribute('data-bt-q', ''); i.value = ''; i.focus(); return true; })()`) {
		t.Fatalf("no search field (input[type=search]) on %s", eval[string](t, ctx, `location.href`))
	}
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("[data-bt-q]"), q)); err != nil {
		t.Fatalf("type %q: %v", q, err)
	}
	if wantHits {
		waitFor(t, ctx, `[...__bt.main().querySelectorAll('a[href]')].some(a => !new Set(`+mustJSON(base)+`).has(a.href) && __bt.visible(a))`, 5*time.Second)
	}
	time.Sleep(400 * time.Millisecond) // a debounce, then the final render
	return results(t, ctx, base)
}

func statusText(t testing.TB, ctx context.Context) string {
	t.Helper()
	return eval[string](t, ctx, `__bt.text(`+statusJS+`)`)
}

// The queries of test 4 and what their results must hold. The inflected
// forms must find the pages about the words' stems.
var searchCases = []struct {
	q    string
	desc string
	// ok judges the results.
	ok func([]result) bool
}{
	{"mødernes", "first result is a page about meetings (møde in its title or URL)", func(rs []result) bool {
		return len(rs) > 0 && (strings.Contains(strings.ToLower(rs[0].Title), "møde") || strings.Contains(rs[0].Href, "moede"))
	}},
	{"lægen", "a top-3 result has læge in its title, or is the mentor page", func(rs []result) bool {
		for i, r := range rs {
			if i == 3 {
				break
			}
			if strings.Contains(strings.ToLower(r.Title), "læge") || strings.Contains(r.Href, "mentor") {
				return true
			}
		}
		return false
	}},
	{"moede", "folding: moede finds the meeting pages", func(rs []result) bool {
		return len(rs) > 0 && (strings.Contains(strings.ToLower(rs[0].Title), "møde") || strings.Contains(rs[0].Href, "moede"))
	}},
}

// Test 4: search in Danish.
func TestSearch(t *testing.T) {
	b, s := needSite(t)
	searchPath := pagePath(t, s, searchPath)
	ctx, _ := open(t, b, Desktop, s.pub.URLOf(searchPath))
	base := baseline(t, ctx)
	for _, c := range searchCases {
		rs := query(t, ctx, c.q, base, true)
		if !c.ok(rs) {
			t.Errorf("search %q: want %s; got %d results: %v", c.q, c.desc, len(rs), head(rs, 5))
		} else {
			t.Logf("search %q: %d results, first %v", c.q, len(rs), head(rs, 3))
		}
		st := statusText(t, ctx)
		if !strings.ContainsAny(st, "123456789") {
			t.Errorf("search %q: the status element says %q, want the number of results (a [role=status] or aria-live element in main)", c.q, st)
		}
		if c.q == "mødernes" {
			if n := eval[int](t, ctx, `__bt.main().querySelectorAll('mark').length`); n == 0 {
				t.Errorf("search %q: no highlighted term (<mark>) in the results", c.q)
			}
			CheckAxe(t, ctx, b.AxeSource, "search results")
			Screenshot(t, ctx, "search-results")
		}
	}
	// Nothing found is announced too.
	if rs := query(t, ctx, "xqzjvw", base, false); len(rs) > 0 {
		t.Errorf("search %q: want no results, got %v", "xqzjvw", head(rs, 3))
	}
	if st := statusText(t, ctx); st == "" {
		t.Errorf("search with no hits: the status element is empty, want it to say so")
	}

	// A result links to the heading that answers it, names it and its page,
	// and a synonym finds it ("tavshedspligt": the text says "fortroligt").
	rs := query(t, ctx, "tavshedspligt", base, true)
	if len(rs) == 0 || !strings.HasSuffix(rs[0].Href, "/regler-og-etik/#er-det-vi-taler-om-fortroligt") {
		t.Errorf("search tavshedspligt: want the confidentiality heading of the rules page first, got %v", head(rs, 3))
	} else {
		li := `__bt.main().querySelector('#search-results li')`
		if got := eval[string](t, ctx, `__bt.text(`+li+`.querySelector('.search-section'))`); got != "Regler og etik" {
			t.Errorf("search tavshedspligt: the first result names %q, want its page Regler og etik", got)
		}
	}
	// No page holds every word: said above the results.
	if rs := query(t, ctx, "fortroligt xqzjvw", base, true); len(rs) == 0 {
		t.Errorf("search %q: want the pages with one of the words", "fortroligt xqzjvw")
	} else if st := statusText(t, ctx); !strings.Contains(st, "Ingen sider indeholder alle ordene") {
		t.Errorf("search %q: the status says %q, want that no page holds every word", "fortroligt xqzjvw", st)
	}

	// A result opens its page.
	rs = query(t, ctx, "mødernes", base, true)
	if len(rs) == 0 {
		t.Fatal("no results to open")
	}
	clickAndWait(t, ctx, `[...__bt.main().querySelectorAll('a[href]')].find(a => a.href === `+jsString(rs[0].Href)+`)`)
	if got := eval[string](t, ctx, `location.href`); strings.Split(got, "#")[0] != strings.Split(rs[0].Href, "#")[0] {
		t.Errorf("the first result went to %s, want %s", got, rs[0].Href)
	}
}

// The search page reads ?q= from its URL, on a phone too.
func TestSearchFromURL(t *testing.T) {
	b, s := needSite(t)
	searchPath := pagePath(t, s, searchPath)
	ctx, _ := open(t, b, Phone, s.pub.URLOf(searchPath))
	base := baseline(t, ctx)
	navigate(t, ctx, s.pub.URLOf(searchPath)+"?q="+url.QueryEscape("mødernes"))
	if !waitFor(t, ctx, `[...__bt.main().querySelectorAll('a[href]')].some(a => !new Set(`+mustJSON(base)+`).has(a.href) && __bt.visible(a))`, 5*time.Second) {
		t.Fatalf("%s?q=mødernes shows no results", searchPath)
	}
	if v := eval[string](t, ctx, `(`+searchInputJS+`).value`); v != "mødernes" {
		t.Errorf("?q=mødernes: the field holds %q", v)
	}
	Screenshot(t, ctx, "search-phone")
}

// Search works from disk: the index ships as a script, not only as JSON.
func TestSearchFromFile(t *testing.T) {
	b, s := needSite(t)
	searchPath := pagePath(t, s, searchPath)
	page := filepath.Join(s.main.Public, filepath.FromSlash(searchPath), "index.html")
	if _, err := os.Stat(page); err != nil {
		t.Fatalf("search page: %v", err)
	}
	ctx, _ := open(t, b, Desktop, fileURL(page))
	base := baseline(t, ctx)
	navigate(t, ctx, fileURL(page)+"?q="+url.QueryEscape("møde"))
	if !waitFor(t, ctx, `[...__bt.main().querySelectorAll('a[href]')].some(a => !new Set(`+mustJSON(base)+`).has(a.href) && __bt.visible(a))`, 5*time.Second) {
		t.Fatalf("file://…/%sindex.html?q=møde shows no results (status: %q)", searchPath, statusText(t, ctx))
	}
	rs := results(t, ctx, base)
	t.Logf("file:// search: %d results, first %v", len(rs), head(rs, 3))
	// From disk, a result must lead to a file, not to a folder listing.
	u, err := url.Parse(rs[0].Href)
	if err != nil || u.Scheme != "file" {
		t.Fatalf("file:// result link %q is not a file URL (%v)", rs[0].Href, err)
	}
	if fi, err := os.Stat(u.Path); err != nil || fi.IsDir() {
		t.Errorf("file:// result link %s does not name a file (%v); from disk it must end in index.html", rs[0].Href, err)
	}
}

// head returns the first n results.
func head(rs []result, n int) []result {
	return rs[:min(n, len(rs))]
}
