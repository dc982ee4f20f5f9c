package browsertest

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
)

// Server serves a folder over HTTP from an httptest server and records the
// paths it could not find.
type Server struct {
	*httptest.Server
	// Prefix is the path the folder is served under, "/" or e.g. "/mentor/".
	Prefix string

	mu      sync.Mutex
	missing map[string]bool
}

// NewServer serves dir under prefix (which starts and ends with "/"), adding
// header to every response. Close it when done.
func NewServer(dir, prefix string, header http.Header) *Server {
	s := &Server{Prefix: prefix, missing: map[string]bool{}}
	files := http.FileServer(http.Dir(dir))
	var h http.Handler = files
	if prefix != "/" {
		h = http.StripPrefix(strings.TrimSuffix(prefix, "/"), files)
	}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for k, v := range header {
			w.Header()[k] = v
		}
		rec := &statusRecorder{ResponseWriter: w}
		h.ServeHTTP(rec, r)
		if rec.status == http.StatusNotFound && r.URL.Path != "/favicon.ico" {
			s.mu.Lock()
			s.missing[r.URL.Path] = true
			s.mu.Unlock()
		}
	}))
	return s
}

// URLOf returns the absolute URL of path (no leading slash) under the prefix.
func (s *Server) URLOf(path string) string {
	return s.Server.URL + s.Prefix + strings.TrimPrefix(path, "/")
}

// Missing returns the sorted paths that were asked for and not found, and
// forgets them.
func (s *Server) Missing() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for p := range s.missing {
		out = append(out, p)
	}
	sort.Strings(out)
	s.missing = map[string]bool{}
	return out
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

// Today is the reference date the test site is built at.
const Today = "2026-11-22"

// Build is one build of the handbook (Public) and the status pages (Private).
type Build struct {
	Public, Private string
	BaseURL         string
}

// BuildTool compiles cmd/build of the repository at root into dir and
// returns the binary's path.
func BuildTool(root, dir string) (string, error) {
	if _, err := os.Stat(filepath.Join(root, "cmd", "build", "main.go")); err != nil {
		return "", fmt.Errorf("cmd/build: %w", err)
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		goTool = filepath.Join(os.Getenv("GOROOT"), "bin", "go")
	}
	bin := filepath.Join(dir, "mentor-build")
	cmd := exec.Command(goTool, "build", "-o", bin, "./cmd/build")
	cmd.Dir = root
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go build ./cmd/build: %w\n%s", err, out.String())
	}
	return bin, nil
}

// BuildSite runs the build tool bin over root's content/, templates/ and
// data/ at Today, with baseURL as the site root, into dir/public and
// dir/private. It returns the build and the tool's output.
func BuildSite(bin, root, dir, baseURL string) (Build, string, error) {
	b := Build{Public: filepath.Join(dir, "public"), Private: filepath.Join(dir, "private"), BaseURL: baseURL}
	cmd := exec.Command(bin,
		"-content", filepath.Join(root, "content"),
		"-templates", filepath.Join(root, "templates"),
		"-data", filepath.Join(root, "data"),
		"-out", b.Public, "-private", b.Private,
		"-base-url", baseURL, "-today", Today)
	cmd.Dir = root
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	log := fmt.Sprintf("%s (%v)", strings.TrimSpace(out.String()), time.Since(start).Round(time.Millisecond))
	if err != nil {
		return b, log, fmt.Errorf("build %s: %w\n%s", baseURL, err, out.String())
	}
	return b, log, nil
}
