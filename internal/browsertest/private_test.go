package browsertest

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// cohortPage finds a cohort page of the build: a page linked from the
// overview that is not one of the fixed pages.
func cohortPage(t *testing.T, s *testSite) string {
	t.Helper()
	entries, err := os.ReadDir(s.main.Private)
	if err != nil {
		t.Fatalf("private: %v", err)
	}
	fixed := map[string]bool{"index.html": true, "opfoelgning.html": true, "evaluering.html": true, "matchforslag.html": true}
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".html") && !fixed[e.Name()] {
			return e.Name()
		}
	}
	// Cohort pages in a folder.
	var found string
	filepath.WalkDir(s.main.Private, func(p string, d os.DirEntry, err error) error {
		if found == "" && err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") && !fixed[filepath.Base(p)] {
			found, _ = filepath.Rel(s.main.Private, p)
			found = filepath.ToSlash(found)
		}
		return nil
	})
	if found == "" {
		t.Fatalf("private: no cohort page in %v", entries)
	}
	return found
}

// Test 8: the private status pages.
func TestPrivatePages(t *testing.T) {
	b, s := needSite(t)
	cohort := cohortPage(t, s)
	for _, page := range []string{"index.html", cohort, "opfoelgning.html", "evaluering.html", "matchforslag.html"} {
		t.Run(strings.TrimSuffix(page, ".html"), func(t *testing.T) {
			if _, err := os.Stat(filepath.Join(s.main.Private, page)); err != nil {
				t.Fatalf("private/%s: %v", page, err)
			}
			ctx, rec := open(t, b, Desktop, s.priv.URLOf(page))
			checkLandmarksPrivate(t, ctx, page)
			if robots := eval[string](t, ctx, `(document.querySelector('meta[name=robots]') || {content: ''}).content`); !strings.Contains(robots, "noindex") || !strings.Contains(robots, "nofollow") {
				t.Errorf("private/%s: meta robots = %q, want noindex, nofollow", page, robots)
			}
			banner := eval[[]string](t, ctx, `[...document.querySelectorAll('body *')].filter(e => /Fortroligt/.test(e.textContent) &&
				![...e.children].some(c => /Fortroligt/.test(c.textContent)) && __bt.visible(e)).map(__bt.desc)`)
			if len(banner) == 0 {
				t.Errorf("private/%s: no visible \"Fortroligt\" banner", page)
			} else if !eval[bool](t, ctx, `[...document.querySelectorAll('body *')].some(e => /Fortroligt/.test(e.textContent) && __bt.visible(e) && e.getBoundingClientRect().top < innerHeight)`) {
				t.Errorf("private/%s: the \"Fortroligt\" banner is below the first screen", page)
			}
			CheckAxe(t, ctx, b.AxeSource, "private/"+page)
			Screenshot(t, ctx, screenName("private", page))
			if bad := offServer(rec.Requests(), s.priv.URL); len(bad) > 0 {
				t.Errorf("private/%s: requests off the site: %v", page, bad)
			}
			if miss := s.priv.Missing(); len(miss) > 0 {
				t.Errorf("private/%s: requests for missing files: %v", page, miss)
			}
		})
	}
	// On a 375-px phone: every page passes axe; the pairs and follow-up
	// pages do not scroll sideways, show their rows as cards whose flags
	// are on the first screen of the card, and keep the two banners to one
	// line each. The matching suggestions do not scroll sideways either,
	// and their cards label every cell.
	for _, page := range []string{"index.html", cohort, "opfoelgning.html", "evaluering.html", "matchforslag.html"} {
		t.Run("phone/"+strings.TrimSuffix(page, ".html"), func(t *testing.T) {
			ctx, _ := open(t, b, Phone, s.priv.URLOf(page))
			CheckAxe(t, ctx, b.AxeSource, "private/"+page+" (phone)")
			Screenshot(t, ctx, screenName("private-phone", page))
			for _, sel := range []string{".st-banner", ".st-demo"} {
				if h := eval[float64](t, ctx, `(() => { const e = document.querySelector('`+sel+`'); return e ? e.getBoundingClientRect().height : 0; })()`); h > 40 {
					t.Errorf("private/%s (phone): %s is %.0f px high, want one compact line", page, sel, h)
				}
			}
			// No word of a heading or caption is split over two lines
			// (a 2rem "mentorprogrammet" was, after its "e"); a break after a
			// hyphen is a break between words.
			if split := eval[[]string](t, ctx, `(() => {
				const out = [];
				for (const el of document.querySelectorAll('main :is(h1, h2, h3, caption)')) {
					const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
					for (let n = walk.nextNode(); n; n = walk.nextNode()) {
						for (const m of n.textContent.matchAll(/[^\s\u002d\u2010]+/g)) {
							const r = document.createRange();
							r.setStart(n, m.index); r.setEnd(n, m.index + m[0].length);
							const tops = new Set([...r.getClientRects()].map(c => Math.round(c.top)));
							if (tops.size > 1) out.push(m[0]);
						}
					}
				}
				return out;
			})()`); len(split) > 0 {
				t.Errorf("private/%s (phone): words split over two lines: %q", page, split)
			}
			if page == "evaluering.html" {
				return
			}
			if w := eval[[]float64](t, ctx, `[document.documentElement.scrollWidth, innerWidth]`); w[0] > w[1] {
				t.Errorf("private/%s (phone): the page is %.0f px wide in a %.0f-px window: it scrolls sideways", page, w[0], w[1])
			}
			if page == "index.html" {
				if w := eval[float64](t, ctx, `Math.max(0, ...[...document.querySelectorAll('table.st-stack tr')].map(r => r.getBoundingClientRect().right))`); w > float64(Phone.Width) {
					t.Errorf("private/index.html (phone): the cohorts' cards reach %.0f px", w)
				}
				return
			}
			// The first card that has flags: its flags are drawn, inside
			// the window's width, within the card's first 200 px.
			got := map[string]float64{"found": 1, "visible": 1}
			if page != "matchforslag.html" {
				got = eval[map[string]float64](t, ctx, `(() => {
				const cell = [...document.querySelectorAll('table.st-stack tbody tr')].map(r => r.querySelector('.st-flag, th[data-label="Flag"]')).find(f => f);
				if (!cell) return {found: 0};
				const f = cell.getBoundingClientRect(), row = cell.closest('tr').getBoundingClientRect();
				return {found: 1, visible: __bt.visible(cell) ? 1 : 0, right: f.right, width: innerWidth, offset: f.top - row.top, rowWidth: row.width};
			})()`)
			}
			switch {
			case got["found"] == 0:
				t.Errorf("private/%s (phone): no row with a flag", page)
			case got["visible"] == 0 || got["right"] > got["width"]:
				t.Errorf("private/%s (phone): the first flag is not visible (right edge %.0f, window %.0f)", page, got["right"], got["width"])
			case got["offset"] > 200:
				t.Errorf("private/%s (phone): the first flag is %.0f px down its card", page, got["offset"])
			case got["rowWidth"] > got["width"]:
				t.Errorf("private/%s (phone): a card is %.0f px wide", page, got["rowWidth"])
			}
			// Every cell of a card says what it is.
			if n := eval[int](t, ctx, `document.querySelectorAll('table.st-stack tbody :is(td, th):not([data-label])').length`); n > 0 {
				t.Errorf("private/%s (phone): %d cells of a stacked table have no label", page, n)
			}
			if cut := eval[[]string](t, ctx, `[...document.querySelectorAll('caption')].filter(c => c.scrollWidth > c.clientWidth + 1 || c.getBoundingClientRect().right > innerWidth).map(c => c.textContent)`); len(cut) > 0 {
				t.Errorf("private/%s (phone): captions cut: %q", page, cut)
			}
		})
	}
}

func checkLandmarksPrivate(t *testing.T, ctx context.Context, page string) {
	t.Helper()
	got := eval[map[string]int](t, ctx, `({h1: document.querySelectorAll('h1').length, main: document.querySelectorAll('main, [role=main]').length})`)
	if got["h1"] != 1 || got["main"] != 1 {
		t.Errorf("private/%s: %d h1 and %d main elements, want 1 each", page, got["h1"], got["main"])
	}
	if lang := eval[string](t, ctx, `document.documentElement.lang`); lang != "da" {
		t.Errorf("private/%s: html lang = %q, want da", page, lang)
	}
}

// The cohort table sorts when a column's header button is clicked.
func TestCohortTableSorts(t *testing.T) {
	b, s := needSite(t)
	cohort := cohortPage(t, s)
	ctx, _ := open(t, b, Desktop, s.priv.URLOf(cohort))
	nb := eval[int](t, ctx, `document.querySelectorAll('table th button').length`)
	if nb == 0 {
		t.Fatalf("private/%s: no header buttons (table th button) to sort by", cohort)
	}
	rows := eval[int](t, ctx, `(document.querySelector('table th button').closest('table').tBodies[0] || {rows: []}).rows.length`)
	if rows < 2 {
		t.Skipf("private/%s: %d rows, too few to sort", cohort, rows)
	}
	// column reads the texts of a column (by the button's header cell).
	column := func(i int) []string {
		return eval[[]string](t, ctx, `(() => { const btn = document.querySelectorAll('table th button')[`+strconv.Itoa(i)+`], th = btn.closest('th'), table = th.closest('table');
			const col = [...th.parentElement.children].indexOf(th);
			return [...table.tBodies[0].rows].map(r => { const c = r.children[col]; return c ? (c.getAttribute('data-sort') || c.getAttribute('data-value') || __bt.text(c)) : ''; }); })()`)
	}
	sortState := func(i int) string {
		return eval[string](t, ctx, `document.querySelectorAll('table th button')[`+strconv.Itoa(i)+`].closest('th').getAttribute('aria-sort') || ''`)
	}
	// Pick the first column whose values are not all equal (the first is
	// usually the mentee's name).
	col := -1
	for i := 0; i < nb && col < 0; i++ {
		vs := column(i)
		for _, v := range vs[1:] {
			if v != vs[0] {
				col = i
				break
			}
		}
	}
	if col < 0 {
		t.Skipf("private/%s: every sortable column holds one value", cohort)
	}
	before := column(col)
	sel := `document.querySelectorAll('table th button')[` + strconv.Itoa(col) + `]`
	click(t, ctx, sel)
	time.Sleep(200 * time.Millisecond)
	first := column(col)
	st1 := sortState(col)
	click(t, ctx, sel)
	time.Sleep(200 * time.Millisecond)
	second := column(col)
	st2 := sortState(col)
	t.Logf("column %d: before %v; after one click (%s) %v; after two (%s) %v", col, before, st1, first, st2, second)
	if st1 == "" || st2 == "" || st1 == st2 {
		t.Errorf("private/%s: aria-sort on the header cell is %q then %q, want ascending/descending and the other", cohort, st1, st2)
	}
	if strings.Join(first, "\x00") == strings.Join(second, "\x00") {
		t.Errorf("private/%s: two clicks on column %d give the same order %v", cohort, col, first)
	}
	for i, c := range [][]string{first, second} {
		rev := make([]string, len(c))
		for j := range c {
			rev[len(c)-1-j] = c[j]
		}
		if !eval[bool](t, ctx, `(() => { const v = `+mustJSON(c)+`, r = `+mustJSON(rev)+`;
			const cmp = (a, b) => { const na = parseFloat(a.replace(',', '.')), nb = parseFloat(b.replace(',', '.'));
				return (!isNaN(na) && !isNaN(nb) && /^[\d.,\s-]+$/.test(a) && /^[\d.,\s-]+$/.test(b)) ? na - nb : a.localeCompare(b, 'da', {numeric: true}); };
			const sorted = x => x.every((e, i) => i === 0 || cmp(x[i-1], e) <= 0);
			return sorted(v) || sorted(r); })()`) {
			t.Errorf("private/%s: after %d clicks column %d is not in order: %v", cohort, i+1, col, c)
		}
	}
}

// The evaluation page's charts, on a desktop and a phone: every chart has a
// text alternative with its counts and its scale's ends, its text (the
// counts on the bars, the values, the ends) is at least 12 px as drawn, the
// page does not scroll sideways, and axe finds nothing.
func TestEvaluationCharts(t *testing.T) {
	b, s := needSite(t)
	for _, dev := range []Viewport{Desktop, Phone} {
		t.Run(dev.Name, func(t *testing.T) {
			ctx, _ := open(t, b, dev, s.priv.URLOf("evaluering.html"))
			charts := eval[[]string](t, ctx, `[...document.querySelectorAll('svg.st-bars')].map(s => s.getAttribute('role') + '|' + (s.getAttribute('aria-label') || ''))`)
			if len(charts) == 0 {
				t.Fatal("no charts on the evaluation page")
			}
			for _, c := range charts {
				role, label, _ := strings.Cut(c, "|")
				if role != "img" || !strings.Contains(label, "antal svar pr. værdi: ") || !strings.Contains(label, " = ") {
					t.Errorf("chart without a full text alternative: role %q, label %q", role, label)
				}
			}
			small := eval[[]string](t, ctx, `[...document.querySelectorAll('svg.st-bars text, .st-ends span')].filter(e => {
				let px = parseFloat(getComputedStyle(e).fontSize);
				const svg = e.closest('svg');
				if (svg) px *= svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
				return px < 12;
			}).map(e => e.textContent + ' (' + getComputedStyle(e).fontSize + ')')`)
			if len(small) > 0 {
				t.Errorf("chart text below 12 px: %v", small)
			}
			// Every bar carries its count.
			if n := eval[int](t, ctx, `[...document.querySelectorAll('svg.st-bars')].filter(s => s.querySelectorAll('rect.bar').length !== s.querySelectorAll('text.bar-label').length).length`); n > 0 {
				t.Errorf("%d charts have bars without their count", n)
			}
			if wide := eval[bool](t, ctx, `document.documentElement.scrollWidth > innerWidth`); wide {
				t.Errorf("the evaluation page scrolls sideways")
			}
			CheckAxe(t, ctx, b.AxeSource, "private/evaluering.html ("+dev.Name+")")
			Screenshot(t, ctx, screenName("private-"+dev.Name, "evaluering.html"))
		})
	}
}

// The cohort page's timelines on a 375-px phone and a desktop: their
// month numbers are drawn at 12 px or more (a timeline scaled down to the
// phone's width had them at about 6 px), do not overlap, and stay inside
// the window.
func TestTimelinesReadable(t *testing.T) {
	b, s := needSite(t)
	cohort := cohortPage(t, s)
	for _, vp := range []Viewport{Desktop, Phone} {
		t.Run(vp.Name, func(t *testing.T) {
			ctx, _ := open(t, b, vp, s.priv.URLOf(cohort))
			got := eval[map[string][]string](t, ctx, `(() => {
				const out = {small: [], overlap: [], outside: [], count: []};
				const svgs = [...document.querySelectorAll('svg.st-timeline')];
				out.count.push(String(svgs.length));
				for (const svg of svgs) {
					let scale = 1;
					if (svg.viewBox.baseVal && svg.viewBox.baseVal.width) scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
					const labels = [...svg.querySelectorAll('text')];
					let prev = null;
					for (const l of labels) {
						const px = parseFloat(getComputedStyle(l).fontSize) * scale, r = l.getBoundingClientRect();
						if (px < 12) out.small.push(l.textContent + ' (' + px.toFixed(1) + ' px)');
						if (r.left < 0 || r.right > innerWidth) out.outside.push(l.textContent);
						if (prev && r.left < prev.right) out.overlap.push(l.textContent);
						prev = r;
					}
				}
				return out;
			})()`)
			if got["count"][0] == "0" {
				t.Fatalf("%s: no timelines", cohort)
			}
			for _, k := range []string{"small", "overlap", "outside"} {
				if len(got[k]) > 0 {
					t.Errorf("%s (%s): timeline labels %s: %v", cohort, vp.Name, k, got[k])
				}
			}
		})
	}
}
