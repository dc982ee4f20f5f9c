package main

import (
	"bytes"
	"errors"
	"flag"
	"io"
	"io/fs"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/laegeforeningen/mentorprogram/internal/cli"
	"github.com/laegeforeningen/mentorprogram/internal/testkit"
)

// copyDir copies the tree src to dst.
func copyDir(t testing.TB, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// project makes a small project in a temp dir: the site package's fixture
// content, the real theme and programme.yaml, no cohorts.
func project(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	copyDir(t, filepath.Join("..", "..", "internal", "site", "testdata", "site"), filepath.Join(dir, "content"))
	copyDir(t, filepath.Join("..", "..", "templates"), filepath.Join(dir, "templates"))
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join("..", "..", "data", "programme.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "data", "programme.yaml"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func args(dir string, extra ...string) []string {
	return append([]string{
		"-content", filepath.Join(dir, "content"), "-templates", filepath.Join(dir, "templates"),
		"-data", filepath.Join(dir, "data"), "-out", filepath.Join(dir, "public"),
		"-private", filepath.Join(dir, "private"), "-base-url", "https://example.org/mentor", "-today", "2026-11-22",
	}, extra...)
}

func TestRunBuilds(t *testing.T) {
	dir := project(t)
	var stdout, stderr bytes.Buffer
	if err := runBuild(args(dir), &stdout, &stderr); err != nil {
		t.Fatalf("run: %v\n%s", err, stderr.String())
	}
	out := stdout.String()
	if !strings.HasPrefix(out, "build: pages 7 da + 7 en, ") || strings.Count(out, "\n") != 1 {
		t.Errorf("summary = %q, want one line starting with the pages per language", out)
	}
	// The fixture's description warning, and the placeholder address and
	// the demo flag of the real programme.yaml; the summary counts them.
	if w := stderr.String(); strings.Count(w, "build: warning: ") != 3 || !strings.Contains(w, "regler.md: no description") ||
		!strings.Contains(w, "data/programme.yaml: contact.secretariat.email is mentor@example.org, a placeholder: set the secretariat's real address before publishing") ||
		!strings.Contains(w, "data/programme.yaml: demo is true, so the numbers page says its figures are invented") {
		t.Errorf("stderr = %q, want the three warnings", w)
	}
	if !strings.Contains(out, ", 4 English pages in Danish, 3 warnings into ") {
		t.Errorf("summary = %q, want the fallbacks and the three warnings counted", out)
	}
	for _, f := range []string{"public/index.html", "public/da/forloeb/moeder/index.html", "public/en/course/meetings/index.html",
		"public/sitemap.xml", "public/robots.txt", "public/404.html", "public/da/soeg/index.html", "public/en/print/index.html", "private/robots.txt"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("missing %s: %v", f, err)
		}
	}
	b, _ := os.ReadFile(filepath.Join(dir, "public", "da", "forloeb", "moeder", "index.html"))
	if !strings.Contains(string(b), `href="https://example.org/mentor/da/forloeb/moeder/"`) {
		t.Error("-base-url without a trailing slash: canonical URL wrong")
	}
	// The numbers page shows the status package's fragment.
	if b, _ := os.ReadFile(filepath.Join(dir, "public", "da", "tal", "index.html")); !strings.Contains(string(b), `class="numbers"`) {
		t.Error("da/tal: no numbers fragment")
	}
}

func TestRunErrors(t *testing.T) {
	tests := []struct {
		name  string
		file  string // under content/, "" for none
		src   string
		extra []string
		usage bool
		want  string
	}{
		{"bad front matter", "da/regler.md", "---\ntitle: [x\n---\n", nil, false, "regler.md:"},
		{"unknown key", "da/regler.md", "---\ntitle: x\ncolour: red\n---\n", nil, false, "regler.md:3:"},
		{"broken link", "da/regler.md", "---\ntitle: x\n---\n\n[a](nope.md)\n", nil, false, "regler.md:5:"},
		{"broken anchor", "da/regler.md", "---\ntitle: x\n---\n\n[a](ark.md#nope)\n", nil, false, "#nope"},
		{"unknown rule value", "da/regler.md", "---\ntitle: x\n---\n\n{{rule nope.nope}}\n", nil, false, "nope.nope"},
		{"two pages one URL", "en/regler.md", "---\ntitle: x\nslug: ark\n---\n", nil, false, `en/regler.md:3: slug "ark": the URL /en/ark/ is also the URL of`},
		{"missing template", "da/regler.md", "---\ntitle: x\nlayout: faq\n---\n", nil, false, "faq.html"},
		{"private inside public", "", "", []string{"-private", "PUBLIC/private"}, false, "inside the public folder"},
		{"bad date", "", "", []string{"-today", "22-11-2026"}, true, "YYYY-MM-DD"},
		{"unknown flag", "", "", []string{"-nope"}, true, "nope"},
		{"argument", "", "", []string{"extra"}, true, "unexpected argument"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := project(t)
			if tc.file != "" {
				if err := os.WriteFile(filepath.Join(dir, "content", filepath.FromSlash(tc.file)), []byte(tc.src), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if tc.name == "missing template" {
				os.Remove(filepath.Join(dir, "templates", "layouts", "faq.html"))
			}
			extra := make([]string, len(tc.extra))
			for i, a := range tc.extra {
				extra[i] = strings.ReplaceAll(a, "PUBLIC", filepath.Join(dir, "public"))
			}
			var stdout, stderr bytes.Buffer
			err := runBuild(args(dir, extra...), &stdout, &stderr)
			if err == nil {
				t.Fatal("run succeeded")
			}
			if isUsage(err) != tc.usage {
				t.Errorf("usage error = %v, want %v (%v)", !tc.usage, tc.usage, err)
			}
			if !strings.Contains(stderr.String(), tc.want) {
				t.Errorf("stderr lacks %q:\n%s", tc.want, stderr.String())
			}
			if _, err := os.Stat(filepath.Join(dir, "public")); err == nil && !tc.usage {
				t.Error("a failed build wrote public/")
			}
		})
	}
}

func TestHelp(t *testing.T) {
	var stdout, stderr bytes.Buffer
	err := runBuild([]string{"-h"}, &stdout, &stderr)
	if !errors.Is(err, flag.ErrHelp) {
		t.Errorf("-h: err = %v, want flag.ErrHelp", err)
	}
	if !strings.Contains(stderr.String(), "-base-url") {
		t.Errorf("-h prints no usage: %q", stderr.String())
	}
}

func TestStamp(t *testing.T) {
	dir := t.TempDir()
	a := stamp([]string{dir})
	if err := os.WriteFile(filepath.Join(dir, "x.md"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if b := stamp([]string{dir}); a == b {
		t.Error("stamp does not change when a file is added")
	}
}

func TestDemoWarningFollowsFlag(t *testing.T) {
	dir := project(t)
	p := filepath.Join(dir, "data", "programme.yaml")
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
	var stdout, stderr bytes.Buffer
	if err := runBuild(args(dir), &stdout, &stderr); err != nil {
		t.Fatalf("run: %v\n%s", err, stderr.String())
	}
	if strings.Contains(stderr.String(), "demo is true") {
		t.Errorf("demo: false still warns: %s", stderr.String())
	}
}

// runBuild is run with its error printed as main prints it.
func runBuild(args []string, stdout, stderr io.Writer) error {
	err := run(args, stdout, stderr)
	cli.Exit("build", 1, err, stderr)
	return err
}

// isUsage reports whether err is a usage error (exit status 2).
func isUsage(err error) bool {
	var e *cli.Error
	return errors.As(err, &e) && e.Code == 2
}

// TestPendingSaveNotFinished: the build holds no lock on data/, so it does
// not finish a save that an ingest left pending: data/ stays as it is, the
// pages show data/ as the save leaves it, and a warning says so.
func TestPendingSaveNotFinished(t *testing.T) {
	dir := project(t)
	data := filepath.Join(dir, "data")
	src, err := os.ReadFile("../../data/cohorts/2026-foraar.yaml")
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(data, "cohorts"), 0o755)
	os.WriteFile(filepath.Join(data, "cohorts", ".2026-foraar.yaml.tmp-1"), src, 0o644)
	os.WriteFile(filepath.Join(data, ".journal"), []byte("cohorts/.2026-foraar.yaml.tmp-1\tcohorts/2026-foraar.yaml\n"), 0o644)
	before := testkit.Snapshot(t, data)
	var stdout, stderr bytes.Buffer
	if err := runBuild(args(dir), &stdout, &stderr); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	if after := testkit.Snapshot(t, data); !reflect.DeepEqual(before, after) {
		t.Error("the build changed data/")
	}
	if !strings.Contains(stderr.String(), "build: warning: "+filepath.ToSlash(filepath.Join(data, ".journal"))+": an ingest's save is not finished") {
		t.Errorf("no warning:\n%s", stderr.String())
	}
	if b, err := os.ReadFile(filepath.Join(dir, "private", "status.json")); err != nil || !strings.Contains(string(b), `"id": "2026-foraar"`) {
		t.Errorf("status.json does not show the pending save's cohort: %v", err)
	}
}

// Without -base-url the published addresses point to this machine: a warning.
func TestLocalhostBaseURLWarns(t *testing.T) {
	dir := project(t)
	var a []string
	for i, s := range args(dir) {
		if s == "-base-url" || (i > 0 && args(dir)[i-1] == "-base-url") {
			continue
		}
		a = append(a, s)
	}
	var stdout, stderr bytes.Buffer
	if err := runBuild(a, &stdout, &stderr); err != nil {
		t.Fatalf("run: %v\n%s", err, stderr.String())
	}
	if w := stderr.String(); !strings.Contains(w, "build: warning: -base-url is http://localhost:8080/, so canonical URLs, og:url and sitemap.xml point to this machine") {
		t.Errorf("stderr = %q, want the localhost warning", w)
	}
	if !strings.Contains(stdout.String(), "4 warnings") {
		t.Errorf("summary = %q, want 4 warnings counted", stdout.String())
	}
	for _, u := range []string{"http://localhost:8080/", "http://127.0.0.1/x/", "https://a.localhost/"} {
		if !isLocalhost(u) {
			t.Errorf("isLocalhost(%q) = false", u)
		}
	}
	if isLocalhost("https://example.org/mentor/") || isLocalhost("https://localhost.example.org/") {
		t.Error("isLocalhost: a published address counted as this machine")
	}
}

// data/search-synonyms.yaml reaches the search index; a broken one fails
// the build naming the file and line, and writes nothing.
func TestSynonymsFile(t *testing.T) {
	dir := project(t)
	syn := filepath.Join(dir, "data", "search-synonyms.yaml")
	if err := os.WriteFile(syn, []byte("da:\n  xqzjvw: [møde]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if err := runBuild(args(dir), &stdout, &stderr); err != nil {
		t.Fatalf("run: %v\n%s", err, stderr.String())
	}
	idx, _ := filepath.Glob(filepath.Join(dir, "public", "assets", "search-index.da.*.js"))
	if len(idx) != 1 {
		t.Fatalf("search index files: %v", idx)
	}
	if b, _ := os.ReadFile(idx[0]); !strings.Contains(string(b), `"syn":{"xqzjvw":["moed"]}`) {
		t.Errorf("the Danish index lacks the synonym xqzjvw -> moed")
	}
	if err := os.WriteFile(syn, []byte("da:\n  to ord: [møde]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := testkit.Snapshot(t, filepath.Join(dir, "public"))
	stdout.Reset()
	stderr.Reset()
	err := runBuild(args(dir), &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "search-synonyms.yaml:2: word \"to ord\": want one word") {
		t.Errorf("broken synonyms: error %v, want the file and line", err)
	}
	if after := testkit.Snapshot(t, filepath.Join(dir, "public")); len(after) != len(before) {
		t.Errorf("a failed build changed public/: %d files before, %d after", len(before), len(after))
	}
}

// TestRefusesRealStatusPagesInGit: with real data (demo: false) the
// status pages are not written into a folder of a git working tree that
// git does not ignore, and the public site is left as it was; ignored,
// they are.
func TestRefusesRealStatusPagesInGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := project(t)
	if out, err := exec.Command("git", "init", "-q", dir).CombinedOutput(); err != nil {
		t.Fatalf("git init: %v\n%s", err, out)
	}
	p := filepath.Join(dir, "data", "programme.yaml")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, bytes.Replace(b, []byte("\ndemo: true"), []byte("\ndemo: false"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	err = runBuild(args(dir), &stdout, &stderr)
	if err == nil || !strings.Contains(stderr.String(), "statussidemappen") || !strings.Contains(stderr.String(), "git ignorerer den ikke") {
		t.Errorf("real status pages into an unignored folder: %v, want refused\n%s", err, stderr.String())
	}
	for _, f := range []string{"private", "public"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			t.Errorf("the refused build wrote %s/", f)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, ".gitignore"), []byte("/private/\n/public/\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stderr.Reset()
	if err := runBuild(args(dir), &stdout, &stderr); err != nil {
		t.Errorf("ignored: %v\n%s", err, stderr.String())
	}
}

// TestBatchGCOnlyForABuild: the garbage collector's setting for a process
// that ends after one build (proc.BatchGC) is set for a build, not for the
// preview, which runs on with the whole site in memory: there it let the
// heap grow to the 768 MiB limit (2,000 pages: 755 MB held against 390 MB).
func TestBatchGCOnlyForABuild(t *testing.T) {
	calls := 0
	batchGC = func() { calls++ }
	defer func() { batchGC = nil }()
	dir := project(t)
	var stdout, stderr bytes.Buffer
	if err := runBuild(args(dir), &stdout, &stderr); err != nil {
		t.Fatalf("run: %v\n%s", err, stderr.String())
	}
	if calls != 1 {
		t.Errorf("a build set the collector %d times, want once", calls)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	// The preview on an address in use stops at once.
	was := calls
	run(args(dir, "-serve", "-addr", ln.Addr().String()), &stdout, &stderr)
	if calls != was {
		t.Error("the preview set the collector for a build")
	}
}
