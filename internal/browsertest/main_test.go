package browsertest

import (
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// The browser and the built site are shared by all tests of the binary and
// made on first use, so that `go test -run X` only pays for what X needs.
var (
	browserOnce sync.Once
	browser     *Browser
	browserErr  error

	siteOnce sync.Once
	site     *testSite
	siteErr  error
	siteTmp  string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if browser != nil {
		browser.Close()
	}
	if site != nil {
		site.close()
	}
	if siteTmp != "" {
		os.RemoveAll(siteTmp)
	}
	os.Exit(code)
}

// errMissing marks a missing tool or piece of the project: a skip, unless
// MENTOR_BROWSER_TESTS=1.
var errMissing = errors.New("missing")

// skipOrFatal skips the test when err is only something missing and the
// browser tests are optional, and fails it otherwise.
func skipOrFatal(t testing.TB, err error) {
	t.Helper()
	if errors.Is(err, errMissing) && !Required() {
		t.Skip(err)
	}
	t.Fatal(err)
}

// needBrowser returns the shared browser, or skips (fails under
// MENTOR_BROWSER_TESTS=1) when Chromium or axe-core is missing.
func needBrowser(t testing.TB) *Browser {
	t.Helper()
	browserOnce.Do(func() {
		exe, err := FindChromium()
		if err != nil {
			browserErr = fmt.Errorf("browser tests: Chromium not found; install Debian's chromium or set CHROMIUM (CI sets MENTOR_BROWSER_TESTS=1, which makes this a failure): %v: %w", err, errMissing)
			return
		}
		root, err := RepoRoot()
		if err != nil {
			browserErr = err
			return
		}
		axe, err := FindAxe(root)
		if err != nil {
			browserErr = fmt.Errorf("browser tests: axe-core not found; run `npm install --prefix .ci/node axe-core` or set AXE_CORE_JS (CI sets MENTOR_BROWSER_TESTS=1, which makes this a failure): %v: %w", err, errMissing)
			return
		}
		browser, browserErr = StartBrowser(exe, axe)
	})
	if browserErr != nil {
		skipOrFatal(t, browserErr)
	}
	return browser
}

// testSite is the real handbook and status pages, built once and served.
type testSite struct {
	root string
	// main: built with base URL http://127.0.0.1/, public and private served
	// at "/" of their own servers; csp: the same public folder with a strict
	// Content-Security-Policy header; sub: built for and served under /mentor/.
	main, sub      Build
	pub, priv, csp *Server
	subPub         *Server
}

// StrictCSP is the Content-Security-Policy the README recommends for the
// published handbook.
const StrictCSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

func (s *testSite) close() {
	for _, srv := range []*Server{s.pub, s.priv, s.csp, s.subPub} {
		if srv != nil {
			srv.Close()
		}
	}
}

// needSite returns the built and served site; the browser comes first, so
// that a machine without Chromium skips without building.
func needSite(t testing.TB) (*Browser, *testSite) {
	t.Helper()
	b := needBrowser(t)
	siteOnce.Do(func() { site, siteErr = buildTestSite() })
	if siteErr != nil {
		skipOrFatal(t, siteErr)
	}
	return b, site
}

func buildTestSite() (*testSite, error) {
	if pre := os.Getenv(EnvPrebuilt); pre != "" {
		// A site built beforehand (public/, private/, and its content/).
		b := Build{Public: filepath.Join(pre, "public"), Private: filepath.Join(pre, "private"), BaseURL: "http://127.0.0.1/"}
		return serveTestSite(&testSite{root: pre, main: b, sub: b}), nil
	}
	root, err := RepoRoot()
	if err != nil {
		return nil, err
	}
	for _, d := range []string{"cmd/build/main.go", "content/da", "templates", "data/programme.yaml"} {
		if _, err := os.Stat(filepath.Join(root, d)); err != nil {
			return nil, fmt.Errorf("browser tests: the site cannot be built yet: %v: %w", err, errMissing)
		}
	}
	siteTmp, err = os.MkdirTemp("", "mentor-browsertest-")
	if err != nil {
		return nil, err
	}
	bin, err := BuildTool(root, siteTmp)
	if err != nil {
		return nil, err
	}
	s := &testSite{root: root}
	var wg sync.WaitGroup
	var errMain, errSub error
	wg.Go(func() { s.main, _, errMain = BuildSite(bin, root, filepath.Join(siteTmp, "main"), "http://127.0.0.1/") })
	wg.Go(func() {
		s.sub, _, errSub = BuildSite(bin, root, filepath.Join(siteTmp, "sub"), "http://127.0.0.1/mentor/")
	})
	wg.Wait()
	if err := errors.Join(errMain, errSub); err != nil {
		return nil, err
	}
	return serveTestSite(s), nil
}

func serveTestSite(s *testSite) *testSite {
	s.pub = NewServer(s.main.Public, "/", nil)
	s.priv = NewServer(s.main.Private, "/", nil)
	s.csp = NewServer(s.main.Public, "/", http.Header{"Content-Security-Policy": {StrictCSP}})
	s.subPub = NewServer(s.sub.Public, "/mentor/", nil)
	return s
}
