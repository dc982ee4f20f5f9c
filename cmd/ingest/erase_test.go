package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/laegeforeningen/mentorprogram/internal/programme"
	"github.com/laegeforeningen/mentorprogram/internal/status"
	"github.com/laegeforeningen/mentorprogram/internal/store"
	"github.com/laegeforeningen/mentorprogram/internal/testkit"
)

// demoCopy copies the repository's data/ (programme.yaml and the demo
// cohorts) to a temporary folder and writes its status pages at day into a
// private folder beside it.
func demoCopy(t *testing.T, day string, setup func(*programme.Dataset)) (data, private string) {
	t.Helper()
	data = newData(t)
	private = filepath.Join(filepath.Dir(data), "private")
	if err := os.MkdirAll(filepath.Join(data, "cohorts"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, src := range testkit.Snapshot(t, "../../data/cohorts") {
		if err := os.WriteFile(filepath.Join(data, "cohorts", name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if setup != nil {
		ds, err := store.Load(data)
		if err != nil {
			t.Fatal(err)
		}
		setup(ds)
		if err := store.Save(data, ds); err != nil {
			t.Fatal(err)
		}
	}
	writePrivate(t, data, private, day)
	return data, private
}

// withHandled marks follow-ups handled in the demo data: of Iben Idé's
// pair (keyed by her), of her waiting before the match, and of another
// pair, so that -forget must take out exactly the right ones.
func withHandled(ds *programme.Dataset) {
	for i := range ds.Cohorts {
		c := &ds.Cohorts[i]
		if c.ID != "2026-foraar" {
			continue
		}
		day := programme.NewDate(2026, 11, 20)
		c.Handled = append(c.Handled,
			programme.Handled{Kind: programme.FlagQuiet, Email: "iben.ide@example.org", Date: day, Initials: "AB", Action: "ringet til Vibeke Vikar", LookAgain: day.AddDays(28)},
			programme.Handled{Kind: programme.FlagWaitingTooLong, Email: "iben.ide@example.org", Date: day, Initials: "AB", Action: "skrevet", LookAgain: day.AddDays(28)},
			programme.Handled{Kind: programme.FlagContactRequested, Email: "eva.estimat@example.org", Date: day, Initials: "CD", Action: "ringet op", LookAgain: day.AddDays(14)})
	}
}

// alsoInSpring signs the mentor Birgitte Fiktivsen up to the spring cohort
// as well, so that she is in both demo cohorts.
func alsoInSpring(ds *programme.Dataset) {
	for i := range ds.Cohorts {
		if ds.Cohorts[i].ID == "2026-foraar" {
			ds.Cohorts[i].Participants = append(ds.Cohorts[i].Participants, programme.Participant{
				Email: "birgitte.fiktivsen@example.org", Name: "Birgitte Fiktivsen", Role: programme.Mentor,
				SignedUp: programme.NewDate(2026, 2, 1), Workplace: "Testhospitalet"})
		}
	}
}

// writePrivate writes the status pages of the data folder at day.
func writePrivate(t *testing.T, data, private, day string) {
	t.Helper()
	ds, err := store.Load(data)
	if err != nil {
		t.Fatal(err)
	}
	writeStatus(t, ds, day, private)
}

// writeStatus writes the status pages of ds at day into private, the way
// cmd/ingest does.
func writeStatus(t *testing.T, ds *programme.Dataset, day, private string) {
	t.Helper()
	if err := status.New(ds, mustDate(t, day)).WritePrivate(private, os.DirFS("../../templates")); err != nil {
		t.Fatal(err)
	}
}

func mustDate(t *testing.T, s string) programme.Date {
	t.Helper()
	d, err := programme.ParseISODate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// readable returns every file under dir as text, with workbooks unpacked
// (their XML holds the cells' text).
func readable(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := testkit.Snapshot(t, dir)
	for name, src := range files {
		if !strings.HasSuffix(name, ".xlsx") {
			continue
		}
		zr, err := zip.NewReader(strings.NewReader(src), int64(len(src)))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				t.Fatal(err)
			}
			files[name+"/"+f.Name] = string(b)
		}
	}
	return files
}

// forgetByHand is the test's own account of what forgetting email takes
// out of a cohort: their sign-up and evaluation, their pairs, and the
// meetings of those pairs.
func forgetByHand(c programme.Cohort, email string) programme.Cohort {
	out := programme.Cohort{ID: c.ID, Name: c.Name, Participants: []programme.Participant{}, Pairs: []programme.Pair{},
		Meetings: []programme.Meeting{}, Evaluations: []programme.Evaluation{}}
	gone := map[string]bool{email: true}
	for _, p := range c.Pairs {
		if p.Mentee == email || p.Mentor == email {
			gone[p.Mentee] = true
			continue
		}
		out.Pairs = append(out.Pairs, p)
	}
	for _, p := range c.Participants {
		if p.Email != email {
			out.Participants = append(out.Participants, p)
		}
	}
	for _, m := range c.Meetings {
		if !gone[m.Mentee] {
			out.Meetings = append(out.Meetings, m)
		}
	}
	for _, e := range c.Evaluations {
		if e.Email != email {
			out.Evaluations = append(out.Evaluations, e)
		}
	}
	for _, h := range c.Handled {
		// A removed pair's records go; a partner's own waiting stays.
		if h.Email != email && (!gone[h.Email] || h.Kind == programme.FlagWaitingTooLong) {
			out.Handled = append(out.Handled, h)
		}
	}
	return out
}

// expectedAfter returns the snapshots of data/ and of its status pages at
// day as they must be when the given people (cohort id -> addresses) are
// removed by hand from the data folder whose snapshot is before.
func expectedAfter(t *testing.T, before map[string]string, gone map[string][]string, day string) (wantData, wantPrivate map[string]string) {
	t.Helper()
	dir := t.TempDir()
	src, wdata, wpriv := filepath.Join(dir, "src"), filepath.Join(dir, "data"), filepath.Join(dir, "private")
	for name, text := range before {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(src, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(src, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ds, err := store.Load(src)
	if err != nil {
		t.Fatal(err)
	}
	for i := range ds.Cohorts {
		for _, email := range gone[ds.Cohorts[i].ID] {
			ds.Cohorts[i] = forgetByHand(ds.Cohorts[i], email)
		}
	}
	if err := os.MkdirAll(wdata, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(wdata, "programme.yaml"), []byte(before["programme.yaml"]), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := store.Save(wdata, ds); err != nil {
		t.Fatal(err)
	}
	writeStatus(t, ds, day, wpriv)
	return testkit.Snapshot(t, wdata), testkit.Snapshot(t, wpriv)
}

// sameFiles reports every file that differs between got and want.
func sameFiles(t *testing.T, what string, got, want map[string]string) {
	t.Helper()
	for name, w := range want {
		if g, ok := got[name]; !ok {
			t.Errorf("%s: %s is missing", what, name)
		} else if g != w {
			t.Errorf("%s: %s differs from the same data without the person", what, name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: %s is extra", what, name)
		}
	}
}

// linesKept reports whether every line of after is a line of before, in
// the same order: the file only lost lines.
func linesKept(before, after string) bool {
	b := strings.Split(before, "\n")
	i := 0
	for _, l := range strings.Split(after, "\n") {
		for i < len(b) && b[i] != l {
			i++
		}
		if i == len(b) {
			return false
		}
		i++
	}
	return true
}

// person returns the name of email in data and the cohorts it appears in.
func person(t *testing.T, data, email string) (name string, cohorts []string) {
	t.Helper()
	ds, err := store.Load(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range ds.Cohorts {
		for _, p := range c.Participants {
			if p.Email == email {
				name = p.Name
				cohorts = append(cohorts, c.ID)
			}
		}
	}
	if name == "" {
		t.Fatalf("%s is not in %s", email, data)
	}
	return name, cohorts
}

// TestForget: -forget removes the person from every file in data/ and every
// page of private/ (status.json and opfoelgning.xlsx too), and the result
// is byte for byte data/ and private/ as they are for the same data without
// the person; nothing it prints afterwards names them.
func TestForget(t *testing.T) {
	tests := []struct {
		name    string
		email   string // as typed
		cohort  string
		gone    []string // the cohorts the person must leave; nil: all
		setup   func(*programme.Dataset)
		handled int // handled follow-ups in data/ after setup
	}{
		// A mentor in both demo cohorts, with pairs, meetings and evaluations.
		{"mentor everywhere", "Birgitte.Fiktivsen@Example.org ", "", nil, alsoInSpring, 0},
		// Only from one cohort: the other keeps them.
		{"one cohort", "birgitte.fiktivsen@example.org", "2025-efteraar", []string{"2025-efteraar"}, alsoInSpring, 0},
		// A mentee with an evaluation and handled follow-ups.
		{"mentee", "iben.ide@example.org", "", nil, withHandled, 3},
		// Her mentor: the pair's handled follow-ups go, her own waiting stays.
		{"partner of handled", "vibeke.vikar@example.org", "", nil, withHandled, 3},
		// A sign-up never matched.
		{"unmatched", "johanne.jaevnsides@example.org", "", nil, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			email := strings.ToLower(strings.TrimSpace(tt.email))
			data, private := demoCopy(t, today, tt.setup)
			if tt.handled > 0 {
				ds, err := store.Load(data)
				if err != nil {
					t.Fatal(err)
				}
				n := 0
				for _, c := range ds.Cohorts {
					n += len(c.Handled)
				}
				if n != tt.handled {
					t.Fatalf("%d handled follow-ups in data/ after the setup, want %d", n, tt.handled)
				}
			}
			name, in := person(t, data, email)
			gone := tt.gone
			if gone == nil {
				gone = in
			}
			beforeData := testkit.Snapshot(t, data)
			args := []string{"-data", data, "-today", today, "-private", private, "-templates", "../../templates", "-forget", tt.email}
			if tt.cohort != "" {
				args = append(args, "-cohort", tt.cohort)
			}

			// Without -yes: the plan names the person, nothing is written,
			// and the exit status says nothing was done.
			var out, errb bytes.Buffer
			if code := ingestMain(args, &out, &errb); code != exitError {
				t.Fatalf("without -yes: exit %d\n%s", code, errb.String())
			}
			if !strings.Contains(errb.String(), name) || !strings.Contains(errb.String(), "-yes") {
				t.Errorf("the plan does not name %s or ask for -yes:\n%s", name, errb.String())
			}
			// A dry run: the same, exit 0.
			out.Reset()
			errb.Reset()
			if code := ingestMain(append(args, "-dry-run", "-yes"), &out, &errb); code != 0 {
				t.Fatalf("-dry-run: exit %d\n%s", code, errb.String())
			}
			if got := testkit.Snapshot(t, data); !reflect.DeepEqual(got, beforeData) {
				t.Fatal("a run without -yes or with -dry-run changed data/")
			}

			out.Reset()
			errb.Reset()
			if code := ingestMain(append(args, "-yes", "-json"), &out, &errb); code != 0 {
				t.Fatalf("-yes: exit %d\n%s", code, errb.String())
			}
			for _, s := range []string{email, tt.email, name} {
				if strings.Contains(out.String(), s) || strings.Contains(errb.String(), s) {
					t.Errorf("the output after -yes holds %q:\n%s\n%s", s, out.String(), errb.String())
				}
			}
			var rep struct {
				Applied bool
				People  int
				Cohorts []struct{ Cohort string }
			}
			if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
				t.Fatal(err)
			}
			if !rep.Applied || rep.People != len(gone) || len(rep.Cohorts) != len(gone) {
				t.Errorf("-json: %+v, want applied, %d people", rep, len(gone))
			}

			// Gone from every file (in the cohorts it left).
			files := readable(t, private)
			for n, src := range testkit.Snapshot(t, data) {
				files["data/"+n] = src
			}
			for file, src := range files {
				if tt.cohort == "" && (strings.Contains(src, email) || strings.Contains(src, name)) {
					t.Errorf("%s still names the person", file)
				}
			}
			if tt.cohort != "" {
				src := testkit.Snapshot(t, data)["cohorts/"+tt.cohort+".yaml"]
				if strings.Contains(src, email) || strings.Contains(src, name) {
					t.Errorf("cohort %s still names the person", tt.cohort)
				}
				if _, left := person(t, data, email); len(left) != len(in)-1 {
					t.Errorf("the person is left in %v, want %d cohorts", left, len(in)-1)
				}
			}

			// Exactly the same files as the data without the person.
			byCohort := map[string][]string{}
			for _, c := range gone {
				byCohort[c] = []string{email}
			}
			wantData, wantPrivate := expectedAfter(t, beforeData, byCohort, today)
			afterData := testkit.Snapshot(t, data)
			sameFiles(t, "data/", afterData, wantData)
			sameFiles(t, "private/", testkit.Snapshot(t, private), wantPrivate)
			for file, src := range beforeData {
				if !linesKept(src, afterData[file]) {
					t.Errorf("%s gained or changed lines, not only lost some", file)
				}
				changed := src != afterData[file]
				left := false
				for _, c := range gone {
					left = left || file == "cohorts/"+c+".yaml"
				}
				if changed != left {
					t.Errorf("%s changed: %v, want %v", file, changed, left)
				}
			}
			if _, err := os.Stat(filepath.Join(data, store.LockFile)); err == nil {
				t.Error("the lock is left")
			}

			// Again: no one has that address any more.
			errb.Reset()
			if code := ingestMain(append(args, "-yes"), &out, &errb); code != exitError || !strings.Contains(errb.String(), "ingen i") {
				t.Errorf("forgetting again: exit %d\n%s", code, errb.String())
			}
			if strings.Contains(errb.String(), email) {
				t.Errorf("the not-found message holds the address: %s", errb.String())
			}
		})
	}
}

// TestPurgeExpired: -purge-expired removes exactly the people past
// privacy.retention_months, the same way as -forget, and a second run finds
// no one.
func TestPurgeExpired(t *testing.T) {
	const later = "2028-10-01" // some demo courses ended more than 24 months before
	data, private := demoCopy(t, later, nil)
	beforeData := testkit.Snapshot(t, data)
	ds, err := store.Load(data)
	if err != nil {
		t.Fatal(err)
	}
	expired := map[string][]string{}
	var names, kept []string
	n := 0
	for i := range ds.Cohorts {
		c := &ds.Cohorts[i]
		out := map[string]bool{}
		for _, e := range programme.Expired(&ds.Config, c, mustDate(t, later)) {
			expired[c.ID] = append(expired[c.ID], e.Email)
			names = append(names, e.Name, e.Email)
			out[e.Email] = true
			n++
		}
		for _, p := range c.Participants {
			if !out[p.Email] {
				kept = append(kept, p.Email)
			}
		}
	}
	if n == 0 || len(kept) == 0 {
		t.Fatalf("the demo data at %s should have people both past and within the retention period: %d past, %d within", later, n, len(kept))
	}
	args := []string{"-data", data, "-today", later, "-private", private, "-templates", "../../templates", "-purge-expired"}

	var out, errb bytes.Buffer
	if code := ingestMain(append(args, "-dry-run"), &out, &errb); code != 0 {
		t.Fatalf("-dry-run: exit %d\n%s", code, errb.String())
	}
	if !strings.Contains(errb.String(), "Prøvekørsel") || !strings.Contains(errb.String(), names[0]) {
		t.Errorf("the dry run does not show whom it would remove:\n%s", errb.String())
	}
	if code := ingestMain(args, &out, &errb); code != exitError {
		t.Errorf("without -yes: exit %d", code)
	}
	if got := testkit.Snapshot(t, data); !reflect.DeepEqual(got, beforeData) {
		t.Fatal("a run without -yes changed data/")
	}

	out.Reset()
	errb.Reset()
	if code := ingestMain(append(args, "-yes"), &out, &errb); code != 0 {
		t.Fatalf("-yes: exit %d\n%s", code, errb.String())
	}
	if !strings.Contains(errb.String(), "Slettet fra kohorte") {
		t.Errorf("no counts reported:\n%s", errb.String())
	}
	files := readable(t, private)
	for name, src := range testkit.Snapshot(t, data) {
		files["data/"+name] = src
	}
	for _, s := range names {
		if s == "" {
			continue
		}
		if strings.Contains(errb.String(), s) || strings.Contains(out.String(), s) {
			t.Errorf("the output after -yes names %q", s)
		}
		for file, src := range files {
			if strings.Contains(src, s) {
				t.Errorf("%s still holds %q", file, s)
			}
		}
	}
	for _, email := range kept {
		if !strings.Contains(files["data/cohorts/2025-efteraar.yaml"]+files["data/cohorts/2026-foraar.yaml"], email) {
			t.Errorf("%s, within the retention period, was removed", email)
		}
	}
	wantData, wantPrivate := expectedAfter(t, beforeData, expired, later)
	sameFiles(t, "data/", testkit.Snapshot(t, data), wantData)
	sameFiles(t, "private/", testkit.Snapshot(t, private), wantPrivate)

	// Again: no one left to purge, nothing written.
	before := testkit.Snapshot(t, data)
	errb.Reset()
	if code := ingestMain(append(args, "-yes"), &out, &errb); code != 0 || !strings.Contains(errb.String(), "Ingen har passeret") {
		t.Errorf("second purge: exit %d\n%s", code, errb.String())
	}
	if !reflect.DeepEqual(testkit.Snapshot(t, data), before) {
		t.Error("a purge with no one to remove changed data/")
	}
}

// TestEraseUsage: the flags' combinations that make no sense stop with exit
// status 2 before anything is read, and no message quotes the address.
func TestEraseUsage(t *testing.T) {
	data := newData(t)
	const addr = "someone@example.org"
	for _, args := range [][]string{
		{"-forget", addr, "-purge-expired"},
		{"-forget", addr, "file.csv"},
		{"-purge-expired", "file.csv"},
		{"-cohort", "2026-foraar", "file.csv"},
		{"-yes", "file.csv"},
		{"-forget", "not an address", "-yes"},
		{"-forget", addr, "-cohort", "no-such-cohort", "-yes"},
	} {
		r := runIngest(t, append([]string{"-data", data, "-today", today}, args...)...)
		if r.code != exitError {
			t.Errorf("%v: exit %d\n%s", args, r.code, r.stderr)
		}
		if strings.Contains(r.stderr, addr) || strings.Contains(r.stderr, "not an address") {
			t.Errorf("%v: the message quotes the address: %s", args, r.stderr)
		}
	}
	// privacy.retention_months unset: -purge-expired says so.
	src, err := os.ReadFile(filepath.Join(data, "programme.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	src = bytes.Replace(src, []byte("  retention_months: 24\n"), nil, 1)
	if err := os.WriteFile(filepath.Join(data, "programme.yaml"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	if r := runIngest(t, "-data", data, "-today", today, "-purge-expired", "-yes"); r.code != exitError || !strings.Contains(r.stderr, "privacy.retention_months") {
		t.Errorf("retention unset: exit %d\n%s", r.code, r.stderr)
	}
}

// TestForgetFreeTextMention: what others wrote about the person (here
// another participant's evaluation comment naming her) is not removed, and
// both the plan and the report say so, the report without the name.
func TestForgetFreeTextMention(t *testing.T) {
	const comment = "Godt forløb; jeg talte også med Eva Estimat"
	data, private := demoCopy(t, today, func(ds *programme.Dataset) {
		for i := range ds.Cohorts {
			c := &ds.Cohorts[i]
			if c.ID == "2026-foraar" && len(c.Evaluations) > 0 && c.Evaluations[0].Email != "eva.estimat@example.org" {
				c.Evaluations[0].Comment = comment
				return
			}
		}
		t.Fatal("no evaluation in 2026-foraar to write the comment in")
	})
	args := []string{"-data", data, "-today", today, "-private", private, "-templates", "../../templates", "-forget", "eva.estimat@example.org"}
	var out, errb bytes.Buffer
	if code := ingestMain(append(args, "-dry-run"), &out, &errb); code != 0 {
		t.Fatalf("-dry-run: exit %d\n%s", code, errb.String())
	}
	if !strings.Contains(errb.String(), "bemærk: 1 fritekst fra andre nævner navnet eller adressen") {
		t.Errorf("the plan does not warn of the free text:\n%s", errb.String())
	}
	out.Reset()
	errb.Reset()
	if code := ingestMain(append(args, "-yes", "-json"), &out, &errb); code != 0 {
		t.Fatalf("-yes: exit %d\n%s", code, errb.String())
	}
	if !strings.Contains(errb.String(), "Bemærk: 1 fritekst fra andre i") || strings.Contains(errb.String(), "Eva") {
		t.Errorf("the report does not warn of the free text, or names her:\n%s", errb.String())
	}
	if !strings.Contains(out.String(), `"free_text_mentions": 1`) {
		t.Errorf("-json lacks the count:\n%s", out.String())
	}
	if src := testkit.Snapshot(t, data)["cohorts/2026-foraar.yaml"]; !strings.Contains(src, comment) || strings.Contains(src, "eva.estimat@") {
		t.Error("the other participant's comment went, or her address stayed")
	}
}

// TestForgetFromStdin: -forget - reads the address from standard input, so
// that it is in neither the shell's history nor the process list.
func TestForgetFromStdin(t *testing.T) {
	data, _ := demoCopy(t, today, nil)
	defer func(r io.Reader) { stdin = r }(stdin)
	stdin = strings.NewReader("Iben.Ide@example.org\n")
	r := runIngest(t, "-data", data, "-today", today, "-forget", "-", "-yes")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	if src := testkit.Snapshot(t, data)["cohorts/2026-foraar.yaml"]; strings.Contains(src, "iben.ide@") {
		t.Error("the person read from standard input is still in data/")
	}
	stdin = strings.NewReader("")
	if r := runIngest(t, "-data", data, "-today", today, "-forget", "-", "-yes"); r.code != exitError || !strings.Contains(r.stderr, "standard input") {
		t.Errorf("nothing on standard input: exit %d\n%s", r.code, r.stderr)
	}
}

// TestForgetAvoidListMention: another participant's avoid list that names
// the person (as matching sign-ups write it) is what the other wrote: it
// stays, and the plan and the report count it, so that the person's name
// is not left in data/ without a word.
func TestForgetAvoidListMention(t *testing.T) {
	data, private := demoCopy(t, today, func(ds *programme.Dataset) {
		for i := range ds.Cohorts {
			c := &ds.Cohorts[i]
			if c.ID != "2026-foraar" {
				continue
			}
			for j := range c.Participants {
				if c.Participants[j].Email != "eva.estimat@example.org" {
					c.Participants[j].Avoid = []string{"Eva Estimat"}
					return
				}
			}
		}
		t.Fatal("no participant in 2026-foraar to give an avoid list")
	})
	args := []string{"-data", data, "-today", today, "-private", private, "-templates", "../../templates", "-forget", "eva.estimat@example.org"}
	var out, errb bytes.Buffer
	if code := ingestMain(append(args, "-dry-run"), &out, &errb); code != 0 {
		t.Fatalf("-dry-run: exit %d\n%s", code, errb.String())
	}
	if !strings.Contains(errb.String(), "bemærk: 1 fritekst fra andre nævner navnet eller adressen") {
		t.Errorf("the plan does not warn of the avoid list:\n%s", errb.String())
	}
	out.Reset()
	errb.Reset()
	if code := ingestMain(append(args, "-yes", "-json"), &out, &errb); code != 0 {
		t.Fatalf("-yes: exit %d\n%s", code, errb.String())
	}
	if !strings.Contains(errb.String(), "undgå-lister) nævner navnet") || strings.Contains(errb.String(), "Eva") {
		t.Errorf("the report does not warn of the avoid list, or names her:\n%s", errb.String())
	}
	if !strings.Contains(out.String(), `"free_text_mentions": 1`) {
		t.Errorf("-json lacks the count:\n%s", out.String())
	}
}

// TestForgetStatusPagesFail: when the status pages cannot be made after
// -forget -yes has saved data/, the exit status is 3 (data/ was written)
// and the message says that the old pages still show what was deleted.
func TestForgetStatusPagesFail(t *testing.T) {
	data, _ := demoCopy(t, today, nil)
	file := filepath.Join(t.TempDir(), "fil")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	r := runIngest(t, "-data", data, "-today", today, "-private", filepath.Join(file, "private"), "-templates", "../../templates",
		"-forget", "eva.estimat@example.org", "-yes")
	if r.code != exitStatus || !strings.Contains(r.stderr, "data/ er gemt, men statussiderne kunne ikke laves") ||
		!strings.Contains(r.stderr, "viser stadig det slettede") {
		t.Errorf("exit %d\n%s", r.code, r.stderr)
	}
	if src := testkit.Snapshot(t, data)["cohorts/2026-foraar.yaml"]; strings.Contains(src, "eva.estimat@") {
		t.Error("the person is still in data/")
	}
}
