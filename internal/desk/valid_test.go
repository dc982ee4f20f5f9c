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
	"github.com/laegeforeningen/mentorprogram/internal/testkit"
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
	// page saves a page for the check; want is text that shows it is in
	// the state the test means to check.
	page := func(c *client, name, path, want string) string {
		t.Helper()
		code, body, _ := c.get(path)
		if code != http.StatusOK {
			t.Fatalf("%s: %d", path, code)
		}
		if !strings.Contains(body, want) {
			t.Errorf("%s: lacks %q: not the state the test means to check", name, want)
		}
		if err := os.WriteFile(filepath.Join(dir, name+".html"), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return body
	}
	s0, _ := start(t, func(o *Options) { o.Data = ""; o.ConfigDir = t.TempDir() })
	page(login(t, s0), "register", "/register", "")

	s, _ := start(t, nil)
	c := login(t, s)
	page(c, "indlaes", "/indlaes", "")
	csrf := c.csrf()
	if code := c.upload(csrf, c.base, append(examples, "../../examples/med-fejl.csv")...); code != http.StatusSeeOther {
		t.Fatalf("upload: %d", code)
	}
	body := page(c, "indlaes-rapport", "/indlaes", "med-fejl.afvist.xlsx")
	id := regexp.MustCompile(`name="check" value="([0-9a-f]+)"`).FindStringSubmatch(body)
	if id == nil {
		t.Fatal("no Gem form")
	}
	if code := c.post("/gem", c.base, url.Values{"csrf": {csrf}, "check": {id[1]}}); code != http.StatusSeeOther {
		t.Fatalf("gem: %d", code)
	}
	page(c, "indlaes-gemt", "/indlaes", "2025-efteraar")
	// A sign-up whose cohort looks like a misspelling of a saved one.
	typo := testkit.WriteLines(t, t.TempDir(), "tilmelding.csv", "Navn;E-mail;Rolle;Kohorte;Speciale;Arbejdssted;Region",
		"Asta Test;asta.test@example.org;Mentee;2025 Eftrår;Almen medicin;Aarhus Universitetshospital;Region Midtjylland")
	if code := c.upload(csrf, c.base, typo); code != http.StatusSeeOther {
		t.Fatalf("upload: %d", code)
	}
	page(c, "indlaes-stavning", "/indlaes", "Tjek stavningen")
	for _, p := range []string{"opfoelgning", "match", "historik", "udgiv", "status/"} {
		page(c, regexp.MustCompile(`\W`).ReplaceAllString(p, ""), "/"+p, "")
	}
	nu.Check(t, dir)
}
