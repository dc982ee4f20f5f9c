package site_test

import (
	"bytes"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"gopkg.in/yaml.v3"

	"github.com/laegeforeningen/mentorprogram/internal/i18n"
	"github.com/laegeforeningen/mentorprogram/internal/markdown"
	"github.com/laegeforeningen/mentorprogram/internal/site"
	"github.com/laegeforeningen/mentorprogram/internal/testkit"
)

// The tests in this file run over the handbook's real content in content/
// and the real data/programme.yaml, not over fixtures.

// contentPage is one Markdown file of content/.
type contentPage struct {
	lang     string // "da" or "en"
	rel      string // slash path below content/LANG/
	file     string // path for messages, relative to the repository root
	src      []byte
	fm       markdown.FrontMatter
	body     []byte
	bodyLine int // 1-based file line where the body starts
}

// repoRoot walks up from the working directory to the folder with go.mod.
func repoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the working directory")
		}
		dir = parent
	}
}

// loadContent reads every Markdown file below content/da and content/en.
func loadContent(t testing.TB, root string) []*contentPage {
	t.Helper()
	var pages []*contentPage
	for _, lang := range []string{"da", "en"} {
		base := filepath.Join(root, "content", lang)
		err := filepath.WalkDir(base, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
				return err
			}
			src, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(base, p)
			file, _ := filepath.Rel(root, p)
			pg := &contentPage{lang: lang, rel: filepath.ToSlash(rel), file: filepath.ToSlash(file), src: src}
			pg.fm, pg.body, pg.bodyLine, err = markdown.SplitFrontMatter(pg.file, src)
			if err != nil {
				t.Error(err)
			}
			pages = append(pages, pg)
			return nil
		})
		if err != nil {
			t.Fatalf("reading %s: %v", base, err)
		}
	}
	if len(pages) == 0 {
		t.Fatal("no pages under content/")
	}
	return pages
}

// programmeValues reads data/programme.yaml flattened to dotted keys.
func programmeValues(t testing.TB, root string) map[string]string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(root, "data", "programme.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := yaml.Unmarshal(src, &doc); err != nil {
		t.Fatalf("data/programme.yaml: %v", err)
	}
	out := map[string]string{}
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		join := func(k string) string {
			if prefix == "" {
				return k
			}
			return prefix + "." + k
		}
		switch v := v.(type) {
		case map[string]any:
			for k, c := range v {
				walk(join(k), c)
			}
		case []any:
			for i, c := range v {
				walk(join(strconv.Itoa(i)), c)
			}
		case nil:
			out[prefix] = ""
		default:
			out[prefix] = fmt.Sprint(v)
		}
	}
	walk("", doc)
	return out
}

var factIDs = func() []string {
	counts := map[string]int{"A": 7, "B": 5, "C": 5, "D": 7, "E": 10}
	var ids []string
	for _, g := range []string{"A", "B", "C", "D", "E"} {
		for i := 1; i <= counts[g]; i++ {
			ids = append(ids, g+strconv.Itoa(i))
		}
	}
	return ids
}()

func TestRealContentSameFilesInBothLanguages(t *testing.T) {
	pages := loadContent(t, repoRoot(t))
	have := map[string]map[string]bool{"da": {}, "en": {}}
	for _, p := range pages {
		have[p.lang][p.rel] = true
	}
	for _, pair := range [][2]string{{"da", "en"}, {"en", "da"}} {
		for rel := range have[pair[0]] {
			if !have[pair[1]][rel] {
				t.Errorf("content/%s/%s has no counterpart content/%s/%s", pair[0], rel, pair[1], rel)
			}
		}
	}
}

func TestRealContentFrontMatter(t *testing.T) {
	valid := map[string]bool{}
	for _, id := range factIDs {
		valid[id] = true
	}
	// The layouts a page may name: the theme's layouts/*.html (that it
	// names none of the site's own pages' is checked by the build).
	layouts := map[string]bool{"": true}
	files, err := filepath.Glob(filepath.Join(repoRoot(t), "templates", "layouts", "*.html"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no layouts in templates/layouts: %v", err)
	}
	for _, f := range files {
		layouts[strings.TrimSuffix(filepath.Base(f), ".html")] = true
	}
	date := regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	slug := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	for _, p := range loadContent(t, repoRoot(t)) {
		if strings.TrimSpace(p.fm.Title) == "" {
			t.Errorf("%s: no title", p.file)
		}
		if strings.TrimSpace(p.fm.Description) == "" {
			t.Errorf("%s: no description", p.file)
		}
		for _, f := range p.fm.Facts {
			if !valid[f] {
				t.Errorf("%s: facts: %q is not a fact id (A1..A7, B1..B5, C1..C5, D1..D7, E1..E10)", p.file, f)
			}
		}
		if !layouts[p.fm.Layout] {
			t.Errorf("%s: unknown layout %q", p.file, p.fm.Layout)
		}
		if p.fm.Updated != "" && !date.MatchString(p.fm.Updated) {
			t.Errorf("%s: updated %q is not YYYY-MM-DD", p.file, p.fm.Updated)
		}
		if p.lang == "en" && p.rel != "_index.md" && !slug.MatchString(p.fm.Slug) {
			t.Errorf("%s: English page needs an English slug (lower case, a-z, 0-9, -), has %q", p.file, p.fm.Slug)
		}
		if p.fm.Slug != "" && !slug.MatchString(p.fm.Slug) {
			t.Errorf("%s: slug %q is not a URL segment", p.file, p.fm.Slug)
		}
		for _, name := range strings.Split(p.rel, "/") {
			if strings.IndexFunc(name, func(r rune) bool { return r > unicode.MaxASCII }) >= 0 {
				t.Errorf("%s: file and folder names must be ASCII (æ→ae, ø→oe, å→aa)", p.file)
			}
		}
		low := bytes.ToLower(p.body)
		if bytes.Contains(low, []byte("style=")) || bytes.Contains(low, []byte("<script")) {
			t.Errorf("%s: raw HTML must use classes only: no style= and no scripts", p.file)
		}
		if p.fm.Layout == "sheet" && (!bytes.Contains(p.body, []byte(`class="write-lines`)) || !bytes.Contains(p.body, []byte("- [ ] ")) ||
			!bytes.Contains(p.body, []byte(`class="sheet-fields"`))) {
			t.Errorf("%s: a sheet needs task items (- [ ]), writing space (write-lines) and fields for names and date (sheet-fields)", p.file)
		}
		if p.fm.Layout == "sheet" && strings.HasPrefix(p.rel, "skabeloner/tjekliste") {
			for _, key := range []string{"rules.min_meetings_after_clarification", "rules.duration_months.min", "rules.duration_months.max"} {
				if !bytes.Contains(p.body, []byte("{{rule "+key+"}}")) {
					t.Errorf("%s: the checklist does not give {{rule %s}}", p.file, key)
				}
			}
		}
	}
}

func TestRealContentCoversEveryFact(t *testing.T) {
	covered := map[string]map[string][]string{"da": {}, "en": {}}
	for _, p := range loadContent(t, repoRoot(t)) {
		if p.fm.Draft {
			continue
		}
		for _, f := range p.fm.Facts {
			covered[p.lang][f] = append(covered[p.lang][f], p.rel)
		}
	}
	for _, lang := range []string{"da", "en"} {
		for _, id := range factIDs {
			if len(covered[lang][id]) == 0 {
				t.Errorf("fact %s is covered by no page in %q: add it to the facts of the page that explains it", id, lang)
			}
		}
	}
}

func TestRealContentRuleKeysExist(t *testing.T) {
	root := repoRoot(t)
	values := programmeValues(t, root)
	rule := regexp.MustCompile(`\{\{\s*rule\s+([A-Za-z0-9_.-]+)\s*\}\}`)
	for _, p := range loadContent(t, root) {
		for i, line := range strings.Split(string(p.src), "\n") {
			for _, m := range rule.FindAllStringSubmatch(line, -1) {
				if _, ok := values[m[1]]; !ok {
					t.Errorf("%s:%d: {{rule %s}}: no such key in data/programme.yaml", p.file, i+1, m[1])
				}
			}
		}
	}
}

// ruleNumberWords are the words a rule number must not stand next to when
// written by hand (matched anywhere inside a word: "gruppemøder" counts).
var ruleNumberWords = []string{"måned", "møde", "month", "meeting"}

// handWrittenRuleNumbers returns the problems of one line: a number from
// numbers within two words of a month or meeting word, in either order.
// Rule values ({{rule KEY}}) are removed first, so only bare numbers count.
func handWrittenRuleNumbers(line string, numbers map[string]bool) []string {
	line = regexp.MustCompile(`\{\{[^}]*\}\}`).ReplaceAllString(line, " ")
	words := strings.FieldsFunc(strings.ToLower(line), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	var found []string
	for i, w := range words {
		if !numbers[w] {
			continue
		}
		for j := max(0, i-3); j <= min(len(words)-1, i+3); j++ {
			hit := false
			for _, k := range ruleNumberWords {
				if strings.Contains(words[j], k) {
					hit = true
				}
			}
			if j != i && hit {
				found = append(found, fmt.Sprintf("%q next to %q", w, words[j]))
				break
			}
		}
	}
	return found
}

func TestRealContentHandWrittenRuleNumbersDetector(t *testing.T) {
	numbers := map[string]bool{"8": true, "12": true, "4": true}
	tests := []struct {
		line string
		bad  bool
	}{
		{"Et forløb varer 8 til 12 måneder.", true},
		{"I holder mindst 4 møder mere.", true},
		{"Varighed i måneder: 12", true},
		{"At least 4 further meetings.", true},
		{"It runs for 12 months.", true},
		{"{{rule rules.duration_months.min}} til {{rule rules.duration_months.max}} måneder", false},
		{"mindst {{rule rules.min_meetings_after_clarification}} møder", false},
		{"4 sessions of 1 to 1.5 hours", false},
		{"updated: 2026-11-22", false},
		{"Hvad gør vi, hvis et møde skal flyttes?", false},
	}
	for _, tt := range tests {
		got := handWrittenRuleNumbers(tt.line, numbers)
		if (len(got) > 0) != tt.bad {
			t.Errorf("handWrittenRuleNumbers(%q) = %v, want a problem: %v", tt.line, got, tt.bad)
		}
	}
}

func TestRealContentNoHandWrittenRuleNumbers(t *testing.T) {
	root := repoRoot(t)
	values := programmeValues(t, root)
	numbers := map[string]bool{}
	for _, k := range []string{"rules.duration_months.min", "rules.duration_months.max", "rules.min_meetings_after_clarification"} {
		v, ok := values[k]
		if !ok || v == "" {
			t.Fatalf("data/programme.yaml has no %s", k)
		}
		numbers[v] = true
	}
	for _, p := range loadContent(t, root) {
		for i, line := range strings.Split(string(p.src), "\n") {
			for _, f := range handWrittenRuleNumbers(line, numbers) {
				t.Errorf("%s:%d: rule number written by hand (%s): use {{rule KEY}}", p.file, i+1, f)
			}
		}
	}
}

// TestRealContentRendersAndLinksResolve renders every page with the real rule
// values and checks that every relative link names an existing page of the
// same language, and every anchor an id on that page.
func TestRealContentRendersAndLinksResolve(t *testing.T) {
	root := repoRoot(t)
	values := programmeValues(t, root)
	pages := loadContent(t, root)
	words, err := i18n.Load(os.DirFS(filepath.Join(root, "templates")))
	if err != nil {
		t.Fatal(err)
	}
	byKey := map[string]*contentPage{}
	for _, p := range pages {
		byKey[p.lang+"/"+p.rel] = p
	}
	resolve := func(p *contentPage, target string) string {
		return path.Clean(path.Join(p.lang, path.Dir(p.rel), target))
	}
	type ref struct {
		from, target, anchor string
	}
	ids := map[string]map[string]bool{}
	var refs []ref
	for _, p := range pages {
		key := p.lang + "/" + p.rel
		res, err := markdown.Render(p.file, p.body, p.bodyLine, markdown.Options{
			Lang:   p.lang,
			Words:  words[p.lang].Markdown,
			Values: values,
			Links: func(dest string) (string, error) {
				if strings.HasPrefix(dest, "/") {
					return dest, nil
				}
				target, _, _ := strings.Cut(dest, "#")
				if target == "" {
					return dest, nil
				}
				if !strings.HasSuffix(target, ".md") {
					return "", fmt.Errorf("link to a page must name its .md file")
				}
				if _, ok := byKey[resolve(p, target)]; !ok {
					return "", fmt.Errorf("no page content/%s", resolve(p, target))
				}
				return dest, nil
			},
		})
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		for _, l := range res.Links {
			target, anchor, _ := strings.Cut(l.Dest, "#")
			if anchor == "" || strings.HasPrefix(l.Dest, "/") {
				continue
			}
			to := key
			if target != "" {
				to = resolve(p, target)
			}
			refs = append(refs, ref{fmt.Sprintf("%s:%d", p.file, l.Line), to, anchor})
		}
		ids[key] = map[string]bool{}
		for _, id := range res.IDs {
			ids[key][id] = true
		}
		if p.fm.Layout == "home" && !bytes.Contains(res.HTML, []byte(`<ol class="timeline">`)) {
			t.Errorf("%s: the start page needs its timeline (<ol class=\"timeline\">)", p.file)
		}
	}
	for _, r := range refs {
		if r.anchor == "" || ids[r.target] == nil {
			continue
		}
		if !ids[r.target][r.anchor] {
			var have []string
			for id := range ids[r.target] {
				have = append(have, id)
			}
			sort.Strings(have)
			t.Errorf("%s: anchor #%s not found in content/%s (ids: %s)", r.from, r.anchor, r.target, strings.Join(have, ", "))
		}
	}
}

// TestRealContentBuilds builds the real content with the real templates into
// a temporary folder: every page builds, every link and anchor resolves (the
// build fails otherwise), no English page falls back to Danish, and the build
// has no warnings.
func TestRealContentBuilds(t *testing.T) {
	root := repoRoot(t)
	pages := loadContent(t, root)
	want := map[string]int{}
	for _, p := range pages {
		if !p.fm.Draft {
			want[p.lang]++
		}
	}
	out := filepath.Join(t.TempDir(), "public")
	sum, err := site.Build(site.Options{
		Content:     os.DirFS(filepath.Join(root, "content")),
		ContentName: "content",
		Templates:   os.DirFS(filepath.Join(root, "templates")),
		Values:      programmeValues(t, root),
		Out:         out,
		BaseURL:     "https://example.org/",
		Today:       time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC),
	})
	if err != nil {
		t.Fatalf("building the real content: %v", err)
	}
	// Every page a search engine may list has a description, which it
	// shows under the title (the search and print pages included).
	described := regexp.MustCompile(`<meta name="description" content="[^"]{20,}">`)
	for name, src := range testkit.Snapshot(t, out) {
		if strings.HasSuffix(name, ".html") && !strings.Contains(src, `<meta name="robots" content="noindex">`) && !described.MatchString(src) {
			t.Errorf("%s: no description", name)
		}
	}
	for _, lang := range []string{"da", "en"} {
		if sum.Pages[lang] != want[lang] {
			t.Errorf("built %d %s pages, want %d", sum.Pages[lang], lang, want[lang])
		}
	}
	if sum.Fallbacks != 0 {
		t.Errorf("%d English pages fell back to the Danish text", sum.Fallbacks)
	}
	for _, w := range sum.Warnings {
		t.Errorf("build warning: %s", w)
	}
}

// TestRealContentWording keeps out wording that issue 13 corrected: bent
// facts, the English edition's "course" for a mentorship, Danish phrases
// that read as orders, and the secretariat speaking as "we".
func TestRealContentWording(t *testing.T) {
	root := repoRoot(t)
	banned := map[string][]*regexp.Regexp{
		"da": {
			regexp.MustCompile(`(?i)skal ikke forberede`),          // "behøver ikke"
			regexp.MustCompile(`(?i)lægger rammerne`),              // "aftaler rammerne"
			regexp.MustCompile(`(?i)\bmakker\b`),                   // "din mentor eller mentee"
			regexp.MustCompile(`(?i)hvis I ikke selv kan løse`),    // D4: contact when problems arise
			regexp.MustCompile(`(?i)kontakter jer, hvis afklarin`), // a promise the programme does not make
			regexp.MustCompile(`(?i)engelske programmer rummede`),  // E6: a recommendation
			regexp.MustCompile(`(?i)varer et forløb typisk`),       // A2: a starting point
			regexp.MustCompile(`(?m)^(Vi|vi) (gemmer|sletter)|\b(gemmer|sletter|viser) vi\b|\bvores (program|sekretariat)`),
		},
		"en": {
			regexp.MustCompile(`(?i)\bcourses?\b`), // "mentorship"
			regexp.MustCompile(`(?i)\bline up\b`),
			regexp.MustCompile(`(?i)\byour partner\b`),
			regexp.MustCompile(`(?i)\bthe frame\b`),
			regexp.MustCompile(`(?i)English programmes (usually|typically)`),
			regexp.MustCompile(`(?i)if you can't sort it out`),
			regexp.MustCompile(`(?i)usual length of a mentorship`), // A2: a starting point
			regexp.MustCompile(`(?m)\b(We|we) (keep|delete|record)\b|\bour (programme|secretariat)\b`),
		},
	}
	for _, p := range loadContent(t, root) {
		for _, re := range banned[p.lang] {
			for i, line := range strings.Split(string(p.body), "\n") {
				if p.lang == "en" && p.rel == "baggrund.md" && strings.Contains(re.String(), "course") {
					continue // the conference's training courses
				}
				if m := re.FindString(line); m != "" {
					t.Errorf("%s:%d: %q", p.file, p.bodyLine+i, m)
				}
			}
		}
	}
	// Titles and descriptions do not go through the typographer that
	// curls the body's apostrophes: they are written curled, so that a
	// page's title matches its text ("doesn’t", "Doctors’").
	for _, p := range loadContent(t, root) {
		for _, v := range []string{p.fm.Title, p.fm.Description} {
			if strings.Contains(v, "'") {
				t.Errorf("%s: a straight apostrophe in %q (write ’)", p.file, v)
			}
		}
	}
	// The interface strings the English pages show (the numbers page's
	// headings and notes among them) use the same words.
	for lang, res := range banned {
		name := filepath.Join(root, "templates", "i18n", lang+".yaml")
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(src), "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), "#") {
				continue
			}
			_, value, _ := strings.Cut(line, ":") // the key is no reader's word
			if strings.Contains(value, "'") {
				t.Errorf("%s:%d: a straight apostrophe (write ’)", name, i+1)
			}
			for _, re := range res {
				if m := re.FindString(value); m != "" {
					t.Errorf("%s:%d: %q", name, i+1, m)
				}
			}
		}
	}
}

// TestRealContentOrderAndQuestions checks that the mentee and mentor pages
// come before the templates, and that the page on ending a mentorship
// shows every evaluation question of data/programme.yaml in both
// languages, taken from there ({{questions}}), not typed.
func TestRealContentOrderAndQuestions(t *testing.T) {
	root := repoRoot(t)
	weight := map[string]int{}
	for _, p := range loadContent(t, root) {
		if p.lang == "da" {
			weight[p.rel] = p.fm.Weight
		}
		if p.rel == "forloeb/afslutning.md" && !strings.Contains(string(p.body), "{{questions}}") {
			t.Errorf("%s: the evaluation questions are not shown with {{questions}}", p.file)
		}
	}
	for _, rel := range []string{"mentee.md", "mentor.md"} {
		if weight[rel] >= weight["skabeloner/_index.md"] {
			t.Errorf("%s (weight %d) comes after the templates (weight %d)", rel, weight[rel], weight["skabeloner/_index.md"])
		}
	}
	values := programmeValues(t, root)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(site.Options{
		Content:     os.DirFS(filepath.Join(root, "content")),
		ContentName: "content",
		Templates:   os.DirFS(filepath.Join(root, "templates")),
		Values:      values,
		Out:         out,
		BaseURL:     "https://example.org/",
		Today:       time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC),
	}); err != nil {
		t.Fatal(err)
	}
	for lang, page := range map[string]string{"da": "da/forloeb/afslutning/index.html", "en": "en/course/ending/index.html"} {
		b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(page)))
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for i := 0; ; i++ {
			label, ok := values[fmt.Sprintf("evaluation_questions.%d.label.%s", i, lang)]
			if !ok {
				break
			}
			n++
			if !strings.Contains(string(b), "<strong>"+label+"</strong>") {
				t.Errorf("%s: the evaluation question %q is missing", page, label)
			}
		}
		if n == 0 {
			t.Errorf("data/programme.yaml has no evaluation questions in %s", lang)
		}
	}
}
