package browsertest

import (
	"os/exec"
	"path/filepath"
	"testing"
)

// The overview's list of people past the retention period, which the
// shared site (built at Today) does not show: the status pages built at a
// later date pass axe on a desktop and a phone and list them in a table
// (cards on the phone).
func TestRetentionOverview(t *testing.T) {
	b, s := needSite(t)
	if siteTmp == "" {
		t.Skip("a prebuilt site: no build tool to build the status pages at another date")
	}
	dir := t.TempDir()
	out, err := exec.Command(filepath.Join(siteTmp, "mentor-build"),
		"-content", filepath.Join(s.root, "content"), "-templates", filepath.Join(s.root, "templates"),
		"-data", filepath.Join(s.root, "data"), "-out", filepath.Join(dir, "public"), "-private", filepath.Join(dir, "private"),
		"-today", "2028-10-01").CombinedOutput()
	if err != nil {
		t.Fatalf("build at 2028-10-01: %v\n%s", err, out)
	}
	srv := NewServer(filepath.Join(dir, "private"), "/", nil)
	defer srv.Close()
	for _, vp := range []Viewport{Desktop, Phone} {
		ctx, _ := open(t, b, vp, srv.URLOf("index.html"))
		if n := eval[int](t, ctx, `(document.querySelector('#opbevaringstid ~ .st-scroll table tbody') || {rows: []}).rows.length`); n == 0 {
			t.Fatalf("%s: no table of people past the retention period", vp.Name)
		}
		if vp == Phone {
			// Cards, not a table wider than the window.
			if w := eval[[]float64](t, ctx, `[document.querySelector('#opbevaringstid ~ .st-scroll table').getBoundingClientRect().width, innerWidth]`); w[0] > w[1] {
				t.Errorf("phone: the table is %.0f px wide in a %.0f-px window", w[0], w[1])
			}
		}
		CheckAxe(t, ctx, b.AxeSource, "private/index.html at 2028-10-01 ("+vp.Name+")")
		Screenshot(t, ctx, screenName("private-retention", vp.Name))
	}
}
