package browsertest

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// sidebarJS finds the sidebar: the element the menu button controls.
const sidebarJS = `document.getElementById((document.querySelector('button[aria-controls]') || {getAttribute: () => ''}).getAttribute('aria-controls'))`

// fileTarget fails the test unless the tab shows a page of the site read
// from disk: a file:// URL naming a file (not a folder listing) with one h1.
func fileTarget(t *testing.T, ctxURL, what string, h1 int) {
	t.Helper()
	u, err := url.Parse(ctxURL)
	if err != nil || u.Scheme != "file" {
		t.Fatalf("%s: %q is not a file URL (%v)", what, ctxURL, err)
	}
	if fi, err := os.Stat(u.Path); err != nil || fi.IsDir() {
		t.Errorf("%s went to %s, which is not a file (%v): from disk a folder URL shows a folder listing", what, ctxURL, err)
	}
	if h1 != 1 {
		t.Errorf("%s: %s has %d h1 elements, want the page's one", what, ctxURL, h1)
	}
}

// TestNavigateAndSearchFromFile: the handbook read straight from disk
// (file://): a sidebar link opens its page, not a folder listing, and the
// header's search form opens the search page with results.
func TestNavigateAndSearchFromFile(t *testing.T) {
	b, s := needSite(t)
	lp := longestPage(t, s.root)
	start := filepath.Join(s.main.Public, filepath.FromSlash(lp.url), "index.html")
	if _, err := os.Stat(start); err != nil {
		t.Fatalf("content page: %v", err)
	}
	ctx, _ := open(t, b, Desktop, fileURL(start))

	// The sidebar's links, rewritten for the disk by the site's script.
	if !waitFor(t, ctx, `(() => { const n = `+sidebarJS+`; return !!n && [...n.querySelectorAll('a[href]')].length > 0 &&
		[...n.querySelectorAll('a[href]')].every(a => /\/index\.html(#.*)?$/.test(a.href)); })()`, 5*time.Second) {
		t.Fatalf("file://: the sidebar's links do not end in index.html: %v",
			eval[[]string](t, ctx, `[...(`+sidebarJS+` || document).querySelectorAll('a[href]')].map(a => a.getAttribute('href'))`))
	}
	before := eval[string](t, ctx, `location.href`)
	clickAndWait(t, ctx, `[...(`+sidebarJS+`).querySelectorAll('li a[href]')].filter(a => __bt.visible(a) && !a.hasAttribute('aria-current') &&
		a.href.split('#')[0] !== location.href.split('#')[0]).pop()`)
	if !waitFor(t, ctx, `location.href !== `+jsString(before)+` && document.readyState !== 'loading'`, 5*time.Second) {
		t.Fatalf("file://: the sidebar link did not navigate from %s", before)
	}
	got := eval[string](t, ctx, `location.href`)
	fileTarget(t, got, "file://: the sidebar link", eval[int](t, ctx, `document.querySelectorAll('h1').length`))
	t.Logf("file:// sidebar: %s -> %s", strings.TrimPrefix(before, "file://"+filepath.ToSlash(s.main.Public)), strings.TrimPrefix(got, "file://"+filepath.ToSlash(s.main.Public)))

	// The header's search form: type and submit.
	if !waitFor(t, ctx, `(() => { const f = document.querySelector('header form[role=search], header form'); return !!f && /\/index\.html$/.test(f.action); })()`, 5*time.Second) {
		t.Fatalf("file://: the header's search form does not go to an index.html: action %q",
			eval[string](t, ctx, `(document.querySelector('header form') || {}).action || ''`))
	}
	if !eval[bool](t, ctx, `(() => { const i = document.querySelector('header form input[type=search], header form input[name=q]');
		if (!i) return false; i.setAttribute('data-bt-q', ''); i.value = ''; return true; })()`) {
		t.Fatal("file://: no search field in the header's form")
	}
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("[data-bt-q]"), "møde")); err != nil {
		t.Fatalf("type in the header's search field: %v", err)
	}
	if _, err := chromedp.RunResponse(ctx, chromedp.Submit(chromedp.CSS("[data-bt-q]"))); err != nil {
		t.Fatalf("submit the header's search form: %v", err)
	}
	got = eval[string](t, ctx, `location.href`)
	u, err := url.Parse(got)
	if err != nil || u.Query().Get("q") != "møde" {
		t.Errorf("file://: the search form went to %s, want the query q=møde", got)
	}
	fileTarget(t, got, "file://: the header's search form", eval[int](t, ctx, `document.querySelectorAll('h1').length`))
	if !waitFor(t, ctx, `!!document.querySelector('#search-results a[href], main ol a[href]')`, 5*time.Second) {
		t.Fatalf("file://: the search page from the header's form shows no results (status: %q)", statusText(t, ctx))
	}
	first := eval[string](t, ctx, `document.querySelector('#search-results a[href], main ol a[href]').href`)
	fileTarget(t, first, "file://: the first search result", 1)
	t.Logf("file:// search from the header: %s; first result %s", statusText(t, ctx), strings.TrimPrefix(first, "file://"+filepath.ToSlash(s.main.Public)))
	Screenshot(t, ctx, "file-search-from-header")
}
