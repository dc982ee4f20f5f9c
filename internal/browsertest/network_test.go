package browsertest

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// Test 9: the pages load nothing from elsewhere, and nothing they ask for is
// missing.
func TestNoExternalRequests(t *testing.T) {
	b, s := needSite(t)
	s.pub.Missing()
	searchPath := pagePath(t, s, searchPath)
	long := longestPage(t, s.root)
	for _, path := range []string{startPath, long.url, searchPath} {
		t.Run(strings.Trim(path, "/"), func(t *testing.T) {
			ctx, rec := open(t, b, Desktop, s.pub.URLOf(path))
			if path == searchPath {
				query(t, ctx, "mødernes", baseline(t, ctx), true)
			}
			time.Sleep(200 * time.Millisecond)
			reqs := rec.Requests()
			if len(reqs) == 0 {
				t.Fatal("no requests recorded")
			}
			if bad := offServer(reqs, s.pub.URL+"/"); len(bad) > 0 {
				t.Errorf("%s: requests off the test server: %v", path, bad)
			}
			if miss := s.pub.Missing(); len(miss) > 0 {
				t.Errorf("%s: requests for missing files: %v", path, miss)
			}
			for _, e := range rec.Errors() {
				t.Errorf("%s: console: %s", path, e)
			}
		})
	}
}

// cspProbe records the page's securitypolicyviolation events from before its
// first script runs.
const cspProbe = `window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sourceFile || '') + ':' + e.lineNumber));`

// openCSP opens url with the CSP probe installed.
func openCSP(t *testing.T, b *Browser, url string) (context.Context, *Recorder) {
	t.Helper()
	ctx := b.Tab(t, Desktop)
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: cspProbe}); err != nil {
		t.Fatal(err)
	}
	rec, err := Record(ctx)
	if err != nil {
		t.Fatal(err)
	}
	navigate(t, ctx, url)
	return ctx, rec
}

// cspViolations returns the violations seen by the probe and the console.
func cspViolations(t *testing.T, ctx context.Context, rec *Recorder) []string {
	t.Helper()
	out := eval[[]string](t, ctx, `window.__csp || ['probe missing']`)
	for _, e := range rec.Errors() {
		if strings.Contains(e, "Content Security Policy") || strings.Contains(e, "Content-Security-Policy") {
			out = append(out, e)
		}
	}
	return out
}

// Test 10: the site works under the strict Content-Security-Policy.
func TestStrictCSP(t *testing.T) {
	b, s := needSite(t)
	searchPath, printPath := pagePath(t, s, searchPath), pagePath(t, s, printPath)
	long := longestPage(t, s.root)
	for _, path := range []string{startPath, long.url, searchPath, printPath} {
		t.Run(strings.Trim(path, "/"), func(t *testing.T) {
			ctx, rec := openCSP(t, b, s.csp.URLOf(path))
			if path == searchPath {
				rs := query(t, ctx, "mødernes", baseline(t, ctx), true)
				if len(rs) == 0 {
					t.Errorf("search under CSP: no results for mødernes")
				}
			}
			time.Sleep(200 * time.Millisecond)
			if v := cspViolations(t, ctx, rec); len(v) > 0 {
				t.Errorf("%s under %q: %d CSP violations:\n  %s", path, StrictCSP, len(v), strings.Join(v, "\n  "))
			}
			for _, e := range rec.Exceptions() {
				t.Errorf("%s under CSP: exception: %s", path, e)
			}
		})
	}
}

// The handbook served under a subpath: styles, links and search stay there.
func TestSubpath(t *testing.T) {
	b, s := needSite(t)
	searchPath := pagePath(t, s, searchPath)
	s.subPub.Missing()
	ctx, rec := open(t, b, Desktop, s.subPub.URLOf(startPath))
	if n := eval[int](t, ctx, `[...document.styleSheets].filter(x => { try { return x.cssRules.length > 0; } catch (e) { return false; } }).length`); n == 0 {
		t.Errorf("/mentor/da/: no stylesheet applied")
	}
	if bad := offServer(rec.Requests(), s.subPub.URL+"/mentor/"); len(bad) > 0 {
		t.Errorf("/mentor/da/: requests outside /mentor/: %v", bad)
	}
	if out := eval[[]string](t, ctx, `[...document.querySelectorAll('a[href]')].map(a => a.href)
		.filter(h => h.startsWith(location.origin) && !h.startsWith(location.origin + '/mentor/'))`); len(out) > 0 {
		t.Errorf("/mentor/da/: links outside /mentor/: %v", out)
	}
	if miss := s.subPub.Missing(); len(miss) > 0 {
		t.Errorf("/mentor/da/: requests for missing files: %v", miss)
	}
	Screenshot(t, ctx, "subpath-start")

	navigate(t, ctx, s.subPub.URLOf(searchPath))
	base := baseline(t, ctx)
	rs := query(t, ctx, "mødernes", base, true)
	if len(rs) == 0 {
		t.Fatalf("/mentor/%s: no results for mødernes", searchPath)
	}
	for _, r := range rs {
		u, err := url.Parse(r.Href)
		if err != nil || !strings.HasPrefix(u.Path, "/mentor/") {
			t.Errorf("/mentor/%s: result %q links to %s, outside /mentor/", searchPath, r.Title, r.Href)
		}
	}
	clickAndWait(t, ctx, `[...__bt.main().querySelectorAll('a[href]')].find(a => a.href === `+jsString(rs[0].Href)+`)`)
	if n := eval[int](t, ctx, `document.querySelectorAll('h1').length`); n != 1 {
		t.Errorf("/mentor/: the first result's page has %d h1", n)
	}
	if miss := s.subPub.Missing(); len(miss) > 0 {
		t.Errorf("/mentor/: requests for missing files: %v", miss)
	}
}
