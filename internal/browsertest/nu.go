package browsertest

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// EnvNu is the environment variable with the path of the Nu HTML
// checker's vnu.jar (the npm package vnu-jar); else the harness looks in
// .ci/node/node_modules/vnu-jar/build/dist/ under the repository root.
const EnvNu = "VNU_JAR"

// FindNu returns the command that runs the Nu HTML checker: java and the
// path of vnu.jar.
func FindNu(repoRoot string) (java, jar string, err error) {
	java, err = exec.LookPath("java")
	if err != nil {
		return "", "", fmt.Errorf("java (Debian's default-jre-headless): %w", ErrNotFound)
	}
	if p := os.Getenv(EnvNu); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", "", fmt.Errorf("%s=%s: %w", EnvNu, p, err)
		}
		return java, p, nil
	}
	p := filepath.Join(repoRoot, ".ci", "node", "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
	if _, err := os.Stat(p); err != nil {
		return "", "", fmt.Errorf("vnu.jar (%s unset; looked at %s): %w", EnvNu, p, ErrNotFound)
	}
	return java, p, nil
}

// nuMessage is one message of the checker's JSON report.
type nuMessage struct {
	Type    string `json:"type"`
	SubType string `json:"subType"`
	URL     string `json:"url"`
	Line    int    `json:"lastLine"`
	Message string `json:"message"`
	Extract string `json:"extract"`
}

// Nu runs the Nu HTML checker.
type Nu struct{ java, jar string }

// NeedNu returns the Nu HTML checker, or skips the test (fails it under
// MENTOR_BROWSER_TESTS=1) when java or vnu.jar is missing.
func NeedNu(t testing.TB) *Nu {
	t.Helper()
	root, err := RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	java, jar, err := FindNu(root)
	if err != nil {
		msg := fmt.Sprintf("HTML check: the Nu HTML checker not found; install Debian's default-jre-headless and run `npm install --prefix .ci/node vnu-jar`, or set %s (CI sets %s=1, which makes this a failure): %v", EnvNu, EnvRequired, err)
		if !Required() {
			t.Skip(msg)
		}
		t.Fatal(msg)
	}
	return &Nu{java, jar}
}

// Check runs the checker on the .html files under each of paths (files
// or folders) and reports each of its errors and warnings as a test error
// naming the file and line; paths without a .html file fail the test.
func (n *Nu) Check(t testing.TB, paths ...string) {
	t.Helper()
	// A check of no page passes: make sure there are pages.
	pages := 0
	for _, p := range paths {
		filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(path, ".html") {
				pages++
			}
			return nil
		})
	}
	if pages == 0 {
		t.Fatalf("HTML check: no .html file under %v", paths)
	}
	args := append([]string{"-jar", n.jar, "--format", "json", "--stdout", "--exit-zero-always", "--skip-non-html"}, paths...)
	out, err := exec.Command(n.java, args...).Output()
	if err != nil {
		t.Fatalf("vnu.jar: %v", err)
	}
	var rep struct{ Messages []nuMessage }
	if err := json.Unmarshal(out, &rep); err != nil {
		t.Fatalf("vnu.jar's report: %v\n%s", err, out)
	}
	for _, m := range rep.Messages {
		kind := m.Type
		if m.SubType != "" {
			kind = m.SubType + " " + kind
		}
		t.Errorf("%s:%d: %s: %s\n\t%s", strings.TrimPrefix(m.URL, "file:"), m.Line, kind, m.Message, strings.TrimSpace(m.Extract))
	}
}
