package desk

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/laegeforeningen/mentorprogram/internal/browsertest"
)

// TestPagesAreValidHTML: each page of the desk, in the states the
// secretariat sees it in, is valid HTML by the Nu HTML checker: choosing
// a register; Indlæs empty, with a check's report (rejected rows, dropped
// columns, notes, new cohorts, one that looks like a typo) and after
// Gem; the follow-ups, the proposals, the history, Udgiv tal and the
// status pages.
func TestPagesAreValidHTML(t *testing.T) {
	nu := browsertest.NeedNu(t)
	dir := t.TempDir()
	page := func(c *client, name, path string) {
		t.Helper()
		code, body, _ := c.get(path)
		if code != http.StatusOK {
			t.Fatalf("%s: %d", path, code)
		}
		if err := os.WriteFile(filepath.Join(dir, name+".html"), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s0, _ := start(t, func(o *Options) { o.Data = ""; o.ConfigDir = t.TempDir() })
	page(login(t, s0), "register", "/register")

	s, _ := start(t, nil)
	c := login(t, s)
	page(c, "indlaes", "/indlaes")
	csrf := c.csrf()
	if code := c.upload(csrf, c.base, append(examples, "../../examples/med-fejl.csv")...); code != http.StatusSeeOther {
		t.Fatalf("upload: %d", code)
	}
	page(c, "indlaes-rapport", "/indlaes")
	_, body, _ := c.get("/indlaes")
	id := regexp.MustCompile(`name="check" value="([0-9a-f]+)"`).FindStringSubmatch(body)
	if id == nil {
		t.Fatal("no Gem form")
	}
	if code := c.post("/gem", c.base, url.Values{"csrf": {csrf}, "check": {id[1]}}); code != http.StatusSeeOther {
		t.Fatalf("gem: %d", code)
	}
	page(c, "indlaes-gemt", "/indlaes")
	// A sign-up whose cohort looks like a misspelling of a saved one.
	typo := filepath.Join(t.TempDir(), "tilmelding.csv")
	src := "Navn;E-mail;Rolle;Kohorte;Speciale;Arbejdssted;Region\nAsta Test;asta.test@example.org;Mentee;2025 Eftrår;Almen medicin;Aarhus Universitetshospital;Region Midtjylland\n"
	if err := os.WriteFile(typo, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if code := c.upload(csrf, c.base, typo); code != http.StatusSeeOther {
		t.Fatalf("upload: %d", code)
	}
	page(c, "indlaes-stavning", "/indlaes")
	for _, p := range []string{"opfoelgning", "match", "historik", "udgiv", "status/"} {
		page(c, regexp.MustCompile(`\W`).ReplaceAllString(p, ""), "/"+p)
	}
	for name, want := range map[string]string{"indlaes-rapport": "med-fejl.afvist.xlsx", "indlaes-gemt": "2025-efteraar", "indlaes-stavning": "Tjek stavningen"} {
		if b, _ := os.ReadFile(filepath.Join(dir, name+".html")); !strings.Contains(string(b), want) {
			t.Errorf("%s: lacks %q: not the state the test means to check", name, want)
		}
	}
	nu.Check(t, dir)
}
