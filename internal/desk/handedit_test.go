package desk

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestOneRowSaveSaysRespelled: an e-mail address of a cohort file edited
// by hand (capitals) is rewritten as the ingest writes addresses when the
// cohort is next saved. The Opfølgning and Match buttons save the cohort
// too (one row through the ingest); their notice says so, as the ingest's
// report and -forget do, instead of rewriting the file unsaid.
func TestOneRowSaveSaysRespelled(t *testing.T) {
	s, data := start(t, nil)
	c := login(t, s)
	csrf := c.csrf()
	c.saveExamples(csrf)
	path := filepath.Join(data, "cohorts", "2026-foraar.yaml")
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const addr, edited = "alberte.antagelse@example.org", "Alberte.Antagelse@Example.ORG"
	if err := os.WriteFile(path, []byte(strings.Replace(string(src), "- email: "+addr, "- email: "+edited, 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	_, page, _ := c.get("/opfoelgning")
	key := regexp.MustCompile(`name="kode" value="([^"]+)"`).FindStringSubmatch(page)
	since := regexp.MustCompile(`name="siden" value="([^"]*)"`).FindStringSubmatch(page)
	if key == nil || since == nil {
		t.Fatal("no follow-ups to mark")
	}
	if code := c.post("/haandteret", c.base, url.Values{"csrf": {csrf}, "kode": {strings.ReplaceAll(key[1], "&#43;", "+")}, "siden": {since[1]},
		"initialer": {"AB"}, "handling": {"ringet op"}}); code != http.StatusSeeOther {
		t.Fatalf("haandteret: %d", code)
	}
	_, page, _ = c.get("/opfoelgning")
	saved, _ := os.ReadFile(path)
	if !strings.Contains(page, "Markeret håndteret.") || strings.Contains(string(saved), edited) || !strings.Contains(string(saved), "- email: "+addr) {
		t.Fatalf("marking a follow-up handled: want it saved, the address as the ingest writes it:\n%s", page)
	}
	if !strings.Contains(page, "rettet i hånden") || !strings.Contains(page, edited) {
		t.Errorf("the cohort was saved with the hand-edited address %s rewritten, and the notice does not say so:\n%s", edited, page)
	}
}

// TestKeyTwiceOnPages: a cohort file edited by hand so that two records
// have one key (here two participants without an address, written on one
// line) stops the check on Indlæs, and Opfølgning and Match, which read
// the register, show the store's message whole: the file, the line, what
// is there and what to do; and not that nothing needs doing.
func TestKeyTwiceOnPages(t *testing.T) {
	s, data := start(t, nil)
	c := login(t, s)
	csrf := c.csrf()
	c.saveExamples(csrf)
	path := filepath.Join(data, "cohorts", "k.yaml")
	if err := os.WriteFile(path, []byte("schema: 1\nid: k\nparticipants: [{name: Anna, role: mentee}, {email: \"\", name: Bo, role: mentor}]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c.upload(csrf, c.base, examples...)
	want := path + ":3: listen participants: to deltagere uden e-mailadresse, begge på linje 3 (post nr. 1 og 2 i listen): " +
		"en deltager kendes på sin e-mailadresse; skriv hver deltagers adresse, eller behold kun den ene post"
	for _, p := range []string{"/indlaes", "/opfoelgning", "/match"} {
		if _, page, _ := c.get(p); !strings.Contains(page, want) {
			t.Errorf("%s does not show %s:\n%s", p, want, page)
		}
	}
	// Nor do they say, under it, that there is nothing to follow up or
	// no proposal: they could not read the register to know.
	for p, nothing := range map[string]string{"/opfoelgning": "Intet kræver opfølgning lige nu", "/match": "Der er ingen forslag lige nu"} {
		if _, page, _ := c.get(p); strings.Contains(page, nothing) {
			t.Errorf("%s says %q, though it could not read the register", p, nothing)
		}
	}
}
