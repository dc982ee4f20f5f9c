package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/laegeforeningen/mentorprogram/internal/site"
	"github.com/laegeforeningen/mentorprogram/internal/status"
)

// inputsIntact fails the test unless the project's inputs are still there.
func inputsIntact(t *testing.T, dir string) {
	t.Helper()
	for _, f := range []string{"content/da/_index.md", "templates/base.html", "data/programme.yaml"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("the input %s is gone: %v", f, err)
		}
	}
}

// TestOutputFoldersRefused: -out and -private may not replace an input,
// a folder that holds one, a folder inside one, or the working directory.
func TestOutputFoldersRefused(t *testing.T) {
	tests := []struct {
		name  string
		extra []string // DIR is the project folder
		want  string
	}{
		{"out is data", []string{"-out", "DIR/data"}, "-out DIR/data is the -data folder"},
		{"out is content", []string{"-out", "DIR/content"}, "-out DIR/content is the -content folder"},
		{"out is templates", []string{"-out", "DIR/templates"}, "-out DIR/templates is the -templates folder"},
		{"out is the project", []string{"-out", "DIR"}, "-out DIR contains the -content folder DIR/content"},
		{"out inside content", []string{"-out", "DIR/content/public"}, "-out DIR/content/public lies inside the -content folder DIR/content"},
		{"out is data, written with a dot", []string{"-out", "DIR/content/../data/."}, "is the -data folder"},
		{"private is data", []string{"-private", "DIR/data"}, "-private DIR/data is the -data folder"},
		{"private inside templates", []string{"-private", "DIR/templates/private"}, "-private DIR/templates/private lies inside the -templates folder"},
		{"private holds the project", []string{"-private", "DIR/.."}, "contains the -content folder"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := project(t)
			extra := make([]string, len(tc.extra))
			for i, a := range tc.extra {
				extra[i] = strings.ReplaceAll(a, "DIR", dir)
			}
			var stdout, stderr bytes.Buffer
			err := runBuild(args(dir, extra...), &stdout, &stderr)
			if !isUsage(err) {
				t.Fatalf("err = %v, want a usage error\n%s", err, stderr.String())
			}
			if want := strings.ReplaceAll(tc.want, "DIR", dir); !strings.Contains(stderr.String(), want) {
				t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
			}
			if !strings.Contains(stderr.String(), "a folder of its own") {
				t.Errorf("stderr does not say what to do:\n%s", stderr.String())
			}
			inputsIntact(t, dir)
			if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
				t.Error("a refused build wrote public/")
			}
		})
	}
}

func TestOutputThroughSymlinkRefused(t *testing.T) {
	dir := project(t)
	if err := os.Symlink(filepath.Join(dir, "data"), filepath.Join(dir, "link")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	var stdout, stderr bytes.Buffer
	err := runBuild(args(dir, "-out", filepath.Join(dir, "link")), &stdout, &stderr)
	if err == nil || !strings.Contains(stderr.String(), "is the -data folder") {
		t.Errorf("-out a link to data/: err = %v\n%s", err, stderr.String())
	}
	inputsIntact(t, dir)
}

func TestOutputHoldingWorkingDirectoryRefused(t *testing.T) {
	dir := project(t)
	w := t.TempDir()
	if err := os.MkdirAll(filepath.Join(w, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(filepath.Join(w, "sub"))
	for _, out := range []string{w, filepath.Join(w, "sub"), "."} {
		var stdout, stderr bytes.Buffer
		err := runBuild(args(dir, "-out", out), &stdout, &stderr)
		if !isUsage(err) || !strings.Contains(stderr.String(), "-out "+out+" contains the working directory") {
			t.Errorf("-out %s: err = %v\n%s", out, err, stderr.String())
		}
	}
	if _, err := os.Stat(filepath.Join(w, "sub")); err != nil {
		t.Errorf("the working directory is gone: %v", err)
	}
}

// TestOutputNotOurs: a non-empty folder without the build's marker is not
// replaced, public or private, and nothing is written.
func TestOutputNotOurs(t *testing.T) {
	for _, flagName := range []string{"-out", "-private"} {
		t.Run(flagName, func(t *testing.T) {
			dir := project(t)
			notes := filepath.Join(dir, "notes")
			if err := os.MkdirAll(notes, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(notes, "keep.txt"), []byte("mine"), 0o644); err != nil {
				t.Fatal(err)
			}
			var stdout, stderr bytes.Buffer
			err := runBuild(args(dir, flagName, notes), &stdout, &stderr)
			if err == nil {
				t.Fatal("run replaced a folder of other files")
			}
			if isUsage(err) {
				t.Errorf("a usage error (%v), want exit status 1", err)
			}
			marker := site.Marker
			if flagName == "-private" {
				marker = status.Marker
			}
			if !strings.Contains(stderr.String(), notes+" is not empty") || !strings.Contains(stderr.String(), marker) {
				t.Errorf("stderr does not name the folder and %s:\n%s", marker, stderr.String())
			}
			if b, err := os.ReadFile(filepath.Join(notes, "keep.txt")); err != nil || string(b) != "mine" {
				t.Errorf("the folder changed: %q, %v", b, err)
			}
			if flagName == "-private" {
				if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
					t.Error("the private folder was refused after public/ was written")
				}
			}
		})
	}
}

// TestRebuildCleans: a folder the build wrote (with its marker) is
// replaced, stale files and all.
func TestRebuildCleans(t *testing.T) {
	dir := project(t)
	var stdout, stderr bytes.Buffer
	if err := runBuild(args(dir), &stdout, &stderr); err != nil {
		t.Fatalf("first build: %v\n%s", err, stderr.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "public", site.Marker)); err != nil {
		t.Fatalf("no marker in public/: %v", err)
	}
	stale := filepath.Join(dir, "public", "da", "gammel", "index.html")
	if err := os.MkdirAll(filepath.Dir(stale), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(stale, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := runBuild(args(dir), &stdout, &stderr); err != nil {
		t.Fatalf("second build: %v\n%s", err, stderr.String())
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("a stale file survived the rebuild")
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "da", "index.html")); err != nil {
		t.Errorf("the rebuild lost a page: %v", err)
	}
}

func TestBaseURLValidated(t *testing.T) {
	for _, u := range []string{"example.org/mentor/", "/mentor/", "ftp://example.org/", "https://", "https:///x/",
		"https://example.org/?a=1", "https://example.org/#x", "https://user@example.org/", ""} {
		var stderr bytes.Buffer
		_, err := parseArgs([]string{"-base-url", u}, &stderr)
		if !isUsage(err) || !strings.Contains(err.Error(), "-base-url") || !strings.Contains(err.Error(), "https://example.org/mentor/") {
			t.Errorf("-base-url %q: err = %v, want a usage error with an example", u, err)
		}
	}
	for _, u := range []string{"https://example.org/mentor", "http://localhost:8080/", "https://laegeforeningen.github.io/mentorprogram/"} {
		c, err := parseArgs([]string{"-base-url", u}, &bytes.Buffer{})
		if err != nil || !strings.HasSuffix(c.baseURL, "/") {
			t.Errorf("-base-url %q: %v, %q", u, err, c.baseURL)
		}
	}
	var stdout, stderr bytes.Buffer
	if err := runBuild([]string{"-base-url", "example.org"}, &stdout, &stderr); err == nil || !strings.Contains(stderr.String(), "absolute http or https URL") {
		t.Errorf("run -base-url example.org: %v\n%s", err, stderr.String())
	}
}

func TestPlaceholderContact(t *testing.T) {
	for _, c := range []struct {
		email, want string
	}{
		{"mentor@example.org", "is mentor@example.org, a placeholder: set the secretariat's real address before publishing"},
		{"mentor@EXAMPLE.com", "a placeholder"},
		{"mentor@mail.example.net", "a placeholder"},
		{"a@secretariat.invalid", "a placeholder"},
		{"a@laeger.example", "a placeholder"},
		{"", "is empty"},
		{"mentor", "not an e-mail address"},
		{"mentor@laeger.dk", ""},
		{"mentor@example.org.dk", ""},
		{"mentor@myexample.org", ""},
	} {
		got := placeholderContact("data", map[string]string{contactKey: c.email})
		if c.want == "" && got != "" || c.want != "" && !strings.Contains(got, c.want) {
			t.Errorf("%q: warning %q, want %q", c.email, got, c.want)
		}
		if got != "" && !strings.HasPrefix(got, "data/programme.yaml: contact.secretariat.email ") {
			t.Errorf("%q: warning %q does not name the file and key", c.email, got)
		}
	}
	if got := placeholderContact("data", map[string]string{}); got != "" {
		t.Errorf("no contact: %q", got)
	}
}
