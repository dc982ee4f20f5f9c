package site

import (
	"bytes"
	"flag"
	"html/template"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/laegeforeningen/mentorprogram/internal/i18n"
	"github.com/laegeforeningen/mentorprogram/internal/testkit"
)

var update = flag.Bool("update", false, "rewrite golden files")

// fixture is the test site of testdata/site with the real theme.
func fixture(t testing.TB, out string) Options {
	t.Helper()
	return Options{
		Content:     os.DirFS(filepath.Join("testdata", "site")),
		ContentName: "content",
		Templates:   os.DirFS(filepath.Join("..", "..", "templates")),
		Values:      map[string]string{"rules.duration_months.max": "12", "followup.quiet_weeks": "16"},
		Out:         out,
		BaseURL:     "https://example.org/mentor/",
		Today:       time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC),
		Numbers: func(w *i18n.Lang) (template.HTML, error) {
			return template.HTML(`<table><tr><th>` + w.Lang + `</th><td class="num">42</td></tr></table>`), nil
		},
	}
}

// mapFS copies dir of the disk into a MapFS that a test may change.
func mapFS(t testing.TB, dir string) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	for name, src := range testkit.Snapshot(t, dir) {
		m[name] = &fstest.MapFile{Data: []byte(src)}
	}
	return m
}

// dump joins the files into one text, asset bodies (other than the index
// scripts) left out: they are the theme's files as they are.
func dump(files map[string]string) []byte {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	var b bytes.Buffer
	for _, n := range names {
		b.WriteString("=== " + n + " ===\n")
		if strings.HasPrefix(n, "assets/") {
			b.WriteString("(asset)\n")
			continue
		}
		b.WriteString(files[n])
		if !strings.HasSuffix(files[n], "\n") {
			b.WriteString("\n")
		}
	}
	return b.Bytes()
}

func TestGolden(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	sum, err := Build(fixture(t, out))
	if err != nil {
		t.Fatal(err)
	}
	got := dump(testkit.Snapshot(t, out))
	golden := filepath.Join("testdata", "golden.txt")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Fatalf("output differs from %s at line %d:\n got: %s\nwant: %s\n(run go test -update if the change is right)", golden, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("output differs from %s in length: %d lines, want %d", golden, len(gl), len(wl))
	}
	if sum.Pages["da"] != 7 || sum.Pages["en"] != 7 || sum.Fallbacks != 4 {
		t.Errorf("summary %+v: want 7 da, 7 en, 4 fallbacks", sum)
	}
	if len(sum.Warnings) != 1 || !strings.Contains(sum.Warnings[0], "content/da/regler.md: no description") {
		t.Errorf("warnings = %q, want one for content/da/regler.md", sum.Warnings)
	}
}

func TestURLsAndOrder(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	b := &builder{opts: fixture(t, out), files: map[string][]byte{}, byURL: map[string]*page{}, langs: Langs}
	b.opts.ContentName = "content"
	if err := b.loadTheme(); err != nil {
		t.Fatal(err)
	}
	b.load()
	if err := b.err(); err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		"da": {"da/", "da/forloeb/", "da/forloeb/afklaring/", "da/forloeb/moeder/", "da/regler/", "da/ark/", "da/tal/"},
		"en": {"en/", "en/course/", "en/course/afklaring/", "en/course/meetings/", "en/regler/", "en/ark/", "en/tal/"},
	}
	for _, l := range Langs {
		var got []string
		for _, p := range b.pages[l] {
			got = append(got, p.url)
		}
		if strings.Join(got, " ") != strings.Join(want[l], " ") {
			t.Errorf("%s: pages in order %v, want %v", l, got, want[l])
		}
	}
	if p := b.byURL["en/regler/"]; p == nil || !p.fallback || p.other.url != "da/regler/" {
		t.Errorf("en/regler/: want a fallback to da/regler/, got %+v", p)
	}
	if p := b.byURL["da/kladde/"]; p != nil {
		t.Error("the draft was built")
	}
}

// refRel is rel as first written, with strings.Split.
func refRel(dir, target string) string {
	d := strings.Split(strings.TrimSuffix(dir, "/"), "/")
	if dir == "" {
		d = nil
	}
	isDir := strings.HasSuffix(target, "/") || target == ""
	t := strings.Split(strings.TrimSuffix(target, "/"), "/")
	if target == "" {
		t = nil
	}
	i := 0
	for i < len(d) && i < len(t) && d[i] == t[i] {
		i++
	}
	s := strings.Repeat("../", len(d)-i) + strings.Join(t[i:], "/")
	if isDir && len(t) > i {
		s += "/"
	}
	if s == "" {
		return "./"
	}
	return s
}

func TestRelMatchesSplit(t *testing.T) {
	segs := []string{"", "da", "en", "a", "b", "ab", "assets", "x.css", "index.html"}
	r := rand.New(rand.NewPCG(5, 6))
	path := func() string {
		var p []string
		for range r.IntN(5) {
			p = append(p, segs[r.IntN(len(segs))])
		}
		s := strings.Join(p, "/")
		if r.IntN(2) == 0 && s != "" {
			s += "/"
		}
		return s
	}
	for range 20000 {
		dir, target := path(), path()
		if got, want := rel(dir, target), refRel(dir, target); got != want {
			t.Fatalf("rel(%q, %q) = %q, want %q", dir, target, got, want)
		}
	}
}

func TestReplaceMarkersMatchesRegexp(t *testing.T) {
	re := regexp.MustCompile(`_mlnk_(\d+)_`)
	pieces := []string{"_mlnk_", "_", "0", "12", "x", "<a href=\"", "\">", "_mlnk", "mlnk_", "é"}
	r := rand.New(rand.NewPCG(7, 8))
	fn := func(m []byte) string { return "[" + string(m) + "]" + string(m[len(m)/2:]) }
	for range 20000 {
		var b strings.Builder
		for range r.IntN(10) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		src := []byte(b.String())
		want := re.ReplaceAllFunc(src, func(m []byte) []byte { return []byte(fn(m)) })
		if got := replaceMarkers(src, fn); got != string(want) {
			t.Fatalf("replaceMarkers(%q) = %q, want %q", src, got, want)
		}
	}
}

func TestRel(t *testing.T) {
	for _, c := range []struct{ dir, target, want string }{
		{"da/a/", "da/b/", "../b/"},
		{"da/a/", "da/a/", "./"},
		{"da/a/b/", "da/", "../../"},
		{"", "da/", "da/"},
		// A colon in the first segment would make the link a URL.
		{"da/", "da/kl. 10:30/", "./kl. 10:30/"},
		{"da/a/", "da/a/b:c.png", "./b:c.png"},
		{"da/a/", "da/x:y/", "../x:y/"},
		{"da/", "da/a/b:c/", "a/b:c/"},
		{"da/a:b/", "da/a:b/", "./"},
		{"", "da:x/", "./da:x/"},
		{"", "assets/x.css", "assets/x.css"},
		{"da/a/", "assets/x.css", "../../assets/x.css"},
		{"da/", "en/x/", "../en/x/"},
		{"da/", "da/a/b/", "a/b/"},
	} {
		if got := rel(c.dir, c.target); got != c.want {
			t.Errorf("rel(%q, %q) = %q, want %q", c.dir, c.target, got, c.want)
		}
	}
	for dir, want := range map[string]string{"": "./", "da/": "../", "da/a/b/": "../../../"} {
		if got := rootOf(dir); got != want {
			t.Errorf("rootOf(%q) = %q, want %q", dir, got, want)
		}
	}
}

// TestErrors builds broken variants of the fixture; each must fail naming
// the file and line.
func TestErrors(t *testing.T) {
	tests := []struct {
		name   string
		change func(content, theme fstest.MapFS)
		want   []string
	}{
		{"bad front matter", func(c, _ fstest.MapFS) {
			c["da/regler.md"] = &fstest.MapFile{Data: []byte("---\ntitle: [Regler\n---\n\nTekst.\n")}
		}, []string{"content/da/regler.md:"}},
		{"unknown key", func(c, _ fstest.MapFS) {
			c["da/regler.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Regler\nauthor: X\n---\n\nTekst.\n")}
		}, []string{"content/da/regler.md:3:", "author"}},
		{"no front matter", func(c, _ fstest.MapFS) {
			c["da/regler.md"] = &fstest.MapFile{Data: []byte("Tekst.\n")}
		}, []string{"content/da/regler.md:1:"}},
		{"missing template", func(_, th fstest.MapFS) {
			delete(th, "layouts/sheet.html")
		}, []string{"content/da/ark.md", "templates/layouts/sheet.html"}},
		{"two pages, one URL", func(c, _ fstest.MapFS) {
			c["en/regler.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Rules\ndescription: x\nslug: ark\n---\n\nText.\n")}
		}, []string{`content/en/regler.md:4: slug "ark": the URL /en/ark/ is also the URL of content/da/ark.md`}},
		{"two pages, one URL from a section's slug", func(c, _ fstest.MapFS) {
			c["en/course.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Course\ndescription: x\n---\n\nText.\n")}
		}, []string{`content/en/forloeb/_index.md:5: slug "course": the URL /en/course/ is also the URL of content/en/course.md`}},
		{"a page's own slug before its section's", func(c, _ fstest.MapFS) {
			c["en/forloeb/meetings.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Meetings\ndescription: x\n---\n\nText.\n")}
		}, []string{`content/en/forloeb/moeder.md:5: slug "meetings": the URL /en/course/meetings/ is also the URL of content/en/forloeb/meetings.md`}},
		{"a page's slug takes the search page's URL", func(c, _ fstest.MapFS) {
			c["en/regler.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Rules\ndescription: x\n\nslug: search\n---\n\nText.\n")}
		}, []string{"content/en/regler.md:5: the URL /en/search/ is taken by the site's search page"}},
		// A file of the output that another output file would need as
		// its folder: a new folder failed on it with a temporary path, an
		// update in place replaced one by the other (which one, by chance
		// of the parallel writes) and reported success.
		// An English page shown in Danish (no translation) links as the
		// Danish page does: to a translated page, whose headings have
		// English ids.
		{"a Danish anchor on the English site", func(c, _ fstest.MapFS) {
			src := string(c["da/regler.md"].Data) + "\nSe [dagsordenen](forloeb/moeder.md#dagsorden).\n"
			c["da/regler.md"] = &fstest.MapFile{Data: []byte(src)}
		}, []string{`content/da/regler.md:`, `link "forloeb/moeder.md#dagsorden": on the English site, where this page is shown in Danish, it leads to content/en/forloeb/moeder.md, which has no heading or anchor #dagsorden`}},
		{"a page's file name with a ?", func(c, _ fstest.MapFS) {
			c["da/hvad nu?.md"] = &fstest.MapFile{Data: []byte("---\ntitle: X\ndescription: x\n---\n\nTekst.\n")}
		}, []string{"content/da/hvad nu?.md: the file's name is part of its URL"}},
		{"a folder name with a #", func(c, _ fstest.MapFS) {
			c["da/nr#2/side.md"] = &fstest.MapFile{Data: []byte("---\ntitle: X\ndescription: x\n---\n\nTekst.\n")}
		}, []string{"content/da/nr#2: the folder's name is part of the URL of every page and file in it"}},
		{"an image's file name with a %", func(c, _ fstest.MapFS) {
			c["da/100%.png"] = &fstest.MapFile{Data: []byte("png")}
		}, []string{"content/da/100%.png: the file's name is part of its URL"}},
		{"a file named as a page's folder", func(c, _ fstest.MapFS) {
			c["da/ark"] = &fstest.MapFile{Data: []byte("fil")}
		}, []string{"content/da/ark: the output file /da/ark is also a folder of the output, for /da/ark/index.html of content/da/ark.md"}},
		{"a file named as a page's folder above it", func(c, _ fstest.MapFS) {
			c["da/forloeb/moeder"] = &fstest.MapFile{Data: []byte("fil")}
			c["da/forloeb/moeder/x.md"] = &fstest.MapFile{Data: []byte("---\ntitle: X\ndescription: x\n---\n\nTekst.\n")}
		}, []string{"content/da/forloeb/moeder: the output file /da/forloeb/moeder is also a folder of the output, for /da/forloeb/moeder/index.html of content/da/forloeb/moeder.md"}},
		{"a file named as the search page's folder", func(c, _ fstest.MapFS) {
			c["da/soeg"] = &fstest.MapFile{Data: []byte("fil")}
		}, []string{"content/da/soeg: the output file /da/soeg is also a folder of the output, for /da/soeg/index.html of the site's search page"}},
		{"a slug that makes a page's folder of another page's file", func(c, _ fstest.MapFS) {
			c["en/forloeb/x.md"] = &fstest.MapFile{Data: []byte("---\ntitle: X\ndescription: x\nslug: index.html\n---\n\nText.\n")}
		}, []string{"content/en/forloeb/_index.md: the output file /en/course/index.html is also a folder of the output, for /en/course/index.html/index.html of content/en/forloeb/x.md"}},
		{"a slug out of the output folder", func(c, _ fstest.MapFS) {
			c["en/regler.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Rules\ndescription: x\nslug: ../../escaped\n---\n\nText.\n")}
		}, []string{`content/en/regler.md:4: slug "../../escaped": a slug is one segment of the page's URL`}},
		{"broken link", func(c, _ fstest.MapFS) {
			c["da/ark.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Ark\ndescription: x\n---\n\nLæs\n[dette](findes-ikke.md).\n")}
		}, []string{"content/da/ark.md:7:", "findes-ikke.md"}},
		{"broken anchor", func(c, _ fstest.MapFS) {
			c["da/ark.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Ark\ndescription: x\n---\n\n[x](regler.md#tavshed)\n")}
		}, []string{"content/da/ark.md:6:", "#tavshed"}},
		{"broken own anchor", func(c, _ fstest.MapFS) {
			c["da/ark.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Ark\ndescription: x\n---\n\n## Noter\n\n[x](#note)\n")}
		}, []string{"content/da/ark.md:8:", "#note"}},
		{"unknown rule value", func(c, _ fstest.MapFS) {
			c["da/ark.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Ark\ndescription: x\n---\n\nHøjst {{rule rules.nope}} gange.\n")}
		}, []string{"content/da/ark.md:6:", "rules.nope"}},
		{"body h1", func(c, _ fstest.MapFS) {
			c["da/ark.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Ark\ndescription: x\n---\n\nTekst.\n\n# Overskrift\n")}
		}, []string{"content/da/ark.md:8:", "h1"}},
		{"no start page", func(c, _ fstest.MapFS) {
			delete(c, "da/_index.md")
		}, []string{"content/da/_index.md"}},
		{"two errors at once", func(c, _ fstest.MapFS) {
			c["da/ark.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Ark\ndescription: x\n---\n\n[a](nix.md)\n")}
			c["da/tal.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Tal\ndescription: x\n---\n\n{{rule nix}}\n")}
		}, []string{"content/da/ark.md:6:", "content/da/tal.md:6:"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			opts := fixture(t, filepath.Join(t.TempDir(), "public"))
			content, theme := mapFS(t, filepath.Join("testdata", "site")), mapFS(t, filepath.Join("..", "..", "templates"))
			tc.change(content, theme)
			opts.Content, opts.Templates = content, theme
			_, err := Build(opts)
			if err == nil {
				t.Fatal("built without an error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
			if _, serr := os.Stat(opts.Out); serr == nil {
				t.Errorf("a failed build wrote %s", opts.Out)
			}
			// Over an earlier build, updated in place: the same error,
			// and the earlier build as it was.
			if _, err := Build(fixture(t, opts.Out)); err != nil {
				t.Fatal(err)
			}
			before := testkit.Snapshot(t, opts.Out)
			_, err2 := Build(opts)
			if err2 == nil || err2.Error() != err.Error() {
				t.Errorf("over an earlier build: %v\nwant: %v", err2, err)
			}
			if !maps.Equal(before, testkit.Snapshot(t, opts.Out)) {
				t.Error("a failed update changed the output")
			}
		})
	}
}

func TestCleanAndDeterministic(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	if _, err := Build(fixture(t, out)); err != nil {
		t.Fatal(err)
	}
	first := testkit.Snapshot(t, out)
	stale := filepath.Join(out, "da", "gammel", "index.html")
	if err := os.MkdirAll(filepath.Dir(stale), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(stale, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(fixture(t, out)); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("a stale file of the earlier build survived")
	}
	second := testkit.Snapshot(t, out)
	if !bytes.Equal(dump(first), dump(second)) {
		t.Error("two builds of the same input differ")
	}
	for n, b := range first {
		if b != second[n] {
			t.Errorf("%s differs between builds", n)
		}
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Errorf("the build left files beside its output: %v", ents)
	}
}

// TestFailedWriteKeepsPrevious: a template that fails while the pages are
// being written (after the output has begun) leaves the previous build as
// it was and nothing beside it.
func TestFailedWriteKeepsPrevious(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	if _, err := Build(fixture(t, out)); err != nil {
		t.Fatal(err)
	}
	first := testkit.Snapshot(t, out)
	opts := fixture(t, out)
	theme := mapFS(t, filepath.Join("..", "..", "templates"))
	theme["layouts/sheet.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{.NoSuchField}}{{end}}`)}
	opts.Templates = theme
	_, err := Build(opts)
	if err == nil || !strings.Contains(err.Error(), "templates/layouts/sheet.html") {
		t.Fatalf("want an error naming templates/layouts/sheet.html, got %v", err)
	}
	if !bytes.Equal(dump(first), dump(testkit.Snapshot(t, out))) {
		t.Error("a failed build changed the previous output")
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Errorf("the failed build left files beside its output: %v", ents)
	}
}

func TestPrivateInsidePublic(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		out, private string
		ok           bool
	}{
		{"public", "public/private", false},
		{"public", "public", false},
		{"site", "site/x/private", false},
		{"public/site", "public", false},
		{"public", "private", true},
		{"public", "", true},
	} {
		opts := fixture(t, filepath.Join(dir, c.out))
		if c.private != "" {
			opts.Private = filepath.Join(dir, c.private)
		}
		_, err := Build(opts)
		if (err == nil) != c.ok {
			t.Errorf("out %s, private %s: err = %v, want ok=%v", c.out, c.private, err, c.ok)
		}
	}
}

func TestPrivateInsidePublicThroughSymlink(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "public"), 0o755); err != nil {
		t.Fatal(err)
	}
	// "link" is another name of public/: link/private lies inside public/.
	if err := os.Symlink(filepath.Join(dir, "public"), filepath.Join(dir, "link")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	for _, c := range []struct{ out, private string }{
		{"public", "link/private"},
		{"link", "public/private"},
		{"public", "link"},
	} {
		opts := fixture(t, filepath.Join(dir, c.out))
		opts.Private = filepath.Join(dir, c.private)
		_, err := Build(opts)
		if err == nil || !strings.Contains(err.Error(), "inside the public folder") {
			t.Errorf("out %s, private %s: err = %v, want the private folder refused", c.out, c.private, err)
		}
	}
}

// TestOutMarker: the output folder is replaced only when it is new, empty
// or holds the marker of an earlier build.
func TestOutMarker(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	// Empty: built, with the marker.
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(fixture(t, out)); err != nil {
		t.Fatalf("empty folder: %v", err)
	}
	if b, err := os.ReadFile(filepath.Join(out, Marker)); err != nil || string(b) != Public.MarkerText {
		t.Fatalf("no marker %s in the output: %q, %v", Marker, b, err)
	}
	// With the marker: replaced again.
	if _, err := Build(fixture(t, out)); err != nil {
		t.Fatalf("a folder with the marker: %v", err)
	}
	// Not empty, no marker: refused, and left as it was.
	other := filepath.Join(dir, "notes")
	if err := os.MkdirAll(other, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(other, "keep.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Build(fixture(t, other))
	if err == nil || !strings.Contains(err.Error(), other) || !strings.Contains(err.Error(), Marker) {
		t.Errorf("a folder of other files: err = %v, want a refusal naming it and %s", err, Marker)
	}
	if b, err := os.ReadFile(filepath.Join(other, "keep.txt")); err != nil || string(b) != "mine" {
		t.Errorf("the refused folder changed: %q, %v", b, err)
	}
	// A file: refused.
	file := filepath.Join(dir, "file.txt")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(fixture(t, file)); err == nil || !strings.Contains(err.Error(), "is a file") {
		t.Errorf("a file as the output: err = %v", err)
	}
}

func TestSummaryString(t *testing.T) {
	for _, c := range []struct {
		s    Summary
		want string
	}{
		{Summary{Pages: map[string]int{"da": 1, "en": 1}, Files: 1}, "pages 1 da + 1 en, 1 file"},
		{Summary{Pages: map[string]int{"da": 7, "en": 7}, Files: 40, Fallbacks: 1, Warnings: []string{"a"}},
			"pages 7 da + 7 en, 40 files, 1 English page in Danish, 1 warning"},
		{Summary{Pages: map[string]int{"da": 7, "en": 7}, Files: 40, Fallbacks: 4, Warnings: []string{"a", "b"}},
			"pages 7 da + 7 en, 40 files, 4 English pages in Danish, 2 warnings"},
	} {
		if got := c.s.String(); got != c.want {
			t.Errorf("String() = %q, want %q", got, c.want)
		}
	}
}

// TestPages checks what the pages hold, beyond the golden file's bytes.
func TestPages(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	opts := fixture(t, out)
	opts.LastModified = func(p string) (time.Time, bool) {
		if p == "content/da/forloeb/moeder.md" {
			return time.Date(2026, 3, 5, 10, 0, 0, 0, time.UTC), true
		}
		return time.Time{}, false
	}
	if _, err := Build(opts); err != nil {
		t.Fatal(err)
	}
	files := testkit.Snapshot(t, out)
	page := func(p string) string {
		t.Helper()
		b, ok := files[p]
		if !ok {
			t.Fatalf("no %s", p)
		}
		return string(b)
	}
	tests := []struct {
		file string
		want []string
		not  []string
	}{
		{"da/forloeb/moeder/index.html", []string{
			`<html lang="da" data-root="../../../">`,
			`href="../../regler/#tavshedspligt"`, `href="#dagsorden"`, `href="../../"`, `href="../afklaring/"`,
			`<time datetime="2026-03-05">5. marts 2026</time>`,
			`hreflang="en"`, `href="../../../en/course/meetings/"`,
			`rel="prev"`, `rel="next"`, `aria-current="page"`,
			`<nav class="toc"`, `callout-tip`, `class="table-wrap"`, `task-box`,
			`<link rel="canonical" href="https://example.org/mentor/da/forloeb/moeder/">`,
		}, []string{"_mlnk_", "style=", "<script>"}},
		{"en/regler/index.html", []string{`<html lang="en"`, `class="fallback-notice"`, `<div class="content" lang="da">`, `noindex`,
			`href="../../da/regler/"`, `<h1 lang="da">Regler</h1>`, `<a href="./" aria-current="page" lang="da">Regler</a>`}, nil},
		{"en/index.html", []string{`<h1>`, `<a href="regler/" lang="da">Regler</a>`}, []string{`<h1 lang`}},
		{"en/course/index.html", []string{"at most 12 months"}, nil},
		{"da/forloeb/index.html", []string{"højst 12 måneder", "1. oktober 2026", `href="afklaring/"`}, nil},
		{"index.html", []string{`data-root="./"`, `href="da/forloeb/moeder/"`, `href="da/regler/#tavshedspligt"`,
			`<link rel="canonical" href="https://example.org/mentor/da/">`, `href="./assets/site.`}, nil},
		{"da/tal/index.html", []string{`<td class="num">42</td>`, `<th>da</th>`}, nil},
		{"en/tal/index.html", []string{`<th>en</th>`}, nil},
		{"da/ark/index.html", []string{`class="article sheet"`, `write-lines`, `data-print`}, nil},
		{"da/soeg/index.html", []string{`id="search-input"`, `id="search-status" role="status"`, `data-count-many="{n} sider matcher »{q}«."`,
			`src="../../assets/search-index.da.`, `src="../../assets/search.`, `href="../../en/search/"`}, []string{`id="site-search-q"`}},
		{"da/udskriv/index.html", []string{`<h2 id="p-forloeb-moeder">Møderne</h2>`, `<h3 id="p-forloeb-moeder-dagsorden">`,
			`href="#p-regler-tavshedspligt"`, `href="#p-forloeb-moeder-dagsorden"`}, []string{`<h2 id="dagsorden"`}},
		{"en/print/index.html", []string{`<section class="print-part print-top" aria-labelledby="p-regler" lang="da">`}, nil},
		{"404.html", []string{`href="/mentor/assets/site.`, `href="/mentor/da/"`}, nil},
		{"sitemap.xml", []string{`<loc>https://example.org/mentor/da/forloeb/moeder/</loc>`,
			`<xhtml:link rel="alternate" hreflang="en" href="https://example.org/mentor/en/course/meetings/"/>`}, []string{"en/regler/"}},
		{"robots.txt", []string{"Sitemap: https://example.org/mentor/sitemap.xml"}, nil},
	}
	for _, tc := range tests {
		s := page(tc.file)
		for _, w := range tc.want {
			if !strings.Contains(s, w) {
				t.Errorf("%s lacks %s", tc.file, w)
			}
		}
		for _, n := range tc.not {
			if strings.Contains(s, n) {
				t.Errorf("%s holds %s", tc.file, n)
			}
		}
	}
	for n, b := range files {
		if strings.HasSuffix(n, ".html") {
			if c := strings.Count(string(b), "<h1"); c != 1 {
				t.Errorf("%s: %d h1, want 1", n, c)
			}
			if len(b) > 100<<10 {
				t.Errorf("%s: %d bytes, want < 100 KB", n, len(b))
			}
		}
	}
}

func TestDevInjectsLiveReload(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	opts := fixture(t, out)
	opts.Dev = true
	if _, err := Build(opts); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(out, "da", "index.html"))
	if !strings.Contains(string(b), "assets/live.") {
		t.Error("Dev: no live.js in the page")
	}
	opts.Dev = false
	if _, err := Build(opts); err != nil {
		t.Fatal(err)
	}
	b, _ = os.ReadFile(filepath.Join(out, "da", "index.html"))
	if strings.Contains(string(b), "live.") {
		t.Error("not Dev: live.js in the page")
	}
}

// TestOutThroughSymlink: an output folder named by a symbolic link (a web
// server's folder linked into the project) stays linked and gets the
// site, new or built before; pages no longer made go. The first build
// replaced the link with a folder of its own and left the linked folder
// empty.
func TestOutThroughSymlink(t *testing.T) {
	dir := t.TempDir()
	served := filepath.Join(dir, "www")
	if err := os.MkdirAll(served, 0o755); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "public")
	if err := os.Symlink(served, out); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	content := mapFS(t, filepath.Join("testdata", "site"))
	for i, step := range []string{"a new folder", "a page deleted"} {
		if i == 1 {
			delete(content, "da/ark.md")
		}
		opts := fixture(t, out)
		opts.Content = content
		if _, err := Build(opts); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		if fi, err := os.Lstat(out); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			t.Fatalf("%s: the link is no longer a link", step)
		}
		fresh := opts
		fresh.Out = filepath.Join(dir, "fresh", strconv.Itoa(i))
		if _, err := Build(fresh); err != nil {
			t.Fatal(err)
		}
		if got, want := testkit.Snapshot(t, served), testkit.Snapshot(t, fresh.Out); !maps.Equal(got, want) {
			t.Errorf("%s: the linked folder holds %d files, a new build %d", step, len(got), len(want))
		}
	}
}
