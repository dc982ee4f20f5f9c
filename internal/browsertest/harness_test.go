package browsertest

import (
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The harness itself, on a small static fixture: axe-core passes a clean page
// and reports the defects of a broken one; the server records missing files;
// screenshots land on disk.
func TestHarnessFixture(t *testing.T) {
	b := needBrowser(t)
	srv := NewServer(filepath.Join("testdata", "fixture"), "/fix/", nil)
	defer srv.Close()

	tests := []struct {
		page     string
		wantAxe  []string // rule ids, sorted; nil means clean
		wantLang string
	}{
		{"good.html", nil, "da"},
		{"bad.html", []string{"html-has-lang", "image-alt", "link-name"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.page, func(t *testing.T) {
			ctx := b.Tab(t, Desktop)
			if err := chromedp.Do(ctx, chromedp.Navigate(srv.URLOf(tc.page))); err != nil {
				t.Fatal(err)
			}
			lang, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.lang`))
			if err != nil || lang != tc.wantLang {
				t.Errorf("lang = %q, %v; want %q", lang, err, tc.wantLang)
			}
			vs, err := Axe(ctx, b.AxeSource)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, v := range vs {
				ids = append(ids, v.ID)
			}
			slices.Sort(ids)
			if !slices.Equal(ids, tc.wantAxe) {
				t.Errorf("axe rules = %v, want %v\n%s", ids, tc.wantAxe, FormatViolations(vs))
			}
			if len(vs) > 0 {
				report := FormatViolations(vs)
				for _, want := range []string{"image-alt (critical)", "at img", "html: <img"} {
					if !strings.Contains(report, want) {
						t.Errorf("report lacks %q:\n%s", want, report)
					}
				}
			}
			path := Screenshot(t, ctx, "fixture-"+strings.TrimSuffix(tc.page, ".html"))
			png, err := os.ReadFile(path)
			if err != nil || !strings.HasPrefix(string(png), "\x89PNG") {
				t.Errorf("screenshot %s is not a PNG (%v)", path, err)
			}
		})
	}

	if _, err := http200(srv.URLOf("nothing.css")); err == nil {
		t.Error("nothing.css: want 404")
	}
	if got := srv.Missing(); !slices.Equal(got, []string{"/fix/nothing.css"}) {
		t.Errorf("Missing() = %v, want [/fix/nothing.css]", got)
	}
}

func TestFindAxe(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, ".ci", "node", "node_modules", "axe-core", "axe.min.js")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte("//"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv(EnvAxe, "")
	if got, err := FindAxe(dir); err != nil || got != p {
		t.Errorf("FindAxe(repo with .ci/node) = %q, %v; want %q", got, err, p)
	}
	t.Setenv(EnvAxe, filepath.Join(dir, "absent.js"))
	if _, err := FindAxe(dir); err == nil {
		t.Error("FindAxe with AXE_CORE_JS naming a missing file: want an error")
	}
	t.Setenv(EnvChromium, filepath.Join(dir, "no-chromium"))
	if _, err := FindChromium(); err == nil {
		t.Error("FindChromium with CHROMIUM naming a missing file: want an error")
	}
}

// TestSkipOrFatal checks the rule of MENTOR_BROWSER_TESTS on a fake test.
func TestSkipOrFatal(t *testing.T) {
	for _, tc := range []struct {
		required  string
		err       error
		wantSkip  bool
		wantFatal bool
	}{
		{"", errMissing, true, false},
		{"1", errMissing, false, true},
		{"", errors.New("build failed"), false, true},
	} {
		t.Setenv(EnvRequired, tc.required)
		f := &fakeTB{}
		func() {
			defer func() { _ = recover() }()
			skipOrFatal(f, tc.err)
		}()
		if f.skipped != tc.wantSkip || f.failed != tc.wantFatal {
			t.Errorf("required=%q err=%v: skipped=%v failed=%v; want %v %v", tc.required, tc.err, f.skipped, f.failed, tc.wantSkip, tc.wantFatal)
		}
	}
}

type fakeTB struct {
	testing.TB
	skipped, failed bool
}

func (f *fakeTB) Helper()      {}
func (f *fakeTB) Skip(...any)  { f.skipped = true; panic("skip") }
func (f *fakeTB) Fatal(...any) { f.failed = true; panic("fatal") }

// The CSP probe sees what a strict policy blocks: an inline script and a
// style attribute, and nothing on a clean page.
func TestHarnessCSP(t *testing.T) {
	b := needBrowser(t)
	srv := NewServer(filepath.Join("testdata", "fixture"), "/", http.Header{"Content-Security-Policy": {StrictCSP}})
	defer srv.Close()
	for _, tc := range []struct {
		page string
		want []string // directives that must be reported
	}{
		{"good.html", nil},
		{"csp.html", []string{"script-src", "style-src"}},
	} {
		t.Run(tc.page, func(t *testing.T) {
			ctx, rec := openCSP(t, b, srv.URLOf(tc.page))
			v := cspViolations(t, ctx, rec)
			all := strings.Join(v, "\n")
			for _, d := range tc.want {
				if !strings.Contains(all, d) {
					t.Errorf("%s: no %s violation reported; got %v", tc.page, d, v)
				}
			}
			if tc.want == nil && len(v) > 0 {
				t.Errorf("%s: violations reported on a clean page: %v", tc.page, v)
			}
		})
	}
}
