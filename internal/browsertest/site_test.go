package browsertest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The pages the tests visit, as paths under the site root.
const (
	startPath  = "da/"
	searchPath = "da/soeg/"
	printPath  = "da/udskriv/"
)

// Other names the search and print pages could have; pagePath takes the
// first that the build holds.
var pageAliases = map[string][]string{
	searchPath: {"da/sog/", "da/search/"},
	printPath:  {"da/hele-haandbogen/", "da/print/", "da/udskrift/"},
}

// pagePath returns path, or the first of its aliases that the build holds,
// and fails the test if there is none.
func pagePath(t testing.TB, s *testSite, path string) string {
	t.Helper()
	for _, p := range append([]string{path}, pageAliases[path]...) {
		if _, err := os.Stat(filepath.Join(s.main.Public, filepath.FromSlash(p), "index.html")); err == nil {
			return p
		}
	}
	t.Fatalf("the build has no page %s (nor %v)", path, pageAliases[path])
	return ""
}

// checkLandmarks checks the page's structure: one h1, one main, a banner, a
// navigation and a content-info landmark.
func checkLandmarks(t *testing.T, ctx context.Context, what string) {
	t.Helper()
	got := eval[map[string]int](t, ctx, `({
		h1: document.querySelectorAll('h1').length,
		main: document.querySelectorAll('main, [role=main]').length,
		banner: [...document.querySelectorAll('header, [role=banner]')].filter(e => e.getAttribute('role') === 'banner' || !e.closest('main, article, aside, nav, section')).length,
		nav: document.querySelectorAll('nav, [role=navigation]').length,
		contentinfo: [...document.querySelectorAll('footer, [role=contentinfo]')].filter(e => e.getAttribute('role') === 'contentinfo' || !e.closest('main, article, aside, nav, section')).length,
	})`)
	for _, c := range []struct {
		name string
		ok   bool
		want string
	}{
		{"h1", got["h1"] == 1, "exactly 1"},
		{"main", got["main"] == 1, "exactly 1"},
		{"banner", got["banner"] >= 1, "at least 1 (a page <header>)"},
		{"nav", got["nav"] >= 1, "at least 1"},
		{"contentinfo", got["contentinfo"] >= 1, "at least 1 (a page <footer>)"},
	} {
		if !c.ok {
			t.Errorf("%s: %d %s elements, want %s", what, got[c.name], c.name, c.want)
		}
	}
}

// checkSkipLink checks that the first Tab stop is a visible skip link to the
// main content, and that following it moves the keyboard into main.
func checkSkipLink(t *testing.T, ctx context.Context, what string) {
	t.Helper()
	eval[bool](t, ctx, `(document.activeElement && document.activeElement.blur(), window.scrollTo(0, 0), true)`)
	key(t, ctx, "\t")
	first := eval[map[string]any](t, ctx, `(() => {
		const a = document.activeElement, m = __bt.main();
		const href = a && a.getAttribute('href') || '';
		const target = href.startsWith('#') ? document.getElementById(decodeURIComponent(href.slice(1))) : null;
		return {html: __bt.desc(a), skip: !!target && !!m && (target === m || m.contains(target) || target.contains(m)), visible: __bt.visible(a) && __bt.inViewportX(a)};
	})()`)
	if first["skip"] != true {
		t.Fatalf("%s: the first Tab stop is %v, want a skip link to <main>", what, first["html"])
	}
	if first["visible"] != true {
		t.Errorf("%s: the focused skip link is not visible: %v", what, first["html"])
	}
	key(t, ctx, kb.Enter)
	inMain := `(() => { const a = document.activeElement, m = __bt.main(); return !!m && (a === m || m.contains(a)); })()`
	if eval[bool](t, ctx, inMain) {
		return
	}
	// Focus may stay on the body with the sequential focus starting point
	// moved to main: the next Tab must then land in main.
	key(t, ctx, "\t")
	if !eval[bool](t, ctx, inMain) {
		t.Errorf("%s: after the skip link, focus is on %s, not in <main>", what, eval[string](t, ctx, `__bt.desc(document.activeElement)`))
	}
}

// Test 1: the start page, desktop and phone.
func TestStartPage(t *testing.T) {
	b, s := needSite(t)
	for _, vp := range []Viewport{Desktop, Phone} {
		t.Run(vp.Name, func(t *testing.T) {
			ctx, _ := open(t, b, vp, s.pub.URLOf(startPath))
			if lang := eval[string](t, ctx, `document.documentElement.lang`); lang != "da" {
				t.Errorf("start page: html lang = %q, want da", lang)
			}
			checkLandmarks(t, ctx, "start page")
			CheckAxe(t, ctx, b.AxeSource, "start page ("+vp.Name+")")
			Screenshot(t, ctx, screenName("start", vp.Name))
			checkSkipLink(t, ctx, "start page")
		})
	}
}

// The site root / is the Danish start page too.
func TestRootIsDanishStart(t *testing.T) {
	b, s := needSite(t)
	ctx, _ := open(t, b, Desktop, s.pub.URLOf(""))
	if lang := eval[string](t, ctx, `document.documentElement.lang`); lang != "da" {
		t.Errorf("/: html lang = %q, want da", lang)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('h1').length`); n != 1 {
		t.Errorf("/: %d h1 elements, want 1", n)
	}
}

// Dark mode keeps the contrast: axe on the start page and the longest page
// with prefers-color-scheme: dark.
func TestDarkMode(t *testing.T) {
	b, s := needSite(t)
	long := longestPage(t, s.root)
	for _, path := range []string{startPath, long.url} {
		ctx := b.Tab(t, Desktop)
		if err := chromedp.Do(ctx, EmulateMedia("", map[string]string{"prefers-color-scheme": "dark"})); err != nil {
			t.Fatal(err)
		}
		navigate(t, ctx, s.pub.URLOf(path))
		CheckAxe(t, ctx, b.AxeSource, path+" (dark)")
		Screenshot(t, ctx, screenName("dark", path))
	}
}

// menuJS finds the phone's menu button: a visible button with aria-expanded
// that controls an element holding links.
const menuJS = `[...document.querySelectorAll('button[aria-expanded], [role=button][aria-expanded]')].find(b => __bt.visible(b) &&
	b.getAttribute('aria-controls') && document.getElementById(b.getAttribute('aria-controls')) &&
	document.getElementById(b.getAttribute('aria-controls')).querySelector('a[href]'))`

// Test 2: on a phone the navigation hides behind a menu button.
func TestPhoneMenu(t *testing.T) {
	b, s := needSite(t)
	ctx, _ := open(t, b, Phone, s.pub.URLOf(startPath))
	if !eval[bool](t, ctx, `!!(`+menuJS+`)`) {
		t.Fatalf("phone: no visible menu button (a <button aria-expanded aria-controls=ID> whose #ID holds links); buttons: %v",
			eval[[]string](t, ctx, `[...document.querySelectorAll('button')].map(__bt.desc)`))
	}
	state := func() (string, bool, int) {
		m := eval[map[string]any](t, ctx, `(() => { const b = `+menuJS+` || document.querySelector('[data-bt-menu]'); b.setAttribute('data-bt-menu', '');
			const nav = document.getElementById(b.getAttribute('aria-controls'));
			return {expanded: b.getAttribute('aria-expanded'), visible: __bt.visible(nav) && __bt.inViewportX(nav),
				links: [...nav.querySelectorAll('a[href]')].filter(a => __bt.visible(a) && __bt.inViewportX(a)).length}; })()`)
		links, _ := m["links"].(float64)
		return m["expanded"].(string), m["visible"] == true, int(links)
	}
	exp, vis, links := state()
	if exp != "false" || vis || links > 0 {
		t.Errorf("phone, before: aria-expanded=%q, menu visible=%v with %d visible links; want false, hidden, 0", exp, vis, links)
	}
	Screenshot(t, ctx, "menu-phone-closed")
	click(t, ctx, `document.querySelector('[data-bt-menu]')`)
	waitFor(t, ctx, `document.querySelector('[data-bt-menu]').getAttribute('aria-expanded') === 'true'`, 2*time.Second)
	time.Sleep(300 * time.Millisecond) // a transition, if any (reduced motion aside)
	exp, vis, links = state()
	if exp != "true" || !vis || links == 0 {
		t.Fatalf("phone, after a click: aria-expanded=%q, menu visible=%v with %d visible links; want true, visible, >0", exp, vis, links)
	}
	Screenshot(t, ctx, "menu-phone-open")

	// Escape closes it, if the site's script handles Escape.
	key(t, ctx, kb.Escape)
	time.Sleep(300 * time.Millisecond)
	exp, vis, _ = state()
	if scriptsMention(t, s.main.Public, "Escape") {
		if exp != "false" || vis {
			t.Errorf("phone: after Escape aria-expanded=%q, menu visible=%v; want false, hidden", exp, vis)
		}
	} else {
		t.Logf("phone: the site's scripts do not handle Escape; after Escape aria-expanded=%q", exp)
	}
	if exp != "true" {
		// The keyboard opens it too: Enter on the focused button.
		eval[bool](t, ctx, `(document.querySelector('[data-bt-menu]').focus(), true)`)
		key(t, ctx, kb.Enter)
		if !waitFor(t, ctx, `document.querySelector('[data-bt-menu]').getAttribute('aria-expanded') === 'true'`, 2*time.Second) {
			t.Fatal("phone: Enter on the focused menu button does not open the menu")
		}
		time.Sleep(300 * time.Millisecond)
	}

	// A link in the menu navigates.
	before := eval[string](t, ctx, `location.href`)
	link := `[...document.getElementById(document.querySelector('[data-bt-menu]').getAttribute('aria-controls')).querySelectorAll('a[href]')]
		.find(a => __bt.visible(a) && __bt.inViewportX(a) && a.href.split('#')[0] !== location.href.split('#')[0])`
	want := eval[string](t, ctx, `(`+link+` || {href: ''}).href`)
	if want == "" {
		t.Fatal("phone: the open menu has no visible link to another page")
	}
	clickAndWait(t, ctx, link)
	if got := eval[string](t, ctx, `location.href`); got == before || got != want {
		t.Errorf("phone: the menu link went to %s, want %s (from %s)", got, want, before)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('h1').length`); n != 1 {
		t.Errorf("phone: the page from the menu has %d h1 elements", n)
	}
}

// scriptsMention reports whether a JavaScript file of the built site holds s.
func scriptsMention(t testing.TB, public, s string) bool {
	t.Helper()
	found := false
	filepath.WalkDir(public, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".js") && !strings.Contains(p, "index") {
			if b, err := os.ReadFile(p); err == nil && strings.Contains(string(b), s) {
				found = true
			}
		}
		return nil
	})
	return found
}

// Test 3: the longest page of content/da.
func TestLongPage(t *testing.T) {
	b, s := needSite(t)
	long := longestPage(t, s.root)
	t.Logf("longest page: content/%s -> /%s (%d bytes)", long.file, long.url, long.size)

	t.Run("desktop", func(t *testing.T) {
		ctx, _ := open(t, b, Desktop, s.pub.URLOf(long.url))
		checkLandmarks(t, ctx, long.url)
		CheckAxe(t, ctx, b.AxeSource, long.url)
		Screenshot(t, ctx, screenName("long", Desktop.Name))

		// A table of contents: links in a nav (outside main's text) to the
		// page's own h2/h3 headings.
		toc := eval[int](t, ctx, `[...document.querySelectorAll('nav a[href^="#"]')].filter(a => {
			const h = document.getElementById(decodeURIComponent(a.getAttribute('href').slice(1)));
			return h && /^H[2-4]$/.test(h.tagName);
		}).length`)
		if toc < 2 {
			t.Errorf("%s: table of contents has %d links to the page's headings, want >= 2 (a <nav> with links to #heading-id)", long.url, toc)
		}
		// Anchor links on headings: every h2 with an id has a link to itself
		// inside it or next to it.
		bare := eval[[]string](t, ctx, `[...__bt.main().querySelectorAll('h2[id], h3[id]')].filter(h => {
			const sel = 'a[href="#' + CSS.escape(h.id) + '"]';
			return !h.querySelector(sel) && !(h.parentElement && [...h.parentElement.querySelectorAll(':scope > ' + sel)].length);
		}).map(__bt.desc)`)
		if len(bare) > 0 {
			t.Errorf("%s: %d headings lack an anchor link, e.g. %s", long.url, len(bare), bare[0])
		}
		if n := eval[int](t, ctx, `__bt.main().querySelectorAll('h2[id]').length`); n == 0 {
			t.Errorf("%s: no h2 with an id in main", long.url)
		}
	})

	t.Run("phone", func(t *testing.T) {
		ctx, _ := open(t, b, Phone, s.pub.URLOf(long.url))
		// Previous and next links, visible on a phone.
		pn := eval[[]string](t, ctx, `[...document.querySelectorAll('a[rel~=next], a[rel~=prev], a[rel~=previous]')]
			.filter(a => __bt.visible(a) && __bt.inViewportX(a)).map(a => a.rel + ' ' + a.href)`)
		if len(pn) == 0 {
			t.Errorf("%s (phone): no visible previous/next link (a[rel=prev], a[rel=next]); links: %v", long.url,
				eval[[]string](t, ctx, `[...document.querySelectorAll('a[rel]')].map(__bt.desc)`))
		}
		CheckAxe(t, ctx, b.AxeSource, long.url+" (phone)")
		Screenshot(t, ctx, screenName("long", Phone.Name))
	})
}

// Test 5: the language switch goes to the counterpart and back.
func TestLanguageSwitch(t *testing.T) {
	b, s := needSite(t)
	paths := []string{startPath}
	// A content page that exists in both languages at the same path.
	for _, p := range contentPages(t, s.root, "da") {
		if p.draft || strings.HasSuffix(p.file, "_index.md") {
			continue
		}
		if _, err := os.Stat(filepath.Join(s.root, "content", "en", strings.TrimPrefix(p.file, "da/"))); err == nil {
			paths = append(paths, p.url)
			break
		}
	}
	for _, path := range paths {
		t.Run(strings.Trim(path, "/"), func(t *testing.T) {
			ctx, _ := open(t, b, Desktop, s.pub.URLOf(path))
			start := eval[string](t, ctx, `location.href`)
			switchTo := func(lang string) {
				t.Helper()
				sel := `[...document.querySelectorAll('a[hreflang="` + lang + `"]')].find(a => __bt.visible(a))`
				if !eval[bool](t, ctx, `!!`+sel) {
					t.Fatalf("%s: no language link a[hreflang=%s]", eval[string](t, ctx, `location.pathname`), lang)
				}
				clickAndWait(t, ctx, sel)
				if got := eval[string](t, ctx, `document.documentElement.lang`); got != lang {
					t.Errorf("after the %s link: html lang = %q at %s", lang, got, eval[string](t, ctx, `location.pathname`))
				}
				if p := eval[string](t, ctx, `location.pathname`); !strings.HasPrefix(p, "/"+lang+"/") {
					t.Errorf("after the %s link: at %s, want a page under /%s/", lang, p, lang)
				}
			}
			switchTo("en")
			switchTo("da")
			if got := eval[string](t, ctx, `location.href`); got != start {
				t.Errorf("there and back: at %s, want %s", got, start)
			}
		})
	}
}

// Test 6: the print page, and print media on it.
func TestPrintPage(t *testing.T) {
	b, s := needSite(t)
	printPath := pagePath(t, s, printPath)
	ctx, _ := open(t, b, Desktop, s.pub.URLOf(printPath))
	checkLandmarks(t, ctx, printPath)
	CheckAxe(t, ctx, b.AxeSource, printPath)
	if n := eval[int](t, ctx, `__bt.main().querySelectorAll('h2').length`); n < 3 {
		t.Errorf("%s: %d h2 headings in main, want the whole handbook's pages", printPath, n)
	}
	if err := chromedp.Do(ctx, EmulateMedia("print", nil)); err != nil {
		t.Fatal(err)
	}
	// The page's own table of contents prints (.print-toc); the site's
	// navigation and search do not.
	shown := eval[[]string](t, ctx, `[...document.querySelectorAll('nav, [role=navigation], input[type=search], form[role=search], [role=search], .skip-link, button[aria-expanded]')]
		.filter(e => __bt.visible(e) && !e.matches('.print-toc')).map(__bt.desc)`)
	if len(shown) > 0 {
		t.Errorf("%s in print: navigation or search still shown: %v", printPath, shown)
	}
	if !eval[bool](t, ctx, `__bt.visible(__bt.main().querySelector('.print-toc'))`) {
		t.Errorf("%s in print: the table of contents is hidden", printPath)
	}
	if !eval[bool](t, ctx, `__bt.visible(__bt.main())`) {
		t.Errorf("%s in print: main is hidden", printPath)
	}
	// Link targets are shown after external links.
	if ext := eval[[]string](t, ctx, `[...__bt.main().querySelectorAll('a[href^="http"]')].filter(a => {
			const c = getComputedStyle(a, '::after').content; return !c || c === 'none' || c === 'normal'; }).map(__bt.desc)`); len(ext) > 0 {
		t.Errorf("%s in print: %d external links without their target shown (a::after), e.g. %s", printPath, len(ext), ext[0])
	}
	Screenshot(t, ctx, "print-media")
}

// Print media hides the navigation on an ordinary page too.
func TestPrintMediaContentPage(t *testing.T) {
	b, s := needSite(t)
	long := longestPage(t, s.root)
	ctx, _ := open(t, b, Desktop, s.pub.URLOf(long.url))
	if err := chromedp.Do(ctx, EmulateMedia("print", nil)); err != nil {
		t.Fatal(err)
	}
	shown := eval[[]string](t, ctx, `[...document.querySelectorAll('nav, [role=navigation], input[type=search], [role=search]')]
		.filter(e => __bt.visible(e) && !e.closest('main') ).map(__bt.desc)`)
	if len(shown) > 0 {
		t.Errorf("%s in print: navigation or search still shown: %v", long.url, shown)
	}
}

// Test 7: reflow at 320 px, and 200% zoom of a 1280 px window.
func TestReflow(t *testing.T) {
	b, s := needSite(t)
	long := longestPage(t, s.root)
	searchPath, printPath := pagePath(t, s, searchPath), pagePath(t, s, printPath)
	zoom200 := Viewport{Name: "zoom200", Width: 640, Height: 450, Scale: 2}
	for _, vp := range []Viewport{Narrow, zoom200} {
		for _, path := range []string{startPath, long.url, searchPath + "?q=m%C3%B8de", printPath, "da/programmet-i-tal/"} {
			t.Run(vp.Name+"/"+strings.Trim(path, "/"), func(t *testing.T) {
				ctx, _ := open(t, b, vp, s.pub.URLOf(path))
				time.Sleep(200 * time.Millisecond)
				got := eval[map[string]float64](t, ctx, `({scroll: document.documentElement.scrollWidth, body: document.body.scrollWidth, width: innerWidth})`)
				if got["scroll"] > float64(vp.Width)+1 || got["body"] > float64(vp.Width)+1 {
					// The deepest elements that stick out on the right.
					wide := eval[[]string](t, ctx, `(() => { const out = e => e.getBoundingClientRect().right > innerWidth + 1;
						return [...document.querySelectorAll('body *')].filter(e => out(e) && ![...e.children].some(out)).slice(0, 5).map(__bt.desc); })()`)
					t.Errorf("%s at %d px: the page scrolls sideways (scrollWidth %v, body %v); too wide: %v", path, vp.Width, got["scroll"], got["body"], wide)
					Screenshot(t, ctx, screenName("reflow", vp.Name, path))
				}
			})
		}
	}
}
