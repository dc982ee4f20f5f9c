package browsertest

import (
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// lib is a few DOM helpers, defined in the page before an expression runs.
const lib = `window.__bt = window.__bt || {
  visible(el) {
    if (!el) return false;
    for (let e = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden' || s.visibility === 'collapse' || e.hidden) return false;
      if (s.opacity === '0') return false;
    }
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  },
  onScreen(el) {
    if (!__bt.visible(el)) return false;
    const r = el.getBoundingClientRect();
    return r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight + scrollY + document.documentElement.scrollHeight;
  },
  inViewportX(el) {
    const r = el.getBoundingClientRect();
    return r.right > 0 && r.left < innerWidth;
  },
  text(el) { return (el && (el.innerText || el.textContent) || '').replace(/\s+/g, ' ').trim(); },
  desc(el) { return el ? el.outerHTML.slice(0, 160) : 'null'; },
  main() { return document.querySelector('main, [role=main]'); },
};
`

// eval evaluates expr in the tab after lib and fails the test on an error.
func eval[T any](t testing.TB, ctx context.Context, expr string) T {
	t.Helper()
	v, err := JS[T](ctx, lib+expr)
	if err != nil {
		t.Fatalf("evaluate %s: %v", snippet(expr, 120), err)
	}
	return v
}

// waitFor waits up to d for expr (after lib) to be truthy, and reports
// whether it became so.
func waitFor(t testing.TB, ctx context.Context, expr string, d time.Duration) bool {
	t.Helper()
	if _, err := JS[chromedp.Void](ctx, lib); err != nil {
		t.Fatalf("helpers: %v", err)
	}
	ok, err := WaitJS(ctx, expr, d)
	if err != nil {
		t.Fatalf("wait for %s: %v", snippet(expr, 120), err)
	}
	return ok
}

// open opens url in a new tab emulating vp, records the tab, and at the end of
// the test fails it if the page threw an uncaught exception.
func open(t *testing.T, b *Browser, vp Viewport, url string) (context.Context, *Recorder) {
	t.Helper()
	ctx := b.Tab(t, vp)
	rec, err := Record(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for _, e := range rec.Exceptions() {
			t.Errorf("uncaught JavaScript exception: %s", e)
		}
	})
	navigate(t, ctx, url)
	return ctx, rec
}

// navigate loads url in the tab and fails the test unless it answers 200.
func navigate(t testing.TB, ctx context.Context, url string) {
	t.Helper()
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(url))
	if err != nil {
		t.Fatalf("navigate %s: %v", url, err)
	}
	if resp != nil && resp.Status != 200 && !strings.HasPrefix(url, "file:") {
		t.Fatalf("navigate %s: HTTP %d", url, resp.Status)
	}
}

// click clicks the element that the JavaScript expression el (after lib)
// returns, by marking it with an attribute and clicking that.
func click(t testing.TB, ctx context.Context, el string) {
	t.Helper()
	if !eval[bool](t, ctx, `(() => { document.querySelectorAll('[data-bt-click]').forEach(e => e.removeAttribute('data-bt-click'));
		const el = (`+el+`); if (!el) return false; el.setAttribute('data-bt-click', ''); return true; })()`) {
		t.Fatalf("click: nothing matches %s", el)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("[data-bt-click]"), chromedp.NodeVisible)); err != nil {
		t.Fatalf("click %s: %v", el, err)
	}
}

// clickAndWait clicks el and waits for the next page to load.
func clickAndWait(t testing.TB, ctx context.Context, el string) {
	t.Helper()
	if !eval[bool](t, ctx, `(() => { document.querySelectorAll('[data-bt-click]').forEach(e => e.removeAttribute('data-bt-click'));
		const el = (`+el+`); if (!el) return false; el.setAttribute('data-bt-click', ''); return true; })()`) {
		t.Fatalf("click: nothing matches %s", el)
	}
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS("[data-bt-click]"), chromedp.NodeVisible)); err != nil {
		t.Fatalf("click %s and wait for the page: %v", el, err)
	}
}

// key sends keys (kb notation, e.g. "\t" or kb.Escape) to the focused element.
func key(t testing.TB, ctx context.Context, keys string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.KeyEvent(keys)); err != nil {
		t.Fatalf("key %q: %v", keys, err)
	}
}

// contentPage is a built page of the real content.
type contentPage struct {
	file  string // path under content/, slash-separated
	url   string // path under the site root, e.g. "da/forloebet/afklaringsmoedet/"
	size  int64
	draft bool
}

var draftRe = regexp.MustCompile(`(?m)^draft:\s*true\s*$`)

// contentPages lists the pages of content/<lang> with their URLs (the
// contract of docs/design.md: a.md -> a/, _index.md -> the folder).
func contentPages(t testing.TB, root, lang string) []contentPage {
	t.Helper()
	base := filepath.Join(root, "content")
	var out []contentPage
	err := filepath.WalkDir(filepath.Join(base, lang), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		rel, _ := filepath.Rel(base, p)
		rel = filepath.ToSlash(rel)
		url := strings.TrimSuffix(rel, ".md") + "/"
		if strings.HasSuffix(rel, "/_index.md") {
			url = strings.TrimSuffix(rel, "_index.md")
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		fm := string(src)
		if i := strings.Index(fm[min(len(fm), 3):], "\n---"); strings.HasPrefix(fm, "---") && i >= 0 {
			fm = fm[:i+3]
		}
		out = append(out, contentPage{file: rel, url: url, size: int64(len(src)), draft: draftRe.MatchString(fm)})
		return nil
	})
	if err != nil {
		t.Fatalf("content pages: %v", err)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].file < out[j].file })
	return out
}

// longestPage is the longest non-draft page of content/da that is not a
// section page.
func longestPage(t testing.TB, root string) contentPage {
	t.Helper()
	var best contentPage
	for _, p := range contentPages(t, root, "da") {
		if p.draft || strings.HasSuffix(p.file, "_index.md") {
			continue
		}
		if p.size > best.size {
			best = p
		}
	}
	if best.file == "" {
		t.Fatal("content/da has no pages")
	}
	return best
}

// screenName makes a file name for a screenshot from parts.
func screenName(parts ...string) string {
	s := strings.Join(parts, "-")
	s = regexp.MustCompile(`[^a-zA-Z0-9._-]+`).ReplaceAllString(s, "_")
	return strings.Trim(s, "_")
}

// onServer reports whether every URL is on srv (or a data:, blob: or
// about: URL), and returns the others.
func offServer(urls []string, allowed ...string) []string {
	var bad []string
	for _, u := range urls {
		ok := strings.HasPrefix(u, "data:") || strings.HasPrefix(u, "blob:") || strings.HasPrefix(u, "about:")
		for _, a := range allowed {
			if strings.HasPrefix(u, a) {
				ok = true
			}
		}
		if !ok {
			bad = append(bad, u)
		}
	}
	return bad
}

func fileURL(path string) string {
	return "file://" + filepath.ToSlash(path)
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// mustJSON renders v as JSON, for use in an expression.
func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}
