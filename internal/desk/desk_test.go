package desk

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	mentorprogram "github.com/laegeforeningen/mentorprogram"
	"github.com/laegeforeningen/mentorprogram/internal/programme"
	"github.com/laegeforeningen/mentorprogram/internal/register"
	"github.com/laegeforeningen/mentorprogram/internal/status"
)

var examples = []string{"../../examples/tilmeldinger.csv", "../../examples/moedelog.xlsx", "../../examples/evaluering.csv"}

// start runs a desk on a free loopback port with a new register folder
// (outside git) and returns it with the register's path.
func start(t *testing.T, mod func(*Options)) (*Server, string) {
	t.Helper()
	data := filepath.Join(t.TempDir(), "register")
	if err := os.Mkdir(data, 0o700); err != nil {
		t.Fatal(err)
	}
	opts := Options{Data: data, ConfigDir: t.TempDir(), Theme: mentorprogram.Templates(), DefaultProgramme: mentorprogram.DefaultProgramme(),
		Today: func() programme.Date { d, _ := programme.ParseISODate("2026-11-22"); return d }, Version: "test"}
	if mod != nil {
		mod(&opts)
	}
	s, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	return s, data
}

// client is a browser-like client: it follows the token URL and keeps
// the cookie.
type client struct {
	t    *testing.T
	c    *http.Client
	base string
}

func login(t *testing.T, s *Server) *client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(s.URL())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || strings.Contains(resp.Header.Get("Location"), "t=") {
		t.Fatalf("the token URL: %d to %q, want 303 to a URL without the token", resp.StatusCode, resp.Header.Get("Location"))
	}
	ck := resp.Header.Get("Set-Cookie")
	if !strings.Contains(ck, "HttpOnly") || !strings.Contains(ck, "SameSite=Strict") {
		t.Errorf("cookie %q: want HttpOnly and SameSite=Strict", ck)
	}
	return &client{t: t, c: c, base: strings.TrimSuffix(s.URL(), "/?t="+s.token)}
}

func (c *client) do(req *http.Request) (int, string, http.Header) {
	c.t.Helper()
	resp, err := c.c.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

func (c *client) get(path string) (int, string, http.Header) {
	req, _ := http.NewRequest("GET", c.base+path, nil)
	return c.do(req)
}

func (c *client) csrf() string {
	_, body, _ := c.get("/indlaes")
	m := regexp.MustCompile(`name="csrf" value="([0-9a-f]+)"`).FindStringSubmatch(body)
	if m == nil {
		c.t.Fatal("no CSRF token on the page")
	}
	return m[1]
}

// upload posts files to /indlaes; csrf "" leaves the token out.
func (c *client) upload(csrf, origin string, files ...string) int {
	c.t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	if csrf != "" {
		mw.WriteField("csrf", csrf)
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			c.t.Fatal(err)
		}
		w, _ := mw.CreateFormFile("files", filepath.Base(f))
		w.Write(src)
	}
	mw.Close()
	req, _ := http.NewRequest("POST", c.base+"/indlaes", &b)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	if origin != "" {
		req.Header.Set("Origin", origin)
	}
	code, _, _ := c.do(req)
	return code
}

// saveExamples uploads the example exports, checks them and saves them
// with »Gem«, as the secretariat does on Indlæs.
func (c *client) saveExamples(csrf string) {
	c.t.Helper()
	c.upload(csrf, c.base, examples...)
	_, page, _ := c.get("/indlaes")
	id := regexp.MustCompile(`name="check" value="([0-9a-f]+)"`).FindStringSubmatch(page)[1]
	c.post("/gem", c.base, url.Values{"csrf": {csrf}, "check": {id}})
}

func (c *client) post(path, origin string, form url.Values) int {
	c.t.Helper()
	req, _ := http.NewRequest("POST", c.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if origin != "" {
		req.Header.Set("Origin", origin)
	}
	code, _, _ := c.do(req)
	return code
}

// registerFiles lists the register's files, but programme.yaml.
func registerFiles(t *testing.T, data string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(data, func(p string, d os.DirEntry, err error) error {
		if err == nil && p != data && d.Name() != "programme.yaml" {
			rel, _ := filepath.Rel(data, p)
			out = append(out, rel)
		}
		return nil
	})
	return out
}

func TestLoopbackOnly(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", "192.0.2.1:0", ":0", "[::]:0", "example.org:0", "nohost"} {
		if _, err := New(Options{Addr: addr, Today: func() programme.Date { return programme.Date{} }}); err == nil {
			t.Errorf("New(%q): no error, want the address refused", addr)
		}
	}
	s, _ := start(t, func(o *Options) { o.Addr = "localhost:0" })
	if ip := s.Addr().(*net.TCPAddr).IP; !ip.IsLoopback() {
		t.Errorf("listening on %v, want loopback", ip)
	}
}

// TestRefused: a wrong Host, no cookie, a POST without the CSRF token or
// with a foreign or missing Origin, an upload over the limits: each
// refused, and nothing saved.
func TestRefused(t *testing.T) {
	s, data := start(t, func(o *Options) { o.MaxUpload = 8 << 10; o.MaxFiles = 2 })
	c := login(t, s)
	csrf := c.csrf()
	origin := c.base

	// A page that looks fine, with its headers.
	code, _, h := c.get("/indlaes")
	if code != 200 || h.Get("Cache-Control") != "no-store" || !strings.Contains(h.Get("Content-Security-Policy"), "default-src 'none'") {
		t.Errorf("GET /indlaes: %d, Cache-Control %q, CSP %q", code, h.Get("Cache-Control"), h.Get("Content-Security-Policy"))
	}

	// A wrong Host (DNS rebinding), with the cookie.
	req, _ := http.NewRequest("GET", c.base+"/indlaes", nil)
	req.Host = "evil.example:" + strings.Split(s.host, ":")[1]
	if code, _, _ := c.do(req); code != http.StatusForbidden {
		t.Errorf("wrong Host: %d, want 403", code)
	}
	// The token itself through a wrong Host.
	req, _ = http.NewRequest("GET", s.URL(), nil)
	req.Host = "evil.example"
	if code, _, _ := c.do(req); code != http.StatusForbidden {
		t.Errorf("token with a wrong Host: %d, want 403", code)
	}
	// No cookie.
	for _, p := range []string{"/indlaes", "/status/", "/historik", "/udgiv", "/register", "/assets/desk.css"} {
		resp, err := http.Get(c.base + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("GET %s without the cookie: %d, want 403", p, resp.StatusCode)
		}
	}
	// A wrong token.
	resp, err := http.Get(c.base + "/?t=" + strings.Repeat("0", 64))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden || resp.Header.Get("Set-Cookie") != "" {
		t.Errorf("a wrong token: %d with cookie %q, want 403 and none", resp.StatusCode, resp.Header.Get("Set-Cookie"))
	}
	// Uploads refused.
	for _, tc := range []struct {
		name, csrf, origin string
		files              []string
		want               int
	}{
		{"no CSRF token", "", origin, examples[:1], 403},
		{"wrong CSRF token", strings.Repeat("a", 64), origin, examples[:1], 403},
		{"foreign Origin", csrf, "http://evil.example", examples[:1], 403},
		{"no Origin", csrf, "", examples[:1], 403},
		{"too many files", csrf, origin, []string{"../../examples/med-fejl.csv", "../../examples/med-fejl.csv", "../../examples/med-fejl.csv"}, 413},
		{"too large", csrf, origin, []string{examples[1]}, 413},
	} {
		if got := c.upload(tc.csrf, tc.origin, tc.files...); got != tc.want {
			t.Errorf("%s: %d, want %d", tc.name, got, tc.want)
		}
	}
	// Other POSTs.
	for _, p := range []string{"/gem", "/kasser", "/udgiv", "/register", "/slags"} {
		if got := c.post(p, origin, url.Values{"mappe": {t.TempDir()}}); got != 403 {
			t.Errorf("POST %s without the CSRF token: %d, want 403", p, got)
		}
		if got := c.post(p, "http://evil.example", url.Values{"csrf": {csrf}, "mappe": {t.TempDir()}}); got != 403 {
			t.Errorf("POST %s from a foreign Origin: %d, want 403", p, got)
		}
	}
	req, _ = http.NewRequest("PUT", c.base+"/indlaes", nil)
	req.Header.Set("Origin", origin)
	if code, _, _ := c.do(req); code != http.StatusMethodNotAllowed {
		t.Errorf("PUT: %d, want 405", code)
	}
	if got := registerFiles(t, data); len(got) != 0 {
		t.Errorf("the refused requests left files in the register: %v", got)
	}
}

// TestCheckAndSave: upload, check (nothing written), save (the register,
// the status pages, the history without personal data), and a save after
// the register changed checks again instead.
func TestCheckAndSave(t *testing.T) {
	s, data := start(t, nil)
	c := login(t, s)
	csrf := c.csrf()
	if code := c.upload(csrf, c.base, append(examples, "../../examples/med-fejl.csv")...); code != http.StatusSeeOther {
		t.Fatalf("upload: %d, want 303", code)
	}
	if got := registerFiles(t, data); len(got) != 0 {
		t.Errorf("the check wrote into the register: %v", got)
	}
	_, page, _ := c.get("/indlaes")
	for _, want := range []string{"Rapport over tjekket", "tilmeldinger.csv", "med-fejl.csv", "kolonne fra Forms", "Referat", "med-fejl.afvist.xlsx", "Prøvekørsel: intet er gemt", `"31-02-2026" er ikke en gyldig dato`} {
		if !strings.Contains(strings.ReplaceAll(page, "&#34;", `"`), want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	if strings.Contains(page, uploadPrefix) {
		t.Error("the report names the desk's upload folder")
	}
	code, body, h := c.get("/afvist/med-fejl.afvist.xlsx")
	if code != 200 || !strings.HasPrefix(body, "PK") || !strings.Contains(h.Get("Content-Disposition"), "attachment") {
		t.Errorf("rejects workbook: %d, %q", code, h.Get("Content-Disposition"))
	}
	id := regexp.MustCompile(`name="check" value="([0-9a-f]+)"`).FindStringSubmatch(page)
	if id == nil {
		t.Fatal("no Gem form")
	}

	// The register changes between the check and the save.
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(filepath.Join(data, "programme.yaml"), later, later); err != nil {
		t.Fatal(err)
	}
	if code := c.post("/gem", c.base, url.Values{"csrf": {csrf}, "check": {id[1]}}); code != http.StatusSeeOther {
		t.Fatalf("gem: %d", code)
	}
	_, page, _ = c.get("/indlaes")
	if !strings.Contains(page, "Registeret er ændret, siden filerne blev tjekket") {
		t.Error("a save after the register changed did not say it checked again")
	}
	if _, err := os.Stat(filepath.Join(data, "cohorts", "2025-efteraar.yaml")); err == nil {
		t.Error("saved although the register changed after the check")
	}
	id = regexp.MustCompile(`name="check" value="([0-9a-f]+)"`).FindStringSubmatch(page)
	if code := c.post("/gem", c.base, url.Values{"csrf": {csrf}, "check": {id[1]}}); code != http.StatusSeeOther {
		t.Fatalf("gem: %d", code)
	}
	_, page, _ = c.get("/indlaes")
	if !strings.Contains(page, "Gemt i registeret") {
		t.Errorf("no saved notice:\n%s", page)
	}
	for _, f := range []string{"cohorts/2025-efteraar.yaml", "cohorts/2026-foraar.yaml", "private/index.html", register.HistoryFile} {
		if _, err := os.Stat(filepath.Join(data, f)); err != nil {
			t.Errorf("after the save: %v", err)
		}
	}
	if left, _ := filepath.Glob(filepath.Join(data, uploadPrefix+"*")); len(left) != 0 {
		t.Errorf("upload folders left: %v", left)
	}
	code, body, _ = c.get("/status/")
	if code != 200 || !strings.Contains(body, "Status for mentorprogrammet") || !strings.Contains(body, `class="dk-back"`) || !strings.Contains(body, `<link rel="stylesheet" href="/assets/desk.css">`) {
		t.Errorf("/status/: %d, want the status page with the line back to the desk, styled", code)
	}
	hist, err := os.ReadFile(filepath.Join(data, register.HistoryFile))
	if err != nil {
		t.Fatal(err)
	}
	cohort, _ := os.ReadFile(filepath.Join(data, "cohorts", "2026-foraar.yaml"))
	for _, m := range regexp.MustCompile(`(?m)^\s*(?:email|name): (.+)$`).FindAllStringSubmatch(string(cohort), -1) {
		if strings.Contains(string(hist), strings.Trim(m[1], `"`)) {
			t.Errorf("the history holds %q", m[1])
		}
	}
	if strings.Contains(string(hist), "@") {
		t.Error("the history holds an @")
	}
	_, page, _ = c.get("/historik")
	if !strings.Contains(page, "evaluering.csv") || !strings.Contains(page, "22. november") && !strings.Contains(page, time.Now().In(copenhagen).Format("2006")) {
		t.Error("the history page does not list the save")
	}
	// Udgiv tal.
	if code := c.post("/udgiv", c.base, url.Values{"csrf": {csrf}}); code != http.StatusSeeOther {
		t.Fatalf("udgiv: %d", code)
	}
	code, body, _ = c.get("/udgiv/programmet-i-tal.json")
	if code != 200 || !strings.Contains(body, `"schema": 1`) || strings.Contains(body, "@") {
		t.Errorf("the public file: %d\n%s", code, body)
	}
}

// TestRegisterChoice: without -data the desk asks; the folder chosen is
// made with programme.yaml saying demo: false, remembered, and used by
// the next start; a folder git would publish is refused.
func TestRegisterChoice(t *testing.T) {
	conf := t.TempDir()
	s, _ := start(t, func(o *Options) { o.Data = ""; o.ConfigDir = conf })
	c := login(t, s)
	code, _, h := c.get("/indlaes")
	if code != http.StatusSeeOther || h.Get("Location") != "/register" {
		t.Fatalf("without a register: %d to %q, want /register", code, h.Get("Location"))
	}
	_, page, _ := c.get("/register")
	csrf := regexp.MustCompile(`name="csrf" value="([0-9a-f]+)"`).FindStringSubmatch(page)[1]
	if _, err := exec.LookPath("git"); err == nil {
		work := t.TempDir()
		if out, err := exec.Command("git", "init", "-q", work).CombinedOutput(); err != nil {
			t.Fatalf("git init: %v\n%s", err, out)
		}
		in := filepath.Join(work, "register")
		if code := c.post("/register", c.base, url.Values{"csrf": {csrf}, "mappe": {in}}); code != http.StatusUnprocessableEntity {
			t.Errorf("a folder in a git working tree: %d, want 422", code)
		}
		if _, err := os.Stat(in); err == nil {
			t.Error("the refused folder was made")
		}
		// A demo register (demo: true, as the repository's data/) in the
		// working tree is refused too: real files dropped on the desk
		// would go into git.
		demo := filepath.Join(work, "data")
		if err := os.Mkdir(demo, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(demo, "programme.yaml"), mentorprogram.DefaultProgramme(), 0o644); err != nil {
			t.Fatal(err)
		}
		if code := c.post("/register", c.base, url.Values{"csrf": {csrf}, "mappe": {demo}}); code != http.StatusUnprocessableEntity {
			t.Errorf("the demo register in a git working tree: %d, want 422", code)
		}
		if _, err := New(Options{Data: demo, ConfigDir: t.TempDir(), Theme: mentorprogram.Templates(), Today: s.opts.Today}); err == nil || !strings.Contains(err.Error(), "demoregister") {
			t.Errorf("-data the demo register in a git working tree: %v, want refused", err)
		}
	}
	dir := filepath.Join(t.TempDir(), "ny", "register")
	if code := c.post("/register", c.base, url.Values{"csrf": {csrf}, "mappe": {dir}}); code != http.StatusSeeOther {
		t.Fatalf("choose %s: %d, want 303", dir, code)
	}
	cfg, err := os.ReadFile(filepath.Join(dir, "programme.yaml"))
	if err != nil || !strings.Contains(string(cfg), "\ndemo: false\n") {
		t.Errorf("the new register's programme.yaml: %v, want demo: false", err)
	}
	s2, _ := start(t, func(o *Options) { o.Data = ""; o.ConfigDir = conf })
	c2 := login(t, s2)
	if code, page, _ := c2.get("/indlaes"); code != 200 || !strings.Contains(page, dir) {
		t.Errorf("the next start: %d, want the remembered register %s", code, dir)
	}
}

// TestKindChooser: a file whose header fits two kinds gets a chooser for
// that file; checked again as the kind chosen, it is read as that kind and
// the other files are still recognised from their headers.
func TestKindChooser(t *testing.T) {
	s, _ := start(t, nil)
	c := login(t, s)
	csrf := c.csrf()
	amb := filepath.Join(t.TempDir(), "tvetydig.csv")
	if err := os.WriteFile(amb, []byte("Navn;E-mail;Rolle;Kohorte;Match\nMona Mentor;mona@example.org;Mentor;Forår 2026;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code := c.upload(csrf, c.base, examples[1], amb); code != http.StatusSeeOther {
		t.Fatalf("upload: %d", code)
	}
	_, page, _ := c.get("/indlaes")
	if !strings.Contains(page, "Hvilken slags regneark er tvetydig.csv?") || !strings.Contains(page, `<option value="signups">Tilmeldinger</option>`) {
		t.Fatalf("no kind chooser for tvetydig.csv:\n%s", page)
	}
	id := regexp.MustCompile(`name="check" value="([0-9a-f]+)"`).FindStringSubmatch(page)[1]
	if code := c.post("/slags", c.base, url.Values{"csrf": {csrf}, "check": {id}, "kind": {"signups"}}); code != http.StatusSeeOther {
		t.Fatalf("slags: %d", code)
	}
	_, page, _ = c.get("/indlaes")
	for _, want := range []string{`tvetydig.csv</th><td data-label="Slags">tilmeldinger</td>`, `<td data-label="Slags">mødelog</td>`} {
		if !strings.Contains(page, want) {
			t.Errorf("after choosing: the report lacks %q", want)
		}
	}
}

// TestStatusRefreshed: status pages computed for an earlier day are made
// again for today when the Status page is opened.
func TestStatusRefreshed(t *testing.T) {
	var day atomic.Value
	day.Store("2026-11-22")
	s, data := start(t, func(o *Options) {
		o.Today = func() programme.Date { d, _ := programme.ParseISODate(day.Load().(string)); return d }
	})
	c := login(t, s)
	csrf := c.csrf()
	c.saveExamples(csrf)
	asOf := func() string {
		b, _ := os.ReadFile(filepath.Join(data, "private", "status.json"))
		m := regexp.MustCompile(`"as_of": "([0-9-]+)"`).FindStringSubmatch(string(b))
		if m == nil {
			return ""
		}
		return m[1]
	}
	if got := asOf(); got != "2026-11-22" {
		t.Fatalf("after the save: as_of %q", got)
	}
	day.Store("2026-12-01")
	if code, body, _ := c.get("/status/"); code != 200 || !strings.Contains(body, "1. december 2026") {
		t.Errorf("/status/ the next week: %d, want the pages for 1 December", code)
	}
	if got := asOf(); got != "2026-12-01" {
		t.Errorf("as_of %q after opening Status, want 2026-12-01", got)
	}
}

// TestPublishToHandbook: with a handbook folder, Udgiv tal writes the
// aggregate file into its data/, the same file as in the register, and it
// holds no address.
func TestPublishToHandbook(t *testing.T) {
	hb := t.TempDir()
	if err := os.Mkdir(filepath.Join(hb, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	s, data := start(t, func(o *Options) { o.Handbook = hb })
	c := login(t, s)
	csrf := c.csrf()
	c.saveExamples(csrf)
	if code := c.post("/udgiv", c.base, url.Values{"csrf": {csrf}}); code != http.StatusSeeOther {
		t.Fatalf("udgiv: %d", code)
	}
	got, err := os.ReadFile(filepath.Join(hb, "data", status.PublicFile))
	if err != nil {
		t.Fatal(err)
	}
	want, _ := os.ReadFile(filepath.Join(data, status.PublicFile))
	if !bytes.Equal(got, want) || strings.Contains(string(got), "@") {
		t.Errorf("the handbook's file differs from the register's, or holds an address:\n%s", got)
	}
	if _, err := status.ReadPublic(filepath.Join(hb, "data", status.PublicFile)); err != nil {
		t.Error(err)
	}
	if _, page, _ := c.get("/udgiv"); !strings.Contains(page, "Filen er skrevet til håndbogen") {
		t.Error("the page does not say where the file went")
	}
}

// TestMarkHandled: the button on Opfølgning stores a handled record through
// the ingest's follow-up rows (same checks): a good row is saved and leaves
// the queue; a row the ingest rejects saves nothing and says why.
func TestMarkHandled(t *testing.T) {
	s, data := start(t, nil)
	c := login(t, s)
	csrf := c.csrf()
	c.saveExamples(csrf)
	_, page, _ := c.get("/opfoelgning")
	keys := regexp.MustCompile(`name="kode" value="([^"]+)"`).FindAllStringSubmatch(page, -1)
	if len(keys) == 0 {
		t.Fatal("no follow-ups to mark")
	}
	key := strings.ReplaceAll(keys[0][1], "&#43;", "+")
	before, _ := os.ReadFile(filepath.Join(data, "cohorts", "2026-foraar.yaml"))
	c.post("/haandteret", c.base, url.Values{"csrf": {csrf}, "kode": {"ukendt/x/y"}, "initialer": {"AB"}, "handling": {"ringet op"}})
	_, page, _ = c.get("/opfoelgning")
	if !strings.Contains(page, "Ikke markeret håndteret") || !strings.Contains(page, "er ikke en kode fra opfoelgning.xlsx") {
		t.Error("an unknown key: no message saying why")
	}
	if after, _ := os.ReadFile(filepath.Join(data, "cohorts", "2026-foraar.yaml")); !bytes.Equal(after, before) {
		t.Error("a rejected row changed the register")
	}
	// A flag that changed since the page was made (its Siden another
	// day): not marked, the message says why.
	since := regexp.MustCompile(`name="siden" value="([^"]*)"`).FindAllStringSubmatch(page, -1)
	if len(since) != len(keys) {
		t.Fatalf("%d follow-ups but %d Siden fields", len(keys), len(since))
	}
	c.post("/haandteret", c.base, url.Values{"csrf": {csrf}, "kode": {key}, "siden": {"2020-01-01"}, "initialer": {"AB"}, "handling": {"ringet op"}})
	_, page, _ = c.get("/opfoelgning")
	if !strings.Contains(page, "Ikke markeret håndteret") || !strings.Contains(page, "men rækken viser 01-01-2020") {
		t.Error("a flag changed since the page was made: no message saying why")
	}
	if after, _ := os.ReadFile(filepath.Join(data, "cohorts", "2026-foraar.yaml")); !bytes.Equal(after, before) {
		t.Error("a changed flag was marked handled")
	}
	if code := c.post("/haandteret", c.base, url.Values{"csrf": {csrf}, "kode": {key}, "siden": {since[0][1]}, "initialer": {"AB"}, "handling": {"ringet op"}}); code != http.StatusSeeOther {
		t.Fatalf("haandteret: %d", code)
	}
	_, page, _ = c.get("/opfoelgning")
	if !strings.Contains(page, "Markeret håndteret.") || len(regexp.MustCompile(`name="kode"`).FindAllString(page, -1)) != len(keys)-1 {
		t.Errorf("after marking %s handled: want the notice and one follow-up fewer", key)
	}
	var all []byte
	cs, _ := filepath.Glob(filepath.Join(data, "cohorts", "*.yaml"))
	for _, f := range cs {
		b, _ := os.ReadFile(f)
		all = append(all, b...)
	}
	if !strings.Contains(string(all), "action: ringet op") {
		t.Error("no handled record in the register")
	}
}

// TestAcceptProposal: the Acceptér button matches the suggested pair
// through the ingest's proposals rows: the pair is stored with today's
// match date and the suggestion is gone; a pair the rules refuse saves
// nothing and says why.
func TestAcceptProposal(t *testing.T) {
	s, data := start(t, nil)
	c := login(t, s)
	csrf := c.csrf()
	c.saveExamples(csrf)
	_, page, _ := c.get("/match")
	field := func(name string) []string {
		var out []string
		for _, m := range regexp.MustCompile(`name="`+name+`" value="([^"]+)"`).FindAllStringSubmatch(page, -1) {
			out = append(out, strings.NewReplacer("&#43;", "+", "&amp;", "&").Replace(m[1]))
		}
		return out
	}
	cohorts, mentees, mentors := field("kohorte"), field("mentee"), field("mentor")
	if len(mentees) == 0 {
		t.Skip("the demo register has no suggestions at this date")
	}
	before := registerFiles(t, data)
	beforeYAML, _ := os.ReadFile(filepath.Join(data, "cohorts", "2026-foraar.yaml"))
	// A pair of the mentee with herself is refused by the ingest.
	c.post("/accepter", c.base, url.Values{"csrf": {csrf}, "kohorte": {cohorts[0]}, "mentee": {mentees[0]}, "mentor": {mentees[0]}})
	_, msg, _ := c.get("/match")
	if !strings.Contains(msg, "Ikke accepteret") {
		t.Error("a pair the rules refuse: no message")
	}
	if after, _ := os.ReadFile(filepath.Join(data, "cohorts", "2026-foraar.yaml")); !bytes.Equal(after, beforeYAML) || len(registerFiles(t, data)) != len(before) {
		t.Error("a refused pair changed the register")
	}
	if code := c.post("/accepter", c.base, url.Values{"csrf": {csrf}, "kohorte": {cohorts[0]}, "mentee": {mentees[0]}, "mentor": {mentors[0]}}); code != http.StatusSeeOther {
		t.Fatalf("accepter: %d", code)
	}
	_, page, _ = c.get("/match")
	if !strings.Contains(page, "Parret er matchet.") || strings.Contains(page, `name="mentee" value="`+mentees[0]+`"`) {
		t.Errorf("after accepting %s and %s: want the notice and the suggestion gone", mentees[0], mentors[0])
	}
}
