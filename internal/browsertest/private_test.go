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
	fixed := map[string]bool{"index.html": true, "opfoelgning.html": true, "evaluering.html": true}
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
	for _, page := range []string{"index.html", cohort, "opfoelgning.html", "evaluering.html"} {
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
	t.Run("phone", func(t *testing.T) {
		ctx, _ := open(t, b, Phone, s.priv.URLOf(cohort))
		CheckAxe(t, ctx, b.AxeSource, "private/"+cohort+" (phone)")
		Screenshot(t, ctx, screenName("private-phone", cohort))
	})
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
