package main

import (
	"bytes"
	"html"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/laegeforeningen/mentorprogram/internal/store"
)

// The privacy promise of the status pages, end to end: after a whole build
// with the real cohorts in data/, no file in public/ holds a participant's
// name or email (or an evaluation comment), and no public file links to the
// private folder. Run on the fixture content and on the real handbook.
func TestPublicHasNoPersonalData(t *testing.T) {
	for _, tc := range []struct {
		name    string
		content string // "" keeps project's fixture content
		numbers []string
	}{
		{"fixture content", "", []string{"da/tal/index.html"}},
		{"real content", filepath.Join("..", "..", "content"), []string{"da/programmet-i-tal/index.html", "en/in-numbers/index.html"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := project(t)
			if tc.content != "" {
				if err := os.RemoveAll(filepath.Join(dir, "content")); err != nil {
					t.Fatal(err)
				}
				copyDir(t, tc.content, filepath.Join(dir, "content"))
			}
			cohorts, err := filepath.Glob(filepath.Join("..", "..", "data", "cohorts", "*.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			if len(cohorts) == 0 {
				t.Skip("no cohorts in data/cohorts")
			}
			if err := os.MkdirAll(filepath.Join(dir, "data", "cohorts"), 0o755); err != nil {
				t.Fatal(err)
			}
			for _, c := range cohorts {
				b, err := os.ReadFile(c)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, "data", "cohorts", filepath.Base(c)), b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			var stdout, stderr bytes.Buffer
			if err := runBuild(args(dir), &stdout, &stderr); err != nil {
				t.Fatalf("run: %v\n%s", err, stderr.String())
			}
			needles := personalData(t, filepath.Join(dir, "data"))
			pub, priv := filepath.Join(dir, "public"), filepath.Join(dir, "private")
			// Not vacuous: the numbers pages carry figures from the
			// cohorts, and the scanner finds the people in private/.
			for _, n := range tc.numbers {
				b, err := os.ReadFile(filepath.Join(pub, filepath.FromSlash(n)))
				if err != nil {
					t.Fatal(err)
				}
				if !strings.Contains(string(b), `<th scope="row">2025</th>`) {
					t.Errorf("%s shows no figures per year; the check would prove nothing", n)
				}
			}
			if hits := scanTree(t, priv, "", needles, ""); len(hits) == 0 {
				t.Errorf("no participant found in private/: the scanner or the needles are broken")
			}
			for _, p := range scanTree(t, pub, priv, needles, "https://example.org/mentor/") {
				t.Error(p)
			}
		})
	}
}

// personalData returns what must never be public: every participant's name
// and email, and every evaluation comment long enough to be recognisable.
func personalData(t *testing.T, data string) []string {
	t.Helper()
	ds, err := store.Load(data)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, c := range ds.Cohorts {
		for _, p := range c.Participants {
			out = append(out, p.Email, p.Name)
		}
		for _, e := range c.Evaluations {
			if len([]rune(e.Comment)) >= 20 {
				out = append(out, e.Comment)
			}
		}
	}
	if len(out) == 0 {
		t.Fatal("the cohorts hold no participants")
	}
	return out
}

var (
	tagRe  = regexp.MustCompile(`<[^>]*>`)
	linkRe = regexp.MustCompile(`(?i)(?:href|src|action|poster|data|srcset)\s*=\s*["']([^"']*)["']|<loc>([^<]*)</loc>`)
)

// fold lower-cases s and writes every run of white space as one space.
func fold(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), unicode.IsSpace), " ")
}

// views are the forms in which text in a file may hide: as written, with
// HTML entities decoded, with tags removed (a name split by markup), and
// URL-decoded (an email in a mailto: link).
func views(s string) []string {
	un := html.UnescapeString(s)
	vs := []string{s, un, html.UnescapeString(tagRe.ReplaceAllString(s, "")), html.UnescapeString(tagRe.ReplaceAllString(s, " "))}
	if q, err := url.QueryUnescape(un); err == nil {
		vs = append(vs, q)
	} else if q, err := url.PathUnescape(un); err == nil {
		vs = append(vs, q)
	}
	for i := range vs {
		vs[i] = fold(vs[i])
	}
	return vs
}

// scanTree returns a problem for every needle found in a file under root,
// and, when private is set, for every link that leads into the private
// folder or out of root, and every mention of the private folder's path.
// base is the site's absolute URL, whose links count as local.
func scanTree(t *testing.T, root, private string, needles []string, base string) []string {
	t.Helper()
	var folded []string
	for _, n := range needles {
		if n = fold(n); n != "" {
			folded = append(folded, n)
		}
	}
	var problems []string
	files := 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files++
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		vs := views(string(b))
		for _, n := range folded {
			for _, v := range vs {
				if strings.Contains(v, n) {
					problems = append(problems, rel+": holds personal data "+`"`+n+`"`)
					break
				}
			}
		}
		if private == "" {
			return nil
		}
		if abs, err := filepath.Abs(private); err == nil && strings.Contains(string(b), filepath.ToSlash(abs)) {
			problems = append(problems, rel+": names the private folder's path")
		}
		for _, m := range linkRe.FindAllStringSubmatch(string(b), -1) {
			for _, u := range strings.Split(m[1]+m[2], ",") {
				if f := strings.Fields(u); len(f) > 0 { // srcset: "url 2x"
					if why := privateLink(root, private, rel, html.UnescapeString(f[0]), base); why != "" {
						problems = append(problems, rel+": links "+f[0]+": "+why)
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files == 0 {
		t.Fatalf("no files under %s", root)
	}
	return problems
}

// privateLink says why the link u in the file rel (relative to root) leads
// to the private folder, or "" when it does not.
func privateLink(root, private, rel, u, base string) string {
	pu, err := url.Parse(u)
	if err != nil {
		return ""
	}
	if pu.Scheme == "file" {
		return "a file: link"
	}
	var target string // a path relative to root, slash-separated
	switch {
	case base != "" && strings.HasPrefix(u, base):
		target = path.Clean(strings.TrimPrefix(pu.Path, mustPath(base)))
	case pu.Scheme != "" || pu.Host != "":
		return "" // another site
	case strings.HasPrefix(pu.Path, "/"):
		target = path.Clean(strings.TrimPrefix(pu.Path, mustPath(base)))
	case pu.Path == "":
		return "" // a fragment or query on the same page
	default:
		target = path.Clean(path.Join(path.Dir(rel), pu.Path))
	}
	privName := filepath.Base(private)
	switch {
	case target == ".." || strings.HasPrefix(target, "../"):
		return "leaves the public folder"
	case target == privName || strings.HasPrefix(target, privName+"/") || strings.Contains(target, "/"+privName+"/"):
		return "into a folder named like the private one"
	}
	pubFile := filepath.Join(root, filepath.FromSlash(target))
	privFile := filepath.Join(private, filepath.FromSlash(target))
	if _, err := os.Stat(pubFile); err != nil {
		if _, err := os.Stat(privFile); err == nil {
			return "a file only the private folder has"
		}
	}
	return ""
}

func mustPath(base string) string {
	u, err := url.Parse(base)
	if err != nil || u.Path == "" {
		return "/"
	}
	return u.Path
}

// The scanner finds what it must: a test of the test, on planted files.
func TestScanTreeFindsLeaks(t *testing.T) {
	needles := []string{"Mia Mentee", "mia@example.org", "Max O'Mentor", "En kommentar, der er lang nok til at kende"}
	tests := []struct {
		name, file, src string
		want            string // part of the problem; "" for none
	}{
		{"clean", "da/x/index.html", `<p>Programmet i tal: 12 forløb.</p><a href="../y/">y</a><a href="https://example.org/mentor/da/">da</a><a href="https://other.example/private/">o</a>`, ""},
		{"name", "da/x/index.html", `<p>Tak til Mia Mentee.</p>`, `"mia mentee"`},
		{"name in capitals over a line break", "da/x/index.html", "<p>MIA\n   MENTEE</p>", `"mia mentee"`},
		{"name split by markup", "da/x/index.html", `<p><b>Mia</b> Mentee</p>`, `"mia mentee"`},
		{"name with an entity", "da/x/index.html", `<p>Max O&#39;Mentor</p>`, `"max o'mentor"`},
		{"name with a non-breaking space", "da/x/index.html", `<p>Mia&nbsp;Mentee</p>`, `"mia mentee"`},
		{"email in a mailto link", "da/x/index.html", `<a href="mailto:mia%40example.org">skriv</a>`, `"mia@example.org"`},
		{"email with an entity", "da/x/index.html", `<p>mia&#64;example.org</p>`, `"mia@example.org"`},
		{"email in a search index", "assets/search-index.da.js", `window.idx={"t":["mia@example.org"]}`, `"mia@example.org"`},
		{"comment", "en/x/index.html", `<blockquote>En kommentar, der er lang nok til at kende</blockquote>`, "personal data"},
		{"relative link out to private", "da/x/index.html", `<a href="../../../private/index.html">status</a>`, "leaves the public folder"},
		{"absolute link to private", "da/x/index.html", `<a href="https://example.org/mentor/private/index.html">status</a>`, "named like the private one"},
		{"root link to a private-only file", "da/x/index.html", `<a href="/mentor/status.json">json</a>`, "only the private folder has"},
		{"relative link to a private-only file", "index.html", `<a href="opfoelgning.xlsx">xlsx</a>`, "only the private folder has"},
		{"link in the sitemap", "sitemap.xml", `<url><loc>https://example.org/mentor/kohorte/k.html</loc></url>`, "only the private folder has"},
		{"file link", "da/x/index.html", `<img src="file:///srv/private/a.png" alt="">`, "file: link"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			pub, priv := filepath.Join(dir, "public"), filepath.Join(dir, "private")
			for name, src := range map[string]string{
				filepath.Join(pub, "index.html"):                "<p>Forside</p>",
				filepath.Join(pub, "da", "y", "index.html"):     "<p>y</p>",
				filepath.Join(priv, "index.html"):               "<p>Mia Mentee</p>",
				filepath.Join(priv, "status.json"):              "{}",
				filepath.Join(priv, "opfoelgning.xlsx"):         "x",
				filepath.Join(priv, "kohorte", "k.html"):        "x",
				filepath.Join(pub, filepath.FromSlash(tc.file)): tc.src,
			} {
				if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(name, []byte(src), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			got := scanTree(t, pub, priv, needles, "https://example.org/mentor/")
			switch {
			case tc.want == "" && len(got) > 0:
				t.Errorf("problems in a clean tree: %q", got)
			case tc.want != "" && !strings.Contains(strings.Join(got, "\n"), tc.want):
				t.Errorf("problems = %q, want one with %q", got, tc.want)
			}
		})
	}
}
