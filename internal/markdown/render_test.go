package markdown

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/laegeforeningen/mentorprogram/internal/i18n"
)

var (
	wordsOnce sync.Once
	theme     map[string]*i18n.Lang
)

// words returns the markdown: words of lang ("" is "da") from the theme's
// templates/i18n, the renderer's one source of them.
func words(lang string) map[string]string {
	wordsOnce.Do(func() {
		var err error
		if theme, err = i18n.Load(os.DirFS("../../templates")); err != nil {
			panic(err)
		}
	})
	if lang == "" {
		lang = "da"
	}
	return theme[lang].Markdown
}

var values = map[string]string{
	"rules.duration_months.min":    "8",
	"rules.duration_months.max":    "12",
	"background.session_hours.max": "1.5",
	"followup.quiet_weeks":         "16",
	"contact.secretariat.email":    "mentor@example.org",
	// Two evaluation questions, flattened as in programme.Config.Values.
	"evaluation_questions.0.label.da":    "Samlet tilfredshed",
	"evaluation_questions.0.label.en":    "Overall satisfaction",
	"evaluation_questions.0.scale.min":   "1",
	"evaluation_questions.0.scale.max":   "5",
	"evaluation_questions.0.ends.min.da": "Meget utilfreds",
	"evaluation_questions.0.ends.max.da": "Meget tilfreds",
	"evaluation_questions.0.ends.min.en": "Very dissatisfied",
	"evaluation_questions.0.ends.max.en": "Very satisfied",
	"evaluation_questions.1.label.da":    "Vil anbefale programmet",
	"evaluation_questions.1.label.en":    "Would recommend",
	"evaluation_questions.1.scale.min":   "0",
	"evaluation_questions.1.scale.max":   "10",
	"evaluation_questions.1.ends.min.en": "Not at all",
	"evaluation_questions.1.ends.max.en": "Certainly",
	"evaluation_questions.2.label.da":    "Kommentarer",
	"evaluation_questions.2.label.en":    "Comments",
	// Two matching themes, the second without an English label.
	"matching.themes.0.id":       "karrierevalg",
	"matching.themes.0.label.da": "Karrierevalg",
	"matching.themes.0.label.en": "Career choice",
	"matching.themes.1.id":       "ledelse",
	"matching.themes.1.label.da": "Ledelse",
}

func render(t *testing.T, lang, body string) Result {
	t.Helper()
	res, err := Render("p.md", []byte(body), 1, Options{Lang: lang, Words: words(lang), Values: values})
	if err != nil {
		t.Fatalf("Render(%q): %v", body, err)
	}
	return res
}

func TestRuleValues(t *testing.T) {
	for _, tc := range []struct {
		name, lang, body, want, wantErr string
	}{
		{"known", "da", "varer {{rule rules.duration_months.min}} til {{ rule rules.duration_months.max }} måneder", "<p>varer 8 til 12 måneder</p>", ""},
		{"tabs and many", "da", "{{\trule\tfollowup.quiet_weeks\t}}/{{rule followup.quiet_weeks}}", "<p>16/16</p>", ""},
		{"decimal da", "da", "{{rule background.session_hours.max}} time", "<p>1,5 time</p>", ""},
		{"decimal en", "en", "{{rule background.session_hours.max}} hours", "<p>1.5 hours</p>", ""},
		{"in link", "da", "[skriv](mailto:{{rule contact.secretariat.email}})", `<a href="mailto:mentor@example.org">skriv</a>`, ""},
		{"in heading", "da", "## {{rule rules.duration_months.max}} måneder", `<h2 id="12-maaneder">12 måneder`, ""},
		{"inside html", "da", "<ol class=\"timeline\"><li data-n=\"{{rule rules.duration_months.max}}\">{{rule rules.duration_months.max}}</li></ol>", `<li data-n="12">12</li>`, ""},
		{"code span untouched", "da", "skriv `{{rule rules.nope}}` og `` {{rule x}} ``", "<code>{{rule rules.nope}}</code> og <code>{{rule x}}</code>", ""},
		{"code span and value", "da", "`{{rule a}}` = {{rule rules.duration_months.min}}", "<code>{{rule a}}</code> = 8", ""},
		{"code span over lines", "da", "`{{rule\nx}}` {{rule rules.duration_months.min}}", "<code>{{rule x}}</code> 8", ""},
		{"fence untouched", "da", "```markdown\n{{rule rules.nope}}\n```\n\n{{rule rules.duration_months.min}}", "{{rule rules.nope}}\n</code></pre>\n<p>8</p>", ""},
		{"tilde fence untouched", "da", "~~~~\n{{rule rules.nope}}\n~~~\n~~~~", "<pre tabindex=\"0\"><code>{{rule rules.nope}}\n~~~\n</code></pre>", ""},
		{"fence in quote untouched", "da", "> ```\n> {{rule rules.nope}}\n> ```", "<code>{{rule rules.nope}}\n</code>", ""},
		{"indented code untouched", "da", "Eksempel:\n\n    {{rule rules.nope}}\n", "<pre tabindex=\"0\"><code>{{rule rules.nope}}\n</code></pre>", ""},
		{"list continuation expanded", "da", "- a\n\n    {{rule rules.duration_months.min}} b\n", "<p>8 b</p>", ""},
		{"known value in code as written", "da", "Skriv `{{rule rules.duration_months.max}}` for {{rule rules.duration_months.max}}.", "<p>Skriv <code>{{rule rules.duration_months.max}}</code> for 12.</p>", ""},
		{"known values in code over lines", "da", "`a {{rule rules.duration_months.min}}\nb {{ rule rules.duration_months.max }}` {{rule rules.duration_months.min}}", "<p><code>a {{rule rules.duration_months.min}} b {{ rule rules.duration_months.max }}</code> 8</p>", ""},
		{"known values in fence as written", "da", "```\n{{rule rules.duration_months.min}}-{{rule rules.duration_months.max}} <b>\n```", "<pre tabindex=\"0\"><code>{{rule rules.duration_months.min}}-{{rule rules.duration_months.max}} &lt;b&gt;\n</code></pre>", ""},
		{"code in table cell", "da", "| a |\n|---|\n| `{{rule rules.duration_months.min}}` {{rule rules.duration_months.min}} |", "<td><code>{{rule rules.duration_months.min}}</code> 8</td>", ""},
		{"not a rule", "da", "{{ ikke }} og {{", "<p>{{ ikke }} og {{</p>", ""},
		{"questions", "da", "Spørgsmålene:\n\n{{questions}}\n\nSlut.", `<ul class="questions"><li><strong>Samlet tilfredshed</strong> (1 = Meget utilfreds … 5 = Meget tilfreds)</li>`, ""},
		{"questions en", "en", "{{ questions }}", `<li><strong>Would recommend</strong> (0 = Not at all … 10 = Certainly)</li><li><strong>Comments</strong></li></ul>`, ""},
		{"questions in fence untouched", "da", "```\n{{questions}}\n```", "<code>{{questions}}\n</code>", ""},
		{"questions not alone", "da", "se {{questions}} her", "<p>se {{questions}} her</p>", ""},
		{"questions keep lines", "da", "{{questions}}\n\n{{rule nope}}", "", `^p\.md:12: unknown rule value "nope"$`},
		{"themes", "da", "Emner:\n\n{{themes}}\n\nSlut.", `<ul class="themes"><li>Karrierevalg</li><li>Ledelse</li></ul>`, ""},
		{"themes en, Danish where no English", "en", "{{ themes }}", `<ul class="themes"><li>Career choice</li><li>Ledelse</li></ul>`, ""},
		{"themes not alone", "da", "se {{themes}} her", "<p>se {{themes}} her</p>", ""},
		{"questions without ends", "da", "{{questions}}", `<li><strong>Vil anbefale programmet</strong> (0 … 10)</li><li><strong>Kommentarer</strong></li></ul>`, ""},
		{"unknown", "da", "a\n\nb {{rule rules.nope}}", "", `^p\.md:12: unknown rule value "rules.nope"$`},
		{"unknown with hint", "da", "{{rule rules.duration_month.max}}", "", `^p\.md:10: unknown rule value "rules.duration_month.max" \(did you mean "rules.duration_months.max"\?\)$`},
		{"unknown after code", "da", "`kode`\n\n```\nx\n```\n{{rule nope}}", "", `^p\.md:15: unknown rule value "nope"$`},
		{"malformed", "da", "a\n{{rule}} og {{ rule a b }}", "", `^p\.md:11: malformed rule value "\{\{rule\}\} og \{\{ rule a b \}\}": write \{\{rule KEY\}\}`},
		{"two errors", "da", "{{rule x}}\n{{rule y}}", "", `^p\.md:10: unknown rule value "x"\np\.md:11: unknown rule value "y"$`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Render("p.md", []byte(tc.body), 10, Options{Lang: tc.lang, Words: words(tc.lang), Values: values})
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
				t.Errorf("HTML\n%s\nlacks\n%s", res.HTML, tc.want)
			}
		})
	}
}

func TestTypographer(t *testing.T) {
	for _, tc := range []struct{ lang, body, want string }{
		{"da", `Han sagde "hej".`, "<p>Han sagde »hej«.</p>"},
		{"da", `Hun kaldte det 'en god start'.`, "<p>Hun kaldte det ›en god start‹.</p>"},
		{"da", `"Mødet er 'fortroligt'", sagde hun.`, "<p>»Mødet er ›fortroligt‹«, sagde hun.</p>"},
		{"da", "Det er mentees -- og mentors -- ansvar...", "<p>Det er mentees – og mentors – ansvar…</p>"},
		{"da", "Det var Peters' idé, ikke Anne's.", "<p>Det var Peters’ idé, ikke Anne’s.</p>"},
		{"da", "Tag 8--12 måneder --- højst.", "<p>Tag 8–12 måneder — højst.</p>"},
		{"da", "`\"kode\"` og \"tekst\"", "<p><code>&quot;kode&quot;</code> og »tekst«</p>"},
		{"en", `He said "hi" and 'bye'.`, "<p>He said “hi” and ‘bye’.</p>"},
		{"en", "It's the mentee's -- not the mentor's...", "<p>It’s the mentee’s – not the mentor’s…</p>"},
	} {
		if got := string(render(t, tc.lang, tc.body).HTML); !strings.Contains(got, tc.want) {
			t.Errorf("%s %q:\n%s\nlacks\n%s", tc.lang, tc.body, got, tc.want)
		}
	}
}

func TestBlocks(t *testing.T) {
	for _, tc := range []struct{ name, lang, body, want string }{
		{"callout note", "da", "> [!NOTE]\n> Husk dagsordenen.", "<div class=\"callout callout-note\" role=\"note\">\n<p class=\"callout-title\">Bemærk</p>\n<p>Husk dagsordenen.</p>\n</div>\n"},
		{"callout tip", "da", "> [!TIP]\n> Et tip.", `<p class="callout-title">Tip</p>`},
		{"callout important", "da", "> [!IMPORTANT]\n> x", `<div class="callout callout-important" role="note">` + "\n" + `<p class="callout-title">Vigtigt</p>`},
		{"callout warning en", "en", "> [!WARNING]\n> Stop.", "<div class=\"callout callout-warning\" role=\"note\">\n<p class=\"callout-title\">Warning</p>\n<p>Stop.</p>\n</div>"},
		{"callout caution", "da", "> [!CAUTION]\n> x", `<p class="callout-title">Pas på</p>`},
		{"callout lower case, blank line, list", "da", ">[!note]\n>\n> - a\n> - b", "<div class=\"callout callout-note\" role=\"note\">\n<p class=\"callout-title\">Bemærk</p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n</div>"},
		{"callout with markup", "en", "> [!TIP]\n> Use **bold** and [a link](https://example.org).\n> Second line.", "<p>Use <strong>bold</strong> and <a href=\"https://example.org\">a link</a>.\nSecond line.</p>\n</div>"},
		{"callout nested in list", "da", "- punkt\n\n  > [!TIP]\n  > x", "<li>\n<p>punkt</p>\n<div class=\"callout callout-tip\" role=\"note\">"},
		{"plain quote", "da", "> Bare et citat.", "<blockquote>\n<p>Bare et citat.</p>\n</blockquote>"},
		{"unknown marker is a quote", "da", "> [!FOO]\n> x", "<blockquote>\n<p>[!FOO]\nx</p>\n</blockquote>"},
		{"marker not alone is a quote", "da", "> [!NOTE] Overskrift\n> x", "<blockquote>"},
		{"table wrap", "da", "| a |\n|---|\n| b |", "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Tabel\">\n<table>"},
		{"table wrap en", "en", "| a |\n|---|\n| b |", `<div class="table-wrap" role="region" tabindex="0" aria-label="Table">`},
		{"tables numbered", "da", "| a |\n|---|\n\n| b |\n|---|", `aria-label="Tabel 1">` + "\n<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n</table>\n</div>\n" + `<div class="table-wrap" role="region" tabindex="0" aria-label="Tabel 2">`},
		{"task list", "da", "- [ ] Aftal møder\n- [x] Læs regler", "<ul class=\"task-list\">\n<li class=\"task-list-item\"><span class=\"task-box\" aria-hidden=\"true\"></span>Aftal møder</li>\n<li class=\"task-list-item\"><span class=\"task-box task-box-checked\" role=\"img\" aria-label=\"Afkrydset\"></span>Læs regler</li>\n</ul>"},
		{"loose task list", "en", "1. [ ] One\n\n2. [x] Two", "<ol class=\"task-list\">\n<li class=\"task-list-item\">\n<p><span class=\"task-box\" aria-hidden=\"true\"></span>One</p>"},
		{"plain list", "da", "- a\n- b", "<ul>\n<li>a</li>"},
		{"heading anchor", "da", "## Hvad gør jeg?", `<h2 id="hvad-goer-jeg">Hvad gør jeg?&nbsp;<a class="heading-anchor" href="#hvad-goer-jeg" aria-label="Link til dette afsnit">#</a></h2>`},
		{"heading anchor en", "en", "### What now?", `<h3 id="what-now">What now?&nbsp;<a class="heading-anchor" href="#what-now" aria-label="Link to this section">#</a></h3>`},
		{"h5 without anchor", "da", "##### Lille", `<h5 id="lille">Lille</h5>`},
		{"h1 without anchor", "da", "# Titel", `<h1 id="titel">Titel</h1>`},
		{"heading id from text", "da", "## Se [ansvar](https://example.org/x) og `kode`", `<h2 id="se-ansvar-og-kode">`},
		{"own heading id", "da", "## Dagsorden {#agenda}\n\n## Agenda", `<h2 id="agenda">Dagsorden&nbsp;<a class="heading-anchor" href="#agenda" aria-label="Link til dette afsnit">#</a></h2>` + "\n" + `<h2 id="agenda-2">`},
		{"heading attributes without style", "da", "## Titel {#t .stor style=\"color: red\"}", `<h2 id="t" class="stor">Titel`},
		{"heading without letters", "da", "## ???", `<h2 id="afsnit">`},
		{"definition list", "da", "Mentee\n: Den yngre læge.\n\nMentor\n: Den erfarne læge.", "<dl>\n<dt>Mentee</dt>\n<dd>Den yngre læge.</dd>\n<dt>Mentor</dt>\n<dd>Den erfarne læge.</dd>\n</dl>"},
		{"footnote", "da", "Tekst[^a].\n\n[^a]: Noten.", "<p>Tekst<sup id=\"fnref:1\"><a href=\"#fn:1\" class=\"footnote-ref\" role=\"doc-noteref\">1</a></sup>.</p>\n<div class=\"footnotes\" role=\"doc-endnotes\">\n<hr>\n<ol>\n<li id=\"fn:1\">\n<p>Noten.&#160;<a href=\"#fnref:1\" class=\"footnote-backref\" title=\"Tilbage til teksten\" role=\"doc-backlink\">"},
		{"strikethrough", "da", "~~væk~~", "<p><del>væk</del></p>"},
		{"autolink", "da", "Se https://example.org og www.laeger.dk.", `<p>Se <a href="https://example.org">https://example.org</a> og <a href="http://www.laeger.dk">www.laeger.dk</a>.</p>`},
		{"raw html kept", "da", "<div class=\"sheet-lines\">\n\n*x*\n\n</div>", "<div class=\"sheet-lines\">\n<p><em>x</em></p>\n</div>"},
		{"inline html kept", "da", "a <kbd>Ctrl</kbd> b", "<p>a <kbd>Ctrl</kbd> b</p>"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(render(t, tc.lang, tc.body).HTML); !strings.Contains(got, tc.want) {
				t.Errorf("%s %q:\n%s\nlacks\n%s", tc.lang, tc.body, got, tc.want)
			}
		})
	}
}

func TestLinks(t *testing.T) {
	body := "Intro.\n\nSe [ansvar](ansvar.md#hvem) og\n[top](#top).\n\n![logo](../img/logo.svg)\n\n[ude](https://example.org) [mail](mailto:a@example.org) [tlf](tel:+4512345678) [proto](//cdn.example.org/x)\n\n[død](mangler.md) [rod](/da/)\n\n<p><a href=\"skabeloner/ark.md\">ark</a> <a href='https://example.org'>x</a></p>\n\nTekst <img src=\"bilag/a b.png\" alt=\"\"> og [ref][r].\n\n[r]: ../a/b.md\n\n<!-- <a href=\"kommentar.md\"> -->\n\nTekst <!-- <a href=\"kommentar2.md\"> --> slut.\n"
	var asked []string
	res, err := Render("c/da/p.md", []byte(body), 5, Options{Lang: "da", Words: words("da"), Links: func(d string) (string, error) {
		asked = append(asked, d)
		if d == "mangler.md" {
			return "", errors.New("no such page")
		}
		return "/r/" + d, nil
	}})
	if err == nil || err.Error() != `c/da/p.md:14: link "mangler.md": no such page` {
		t.Errorf("error = %v", err)
	}
	want := []Link{{"ansvar.md#hvem", 7}, {"#top", 8}, {"../img/logo.svg", 10}, {"mangler.md", 14}, {"/da/", 14}, {"skabeloner/ark.md", 16}, {"bilag/a b.png", 18}, {"../a/b.md", 18}}
	if len(res.Links) != len(want) {
		t.Fatalf("links %v, want %v", res.Links, want)
	}
	for i := range want {
		if res.Links[i] != want[i] {
			t.Errorf("link %d = %v, want %v", i, res.Links[i], want[i])
		}
	}
	html := string(res.HTML)
	for _, s := range []string{
		`<a href="/r/ansvar.md#hvem">ansvar</a>`, `<a href="/r/#top">top</a>`, `<img src="/r/../img/logo.svg" alt="logo">`,
		`<a href="https://example.org">ude</a>`, `<a href="mailto:a@example.org">mail</a>`, `<a href="tel:+4512345678">tlf</a>`, `<a href="//cdn.example.org/x">`,
		`<a href="mangler.md">død</a>`, `<a href="/r//da/">rod</a>`,
		`<p><a href="/r/skabeloner/ark.md">ark</a> <a href='https://example.org'>x</a></p>`,
		`<img src="/r/bilag/a b.png" alt="">`, `<a href="/r/../a/b.md">ref</a>`,
	} {
		if !strings.Contains(html, s) {
			t.Errorf("HTML lacks %s:\n%s", s, html)
		}
	}
	if strings.Contains(strings.Join(asked, " "), "kommentar") {
		t.Errorf("links in HTML comments were checked: %v", asked)
	}
	if len(asked) != len(want) {
		t.Errorf("resolver asked %v", asked)
	}
	// Without a resolver the links are listed and left as written.
	res, err = Render("p.md", []byte("[a](a.md)"), 1, Options{Words: words("")})
	if err != nil || string(res.HTML) != "<p><a href=\"a.md\">a</a></p>\n" || len(res.Links) != 1 {
		t.Errorf("no resolver: %s %v %v", res.HTML, res.Links, err)
	}
}

func TestLinkLineInLongParagraph(t *testing.T) {
	body := "Første linje\nanden linje\ntredje med ![](a.png) og [](b.md)\nfjerde [c](c.md)\n\n| x | [d](d.md) |\n|---|---|\n| [e](e.md) | f |\n\n- g\n- [h](h.md)\n\n[^1]: [i](i.md)\n\nnote[^1]\n"
	res, err := Render("p.md", []byte(body), 1, Options{Words: words("")})
	if err != nil {
		t.Fatal(err)
	}
	got := []string{}
	for _, l := range res.Links {
		got = append(got, l.Dest+":"+itoa(l.Line))
	}
	if w := "a.png:3 b.md:3 c.md:4 d.md:6 e.md:8 h.md:11 i.md:13"; strings.Join(got, " ") != w {
		t.Errorf("links %v, want %s", got, w)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestReservedIDs: a heading never takes an id of Options.ReservedIDs (the
// ids of the theme around the page); a generated one gets the next free
// suffix, an explicit one is an error naming the line.
func TestReservedIDs(t *testing.T) {
	theme := map[string]bool{"main": true, "toc-title": true, "site-nav": true}
	for _, tc := range []struct {
		name, body string
		prefix     string
		reserved   map[string]bool
		ids        string // the headings' ids
		err        string
	}{
		{"none reserved", "## Main", "", nil, "main", ""},
		{"reserved", "## Main\n\n## Toc title\n\n## Site nav\n\n## Andet", "", theme, "main-2 toc-title-2 site-nav-2 andet", ""},
		{"twice", "## Main\n\n## Main\n\n### Main", "", theme, "main-2 main-3 main-4", ""},
		{"suffix reserved too", "## Main\n\n## Main", "", map[string]bool{"main": true, "main-2": true}, "main-3 main-4", ""},
		{"suffixed one written", "## Main\n\n## Main 2", "", theme, "main-2 main-2-2", ""},
		{"explicit suffix first", "## Main\n\n## Anden {#main-2}", "", theme, "main-3 main-2", ""},
		{"case and accents", "## MAIN\n\n## Evaluéring", "", map[string]bool{"main": true, "evaluering": true}, "main-2 evaluering-2", ""},
		{"with prefix", "## Main", "p-", map[string]bool{"p-main": true}, "p-main-2", ""},
		{"prefix apart", "## Main", "p-", theme, "p-main", ""},
		{"explicit reserved", "Tekst.\n\n## Indhold {#main}\n\n## Main", "", theme,
			"main-2 main-3", `p.md:5: heading id "main" is taken by the page around the text (the theme or the numbers block); choose another`},
		{"explicit reserved and twice", "## A {#toc-title}\n\n## B {#x}\n\n## C {#x}", "", theme,
			"toc-title-2 x x-2", "p.md:3: heading id \"toc-title\" is taken by the page around the text (the theme or the numbers block); choose another\np.md:7: heading id \"x\" is used twice"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Render("p.md", []byte(tc.body), 3, Options{Lang: "da", Words: words("da"), IDPrefix: tc.prefix, ReservedIDs: tc.reserved,
				Embed: &Embed{IDPrefix: "s-", HeadingOffset: 1}})
			got := make([]string, len(res.Headings))
			for i, h := range res.Headings {
				got[i] = h.ID
			}
			if strings.Join(got, " ") != tc.ids {
				t.Errorf("ids %q, want %q", strings.Join(got, " "), tc.ids)
			}
			if gotErr := fmt.Sprint(err); tc.err == "" && err != nil || tc.err != "" && gotErr != tc.err {
				t.Errorf("error\n%v\nwant\n%s", err, tc.err)
			}
			for _, id := range got {
				if !slices.Contains(res.IDs, id) {
					t.Errorf("Result.IDs %q lack %q", res.IDs, id)
				}
				if !strings.Contains(string(res.Embedded), ` id="s-`+id+`"`) {
					t.Errorf("Embedded lacks id s-%s:\n%s", id, res.Embedded)
				}
			}
			for _, id := range res.IDs {
				if tc.reserved[id] {
					t.Errorf("reserved id %q on the page", id)
				}
			}
		})
	}
}

func TestHeadingsIDsAndText(t *testing.T) {
	body := "# Titel\n\n## Møder\n\nTekst med **fed**[^n] og \\*stjerne\\* &amp; `kode`.\n\n### Møder\n\n## Møder\n\n##### Dybt\n\n- punkt et\n- punkt to\n\n| Hvad | Hvornår |\n|---|---|\n| Møde | Nu |\n\n```\nkode i blok\n```\n\n<div id=\"egen\" class=\"x\"><p>Rå <b>HTML</b></p></div>\n\n<span id='enkelt'>s</span>\n\n[^n]: Noten.\n"
	res, err := Render("p.md", []byte(body), 1, Options{Lang: "da", Words: words("da")})
	if err != nil {
		t.Fatal(err)
	}
	want := []Heading{{1, "titel", "Titel"}, {2, "moeder", "Møder"}, {3, "moeder-2", "Møder"}, {2, "moeder-3", "Møder"}}
	if len(res.Headings) != len(want) {
		t.Fatalf("headings %+v, want %+v", res.Headings, want)
	}
	for i := range want {
		if res.Headings[i] != want[i] {
			t.Errorf("heading %d = %+v, want %+v", i, res.Headings[i], want[i])
		}
	}
	if got := strings.Join(res.IDs, " "); got != "dybt egen enkelt fn:1 fnref:1 moeder moeder-2 moeder-3 titel" {
		t.Errorf("ids %v", got)
	}
	wantText := "Titel\nMøder\nTekst med fed og *stjerne* & kode.\nMøder\nMøder\nDybt\npunkt et\npunkt to\nHvad\nHvornår\nMøde\nNu\nRå HTML\ns\nNoten.\n"
	if res.Text != wantText {
		t.Errorf("text\n%q\nwant\n%q", res.Text, wantText)
	}
}

func TestIDPrefix(t *testing.T) {
	res, err := Render("p.md", []byte("## Møder {#m}\n\n## Møder\n\nx[^1]\n\n[^1]: y"), 1, Options{Lang: "da", Words: words("da"), IDPrefix: "etik-"})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(res.IDs, " "); got != "etik-fn:1 etik-fnref:1 etik-m etik-moeder" {
		t.Errorf("ids %s", got)
	}
	if !strings.Contains(string(res.HTML), `href="#etik-moeder"`) || res.Headings[0].ID != "etik-m" {
		t.Errorf("html %s", res.HTML)
	}
}

func TestErrorsAllTogether(t *testing.T) {
	body := "{{rule nope}}\n\n[a](a.md)\n\n## X {#x}\n\n## Y {#x}\n\n<a href=\"b.md\">b</a>\n"
	_, err := Render("c/da/etik.md", []byte(body), 7, Options{Lang: "da", Words: words("da"), Links: func(d string) (string, error) {
		return "", errors.New("no page " + d)
	}})
	want := `c/da/etik.md:7: unknown rule value "nope"
c/da/etik.md:9: link "a.md": no page a.md
c/da/etik.md:13: heading id "x" is used twice
c/da/etik.md:15: link "b.md": no page b.md`
	if err == nil || err.Error() != want {
		t.Errorf("error\n%v\nwant\n%s", err, want)
	}
	if _, err := Render("p.md", nil, 3, Options{Lang: "de"}); err == nil || err.Error() != `p.md:3: unknown language "de" (known: da, en)` {
		t.Errorf("lang error %v", err)
	}
}

// TestConcurrent renders in parallel with the shared goldmark (run with
// -race to check).
func TestConcurrent(t *testing.T) {
	body := []byte("## Møder\n\n[a](a.md) {{rule rules.duration_months.max}} `x`\n\n| a |\n|---|\n\n> [!TIP]\n> x\n")
	want := render(t, "da", string(body))
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 20; j++ {
				res, err := Render("p.md", body, 1, Options{Lang: "da", Words: words("da"), Values: values})
				if err != nil || string(res.HTML) != string(want.HTML) {
					t.Errorf("concurrent render differs: %v", err)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestExpandValues(t *testing.T) {
	got, err := ExpandValues("p.md", 2, "Forløb på {{rule rules.duration_months.min}}-{{ rule rules.duration_months.max }} måneder, {{rule background.session_hours.max}} time", "da", values)
	if err != nil || got != "Forløb på 8-12 måneder, 1,5 time" {
		t.Errorf("got %q, %v", got, err)
	}
	_, err = ExpandValues("p.md", 2, "{{rule x}} {{rule}}", "en", values)
	if err == nil || err.Error() != "p.md:2: unknown rule value \"x\"\np.md:2: malformed rule value \"{{rule}}\": write {{rule KEY}}, such as {{rule rules.duration_months.max}}" {
		t.Errorf("error %v", err)
	}
}

// TestEmbed renders a page for the print page from the same parse: every
// id gets the prefix (headings, footnotes, raw HTML with either quote, even
// after a ">" in another attribute, where a scan for the tag's end would
// stop), every heading moves one level down, to h6 at most, and keeps the
// anchor link of its own level; the page's own HTML is as without Embed.
func TestEmbed(t *testing.T) {
	body := "Tekst[^1] og [her](#boks).\n\n## Møder {#m}\n\n### Under\n\n#### Dybere\n\n##### Femte\n\n###### Sjette\n\n" +
		"<div title=\"1 > 0\" id=\"boks\" class=\"x\">Rå <span id='enkelt'>s</span></div>\n\n" +
		"Inline <abbr title=\"a>b\" id=\"kort\">k</abbr>.\n\n<!-- <div id=\"kommentar\"> -->\n\n[^1]: Noten.\n"
	links := func(d string) (string, error) { return "/" + d, nil }
	plain, err := Render("p.md", []byte(body), 1, Options{Lang: "da", Words: words("da"), Links: links})
	if err != nil {
		t.Fatal(err)
	}
	res, err := Render("p.md", []byte(body), 1, Options{Lang: "da", Words: words("da"), Links: links,
		Embed: &Embed{IDPrefix: "p-x-", HeadingOffset: 1}})
	if err != nil {
		t.Fatal(err)
	}
	if string(res.HTML) != string(plain.HTML) || plain.Embedded != nil {
		t.Errorf("Embed changed the page's HTML:\n%s\nwant\n%s", res.HTML, plain.HTML)
	}
	got := string(res.Embedded)
	for _, want := range []string{
		`<sup id="p-x-fnref:1"><a href="#p-x-fn:1"`, `<li id="p-x-fn:1">`, `href="#p-x-fnref:1"`,
		`<a href="/#boks">her</a>`, // an anchor written in the text goes through Links
		`<h3 id="p-x-m">Møder&nbsp;<a class="heading-anchor" href="#p-x-m" aria-label="Link til dette afsnit">#</a></h3>`,
		`<h4 id="p-x-under">Under&nbsp;<a class="heading-anchor" href="#p-x-under"`,
		`<h5 id="p-x-dybere">Dybere&nbsp;<a class="heading-anchor" href="#p-x-dybere"`,
		`<h6 id="p-x-femte">Femte</h6>`, `<h6 id="p-x-sjette">Sjette</h6>`,
		`<div title="1 > 0" id="p-x-boks" class="x">Rå <span id='p-x-enkelt'>s</span></div>`,
		`<abbr title="a>b" id="p-x-kort">k</abbr>`,
		`<!-- <div id="kommentar"> -->`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("embedded lacks %s:\n%s", want, got)
		}
	}
	if strings.Contains(got, "<h2") || strings.Contains(got, `id="m"`) {
		t.Errorf("embedded keeps an h2 or an unprefixed id:\n%s", got)
	}
	// The page's own ids, headings and links are those of the plain render.
	if strings.Join(res.IDs, " ") != strings.Join(plain.IDs, " ") || len(res.Headings) != 3 || res.Headings[0] != (Heading{2, "m", "Møder"}) {
		t.Errorf("ids %v headings %v", res.IDs, res.Headings)
	}
}

// {{themes}} without matching.themes in the values fails, naming the line.
func TestThemesWithoutThemes(t *testing.T) {
	_, err := Render("p.md", []byte("a\n\n{{themes}}"), 10, Options{Lang: "da", Words: words("da"), Values: map[string]string{"x": "1"}})
	if err == nil || !strings.Contains(err.Error(), `p.md:12: {{themes}}: the programme has no matching.themes with a label in "da"`) {
		t.Fatalf("error %v", err)
	}
}
