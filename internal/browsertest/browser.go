// Package browsertest holds the browser tests of the handbook and of the
// private status pages, and the harness they run on: it finds Chromium and
// axe-core, builds the site once per test binary, serves it from httptest
// servers, and drives one headless Chromium with a fresh tab per test.
//
// Without Chromium or axe-core the tests skip with a message that says what
// to install. With MENTOR_BROWSER_TESTS=1 (CI sets it) they fail instead.
// The same goes for the Nu HTML checker (NeedNu), which TestValidHTML and
// the desk's TestPagesAreValidHTML run on every kind of page.
//
// Environment:
//
//	CHROMIUM              path of the Chromium binary (else chromium,
//	                      chromium-browser or google-chrome on PATH)
//	AXE_CORE_JS           path of axe.min.js (else .ci/node/node_modules/axe-core/
//	                      under the repository root, else /tmp/axe/node_modules/axe-core/)
//	VNU_JAR               path of the Nu HTML checker's vnu.jar, run with java
//	                      (else .ci/node/node_modules/vnu-jar/build/dist/ under
//	                      the repository root), for the HTML checks (nu.go)
//	MENTOR_BROWSER_TESTS  1: missing Chromium, axe-core, java or vnu.jar is a
//	                      failure
//	MENTOR_BT_SITE        a folder holding an already built public/ and private/
//	                      and the content/ they came from: the tests use it and
//	                      skip the build (for working on the tests themselves)
package browsertest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// Environment variables read by the harness.
const (
	EnvRequired = "MENTOR_BROWSER_TESTS"
	EnvChromium = "CHROMIUM"
	EnvAxe      = "AXE_CORE_JS"
	EnvPrebuilt = "MENTOR_BT_SITE"
)

// ErrNotFound is wrapped by FindChromium and FindAxe when nothing is found.
var ErrNotFound = errors.New("not found")

// Required reports whether the browser tests must run (MENTOR_BROWSER_TESTS=1),
// so that a missing Chromium or axe-core is a failure and not a skip.
func Required() bool { return os.Getenv(EnvRequired) == "1" }

// FindChromium returns the path of the Chromium binary: $CHROMIUM if set,
// else the first of chromium, chromium-browser and google-chrome on PATH.
func FindChromium() (string, error) {
	if p := os.Getenv(EnvChromium); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("%s=%s: %w", EnvChromium, p, err)
		}
		return p, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("chromium, chromium-browser, google-chrome on PATH: %w", ErrNotFound)
}

// FindAxe returns the path of axe.min.js: $AXE_CORE_JS if set, else
// .ci/node/node_modules/axe-core/axe.min.js under repoRoot, else
// /tmp/axe/node_modules/axe-core/axe.min.js.
func FindAxe(repoRoot string) (string, error) {
	if p := os.Getenv(EnvAxe); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("%s=%s: %w", EnvAxe, p, err)
		}
		return p, nil
	}
	cands := []string{
		filepath.Join(repoRoot, ".ci", "node", "node_modules", "axe-core", "axe.min.js"),
		filepath.Join("/tmp", "axe", "node_modules", "axe-core", "axe.min.js"),
	}
	for _, p := range cands {
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("axe-core (%s unset; looked at %v): %w", EnvAxe, cands, ErrNotFound)
}

// RepoRoot returns the nearest folder at or above the working directory that
// holds go.mod.
func RepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		up := filepath.Dir(dir)
		if up == dir {
			return "", fmt.Errorf("repository root: no go.mod above the working directory: %w", ErrNotFound)
		}
		dir = up
	}
}

// Browser is one headless Chromium shared by the tests of a test binary.
// Each test opens its own tab with Tab.
type Browser struct {
	ctx     context.Context
	cancel  func()
	dataDir string
	// AxeSource is the text of axe.min.js, injected into pages by CheckAxe.
	AxeSource string
}

// StartBrowser starts Chromium at execPath with the flags for a closed
// network and a root user, in a fresh profile folder, and loads axe-core from
// axePath (empty: no axe).
func StartBrowser(execPath, axePath string) (*Browser, error) {
	b := &Browser{}
	if axePath != "" {
		src, err := os.ReadFile(axePath)
		if err != nil {
			return nil, fmt.Errorf("axe-core: %w", err)
		}
		b.AxeSource = string(src)
	}
	dir, err := os.MkdirTemp("", "mentor-chromium-")
	if err != nil {
		return nil, fmt.Errorf("chromium profile: %w", err)
	}
	b.dataDir = dir
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(execPath),
		chromedp.UserDataDir(dir),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-breakpad", true),
		chromedp.Flag("disable-features", "Translate,MediaRouter,OptimizationHints"),
		chromedp.Flag("force-color-profile", "srgb"),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("mute-audio", true),
		// file:// pages (the search test) may load their neighbours.
		chromedp.Flag("allow-file-access-from-files", true),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	b.ctx = ctx
	b.cancel = func() { cancelCtx(); cancelAlloc() }
	// The first run starts the browser; it must not carry a timeout.
	if err := chromedp.Do(ctx); err != nil {
		b.Close()
		return nil, fmt.Errorf("start %s: %w", execPath, err)
	}
	return b, nil
}

// Close stops the browser and removes its profile folder.
func (b *Browser) Close() {
	if b.cancel != nil {
		b.cancel()
	}
	if b.dataDir != "" {
		os.RemoveAll(b.dataDir)
	}
}

// Viewport is an emulated screen.
type Viewport struct {
	Name          string
	Width, Height int64
	Scale         float64
	Mobile        bool
}

// The viewports of the tests.
var (
	Desktop = Viewport{Name: "desktop", Width: 1280, Height: 900, Scale: 1}
	Phone   = Viewport{Name: "phone", Width: 375, Height: 740, Scale: 2, Mobile: true}
	// Narrow is 320 CSS pixels wide: a 1280 px window at 400% zoom, or a
	// small phone; WCAG 1.4.10 Reflow.
	Narrow = Viewport{Name: "narrow", Width: 320, Height: 640, Scale: 1, Mobile: true}
)

// Emulate sets the tab's viewport to vp.
func Emulate(vp Viewport) chromedp.Action[chromedp.Void] {
	opts := []chromedp.EmulateViewportOption{chromedp.EmulateScale(vp.Scale), chromedp.EmulatePortrait}
	if vp.Mobile {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch)
	}
	return chromedp.EmulateViewport(vp.Width, vp.Height, opts...)
}

// EmulateMedia sets the emulated CSS media type ("print", "screen", or ""
// for none) and media features such as prefers-color-scheme.
func EmulateMedia(media string, features map[string]string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		p := emulation.SetEmulatedMediaParams{Media: media}
		for k, v := range features {
			p.Features = append(p.Features, &emulation.MediaFeature{Name: k, Value: v})
		}
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, p)
		return err
	})
}

// TabTimeout bounds the work of one test's tab.
const TabTimeout = 60 * time.Second

// Tab opens a new tab in the shared browser, emulating vp, and closes it when
// the test ends. The returned context carries TabTimeout.
func (b *Browser) Tab(t testing.TB, vp Viewport) context.Context {
	t.Helper()
	tab, cancel := chromedp.NewContext(b.ctx)
	if err := chromedp.Do(tab, Emulate(vp)); err != nil {
		cancel()
		t.Fatalf("open tab: %v", err)
	}
	ctx, cancelT := context.WithTimeout(tab, TabTimeout)
	t.Cleanup(func() { cancelT(); cancel() })
	return ctx
}

var (
	screensOnce sync.Once
	screensDir  string
	screensErr  error
)

// ScreensDir is the folder of this test binary's screenshots, made once under
// the system's temporary folder and kept after the tests, so that a developer
// can look at them.
func ScreensDir() (string, error) {
	screensOnce.Do(func() {
		screensDir, screensErr = os.MkdirTemp("", "mentor-screens-")
	})
	return screensDir, screensErr
}

// Screenshot saves a full-page PNG of the tab as name.png in ScreensDir, logs
// its path and returns it.
func Screenshot(t testing.TB, ctx context.Context, name string) string {
	t.Helper()
	dir, err := ScreensDir()
	if err != nil {
		t.Fatalf("screenshot folder: %v", err)
	}
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join(dir, name+".png")
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	t.Logf("screenshot: %s", path)
	return path
}
