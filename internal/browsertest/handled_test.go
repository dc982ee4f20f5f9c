package browsertest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// handledRecords are follow-ups of the demo cohort 2026-foraar marked
// handled, as the ingest stores them, for the status pages built at Today:
// one held (the request for contact), one whose look-again date has come
// (no first contact), and one whose facts changed since (a quiet pair
// handled when the flag had another date).
const handledRecords = `
handled:
  - kind: contact-requested
    email: eva.estimat@example.org
    date: 2026-11-20
    initials: MJ
    action: ringet op
    look_again: 2026-12-04
    since: 2026-11-05
    whom: both
    ref: 2026-11-05
  - kind: no-first-contact
    email: cecilie.cirka@example.org
    date: 2026-10-01
    initials: AB
    action: mail sendt
    look_again: 2026-11-21
    since: 2026-04-27
    whom: mentee
    ref: 2026-03-16
  - kind: quiet
    email: benjamin.bud@example.org
    date: 2026-09-01
    initials: AB
    action: ringet op
    look_again: 2026-09-29
    since: 2026-08-01
    whom: both
    ref: 2026-04-11
`

// The follow-up page with follow-ups marked handled, which the shared
// site (the demo data, none handled) does not show: on a desktop and a
// 375-px phone it passes axe and does not scroll sideways; the held flag
// is under "Håndteret" (cards on the phone, every cell labelled, the
// urgency word and the action visible) and not in the queue; the flags
// back in the queue note their earlier handling; the cohort page marks the
// held flag.
func TestHandledFollowups(t *testing.T) {
	b, s := needSite(t)
	if siteTmp == "" {
		t.Skip("a prebuilt site: no build tool to build the status pages from other data")
	}
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	if err := os.CopyFS(data, os.DirFS(filepath.Join(s.root, "data"))); err != nil {
		t.Fatal(err)
	}
	cohort := filepath.Join(data, "cohorts", "2026-foraar.yaml")
	src, err := os.ReadFile(cohort)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(src), "\nhandled:") {
		t.Fatal("the demo cohort has handled follow-ups already: the test's records would clash")
	}
	if err := os.WriteFile(cohort, append(src, handledRecords...), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(filepath.Join(siteTmp, "mentor-build"),
		"-content", filepath.Join(s.root, "content"), "-templates", filepath.Join(s.root, "templates"),
		"-data", data, "-out", filepath.Join(dir, "public"), "-private", filepath.Join(dir, "private"),
		"-today", Today).CombinedOutput()
	if err != nil {
		t.Fatalf("build with handled follow-ups: %v\n%s", err, out)
	}
	srv := NewServer(filepath.Join(dir, "private"), "/", nil)
	defer srv.Close()
	for _, vp := range []Viewport{Desktop, Phone} {
		t.Run(vp.Name, func(t *testing.T) {
			ctx, _ := open(t, b, vp, srv.URLOf("opfoelgning.html"))
			CheckAxe(t, ctx, b.AxeSource, "private/opfoelgning.html with handled follow-ups ("+vp.Name+")")
			Screenshot(t, ctx, screenName("private-handled-"+vp.Name, "opfoelgning.html"))
			if w := eval[[]float64](t, ctx, `[document.documentElement.scrollWidth, innerWidth]`); w[0] > w[1] {
				t.Errorf("the page is %.0f px wide in a %.0f-px window", w[0], w[1])
			}
			got := eval[map[string]string](t, ctx, `(() => {
				const h = document.getElementById('haandteret');
				const table = h && h.parentElement.querySelector('#haandteret ~ .st-scroll table');
				const queue = document.querySelector('main table');
				return {
					handled: table ? [...table.tBodies[0].rows].map(r => r.innerText.replace(/\s+/g, ' ')).join(' | ') : '',
					unlabelled: table ? String(table.querySelectorAll('tbody :is(td, th):not([data-label])').length) : '0',
					queue: queue && queue !== table ? queue.innerText.replace(/\s+/g, ' ') : '',
				};
			})()`)
			if !strings.Contains(got["handled"], "Haster") || !strings.Contains(got["handled"], "Ønsker kontakt") ||
				!strings.Contains(got["handled"], "ringet op") || !strings.Contains(got["handled"], "(MJ)") || !strings.Contains(got["handled"], "4. december 2026") {
				t.Errorf("Håndteret lists %q, want the request for contact with urgency word, who, action and look-again date", got["handled"])
			}
			if strings.Contains(got["handled"], "Cecilie") || strings.Contains(got["handled"], "Benjamin") {
				t.Errorf("Håndteret lists flags that are back in the queue: %q", got["handled"])
			}
			if got["unlabelled"] != "0" {
				t.Errorf("%s cells of the Håndteret table have no label", got["unlabelled"])
			}
			if w := eval[[]float64](t, ctx, `[document.querySelector('#haandteret ~ .st-scroll table').getBoundingClientRect().width, innerWidth]`); w[0] > w[1] {
				t.Errorf("the Håndteret table is %.0f px wide in a %.0f-px window", w[0], w[1])
			}
			for _, want := range []string{"Sidst håndteret 1. oktober 2026 (AB: mail sendt); se igen fra 21. november 2026.", "Håndteret 1. september 2026 (AB: ringet op), før der kom nyt."} {
				if !strings.Contains(got["queue"], want) {
					t.Errorf("the queue lacks the note %q", want)
				}
			}
			if strings.Contains(got["queue"], "Eva Estimat") {
				t.Errorf("the held request for contact is still in the queue")
			}
		})
	}
	ctx, _ := open(t, b, Phone, srv.URLOf("kohorte/2026-foraar.html"))
	CheckAxe(t, ctx, b.AxeSource, "private/kohorte/2026-foraar.html with handled follow-ups (phone)")
	if held := eval[string](t, ctx, `[...document.querySelectorAll('.st-held')].map(e => __bt.visible(e) ? e.textContent : '').join('|')`); !strings.Contains(held, "håndteret 20. november 2026 (MJ), se igen 4. december 2026") {
		t.Errorf("the cohort page does not show the held flag as handled: %q", held)
	}
}
