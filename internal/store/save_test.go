package store

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/laegeforeningen/mentorprogram/internal/programme"
)

// newData makes a data folder with the repository's programme.yaml.
func newData(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	src, err := os.ReadFile("../../data/programme.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ProgrammeFile), src, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func boolp(b bool) *bool { return &b }

// tricky holds strings that need quoting in YAML.
var tricky = []string{
	"Anna Andersen", "Åge Ærø", "yes", "No", "null", "~", "true", "2026-03-14", "1e5", "0x1F", "-", "- x", "a: b",
	"a #b", "#x", "'q'", `"dq"`, "  lead", "trail ", "multi\nline", "tab\there", "", "@x", "!tag", "&anchor", "*alias",
	"{a}", "[a]", "%x", "x,y", "✓ Ja", "\u2028sep", "\x00nul", "back\\slash", ".inf", "3", "Bornholms Hospital, Rønne",
	"2026-foraar", "1:20", "=SUM(A1)", "\uFEFFbom", "é",
}

func sampleCohort(r *rand.Rand, id string, n int) programme.Cohort {
	pick := func() string { return tricky[r.IntN(len(tricky))] }
	c := programme.Cohort{ID: id, Participants: []programme.Participant{}, Pairs: []programme.Pair{}, Meetings: []programme.Meeting{}, Evaluations: []programme.Evaluation{}}
	day := programme.NewDate(2025, 9, 1)
	for i := range n {
		mentee := fmt.Sprintf("mentee%03d@example.org", i)
		mentor := fmt.Sprintf("mentor%03d@example.org", i)
		c.Participants = append(c.Participants,
			programme.Participant{Email: mentee, Name: pick(), Role: programme.Mentee, SignedUp: day.AddDays(i), Specialty: pick(), Workplace: pick(), Region: pick()},
			programme.Participant{Email: mentor, Name: pick(), Role: programme.Mentor})
		if i%3 == 1 {
			// The matching answers: lists of themes and of people or
			// places to avoid, a meeting form, a capacity, a seniority.
			c.Participants[len(c.Participants)-2].WishSpecialty = pick()
			c.Participants[len(c.Participants)-2].Themes = []string{"forskning", "ledelse"}
			c.Participants[len(c.Participants)-2].Avoid = []string{pick(), pick()}
			c.Participants[len(c.Participants)-1].MeetingForm = programme.FormOnline
			c.Participants[len(c.Participants)-1].Capacity = 1 + i%3
			c.Participants[len(c.Participants)-1].Seniority = pick()
		}
		c.Pairs = append(c.Pairs, programme.Pair{Mentee: mentee, Mentor: mentor, Matched: day.AddDays(i + 10), Status: []programme.Status{"", programme.StatusActive, programme.StatusStopped}[i%3], Ended: []programme.Date{{}, day.AddDays(200)}[i%2]})
		for j := range i % 4 {
			m := programme.Meeting{Mentee: mentee, Date: day.AddDays(20 + 30*j), Held: j%3 != 2, Minutes: 15 * j, Form: []string{"", "fysisk", "video"}[j%3], ContactRequested: j == 2}
			if j == 0 {
				m.Type = programme.MeetingClarification
			}
			if j%2 == 1 {
				m.AgendaSent = boolp(j == 1)
			}
			c.Meetings = append(c.Meetings, m)
		}
		e := programme.Evaluation{Email: mentee, Role: programme.Mentee, Submitted: day.AddDays(300), Comment: pick()}
		if i%2 == 0 {
			e.Answers = map[string]int{"tilfredshed": i % 5, "anbefaling": 10 - i%11}
		}
		c.Evaluations = append(c.Evaluations, e)
		if n%2 == 1 && i%3 == 1 {
			c.Handled = append(c.Handled, programme.Handled{Kind: programme.FlagQuiet, Email: mentee, Date: day.AddDays(250), Initials: "AB",
				Action: pick(), LookAgain: day.AddDays(278), Since: day.AddDays(240), Whom: programme.WhomBoth, Count: i % 2, Ref: day.AddDays(128)})
		}
	}
	if n%2 == 1 {
		c.Name = pick() // odd sizes also get a name and handled follow-ups
	}
	SortCohort(&c)
	return c
}

func TestSaveLoadRoundTrip(t *testing.T) {
	dir := newData(t)
	r := rand.New(rand.NewPCG(1, 2))
	want := &programme.Dataset{Cohorts: []programme.Cohort{sampleCohort(r, "2025-efteraar", 30), sampleCohort(r, "2026-foraar", 7), {ID: "tom", Participants: []programme.Participant{}, Pairs: []programme.Pair{}, Meetings: []programme.Meeting{}, Evaluations: []programme.Evaluation{}}}}
	if err := Save(dir, want); err != nil {
		t.Fatal(err)
	}
	got, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Cohorts, want.Cohorts) {
		for i := range want.Cohorts {
			if !reflect.DeepEqual(got.Cohorts[i], want.Cohorts[i]) {
				t.Errorf("cohort %s differs after a round trip:\n got %+v\nwant %+v", want.Cohorts[i].ID, got.Cohorts[i], want.Cohorts[i])
			}
		}
	}
	// Saving what was loaded changes nothing, byte for byte.
	before := readAll(t, dir)
	changed, err := SaveCohorts(dir, got.Cohorts)
	if err != nil || len(changed) != 0 {
		t.Errorf("second save changed %v, %v", changed, err)
	}
	if after := readAll(t, dir); !reflect.DeepEqual(before, after) {
		t.Error("second save changed files")
	}
}

func TestEncodeOrderIndependent(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	c := sampleCohort(r, "x", 20)
	a, err := EncodeCohort(&c)
	if err != nil {
		t.Fatal(err)
	}
	r.Shuffle(len(c.Participants), func(i, j int) { c.Participants[i], c.Participants[j] = c.Participants[j], c.Participants[i] })
	r.Shuffle(len(c.Meetings), func(i, j int) { c.Meetings[i], c.Meetings[j] = c.Meetings[j], c.Meetings[i] })
	b, _ := EncodeCohort(&c)
	if !bytes.Equal(a, b) {
		t.Error("the encoding depends on the records' order")
	}
	if !bytes.HasPrefix(a, []byte("schema: 1\nid: x\n")) {
		t.Errorf("file starts %q", a[:20])
	}
}

func TestEncodeGolden(t *testing.T) {
	c := programme.Cohort{ID: "2026-foraar",
		Participants: []programme.Participant{{Email: "b@example.org", Name: "Bo Ærø", Role: programme.Mentor}, {Email: "a@example.org", Name: "yes", Role: programme.Mentee, SignedUp: programme.NewDate(2026, 1, 2), Workplace: "Bornholms Hospital, Rønne"}},
		Pairs:        []programme.Pair{{Mentee: "a@example.org", Mentor: "b@example.org", Matched: programme.NewDate(2026, 3, 1), Status: programme.StatusActive}},
		Meetings:     []programme.Meeting{{Mentee: "a@example.org", Date: programme.NewDate(2026, 3, 14), Type: programme.MeetingClarification, AgendaSent: boolp(false), Held: true, Minutes: 60, Form: "video", ContactRequested: true}},
		Evaluations:  []programme.Evaluation{{Email: "a@example.org", Role: programme.Mentee, Answers: map[string]int{"udbytte": 4, "anbefaling": 9}, Comment: "God.\n\"Tak\""}},
	}
	got, err := EncodeCohort(&c)
	if err != nil {
		t.Fatal(err)
	}
	want := `schema: 1
id: 2026-foraar

participants:
  - email: a@example.org
    name: "yes"
    role: mentee
    signed_up: 2026-01-02
    workplace: "Bornholms Hospital, Rønne"
  - email: b@example.org
    name: Bo Ærø
    role: mentor

pairs:
  - mentee: a@example.org
    mentor: b@example.org
    matched: 2026-03-01
    status: aktiv

meetings:
  - mentee: a@example.org
    date: 2026-03-14
    type: afklaringsmøde
    agenda_sent: false
    held: true
    minutes: 60
    form: video
    contact_requested: true

evaluations:
  - email: a@example.org
    role: mentee
    answers:
      anbefaling: 9
      udbytte: 4
    comment: "God.\n\"Tak\""
`
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestCheckID(t *testing.T) {
	for _, id := range []string{"2026-foraar", "a", "x-1"} {
		if CheckID(id) != nil {
			t.Errorf("CheckID(%q) failed", id)
		}
	}
	for _, id := range []string{"", "Forår", "../x", "-a", "a b", "a/b"} {
		if CheckID(id) == nil {
			t.Errorf("CheckID(%q) passed", id)
		}
	}
}

func FuzzEncodeString(f *testing.F) {
	for _, s := range tricky {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		s = strings.ToValidUTF8(s, "?")
		c := programme.Cohort{ID: "f", Participants: []programme.Participant{{Email: "a@example.org", Name: s, Role: programme.Mentee, Workplace: s}},
			Evaluations: []programme.Evaluation{{Email: "a@example.org", Role: programme.Mentee, Comment: s}}}
		src, err := EncodeCohort(&c)
		if err != nil {
			t.Fatal(err)
		}
		got, err := decodeCohort("f.yaml", src)
		if err != nil {
			t.Fatalf("%q: %v\n%s", s, err, src)
		}
		if got.Participants[0].Name != s || got.Participants[0].Workplace != s || (s != "" && got.Evaluations[0].Comment != s) {
			t.Fatalf("%q reads back as %q\n%s", s, got.Participants[0].Name, src)
		}
	})
}

func readAll(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			out[p] = string(b)
		}
		return nil
	})
	return out
}

func TestCommitInterrupted(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	old := []programme.Cohort{sampleCohort(r, "a", 3), sampleCohort(r, "b", 3)}
	next := []programme.Cohort{sampleCohort(r, "a", 5), sampleCohort(r, "b", 6)}
	for _, point := range []string{"temps", "journal"} {
		t.Run(point, func(t *testing.T) {
			dir := newData(t)
			if _, err := SaveCohorts(dir, old); err != nil {
				t.Fatal(err)
			}
			before := readAll(t, dir)
			CommitHook = func(p string) {
				if p == point {
					panic("killed")
				}
			}
			func() {
				defer func() { recover() }()
				SaveCohorts(dir, next)
			}()
			CommitHook = nil
			ds, err := Load(dir)
			if err != nil {
				t.Fatal(err)
			}
			want := old
			if point == "journal" {
				want = next // the journal was in place: the commit is finished
			}
			if !reflect.DeepEqual(ds.Cohorts, want) {
				t.Errorf("after a crash at %s, Load gives %d/%d records, want the %s state", point, len(ds.Cohorts[0].Participants), len(ds.Cohorts[1].Participants), map[bool]string{true: "new", false: "old"}[point == "journal"])
			}
			if point == "temps" {
				// Taking the lock clears the stray temporary files.
				l, err := AcquireLock(dir)
				if err != nil {
					t.Fatal(err)
				}
				l.Release()
				if after := readAll(t, dir); !reflect.DeepEqual(before, after) {
					t.Errorf("stray files left: %v", keys(after))
				}
			}
		})
	}
}

func keys(m map[string]string) []string {
	var k []string
	for s := range m {
		k = append(k, s)
	}
	return k
}

// TestCommitKilledProcess kills a real process mid-commit: the child exits
// with status 3 right after the journal is written.
func TestCommitKilledProcess(t *testing.T) {
	if dir := os.Getenv("STORE_CHILD_DIR"); dir != "" {
		point := os.Getenv("STORE_CHILD_CRASH")
		CommitHook = func(p string) {
			if p == point {
				os.Exit(3)
			}
		}
		r := rand.New(rand.NewPCG(7, 8))
		SaveCohorts(dir, []programme.Cohort{sampleCohort(r, "a", 9), sampleCohort(r, "b", 9)})
		os.Exit(0)
	}
	for _, point := range []string{"temps", "journal"} {
		dir := newData(t)
		r := rand.New(rand.NewPCG(9, 10))
		old := []programme.Cohort{sampleCohort(r, "a", 2), sampleCohort(r, "b", 2)}
		if _, err := SaveCohorts(dir, old); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(os.Args[0], "-test.run=^TestCommitKilledProcess$")
		cmd.Env = append(os.Environ(), "STORE_CHILD_DIR="+dir, "STORE_CHILD_CRASH="+point)
		err := cmd.Run()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 3 {
			t.Fatalf("child: %v, want exit status 3", err)
		}
		ds, err := Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		n := len(ds.Cohorts[0].Pairs)
		if (point == "temps" && n != 2) || (point == "journal" && n != 9) {
			t.Errorf("killed at %s: %d pairs in a, want %d", point, n, map[string]int{"temps": 2, "journal": 9}[point])
		}
	}
}

func TestLock(t *testing.T) {
	dir := newData(t)
	l, err := AcquireLock(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := AcquireLock(dir); !errors.Is(err, ErrLocked) {
		t.Errorf("second lock: %v, want ErrLocked", err)
	} else if want := fmt.Sprintf("datamappen er låst af proces %d på ", os.Getpid()); !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "så slet "+filepath.Join(dir, LockFile)) || !errors.Is(err, fs.ErrExist) {
		t.Errorf("message does not name the holder and what to do: %v, want %q", err, want)
	}
	l.Release()
	// A lock left by a process that is gone is taken over.
	host, _ := os.Hostname()
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skip("no true command")
	}
	stale := fmt.Sprintf("pid %d\nhost %s\nstarted %s\n", cmd.Process.Pid, host, time.Now().UTC().Format(time.RFC3339))
	os.WriteFile(filepath.Join(dir, LockFile), []byte(stale), 0o644)
	l, err = AcquireLock(dir)
	if err != nil {
		t.Fatalf("stale lock not taken over: %v", err)
	}
	l.Release()
	if _, err := os.Stat(filepath.Join(dir, LockFile)); !os.IsNotExist(err) {
		t.Error("lock file left after Release")
	}
}

// TestLockTakeoverRace: several processes finding the same stale lock at
// once: exactly one of them takes it over. (Goroutines stand in for
// processes: the lock is a file, and each attempt writes its own content.)
func TestLockTakeoverRace(t *testing.T) {
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skip("no true command")
	}
	host, _ := os.Hostname()
	stale := fmt.Sprintf("pid %d\nhost %s\nstarted %s\n", cmd.Process.Pid, host, time.Now().UTC().Format(time.RFC3339))
	const n = 8
	for round := range 20 {
		dir := newData(t)
		os.WriteFile(filepath.Join(dir, LockFile), []byte(stale), 0o644)
		// Everyone reads the stale lock before anyone takes it over, which
		// is the interleaving that let two ingests hold the lock when the
		// takeover was a plain remove and create.
		var ready sync.WaitGroup
		ready.Add(n)
		gate := make(chan struct{})
		takeoverHook = func() { ready.Done(); <-gate }
		var wg sync.WaitGroup
		locks := make(chan *Lock, n)
		errs := make(chan error, n)
		for range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				l, err := AcquireLock(dir)
				if err != nil {
					errs <- err
					return
				}
				locks <- l
			}()
		}
		ready.Wait()
		close(gate)
		wg.Wait()
		takeoverHook = nil
		close(locks)
		close(errs)
		if len(locks) != 1 {
			t.Fatalf("round %d: %d processes hold the lock, want 1", round, len(locks))
		}
		for err := range errs {
			if !errors.Is(err, ErrLocked) {
				t.Errorf("round %d: %v, want ErrLocked", round, err)
			}
		}
		l := <-locks
		if _, err := os.Stat(filepath.Join(dir, LockFile+".takeover")); !os.IsNotExist(err) {
			t.Errorf("round %d: takeover lock left behind", round)
		}
		l.Release()
	}
}

// TestLockMissingFolder: locking a folder that does not exist fails and
// makes no folder.
func TestLockMissingFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "findes-ikke")
	if _, err := AcquireLock(dir); err == nil || !strings.Contains(err.Error(), "findes ikke") {
		t.Errorf("err = %v", err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Error("AcquireLock made the folder")
	}
}

// TestDecodeHandEdited: any YAML with the store's keys loads, whatever its
// layout, quoting or comments, and reads as the same records.
func TestDecodeHandEdited(t *testing.T) {
	want := programme.Cohort{ID: "x", Participants: []programme.Participant{{Email: "a@example.org", Name: "A", Role: programme.Mentor}},
		Pairs: []programme.Pair{}, Meetings: []programme.Meeting{}, Evaluations: []programme.Evaluation{}}
	for _, src := range []string{
		"schema: 1\nid: x\nparticipants:\n- email: a@example.org\n  name: A\n  role: mentor\npairs: []\nmeetings: []\nevaluations: []\n",
		"id: x\nschema: 1\nparticipants: [{email: a@example.org, name: A, role: mentor}]\npairs: []\nmeetings: []\nevaluations: []\n",
		"schema: 1\nid: x\n\nparticipants:\n  - email: 'a@example.org'\n    name: A # comment\n    role: \"mentor\"\n\npairs: []\n\nmeetings: []\n\nevaluations: []\n",
	} {
		c, err := decodeCohort("x.yaml", []byte(src))
		if err != nil || !reflect.DeepEqual(c, want) {
			t.Errorf("hand-edited file %q: %+v, %v", src, c, err)
		}
	}
}

// TestDecodeErrors: bad cohort files are refused with the file and line.
func TestDecodeErrors(t *testing.T) {
	head := "schema: 1\nid: x\n\nparticipants:\n  - email: a@example.org\n    name: A\n    role: mentor\n"
	for _, tc := range []struct{ src, want string }{
		{head + "    rolle: mentor\n", "x.yaml:8: nøglen rolle kendes ikke: ret stavemåden"},
		{head + "    name: B\n", "x.yaml:8: nøglen name står der to gange (også på linje 6): slet den ene"},
		{head + "\nmeetings:\n  - mentee: a@example.org\n    date: 2026-02-31\n    held: true\n", `x.yaml:11: nøglen date har en værdi, der ikke kan læses (parsing time "2026-02-31": day out of range): ret værdien; en dato skrives ÅÅÅÅ-MM-DD`},
		{head + "\nmeetings:\n  - mentee: a@example.org\n    date: 2026-03-01\n    held: maybe\n", "x.yaml:12: værdien kan ikke bruges her (yaml: cannot unmarshal !!str `maybe` into bool): se efter"},
		{head + "\nmeetings:\n  - mentee: a@example.org\n    minutes: [1]\n", "x.yaml:11: værdien kan ikke bruges her (yaml: cannot unmarshal !!seq into int)"},
		{head + "  - email: b@example.org\n    name: B: C\n", "x.yaml:9: filen kan ikke læses som YAML (yaml: mapping values are not allowed in this context): se efter et manglende kolon"},
		{head + "  - email: b@example.org\n   name: B\n", "x.yaml:4: filen kan ikke læses som YAML (yaml: did not find expected '-' indicator): se efter"},
		{"schema: 2\nid: x\n", "x.yaml:1: schema 2 kendes ikke (programmet læser schema 1): skriv schema: 1"},
		{"id: x\n", "x.yaml: linjen schema mangler: skriv schema: 1"},
		{"schema: 1\nparticipants: []\n", "x.yaml: linjen id mangler: skriv id: x"},
		{"", "x.yaml: filen er tom: skriv schema: 1 og id: x, eller slet filen"},
		{"schema: 1\nid: x\nparticipants:\n  - email: a@example.org\n    name: \xe6\n", "x.yaml: filen kan ikke læses som YAML (yaml: incomplete UTF-8 octet sequence): se efter tegn, der ikke hører hjemme i en tekstfil, og gem filen med tegnsættet UTF-8"},
		{"- a\n", "x.yaml:1: værdien kan ikke bruges her (yaml: cannot unmarshal !!seq into store.cohortFile)"},
	} {
		_, err := decodeCohort("x.yaml", []byte(tc.src))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q:\n got %v\nwant %s", tc.src, err, tc.want)
		}
	}
}

// FuzzDecodeCohort: a file either is refused or reads as records that the
// store writes and reads back unchanged.
func FuzzDecodeCohort(f *testing.F) {
	r := rand.New(rand.NewPCG(13, 14))
	for n := range 4 {
		c := sampleCohort(r, "f", n)
		src, _ := EncodeCohort(&c)
		f.Add(src)
	}
	f.Add([]byte("schema: 1\nid: x\n\nparticipants: []\n\npairs: []\n\nmeetings: []\n\nevaluations: []\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		c, err := decodeCohort("f.yaml", src)
		if err != nil || CheckID(c.ID) != nil {
			return
		}
		out, err := EncodeCohort(&c)
		if err != nil {
			t.Fatal(err)
		}
		again, err := decodeCohort("f.yaml", out)
		if err != nil {
			t.Fatalf("the store cannot read what it wrote: %v\n%s", err, out)
		}
		if out2, _ := EncodeCohort(&again); !bytes.Equal(out, out2) {
			t.Fatalf("a second round trip changes the file:\n%s\n%s", out, out2)
		}
	})
}

// TestDemoDataStable: the demo cohort files read and are written back
// byte for byte as they are.
func TestDemoDataStable(t *testing.T) {
	paths, _ := filepath.Glob("../../data/cohorts/*.yaml")
	if len(paths) == 0 {
		t.Skip("no demo data")
	}
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		c, err := decodeCohort(p, src)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		if again, _ := EncodeCohort(&c); !bytes.Equal(again, src) {
			t.Errorf("%s: not as EncodeCohort writes it", p)
		}
	}
	if _, err := Load("../../data"); err != nil {
		t.Error(err)
	}
}

// TestQuotesAsIs: where quote skips yaml.v3, it writes what yaml.v3 writes.
func TestQuotesAsIs(t *testing.T) {
	n := 0
	for r := rune(0); r < 0x3000; r++ {
		s := "a, " + string(r) + " b"
		if !quotesAsIs(s) {
			continue
		}
		n++
		out, err := yaml.Marshal(&yaml.Node{Kind: yaml.ScalarNode, Style: yaml.DoubleQuotedStyle, Value: s})
		if err != nil || string(out) != quote(s)+"\n" {
			t.Errorf("U+%04X: yaml.v3 writes %q, quote %q", r, out, quote(s))
		}
	}
	if n != 93+398 { // printable ASCII but " and \, and 398 letters
		t.Errorf("only %d characters are written as they are", n)
	}
}

// TestEncodeAnyField: the writer follows the structs' yaml tags, so a new
// field of a record needs nothing but the field. Fields of kinds the
// records do not use yet are written by yaml.v3 and read back the same.
func TestEncodeAnyField(t *testing.T) {
	type rec struct {
		Key    string            `yaml:"key"`
		Tags   []string          `yaml:"tags,omitempty"`
		Count  uint              `yaml:"count"`
		Ratio  float64           `yaml:"ratio,omitempty"`
		Labels map[string]string `yaml:"labels,omitempty"`
		Day    programme.Date    `yaml:"day,omitempty"`
		Maybe  *bool             `yaml:"maybe,omitempty"`
		Skip   string            `yaml:"-"`
		hidden string
	}
	recs := []rec{
		{Key: "a", Tags: []string{"x", "y, z", "yes"}, Count: 3, Ratio: 0.5, Labels: map[string]string{"b": "2", "a": "Åse, Ærø"}, Day: programme.NewDate(2026, 3, 14), Maybe: boolp(false), Skip: "s", hidden: "h"},
		{Key: "no"},
	}
	var b bytes.Buffer
	b.WriteString("recs:\n")
	for i := range recs {
		if err := writeRecord(&b, reflect.ValueOf(recs).Index(i), fieldsOf(reflect.TypeFor[rec]())); err != nil {
			t.Fatal(err)
		}
	}
	want := `recs:
  - key: a
    tags: [x, 'y, z', "yes"]
    count: 3
    ratio: 0.5
    labels:
      a: "Åse, Ærø"
      b: "2"
    day: 2026-03-14
    maybe: false
  - key: "no"
    count: 0
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	var got struct{ Recs []rec }
	if err := yaml.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	recs[0].Skip, recs[0].hidden = "", ""
	if !reflect.DeepEqual(got.Recs, recs) {
		t.Errorf("read back as %+v", got.Recs)
	}
}

// TestLockAfterKilledTakeover: a process killed with kill -9 while it took
// over a stale lock leaves the takeover lock behind, holding its own pid;
// the next process, finding both the stale lock and that takeover lock of
// a process that no longer runs, takes the lock at once instead of being
// refused for a minute.
func TestLockAfterKilledTakeover(t *testing.T) {
	host, _ := os.Hostname()
	var dead []int
	for range 2 {
		cmd := exec.Command("true")
		if err := cmd.Run(); err != nil {
			t.Skip("no true command")
		}
		dead = append(dead, cmd.Process.Pid)
	}
	dir := newData(t)
	now := time.Now().UTC().Format(time.RFC3339Nano)
	os.WriteFile(filepath.Join(dir, LockFile), []byte(fmt.Sprintf("pid %d\nhost %s\nstarted %s\n", dead[0], host, now)), 0o600)
	os.WriteFile(filepath.Join(dir, LockFile+".takeover"), []byte(fmt.Sprintf("pid %d\nhost %s\nstarted %s\n", dead[1], host, now)), 0o600)
	l, err := AcquireLock(dir)
	if err != nil {
		t.Fatalf("a lock left by a killed takeover is not taken: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, LockFile+".takeover")); !os.IsNotExist(err) {
		t.Error("the dead takeover lock is left behind")
	}
	l.Release()

	// A takeover lock of a process that runs (this one) is respected.
	os.WriteFile(filepath.Join(dir, LockFile), []byte(fmt.Sprintf("pid %d\nhost %s\nstarted %s\n", dead[0], host, now)), 0o600)
	os.WriteFile(filepath.Join(dir, LockFile+".takeover"), []byte(fmt.Sprintf("pid %d\nhost %s\nstarted %s\n", os.Getpid(), host, now)), 0o600)
	if _, err := AcquireLock(dir); !errors.Is(err, ErrLocked) {
		t.Errorf("a live takeover lock: %v, want ErrLocked", err)
	}
}

// TestJournalMalformed: a journal edited or broken by hand is refused,
// naming its file and line, and nothing is renamed.
func TestJournalMalformed(t *testing.T) {
	dir := newData(t)
	jpath := filepath.Join(dir, JournalFile)
	if err := os.WriteFile(jpath, []byte("cohorts/.a.tmp\tcohorts/a.yaml\nnoget andet\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	want := jpath + `:2: linjen "noget andet" kan ikke læses, så et afbrudt gem kan ikke gøres færdigt: ser kohortefilerne i data/ rigtige ud, så slet filen ` + jpath
	if _, _, err := LoadCohorts(dir); err == nil || err.Error() != want {
		t.Errorf("LoadCohorts: %v\nwant %s", err, want)
	}
	if _, _, _, err := PeekCohorts(dir); err == nil || err.Error() != want {
		t.Errorf("PeekCohorts: %v\nwant %s", err, want)
	}
}
