package match

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/laegeforeningen/mentorprogram/internal/programme"
	"github.com/laegeforeningen/mentorprogram/internal/store"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// render writes proposals as plain text, for the golden file.
func render(props []Proposal) string {
	var b strings.Builder
	for _, p := range props {
		fmt.Fprintf(&b, "Kohorte %s: %d venter, %d forslag\n", p.Name, p.Waiting, len(p.Suggestions))
		for _, s := range p.Suggestions {
			fmt.Fprintf(&b, "  %s -> %s: %d point\n    begrundelse: %s\n    alternativer: %s\n", s.Mentee.Email, s.Mentor.Email, s.Score, s.ReasonText(), s.AlternativesText())
		}
		for _, u := range p.Unmatched {
			fmt.Fprintf(&b, "  uden forslag: %s (%s): %s\n", u.Participant.Email, u.Participant.Role, u.Reason)
		}
	}
	return b.String()
}

// TestDemoProposal: the proposal for the demo data in data/ (made from
// examples/ by cmd/ingest) at the examples' reference day. Johanne, who
// wishes for a GP and avoids Aalborg Universitetshospital, gets the GP Åge;
// Karl, who wishes for a geriatrician, gets Ulla; Vibeke is left, and told
// why.
func TestDemoProposal(t *testing.T) {
	ds, err := store.Load("../../data")
	if err != nil {
		t.Fatal(err)
	}
	got := render(Propose(ds, programme.NewDate(2026, 11, 22), nil))
	path := filepath.Join("testdata", "demo-proposal.golden.txt")
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("the demo proposal differs from %s (go test ./internal/match -run TestDemoProposal -update, and read the diff):\n%s", path, got)
	}
	for _, pair := range []string{"johanne.jaevnsides@example.org -> aage.aeroesen@example.com", "karl.koe@example.org -> ulla.udtaenkt@example.org"} {
		if !strings.Contains(got, pair) {
			t.Errorf("the demo proposal lacks %s", pair)
		}
	}
}
