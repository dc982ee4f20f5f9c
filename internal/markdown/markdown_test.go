package markdown

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

var values = map[string]string{
	"rules.duration_months.min":    "8",
	"rules.duration_months.max":    "12",
	"background.session_hours.max": "1.5",
	"contact.secretariat.email":    "mentor@example.org",
}

func TestSlug(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Hvad sker der på afklaringsmødet?", "hvad-sker-der-paa-afklaringsmoedet"},
		{"Ætik og Øvelse", "aetik-og-oevelse"},
		{"  Åbent -- spørgsmål!  ", "aabent-spoergsmaal"},
		{"Café Über", "cafe-ueber"},
		{"8 til 12 måneder", "8-til-12-maaneder"},
		{"»Citat« & mere", "citat-mere"},
		{"", ""},
		{"???", ""},
	} {
		if got := Slug(tc.in); got != tc.want {
			t.Errorf("Slug(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSplitFrontMatter(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		wantErr   string // regexp; empty: no error
		bodyLine  int
	}{
		{"good", "---\ntitle: A\ndescription: B\n---\nbody\n", "", 5},
		{"crlf and bom", "\uFEFF---\r\ntitle: A\r\n---\r\nbody\r\n", "", 4},
		{"no front matter", "# A\n", `^p\.md:1: front matter missing`, 0},
		{"not closed", "---\ntitle: A\n", `^p\.md:1: front matter is not closed`, 0},
		{"unknown key", "---\ntitle: A\n\nauthor: x\n---\n", `^p\.md:4: front matter: .*unknown front matter key author`, 0},
		{"bad yaml", "---\ntitle: A\nweight: [1\n---\n", `^p\.md:\d+: front matter: `, 0},
		{"wrong type", "---\ntitle: A\nweight: tung\n---\n", `^p\.md:3: front matter: .*weight|tung`, 0},
		{"no title", "---\ndescription: B\n---\n", `^p\.md:1: front matter has no title`, 0},
		{"bad layout", "---\ntitle: A\nlayout: fancy\n---\n", `^p\.md:3: unknown layout "fancy"`, 0},
		{"bad updated", "---\ntitle: A\nupdated: 22-11-2026\n---\n", `^p\.md:3: updated: "22-11-2026" is not a date`, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, body, line, err := SplitFrontMatter("p.md", []byte(tc.src))
			if tc.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				if line != tc.bodyLine || !strings.HasPrefix(string(body), "body") {
					t.Errorf("body %q at line %d, want body at line %d", body, line, tc.bodyLine)
				}
				return
			}
			if err == nil || !regexp.MustCompile(tc.wantErr).MatchString(err.Error()) {
				t.Errorf("error %v, want match of %s", err, tc.wantErr)
			}
		})
	}
}

func TestRuleValues(t *testing.T) {
	for _, tc := range []struct {
		name, lang, body, want, wantErr string
	}{
		{"known", "da", "varer {{rule rules.duration_months.min}} til {{ rule rules.duration_months.max }} måneder", "varer 8 til 12 måneder", ""},
		{"decimal da", "da", "{{rule background.session_hours.max}} time", "1,5 time", ""},
		{"decimal en", "en", "{{rule background.session_hours.max}} hours", "1.5 hours", ""},
		{"code span untouched", "da", "skriv `{{rule rules.nope}}`", "<code>{{rule rules.nope}}</code>", ""},
		{"fence untouched", "da", "```\n{{rule rules.nope}}\n```", "{{rule rules.nope}}", ""},
		{"unknown", "da", "a\n\nb {{rule rules.nope}}", "", `^p\.md:12: unknown rule value "rules.nope"`},
		{"inside html", "da", "<ol class=\"timeline\"><li>{{rule rules.duration_months.max}}</li></ol>", "<li>12</li>", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Render("p.md", []byte(tc.body), 10, Options{Lang: tc.lang, Values: values})
			if tc.wantErr != "" {
				if err == nil || !regexp.MustCompile(tc.wantErr).MatchString(err.Error()) {
					t.Fatalf("error %v, want %s", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(res.HTML), tc.want) {
				t.Errorf("HTML %s lacks %q", res.HTML, tc.want)
			}
		})
	}
}

func TestTypographyAndCallouts(t *testing.T) {
	for _, tc := range []struct{ lang, body, want string }{
		{"da", `Han sagde "hej".`, "Han sagde »hej«."},
		{"en", `He said "hi".`, "He said “hi”."},
		{"da", "Det er mentees -- og mentors.", "mentees – og"},
		{"da", "> [!NOTE]\n> Husk dagsordenen.", `<div class="callout callout-note" role="note">` + "\n" + `<p class="callout-title">Bemærk</p>` + "\n<p>Husk dagsordenen.</p>\n</div>"},
		{"en", "> [!WARNING]\n> Stop.", `<p class="callout-title">Warning</p>`},
		{"da", "> Bare et citat.", "<blockquote>\n<p>Bare et citat.</p>\n</blockquote>"},
		{"da", "| a |\n|---|\n| b |", `<div class="table-wrap" role="region" tabindex="0" aria-label="Tabel">`},
		{"da", "- [ ] Aftal møder", `<ul class="task-list">` + "\n" + `<li class="task-list-item"><span class="task-box" aria-hidden="true"></span>Aftal møder</li>`},
		{"da", "## Hvad gør jeg?", `<h2 id="hvad-goer-jeg">Hvad gør jeg? <a class="heading-anchor" href="#hvad-goer-jeg" aria-label="Link til afsnittet">#</a></h2>`},
		{"da", "Term\n: Forklaring", "<dl>\n<dt>Term</dt>\n<dd>Forklaring</dd>\n</dl>"},
		{"da", "~~væk~~ og https://example.org", `<del>væk</del> og <a href="https://example.org">https://example.org</a>`},
	} {
		res, err := Render("p.md", []byte(tc.body), 1, Options{Lang: tc.lang})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(res.HTML), tc.want) {
			t.Errorf("%s %q:\n%s\nlacks\n%s", tc.lang, tc.body, res.HTML, tc.want)
		}
	}
}

func TestLinks(t *testing.T) {
	body := "Intro.\n\nSe [ansvar](ansvar.md#hvem) og [top](#top).\n\n![logo](../img/logo.svg)\n\n[ude](https://example.org) [mail](mailto:a@example.org)\n\n[død](mangler.md)\n"
	var asked []string
	res, err := Render("c/da/p.md", []byte(body), 5, Options{Lang: "da", Links: func(d string) (string, error) {
		asked = append(asked, d)
		if d == "mangler.md" {
			return "", errors.New("no such page")
		}
		return "/resolved/" + d, nil
	}})
	if err == nil || err.Error() != `c/da/p.md:13: link "mangler.md": no such page` {
		t.Errorf("error = %v", err)
	}
	want := []Link{{"ansvar.md#hvem", 7}, {"#top", 7}, {"../img/logo.svg", 9}, {"mangler.md", 13}}
	if len(res.Links) != len(want) {
		t.Fatalf("links %v, want %v", res.Links, want)
	}
	for i := range want {
		if res.Links[i] != want[i] {
			t.Errorf("link %d = %v, want %v", i, res.Links[i], want[i])
		}
	}
	if !strings.Contains(string(res.HTML), `href="/resolved/ansvar.md#hvem"`) || strings.Contains(string(res.HTML), "/resolved/https") {
		t.Errorf("rewritten HTML wrong:\n%s", res.HTML)
	}
	if len(asked) != 4 {
		t.Errorf("resolver asked %v", asked)
	}
}

func TestHeadingsIDsAndText(t *testing.T) {
	res, err := Render("p.md", []byte("# Titel\n\n## Møder\n\nTekst med **fed**[^n].\n\n## Møder\n\n[^n]: Note.\n"), 1, Options{Lang: "da"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Headings) != 3 || res.Headings[0].Level != 1 || res.Headings[2].ID != "moeder-2" {
		t.Errorf("headings %+v", res.Headings)
	}
	if strings.Join(res.IDs, " ") != "fn:1 fnref:1 moeder moeder-2 titel" {
		t.Errorf("ids %v", res.IDs)
	}
	if !strings.Contains(res.Text, "Tekst med fed") || strings.Contains(res.Text, "<") {
		t.Errorf("text %q", res.Text)
	}
}

// TestGolden renders every testdata/*.md and compares with its .html.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.md")
	if len(files) == 0 {
		t.Fatal("no golden inputs")
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		_, body, line, err := SplitFrontMatter(f, src)
		if err != nil {
			t.Fatal(err)
		}
		res, err := Render(f, body, line, Options{Lang: "da", Values: values, Links: func(d string) (string, error) { return "LINK:" + d, nil }})
		if err != nil {
			t.Fatal(err)
		}
		golden := strings.TrimSuffix(f, ".md") + ".html"
		if *update {
			if err := os.WriteFile(golden, res.HTML, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(res.HTML, want) {
			t.Errorf("%s differs from %s (run go test -update):\n%s", f, golden, res.HTML)
		}
	}
}

func FuzzSplitFrontMatter(f *testing.F) {
	f.Add([]byte("---\ntitle: A\ndescription: B\n---\nbody\n"))
	f.Add([]byte("---\ntitle: [\n---\n"))
	f.Add([]byte("\uFEFF---\r\ntitle: A\r\nlayout: sheet\r\n---\r\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		fm, _, line, err := SplitFrontMatter("f.md", src)
		if err == nil && (fm.Title == "" || line < 3) {
			t.Errorf("accepted %q with title %q at line %d", src, fm.Title, line)
		}
		if err != nil && !strings.HasPrefix(err.Error(), "f.md:") {
			t.Errorf("error without place: %v", err)
		}
	})
}

var slugOK = regexp.MustCompile(`^([a-z0-9]+(-[a-z0-9]+)*)?$`)

func FuzzSlug(f *testing.F) {
	for _, s := range []string{"Hvad sker der på afklaringsmødet?", "ÆØÅ æøå", "--a--", "ǅ ﬁ Ⅻ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Slug(s)
		if !slugOK.MatchString(got) {
			t.Errorf("Slug(%q) = %q", s, got)
		}
		if Slug(got) != got {
			t.Errorf("Slug not idempotent on %q: %q", got, Slug(got))
		}
	})
}

func FuzzRender(f *testing.F) {
	src, _ := os.ReadFile("testdata/sample.md")
	f.Add(src)
	f.Add([]byte("> [!NOTE]\n> x\n\n| a |\n|---|\n"))
	f.Add([]byte("{{rule rules.duration_months.min}} `{{rule x}}` ```"))
	f.Fuzz(func(t *testing.T, body []byte) {
		_, _ = Render("f.md", body, 1, Options{Lang: "da", Values: values, Links: func(d string) (string, error) { return d, nil }})
	})
}

func BenchmarkRender(b *testing.B) {
	src, _ := os.ReadFile("testdata/sample.md")
	_, body, line, _ := SplitFrontMatter("sample.md", src)
	body = bytes.Repeat(body, 10)
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		_, _ = Render("sample.md", body, line, Options{Lang: "da", Values: values, Links: func(d string) (string, error) { return d, nil }})
	}
}
