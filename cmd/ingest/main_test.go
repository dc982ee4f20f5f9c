package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/laegeforeningen/mentorprogram/internal/outdir"
	"github.com/laegeforeningen/mentorprogram/internal/store"
	"github.com/laegeforeningen/mentorprogram/internal/testkit"
)

var update = flag.Bool("update", false, "rewrite golden files")

const today = "2026-11-22"

var examples = []string{"../../examples/tilmeldinger.csv", "../../examples/moedelog.xlsx", "../../examples/evaluering.csv"}

// newData makes an empty data folder with the repository's programme.yaml.
func newData(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "data")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("../../data/programme.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "programme.yaml"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

type result struct {
	code           int
	stdout, stderr string
}

func runIngest(t testing.TB, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := ingestMain(append([]string{"-private", ""}, args...), &out, &errb)
	return result{code, out.String(), errb.String()}
}

// TestDemoData: data/cohorts is exactly what the examples produce, in any
// order of files, and ingesting them again changes nothing.
func TestDemoData(t *testing.T) {
	want := testkit.Snapshot(t, "../../data/cohorts")
	if len(want) == 0 {
		t.Fatal("no demo data in data/cohorts")
	}
	for _, order := range [][]string{examples, {examples[2], examples[1], examples[0]}} {
		data := newData(t)
		r := runIngest(t, "-data", data, "-today", today, "-rejects", t.TempDir(), order[0], order[1], order[2])
		if r.code != 0 {
			t.Fatalf("exit %d\n%s", r.code, r.stderr)
		}
		got := testkit.Snapshot(t, filepath.Join(data, "cohorts"))
		if *update && reflect.DeepEqual(order, examples) {
			for name, src := range got {
				os.WriteFile(filepath.Join("../../data/cohorts", name), []byte(src), 0o644)
			}
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("ingesting %v does not give data/cohorts (run go test ./cmd/ingest -run TestDemoData -update)", order)
			for name := range want {
				if got[name] != want[name] {
					t.Errorf("%s differs", name)
				}
			}
		}
		// Idempotence: again, byte for byte.
		before := testkit.Snapshot(t, data)
		r = runIngest(t, "-data", data, "-today", today, "-rejects", t.TempDir(), order[0], order[1], order[2])
		if r.code != 0 || !strings.Contains(r.stderr, "0 nye, 0 opdaterede, 43 uændrede") || !strings.Contains(r.stderr, "Ingen ændringer") {
			t.Errorf("second ingest: exit %d\n%s", r.code, r.stderr)
		}
		if after := testkit.Snapshot(t, data); !reflect.DeepEqual(before, after) {
			t.Error("ingesting the same files twice changed data/")
		}
	}
}

// TestConfidential: the Referat and Noter columns' text reaches neither
// data/, nor a rejects file, nor the report.
func TestConfidential(t *testing.T) {
	data, rej := newData(t), t.TempDir()
	r := runIngest(t, "-data", data, "-today", today, "-rejects", rej, "-json", examples[0], examples[1], "../../examples/med-fejl.csv")
	if r.code != 1 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	secrets := []string{"Forventninger og rammer", "Vagtplanlægning", "Ønsker en samtale", "Fortroligt: må aldrig"}
	texts := map[string]string{"stderr": r.stderr, "stdout": r.stdout}
	for name, src := range testkit.Snapshot(t, data) {
		texts["data/"+name] = src
	}
	x, err := excelize.OpenFile(filepath.Join(rej, "med-fejl.afvist.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := x.GetRows(x.GetSheetName(0))
	x.Close()
	var all []string
	for _, row := range rows {
		all = append(all, row...)
	}
	texts["rejects"] = strings.Join(all, "\n")
	for name, text := range texts {
		for _, s := range secrets {
			if strings.Contains(text, s) {
				t.Errorf("%s contains meeting content %q", name, s)
			}
		}
	}
	if !strings.Contains(r.stderr, `kolonne I "Referat": mødeindhold`) || !strings.Contains(r.stderr, `kolonne G "Noter": mødeindhold`) {
		t.Errorf("the report does not say the content columns were dropped:\n%s", r.stderr)
	}
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	locked := newData(t)
	os.WriteFile(filepath.Join(locked, ".lock"), []byte("pid 1\nhost elsewhere\nstarted 2026-01-01T00:00:00Z\n"), 0o644)
	// An old .xls is an OLE compound file, as is a workbook with a password.
	cfb := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 1024)...)
	xls := filepath.Join(dir, "gammel.xls")
	os.WriteFile(xls, cfb, 0o644)
	protected := filepath.Join(dir, "kode.xlsx")
	pw := excelize.NewFile()
	pw.SetSheetRow("Sheet1", "A1", &[]any{"E-mail", "Navn", "Rolle", "Kohorte"})
	pw.SetSheetRow("Sheet1", "A2", &[]any{"a@example.org", "A", "mentor", "C"})
	if err := pw.SaveAs(protected, excelize.Options{Password: "hemmelig"}); err != nil {
		t.Fatal(err)
	}
	pw.Close()
	if b, _ := os.ReadFile(protected); !bytes.HasPrefix(b, cfb[:8]) {
		t.Fatal("the password-protected workbook is not an encrypted OLE file")
	}
	bomb := filepath.Join(dir, "bombe.xlsx")
	os.WriteFile(bomb, hostileZip(t, "xl/sharedStrings.xml", 65<<20), 0o644)
	missingData := filepath.Join(dir, "ingen-data")
	xlsx, _ := os.ReadFile(examples[1])
	truncated := filepath.Join(dir, "halv.xlsx")
	os.WriteFile(truncated, xlsx[:len(xlsx)*2/3], 0o644)
	unknown := filepath.Join(dir, "ukendt.csv")
	os.WriteFile(unknown, []byte("Farve;Form\nrød;rund\n"), 0o644)
	tests := []struct {
		name string
		args []string
		code int
		say  string
	}{
		{"no files", nil, 2, "no files given"},
		{"bad flag", []string{"-nope", examples[0]}, 2, "flag provided but not defined"},
		{"bad today", []string{"-today", "14-03-2026", examples[0]}, 2, "YYYY-MM-DD"},
		{"bad kind", []string{"-kind", "møder", examples[0]}, 2, "unknown kind"},
		{"bad date order", []string{"-date-order", "ymd", examples[0]}, 2, "dmy"},
		{"missing file", []string{filepath.Join(dir, "findes-ikke.csv")}, 2, "kan ikke åbnes"},
		{"password", []string{examples[0], protected}, 2, "adgangskode"},
		{"truncated", []string{examples[0], truncated}, 2, "beskadiget"},
		{"xls", []string{xls}, 2, "gamle Excel-format .xls"},
		{"shared strings bomb", []string{examples[0], bomb}, 2, "for meget tekst"},
		{"no data folder", []string{"-data", missingData, examples[0]}, 2, "mappen " + missingData + " findes ikke; angiv datamappen med -data"},
		{"unknown headers", []string{unknown}, 2, "Første række skal have kolonneoverskrifter"},
		{"wrong kind forced", []string{"-kind", "meetings", examples[0]}, 2, "mødelog: Mentee e-mail og Mødedato"},
		{"locked", []string{"-data", locked, examples[0]}, 2, "datamappen er låst af proces 1 på elsewhere"},
		{"all accepted", examples, 0, "43 godkendt, 0 afvist"},
		{"some rejected", []string{examples[0], "../../examples/med-fejl.csv"}, 1, "6 afvist"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := tt.args
			if !strings.HasPrefix(strings.Join(args, " "), "-data") {
				args = append([]string{"-data", newData(t)}, args...)
			}
			data := args[1]
			before := testkit.Snapshot(t, data)
			r := runIngest(t, append([]string{"-today", today, "-rejects", t.TempDir()}, args...)...)
			if r.code != tt.code || !strings.Contains(r.stderr, tt.say) {
				t.Errorf("exit %d, want %d, saying %q:\n%s", r.code, tt.code, tt.say, r.stderr)
			}
			if tt.code == 2 && !reflect.DeepEqual(before, testkit.Snapshot(t, data)) {
				t.Error("a failed run changed data/")
			}
			if data == missingData {
				if _, err := os.Stat(missingData); !os.IsNotExist(err) {
					t.Error("the missing data folder was made")
				}
			}
		})
	}
}

func TestStrictAndDryRun(t *testing.T) {
	data := newData(t)
	before := testkit.Snapshot(t, data)
	rej := t.TempDir()
	r := runIngest(t, "-data", data, "-today", today, "-rejects", rej, "-strict", examples[0], "../../examples/med-fejl.csv")
	if r.code != 1 || !strings.Contains(r.stderr, "Intet er gemt, fordi -strict") {
		t.Errorf("strict: exit %d\n%s", r.code, r.stderr)
	}
	if !reflect.DeepEqual(before, testkit.Snapshot(t, data)) {
		t.Error("-strict with rejected rows changed data/")
	}
	if _, err := os.Stat(filepath.Join(rej, "med-fejl.afvist.xlsx")); err != nil {
		t.Errorf("-strict wrote no rejects file: %v", err)
	}
	rej = t.TempDir()
	r = runIngest(t, append([]string{"-data", data, "-today", today, "-rejects", rej, "-dry-run", "-json"}, examples...)...)
	if r.code != 0 || !strings.Contains(r.stderr, "Prøvekørsel: intet er gemt. Disse filer ville blive ændret") {
		t.Errorf("dry run: exit %d\n%s", r.code, r.stderr)
	}
	if !reflect.DeepEqual(before, testkit.Snapshot(t, data)) || len(testkit.Snapshot(t, rej)) != 0 {
		t.Error("-dry-run wrote something")
	}
	var rep struct {
		Files   []map[string]any `json:"files"`
		Changed []string         `json:"changed"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || len(rep.Files) != 3 || len(rep.Changed) != 2 {
		t.Errorf("dry-run JSON: %v\n%s", err, r.stdout)
	}
}

// TestReport compares the text and JSON reports of the example with errors
// with golden files.
func TestReport(t *testing.T) {
	data, rej := newData(t), t.TempDir()
	if r := runIngest(t, append([]string{"-data", data, "-today", today, "-rejects", rej}, examples...)...); r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	r := runIngest(t, "-data", data, "-today", today, "-rejects", rej, "-json", "../../examples/med-fejl.csv")
	if r.code != 1 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	clean := func(s string) string {
		s = strings.ReplaceAll(s, filepath.ToSlash(rej), "$REJECTS")
		return strings.ReplaceAll(s, filepath.ToSlash(data), "$DATA")
	}
	golden(t, "med-fejl.txt", clean(r.stderr))
	golden(t, "med-fejl.json", clean(r.stdout))
	var rep struct {
		Files []struct {
			Path                                                string
			Kind                                                string
			Rows, Accepted, Rejected, Added, Updated, Unchanged int
		} `json:"files"`
		Problems []struct {
			File, Sheet, Column, Field, Code, Message string
			Row                                       int
		} `json:"problems"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	f := rep.Files[0]
	if f.Kind != "meetings" || f.Rows != 7 || f.Accepted != 1 || f.Rejected != 6 || f.Unchanged != 1 {
		t.Errorf("file report %+v", f)
	}
	if len(rep.Problems) != 8 || rep.Problems[0].Row == 0 || rep.Problems[0].Column == "" || rep.Problems[0].Code == "" {
		t.Errorf("problems %+v", rep.Problems)
	}
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (run go test -update to accept):\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

// TestRejectsRoundTrip: the rejects workbook, once corrected in place,
// ingests cleanly as it is.
func TestRejectsRoundTrip(t *testing.T) {
	data, rej := newData(t), t.TempDir()
	if r := runIngest(t, append([]string{"-data", data, "-today", today, "-rejects", rej}, examples...)...); r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	if r := runIngest(t, "-data", data, "-today", today, "-rejects", rej, "../../examples/med-fejl.csv"); r.code != 1 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	path := filepath.Join(rej, "med-fejl.afvist.xlsx")
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sh := x.GetSheetName(0)
	rows, _ := x.GetRows(sh)
	if len(rows) != 7 || rows[0][len(rows[0])-1] != "Fejl" || !strings.Contains(rows[0][6], "indhold fjernet") {
		t.Fatalf("rejects rows %q", rows)
	}
	if !strings.Contains(rows[1][7], "ikke en gyldig dato") {
		t.Errorf("row 2's reason: %q", rows[1][7])
	}
	fix := map[string]string{
		"B2": "20-04-2026",
		"A3": "cecilie.cirka@example.org",
		"B4": "14-10-2026",
		"D5": "nej",
		"B6": "02-10-2026",
		"A7": "iben.ide@example.org", "B7": "10-09-2026", "F7": "45",
	}
	for cell, v := range fix {
		x.SetCellStr(sh, cell, v)
	}
	if err := x.Save(); err != nil {
		t.Fatal(err)
	}
	x.Close()
	r := runIngest(t, "-data", data, "-today", today, "-rejects", rej, path)
	if r.code != 0 || !strings.Contains(r.stderr, "6 rækker læst: 6 godkendt, 0 afvist") || !strings.Contains(r.stderr, "6 nye") {
		t.Errorf("corrected rejects: exit %d\n%s", r.code, r.stderr)
	}
	if strings.Contains(r.stderr, `"Fejl"`) {
		t.Errorf("the Fejl column is reported as unknown:\n%s", r.stderr)
	}
}

// TestKilledIngest kills an ingest process mid-commit, before and after the
// journal is written: data/ is then as before or as after, never between.
func TestKilledIngest(t *testing.T) {
	if args := os.Getenv("INGEST_CHILD_ARGS"); args != "" {
		point := os.Getenv("INGEST_CHILD_CRASH")
		store.CommitHook = func(p string) {
			if p == point {
				os.Exit(3)
			}
		}
		os.Exit(ingestMain(strings.Split(args, "\x1f"), os.Stdout, os.Stderr))
	}
	want := testkit.Snapshot(t, "../../data/cohorts")
	for _, point := range []string{"temps", "journal"} {
		data := newData(t)
		args := append([]string{"-private", "", "-data", data, "-today", today, "-rejects", t.TempDir()}, examples...)
		cmd := exec.Command(os.Args[0], "-test.run=^TestKilledIngest$")
		cmd.Env = append(os.Environ(), "INGEST_CHILD_ARGS="+strings.Join(args, "\x1f"), "INGEST_CHILD_CRASH="+point)
		err := cmd.Run()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 3 {
			t.Fatalf("child: %v, want exit status 3", err)
		}
		if _, err := store.Load(data); err != nil {
			t.Fatal(err)
		}
		got := testkit.Snapshot(t, filepath.Join(data, "cohorts"))
		for name := range got {
			if strings.HasPrefix(name, ".") {
				delete(got, name) // temporary files, not read
			}
		}
		switch point {
		case "temps":
			if len(got) != 0 {
				t.Errorf("killed before the journal: data/cohorts has %v, want nothing", got)
			}
		case "journal":
			if !reflect.DeepEqual(got, want) {
				t.Errorf("killed after the journal: data/cohorts is not the complete new state")
			}
		}
		// The lock the killed process held is stale and taken over.
		if r := runIngest(t, append([]string{"-data", data, "-today", today, "-rejects", t.TempDir()}, examples...)...); r.code != 0 {
			t.Errorf("ingest after a kill: exit %d\n%s", r.code, r.stderr)
		}
		if got := testkit.Snapshot(t, filepath.Join(data, "cohorts")); !reflect.DeepEqual(got, want) {
			t.Errorf("after a kill at %s and a new ingest, data/cohorts differs", point)
		}
	}
}

// TestRegenerate: the private pages are regenerated after a run that saved
// (or had nothing to save), never after a dry run or a strict run with
// rejected rows, and never when -private is "".
func TestRegenerate(t *testing.T) {
	data := newData(t)
	priv := filepath.Join(t.TempDir(), "private")
	ingest := func(args ...string) int {
		var out, errb bytes.Buffer
		return ingestMain(append([]string{"-data", data, "-today", today, "-rejects", t.TempDir(), "-templates", "../../templates"}, args...), &out, &errb)
	}
	written := func() bool {
		_, err := os.Stat(filepath.Join(priv, "index.html"))
		return err == nil
	}
	ingest(append([]string{"-private", "", "-dry-run"}, examples...)...)
	ingest(append([]string{"-private", priv, "-dry-run"}, examples...)...)
	ingest("-private", priv, "-strict", examples[0], "../../examples/med-fejl.csv")
	if written() {
		t.Fatal("regenerated after a dry or strict run")
	}
	ingest(append([]string{"-private", ""}, examples...)...)
	if written() {
		t.Fatal("regenerated with -private \"\"")
	}
	// Nothing left to save: the pages are still made.
	if code := ingest(append([]string{"-private", priv}, examples...)...); code != 0 || !written() {
		t.Fatalf("exit %d, pages written %v", code, written())
	}
	if b, err := os.ReadFile(filepath.Join(priv, "status.json")); err != nil || !strings.Contains(string(b), `"as_of": "2026-11-22"`) {
		t.Errorf("status.json: %v\n%.200s", err, b)
	}
}

// hostileZip returns a workbook with an entry that unpacks to size bytes of
// spaces (compressed, a thousandth of that).
func hostileZip(t testing.TB, name string, size int) []byte {
	t.Helper()
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"E-mail", "Navn", "Rolle", "Kohorte"})
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		if zf.Name != name {
			zw.Copy(zf)
		}
	}
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
	chunk := bytes.Repeat([]byte{' '}, 1<<20)
	for ; size > 0; size -= len(chunk) {
		w.Write(chunk[:min(size, len(chunk))])
	}
	zw.Close()
	return out.Bytes()
}

// TestJSON: with -json every problem has the same keys, and a run that
// stops on an error (exit status 2) still writes a JSON report, holding the
// error.
func TestJSON(t *testing.T) {
	data := newData(t)
	r := runIngest(t, "-data", data, "-today", today, "-rejects", t.TempDir(), "-json", examples[0], "../../examples/med-fejl.csv")
	var rep map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"error", "dry_run", "strict", "applied", "files", "problems", "dropped", "notes", "changed"} {
		if _, ok := rep[k]; !ok {
			t.Errorf("no key %q in the report", k)
		}
	}
	for _, p := range rep["problems"].([]any) {
		for _, k := range []string{"file", "sheet", "row", "column", "header", "field", "code", "message", "value"} {
			if _, ok := p.(map[string]any)[k]; !ok {
				t.Errorf("problem %v has no key %q", p, k)
			}
		}
	}
	for _, f := range rep["files"].([]any) {
		for _, k := range []string{"path", "kind", "sheet", "rows", "accepted", "rejected", "added", "updated", "unchanged", "superseded", "rejects"} {
			if _, ok := f.(map[string]any)[k]; !ok {
				t.Errorf("file %v has no key %q", f, k)
			}
		}
	}
	for name, args := range map[string][]string{
		"missing file": {"-data", data, "-json", "findes-ikke.csv"},
		"bad flag":     {"-json", "-nope", examples[0]},
		"bad today":    {"-json", "-today", "i går", examples[0]},
		"no data":      {"-json", "-data", filepath.Join(t.TempDir(), "x"), examples[0]},
	} {
		var out, errb bytes.Buffer
		code := ingestMain(append([]string{"-private", ""}, args...), &out, &errb)
		var rep struct {
			Error    *string `json:"error"`
			Files    []any   `json:"files"`
			Problems []any   `json:"problems"`
		}
		if err := json.Unmarshal(out.Bytes(), &rep); err != nil || code != 2 || rep.Error == nil || *rep.Error == "" || rep.Files == nil || rep.Problems == nil {
			t.Errorf("%s: exit %d, %v, stdout:\n%s", name, code, err, out.String())
		}
	}
}

// TestSIGKILLedIngest kills ingest processes with SIGKILL, mid-commit and at
// random moments: data/ is then as before or as after, and the next ingest
// takes the lock over.
func TestSIGKILLedIngest(t *testing.T) {
	if args := os.Getenv("INGEST_KILL_CHILD_ARGS"); args != "" {
		point := os.Getenv("INGEST_KILL_CHILD_STALL")
		store.CommitHook = func(p string) {
			if p == point {
				stall("at " + p)
			}
		}
		os.Exit(ingestMain(strings.Split(args, "\x1f"), os.Stdout, os.Stderr))
	}
	if runtime.GOOS == "windows" {
		t.Skip("no SIGKILL on Windows")
	}
	want := testkit.Snapshot(t, "../../data/cohorts")
	start := func(data, stall string) (*exec.Cmd, *testkit.SyncBuffer) {
		args := append([]string{"-private", "", "-data", data, "-today", today, "-rejects", t.TempDir()}, examples...)
		cmd := exec.Command(os.Args[0], "-test.run=^TestSIGKILLedIngest$")
		cmd.Env = append(os.Environ(), "INGEST_KILL_CHILD_ARGS="+strings.Join(args, "\x1f"), "INGEST_KILL_CHILD_STALL="+stall)
		stderr := &testkit.SyncBuffer{}
		cmd.Stderr = stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd, stderr
	}
	check := func(data, when string, allowBefore, allowAfter bool) {
		t.Helper()
		if _, err := store.Load(data); err != nil {
			t.Fatalf("%s: %v", when, err)
		}
		got := testkit.Snapshot(t, filepath.Join(data, "cohorts"))
		for name := range got {
			if strings.HasPrefix(name, ".") {
				delete(got, name)
			}
		}
		before, after := len(got) == 0, reflect.DeepEqual(got, want)
		if !(allowBefore && before) && !(allowAfter && after) {
			t.Errorf("%s: data/cohorts is between before and after: %d files", when, len(got))
		}
		if r := runIngest(t, append([]string{"-data", data, "-today", today, "-rejects", t.TempDir()}, examples...)...); r.code != 0 {
			t.Errorf("%s: the next ingest: exit %d\n%s", when, r.code, r.stderr)
		}
		if got := testkit.Snapshot(t, filepath.Join(data, "cohorts")); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: after the next ingest data/cohorts differs", when)
		}
	}
	for _, point := range []string{"temps", "journal"} {
		data := newData(t)
		cmd, stderr := start(data, point)
		deadline := time.Now().Add(30 * time.Second)
		for !strings.Contains(stderr.String(), "stalled at "+point) {
			if time.Now().After(deadline) {
				cmd.Process.Kill()
				t.Fatalf("the child never reached %s:\n%s", point, stderr.String())
			}
			time.Sleep(5 * time.Millisecond)
		}
		cmd.Process.Kill()
		cmd.Wait()
		check(data, "killed at "+point, point == "temps", point == "journal")
	}
	for i := range 8 {
		data := newData(t)
		cmd, _ := start(data, "")
		time.Sleep(time.Duration(i*20) * time.Millisecond)
		cmd.Process.Kill()
		cmd.Wait()
		check(data, fmt.Sprintf("killed after %d ms", i*20), true, true)
	}
}

// stall says "stalled WHERE" on stderr and waits there, for the test that
// started this process to stop or kill it.
func stall(where string) {
	fmt.Fprintf(os.Stderr, "stalled %s\n", where)
	time.Sleep(time.Hour)
}

// TestDemoNotice: while programme.yaml says demo: true, a run that changes
// data/ reminds the secretariat to remove the demo cohorts; a dry run, a run
// that changes nothing and a run with demo: false are quiet.
func TestDemoNotice(t *testing.T) {
	for _, demo := range []bool{true, false} {
		data := newData(t)
		if !demo {
			p := filepath.Join(data, "programme.yaml")
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(b, []byte("\ndemo: true")) {
				t.Fatal("data/programme.yaml no longer says demo: true; update this test")
			}
			if err := os.WriteFile(p, bytes.Replace(b, []byte("\ndemo: true"), []byte("\ndemo: false"), 1), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		for _, dry := range []bool{true, false} {
			args := []string{"-data", data, "-today", today, "-rejects", t.TempDir(), "-private", ""}
			if dry {
				args = append(args, "-dry-run")
			}
			var out, errb bytes.Buffer
			ingestMain(append(args, examples...), &out, &errb)
			got := strings.Contains(errb.String(), "siger demo: true")
			if want := demo && !dry; got != want {
				t.Errorf("demo %v, dry run %v: notice shown = %v, want %v\n%s", demo, dry, got, want, errb.String())
			}
		}
		var out, errb bytes.Buffer
		ingestMain(append([]string{"-data", data, "-today", today, "-rejects", t.TempDir(), "-private", ""}, examples...), &out, &errb)
		if strings.Contains(errb.String(), "siger demo: true") {
			t.Errorf("demo %v: notice on a run that changed nothing\n%s", demo, errb.String())
		}
	}
}

// TestStatusPagesFail: when data/ is saved but the status pages cannot be
// written, the exit status is 3, not 2 ("nothing was written"), and the
// message says that data/ is saved.
func TestStatusPagesFail(t *testing.T) {
	data := newData(t)
	priv := filepath.Join(t.TempDir(), "noter")
	if err := os.MkdirAll(priv, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(priv, "mine.txt"), []byte("not the status pages"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	code := ingestMain(append([]string{"-data", data, "-today", today, "-rejects", t.TempDir(), "-private", priv, "-templates", "../../templates"}, examples...), &out, &errb)
	if code != exitStatus {
		t.Errorf("exit %d, want %d\n%s", code, exitStatus, errb.String())
	}
	if !strings.Contains(errb.String(), "data/ er gemt, men statussiderne kunne ikke laves") || strings.Contains(errb.String(), "Intet er gemt") {
		t.Errorf("the message does not say that data/ is saved:\n%s", errb.String())
	}
	if got := testkit.Snapshot(t, filepath.Join(data, "cohorts")); len(got) == 0 {
		t.Error("data/ was not saved")
	}
	if _, err := os.Stat(filepath.Join(data, store.LockFile)); err == nil {
		t.Error("the lock is still there")
	}
}

// TestStoppedWhileWritingStatusPages stops real ingest processes with
// SIGINT, SIGTERM and SIGKILL while they write the status pages, whose new
// folder (names, e-mail addresses) lies beside private/: SIGINT and SIGTERM
// remove it and release the lock before the process exits (status 130,
// 143); after SIGKILL the next ingest removes it. data/ is saved, the old
// private/ is intact, and no rejects workbook is half-written.
func TestStoppedWhileWritingStatusPages(t *testing.T) {
	if args := os.Getenv("INGEST_SIGNAL_CHILD_ARGS"); args != "" {
		outdir.Hook = func(point, from, to string) error {
			if point == "swap" {
				stall("writing " + filepath.Base(to))
			}
			return nil
		}
		os.Exit(ingestMain(strings.Split(args, "\x1f"), os.Stdout, os.Stderr))
	}
	if runtime.GOOS == "windows" {
		t.Skip("no signals on Windows")
	}
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGKILL} {
		t.Run(sig.String(), func(t *testing.T) {
			data, parent, rej := newData(t), t.TempDir(), t.TempDir()
			priv := filepath.Join(parent, "private")
			args := []string{"-data", data, "-today", today, "-rejects", rej, "-private", priv, "-templates", "../../templates"}
			// An earlier run's pages, which must survive.
			var out, errb bytes.Buffer
			if code := ingestMain(append(args, examples[0]), &out, &errb); code != 0 {
				t.Fatalf("first ingest: exit %d\n%s", code, errb.String())
			}
			before := testkit.Snapshot(t, priv)
			files := append(append([]string{}, examples...), "../../examples/med-fejl.csv")
			cmd := exec.Command(os.Args[0], "-test.run=^TestStoppedWhileWritingStatusPages$")
			cmd.Env = append(os.Environ(), "INGEST_SIGNAL_CHILD_ARGS="+strings.Join(append(args, files...), "\x1f"))
			stderr := testkit.StartUntil(t, cmd, "stalled writing private", 30*time.Second)
			leftovers := func() []string {
				m, _ := filepath.Glob(filepath.Join(parent, ".private.new-*"))
				r, _ := filepath.Glob(filepath.Join(rej, ".afvist-*"))
				return append(m, r...)
			}
			if len(leftovers()) == 0 {
				t.Fatal("no new folder beside private/ while the pages are written: the test stalls in the wrong place")
			}
			cmd.Process.Signal(sig)
			err := cmd.Wait()
			var ee *exec.ExitError
			if !errors.As(err, &ee) {
				t.Fatalf("child: %v", err)
			}
			_, lockErr := os.Stat(filepath.Join(data, store.LockFile))
			if sig == syscall.SIGKILL {
				if len(leftovers()) == 0 || lockErr != nil {
					t.Fatalf("after SIGKILL: leftovers %v, lock %v: the test shows nothing", leftovers(), lockErr)
				}
			} else {
				if want := 128 + int(sig); ee.ExitCode() != want {
					t.Errorf("exit status %d, want %d", ee.ExitCode(), want)
				}
				if !strings.Contains(stderr.String(), "ingest: stopped by") {
					t.Errorf("stderr does not say it was stopped:\n%s", stderr.String())
				}
				if l := leftovers(); len(l) > 0 {
					t.Errorf("left behind: %v", l)
				}
				if lockErr == nil {
					t.Error("the lock was not released")
				}
			}
			if got := testkit.Snapshot(t, priv); !reflect.DeepEqual(got, before) {
				t.Error("private/ changed")
			}
			if got := testkit.Snapshot(t, filepath.Join(data, "cohorts")); !reflect.DeepEqual(got, testkit.Snapshot(t, "../../data/cohorts")) {
				t.Error("data/ is not saved")
			}
			x, err := excelize.OpenFile(filepath.Join(rej, "med-fejl.afvist.xlsx"))
			if err != nil {
				t.Errorf("the rejects workbook: %v", err)
			} else {
				x.Close()
			}
			// The next ingest removes what a killed one left, and writes
			// the pages.
			out.Reset()
			errb.Reset()
			if code := ingestMain(append(args, files...), &out, &errb); code != exitRejected {
				t.Fatalf("next ingest: exit %d\n%s", code, errb.String())
			}
			if l := leftovers(); len(l) > 0 {
				t.Errorf("the next ingest left %v", l)
			}
			if _, err := os.Stat(filepath.Join(priv, "opfoelgning.html")); err != nil {
				t.Error(err)
			}
		})
	}
}

// TestLeftoversIgnored: git ignores what a killed run may leave beside the
// project's folders, as they hold names and e-mail addresses.
func TestLeftoversIgnored(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	names := []string{".private.new-p123-456", ".private.new-p123-456.old", ".public.new-p123-456", ".public.new-p123-456.old",
		".afvist-p123-456.xlsx", "data/.journal.tmp-1", "data/cohorts/.a.yaml.tmp-1"}
	cmd := exec.Command("git", append([]string{"-C", "../..", "check-ignore", "--no-index", "-v"}, names...)...)
	out, _ := cmd.Output()
	for _, n := range names {
		if !strings.Contains(string(out), "\t"+n+"\n") {
			t.Errorf("git does not ignore %s\n%s", n, out)
		}
	}
}

// failWriter fails every write.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("broken pipe") }

// TestReportFailsAfterSave: a -json report that cannot be written after
// data/ was saved gives exit status 3, not 2 ("nothing was written"); in a
// dry run it is 2.
func TestReportFailsAfterSave(t *testing.T) {
	data := newData(t)
	for _, c := range []struct {
		dry  bool
		code int
	}{{true, exitError}, {false, exitStatus}} {
		args := []string{"-data", data, "-today", today, "-rejects", t.TempDir(), "-private", "", "-json"}
		if c.dry {
			args = append(args, "-dry-run")
		}
		var errb bytes.Buffer
		if code := ingestMain(append(args, examples...), failWriter{}, &errb); code != c.code {
			t.Errorf("dry run %v: exit %d, want %d\n%s", c.dry, code, c.code, errb.String())
		}
	}
	if got := testkit.Snapshot(t, filepath.Join(data, "cohorts")); len(got) == 0 {
		t.Error("data/ was not saved")
	}
}
