package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/laegeforeningen/mentorprogram/internal/register"
	"github.com/laegeforeningen/mentorprogram/internal/store"
	"github.com/laegeforeningen/mentorprogram/internal/testkit"
)

// TestVersion: -version prints the program's version on stdout and does
// nothing else.
func TestVersion(t *testing.T) {
	data := newData(t)
	r := runIngest(t, "-data", data, "-version")
	if r.code != 0 || !regexp.MustCompile(`^ingest \S+\n$`).MatchString(r.stdout) || r.stderr != "" {
		t.Errorf("-version: exit %d, stdout %q, stderr %q; want exit 0 and one line \"ingest VERSION\"", r.code, r.stdout, r.stderr)
	}
	if got := testkit.Snapshot(t, filepath.Join(data, "cohorts")); len(got) != 0 {
		t.Errorf("-version wrote %d files into data/", len(got))
	}
}

// TestBuiltInTheme: without -templates the status pages are made from the
// theme built into the program, so it works from a folder without
// templates/ (the test runs in cmd/ingest, which has none).
func TestBuiltInTheme(t *testing.T) {
	if _, err := os.Stat("templates"); err == nil {
		t.Fatal("the test's folder has a templates/; the test needs one without")
	}
	data := newData(t)
	priv := filepath.Join(t.TempDir(), "private")
	var out, errb bytes.Buffer
	code := ingestMain(append([]string{"-data", data, "-today", today, "-rejects", t.TempDir(), "-private", priv}, examples...), &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errb.String())
	}
	want, err := os.ReadFile("../../templates/assets/site.css")
	if err != nil {
		t.Fatal(err)
	}
	css, _ := filepath.Glob(filepath.Join(priv, "assets", "site.*.css"))
	if len(css) != 1 {
		t.Fatalf("the status pages have %d handbook stylesheets, want 1", len(css))
	}
	got, err := os.ReadFile(css[0])
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is not templates/assets/site.css", css[0])
	}
	if _, err := os.Stat(filepath.Join(priv, "index.html")); err != nil {
		t.Errorf("no status overview: %v", err)
	}
}

// TestRefusesUnignoredGitFolder: real data (demo: false) is not written
// into a folder of a git working tree that git does not ignore (exit 2,
// nothing written, the message says why and what to do); a dry run, an
// ignored folder and the demo are let through.
func TestRefusesUnignoredGitFolder(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	work := t.TempDir()
	if out, err := exec.Command("git", "init", "-q", work).CombinedOutput(); err != nil {
		t.Fatalf("git init: %v\n%s", err, out)
	}
	src, err := os.ReadFile("../../data/programme.yaml")
	if err != nil {
		t.Fatal(err)
	}
	newRegister := func(name, demo string) string {
		dir := filepath.Join(work, name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		cfg := strings.Replace(string(src), "demo: true\n", demo, 1)
		if err := os.WriteFile(filepath.Join(dir, "programme.yaml"), []byte(cfg), 0o644); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	if err := os.WriteFile(filepath.Join(work, ".gitignore"), []byte("/ignoreret/\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	real := newRegister("data", "demo: false\n")
	r := runIngest(t, append([]string{"-data", real, "-today", today, "-rejects", t.TempDir()}, examples...)...)
	if r.code != exitError || !strings.Contains(r.stderr, "git ignorerer den ikke") || !strings.Contains(r.stderr, ".gitignore") || !strings.Contains(r.stderr, "Intet er gemt.") {
		t.Errorf("real data in an unignored folder: exit %d, want %d with why and what to do\n%s", r.code, exitError, r.stderr)
	}
	if got := testkit.Snapshot(t, filepath.Join(real, "cohorts")); len(got) != 0 {
		t.Errorf("the refused run wrote %d files", len(got))
	}
	if r := runIngest(t, append([]string{"-data", real, "-today", today, "-rejects", t.TempDir(), "-dry-run"}, examples...)...); r.code != 0 {
		t.Errorf("a dry run: exit %d, want 0\n%s", r.code, r.stderr)
	}
	for _, dir := range []string{newRegister("ignoreret", "demo: false\n"), newRegister("demo", "demo: true\n")} {
		if r := runIngest(t, append([]string{"-data", dir, "-today", today, "-rejects", t.TempDir()}, examples...)...); r.code != 0 {
			t.Errorf("%s: exit %d, want 0\n%s", dir, r.code, r.stderr)
		}
	}
}

// TestServe: -serve prints the desk's URL as the first line on stdout
// (loopback, with the token), the desk answers it, and the command ends
// when the desk is stopped; an address off this computer is refused.
func TestServe(t *testing.T) {
	data := newData(t)
	// The desk's own flags without files start the desk, -serve or not.
	for _, args := range [][]string{{"-serve", "-open=false"}, {"-open=false"}, {}} {
		var out, errb bytes.Buffer
		code := ingestMain(append(args, "-data", data, "-addr", "0.0.0.0:0"), &out, &errb)
		if code != exitError || !strings.Contains(errb.String(), "127.0.0.1") || out.Len() != 0 {
			t.Errorf("%v -addr 0.0.0.0:0: exit %d, want %d with a message naming the loopback address and no URL\n%s%s", args, code, exitError, out.String(), errb.String())
		}
	}
	// -data alone (a script's file list that came out empty) asks for
	// files, and starts no desk.
	{
		var out, errb bytes.Buffer
		if code := ingestMain([]string{"-data", data, "-today", today}, &out, &errb); code != exitError || !strings.Contains(errb.String(), "no files given") || out.Len() != 0 {
			t.Errorf("-data without files: exit %d, want %d asking for files\n%s%s", code, exitError, out.String(), errb.String())
		}
	}
	if r := runIngest(t, "-serve", "-open=false", "-data", data, "examples.csv"); r.code != exitError {
		t.Errorf("-serve with a file: exit %d, want %d", r.code, exitError)
	}

	ctx, cancel := context.WithCancel(context.Background())
	old := deskContext
	deskContext = func() context.Context { return ctx }
	defer func() { deskContext = old }()
	pr, pw := io.Pipe()
	var errb bytes.Buffer
	done := make(chan int, 1)
	go func() {
		done <- ingestMain([]string{"-serve", "-open=false", "-data", data, "-templates", "../../templates"}, pw, &errb)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	go io.Copy(io.Discard, pr)
	u := strings.TrimSpace(line)
	if !regexp.MustCompile(`^http://127\.0\.0\.1:\d+/\?t=[0-9a-f]{64}$`).MatchString(u) {
		t.Errorf("first line %q, want the desk's URL with its token", u)
	}
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Cookies() == nil {
		t.Errorf("GET the URL: %d, want 303 with the cookie", resp.StatusCode)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("stopped desk: exit %d\n%s", code, errb.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("the desk did not stop")
	}
}

// TestServeInterrupt: the desk as a process: a killed desk's upload folder
// is removed when the register is opened, and Ctrl-C (SIGINT) stops it
// cleanly with exit status 130.
func TestServeInterrupt(t *testing.T) {
	if os.Getenv("INGEST_SERVE_CHILD") != "" {
		os.Exit(ingestMain([]string{"-serve", "-open=false", "-data", os.Getenv("INGEST_SERVE_CHILD")}, os.Stdout, os.Stderr))
	}
	if runtime.GOOS == "windows" {
		t.Skip("no SIGINT to a child on Windows")
	}
	data := newData(t)
	stale := filepath.Join(data, ".skrivebord-upload-p999999999-1")
	if err := os.MkdirAll(filepath.Join(stale, "ind"), 0o700); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestServeInterrupt$")
	cmd.Env = append(os.Environ(), "INGEST_SERVE_CHILD="+data)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var errb testkit.SyncBuffer
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "http://127.0.0.1:") {
		t.Fatalf("first line %q, %v\n%s", line, err, errb.String())
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("the killed desk's upload folder is still there")
	}
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	err = cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 130 {
		t.Errorf("after SIGINT: %v, want exit status 130\n%s", err, errb.String())
	}
}

// TestPrivateInRegister: without -private, the status pages of a real
// register (demo: false) are written inside it, DATA/private, not into
// the folder the program was started from; the demo register keeps
// private/ in the working folder, as go run ./cmd/build makes it.
func TestPrivateInRegister(t *testing.T) {
	src, err := os.ReadFile("../../data/programme.yaml")
	if err != nil {
		t.Fatal(err)
	}
	real := filepath.Join(t.TempDir(), "register")
	if err := os.MkdirAll(real, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(real, "programme.yaml"), bytes.Replace(src, []byte("demo: true\n"), []byte("demo: false\n"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ data, want string }{
		{real, filepath.Join(real, "private")},
		{"../../data", "private"},
		{filepath.Join(t.TempDir(), "none"), "private"},
	} {
		if got := defaultPrivate(tt.data); got != tt.want {
			t.Errorf("defaultPrivate(%s) = %s, want %s", tt.data, got, tt.want)
		}
	}
	var out, errb bytes.Buffer
	args := append([]string{"-data", real, "-today", today, "-rejects", t.TempDir(), "-templates", "../../templates"}, examples...)
	if code := ingestMain(args, &out, &errb); code != 0 {
		t.Fatalf("exit %d\n%s", code, errb.String())
	}
	if _, err := os.Stat(filepath.Join(real, "private", "index.html")); err != nil {
		t.Errorf("no status pages in the register: %v", err)
	}
	if _, err := os.Stat("private"); err == nil {
		t.Error("private/ was written in the working folder")
	}
	if !strings.Contains(errb.String(), "Statussiderne i "+filepath.Join(real, "private")+" er opdateret.") {
		t.Errorf("the report does not say where the status pages are:\n%s", errb.String())
	}
	// The save is in the register's history, as the desk's saves are; a
	// dry run is not.
	dry := append([]string{"-data", real, "-today", today, "-dry-run"}, examples...)
	if code := ingestMain(dry, &out, &errb); code != 0 {
		t.Fatalf("dry run: exit %d\n%s", code, errb.String())
	}
	h, err := register.ReadHistory(real)
	if err != nil || len(h) != 1 || len(h[0].Files) != 3 || h[0].Files[0].Name != "tilmeldinger.csv" || h[0].Files[0].Added != 43 {
		t.Errorf("history %+v, %v: want one save of the three files", h, err)
	}
	if b, _ := os.ReadFile(filepath.Join(real, register.HistoryFile)); bytes.Contains(b, []byte("@")) {
		t.Errorf("the history holds an address:\n%s", b)
	}
}

// TestRefusesEveryPlaceInGit: with real data, not only the register but
// every place the run writes names into (the status pages, the rejects
// workbooks; after -forget/-purge-expired -yes the status pages) is
// refused in a folder of a git working tree that git does not ignore:
// exit 2, nothing written, the message naming the place. A rejects folder
// whose workbooks git ignores (*.afvist.xlsx) is let through.
func TestRefusesEveryPlaceInGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	gitRepo := func(ignore string) string {
		dir := t.TempDir()
		if out, err := exec.Command("git", "init", "-q", dir).CombinedOutput(); err != nil {
			t.Fatalf("git init: %v\n%s", err, out)
		}
		if err := os.WriteFile(filepath.Join(dir, ".gitignore"), []byte(ignore), 0o644); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	work := gitRepo("/ignoreret/\n*.afvist.xlsx\n")
	bare := gitRepo("")
	src, err := os.ReadFile("../../data/programme.yaml")
	if err != nil {
		t.Fatal(err)
	}
	newRegister := func(demo string) string {
		dir := filepath.Join(t.TempDir(), "register")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "programme.yaml"), bytes.Replace(src, []byte("demo: true\n"), []byte(demo), 1), 0o644); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	run := func(args ...string) result {
		var out, errb bytes.Buffer
		code := ingestMain(append([]string{"-today", today, "-templates", "../../templates"}, args...), &out, &errb)
		return result{code, out.String(), errb.String()}
	}
	for _, tt := range []struct {
		name    string
		args    []string
		demo    string
		refused string // the place the message names; "" accepted
	}{
		{"status pages in an unignored folder", []string{"-private", filepath.Join(work, "private"), "-rejects", t.TempDir()}, "demo: false\n", "statussidemappen"},
		{"status pages in an ignored folder", []string{"-private", filepath.Join(work, "ignoreret", "private"), "-rejects", t.TempDir()}, "demo: false\n", ""},
		{"rejects in an unignored folder", []string{"-rejects", bare}, "demo: false\n", "mappen til afviste rækker"},
		{"rejects where git ignores the workbooks", []string{"-rejects", work}, "demo: false\n", ""},
		{"the demo anywhere", []string{"-private", filepath.Join(work, "private"), "-rejects", bare}, "demo: true\n", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			data := newRegister(tt.demo)
			r := run(append(append([]string{"-data", data}, tt.args...), examples...)...)
			if tt.refused == "" {
				if r.code != 0 {
					t.Errorf("exit %d, want 0\n%s", r.code, r.stderr)
				}
				return
			}
			if r.code != exitError || !strings.Contains(r.stderr, tt.refused) || !strings.Contains(r.stderr, "git ignorerer den ikke") || !strings.Contains(r.stderr, "Intet er gemt.") {
				t.Errorf("exit %d, want %d naming %s, why and what to do\n%s", r.code, exitError, tt.refused, r.stderr)
			}
			if _, err := os.Stat(filepath.Join(data, "cohorts")); err == nil {
				t.Error("the refused run wrote the register")
			}
			if _, err := os.Stat(filepath.Join(work, "private")); err == nil {
				t.Error("the refused run wrote status pages into the working tree")
			}
		})
	}

	// -forget -yes: the status pages made after the removal hold the
	// others' names. The removal itself is allowed wherever the register
	// lies.
	data := newRegister("demo: false\n")
	if r := run(append([]string{"-data", data, "-private", "", "-rejects", t.TempDir()}, examples...)...); r.code != 0 {
		t.Fatalf("setup: exit %d\n%s", r.code, r.stderr)
	}
	before := testkit.Snapshot(t, data)
	ds, err := store.Load(data)
	if err != nil || len(ds.Cohorts) == 0 || len(ds.Cohorts[0].Participants) == 0 {
		t.Fatalf("setup: %v", err)
	}
	email := ds.Cohorts[0].Participants[0].Email
	r := run("-data", data, "-private", filepath.Join(work, "private"), "-forget", email, "-yes")
	if r.code != exitError || !strings.Contains(r.stderr, "statussidemappen") || !strings.Contains(r.stderr, "Intet er slettet.") {
		t.Errorf("-forget -yes, status pages into git: exit %d, want %d naming the status pages' folder\n%s", r.code, exitError, r.stderr)
	}
	sameFiles(t, "the register", testkit.Snapshot(t, data), before)
	if r := run("-data", data, "-private", filepath.Join(work, "ignoreret", "p"), "-forget", email, "-yes"); r.code != 0 {
		t.Errorf("-forget -yes, status pages ignored: exit %d\n%s", r.code, r.stderr)
	}
}
