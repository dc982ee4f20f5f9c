package site

import (
	"fmt"
	"html"
	"html/template"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/laegeforeningen/mentorprogram/internal/i18n"
)

// awkwardSite is content whose folder and file names, titles, short titles,
// descriptions and headings hold the characters that need escaping in a
// link or in text (& < > " ' ` + = space, æøå, an emoji), with English
// pages, English pages built from the Danish (fallbacks), a slug, a folder
// without a section page (its pages orphans), a draft and links with
// anchors between them.
func awkwardSite() fstest.MapFS {
	m := fstest.MapFS{}
	page := func(name, front, body string) {
		m[name] = &fstest.MapFile{Data: []byte("---\n" + front + "---\n\n" + body)}
	}
	odd := []string{`æøå & co`, `a+b=c`, `it's`, `x<y>`, `q"uote`, "a`b", `mellem rum`, "emoji😀", `_x-y.z~`, `kl. 10:30`}
	text := `Titel & <b>fed</b> "citat" 'enkelt' a+b=c ` + "`x`" + ` æøå 😀`
	body := "Tekst med en fodnote[^1].\n\n[^1]: Fodnoten.\n\n## Hvad gør jeg? & <x> \"y\"\n\nEt afsnit.\n\n### Under " + "`kode`" + " + mere\n\nMere.\n\n## Eget id {#eget-id}\n\nSlut.\n"
	page("da/_index.md", "title: Start\ndescription: \"Start & <slut>\"\n", body)
	page("en/_index.md", "title: Home\ndescription: Home\n", body)
	for i, dir := range odd {
		front := fmt.Sprintf("title: %q\nnav_title: %q\ndescription: %q\nweight: %d\n", fmt.Sprintf("%s %d %s", text, i, dir), "Kort "+dir, text, i)
		if i != 2 {
			// it's has no section page: its pages are orphans.
			page("da/"+dir+"/_index.md", front, body)
		}
		for k, name := range []string{dir, "side " + odd[(i+1)%len(odd)]} {
			f := fmt.Sprintf("title: %q\ndescription: %q\nweight: %d\n", fmt.Sprintf("%s %s", text, name), text, k)
			// Links back to the section page and to an anchor of the
			// start page.
			b := body + "\nSe [afsnittet](_index.md) og [start](../_index.md#eget-id).\n"
			if i == 2 {
				b = body + "\nSe [start](../_index.md#eget-id).\n"
			}
			page("da/"+dir+"/"+name+".md", f, b)
			if (i+k)%3 == 0 {
				en := f
				if k == 1 {
					en += fmt.Sprintf("slug: %q\n", "en "+odd[(i+2)%len(odd)])
				}
				page("en/"+dir+"/"+name+".md", en, b)
			}
		}
	}
	page("da/"+odd[0]+"/kladde.md", "title: Kladde\ndraft: true\n", "Ikke med.\n")
	// Headings whose ids the theme's templates use (<main id="main">),
	// and one the numbers block after a numbers page's text uses
	// (numbersHTML): they take the next free suffix, and links to them
	// resolve.
	page("da/ids.md", "title: Ids\nweight: 100\n", "## Main\n\nTekst.\n\n## Toc title\n\n## Site nav\n\n### Main\n\nSe [forløb](tal.md#forloeb-pr-aar-2).\n")
	// On the print page a heading's id is its page's section id and its
	// own: "## Ansvar" of forloeb/_index.md would be p-forloeb-ansvar,
	// the section of forloeb/ansvar.md, so it takes the next suffix;
	// and "## Plan" of tjek.md would be p-tjek-plan, the section of
	// tjek-plan.md, a page whose name holds the dash.
	page("da/forloeb/_index.md", "title: Forløb\nweight: 102\n", "## Ansvar\n\nTekst.\n\nSe [ansvar](#ansvar-2) og [siden](ansvar.md).\n")
	page("da/forloeb/ansvar.md", "title: Ansvar\n", "## Mål\n\nSe [afsnittet](_index.md#ansvar-2).\n")
	page("da/tjek-plan.md", "title: Plan\nweight: 103\n", "Tekst.\n")
	page("da/tjek.md", "title: Tjek\nweight: 104\n", "## Plan\n\nSe [planen](#plan-2).\n")
	page("da/tal.md", "title: Tal\nweight: 101\nlayout: numbers\n", "## Evaluering\n\n## Forløb pr. år\n\nSe [main](ids.md#main-2), [toc](ids.md#toc-title-2) og [her](#evaluering-2).\n")
	page("en/ids.md", "title: Ids\nweight: 100\n", "## Main\n\n## Toc title\n\nSee [main](ids.md#main-2) and [numbers](tal.md#evaluering-2).\n")
	return m
}

// numbersHTML is a numbers block with ids, as internal/status writes it.
func numbersHTML(w *i18n.Lang) (template.HTML, error) {
	return template.HTML(`<h2 id="forloeb-pr-aar">` + w.Lang + `</h2><table><tr><th>` + w.Lang + `</th><td class="num">42</td></tr></table><h2 id="evaluering">Evaluering</h2>`), nil
}

var (
	attrLink = regexp.MustCompile(`\s(?:href|src)="([^"]*)"`)
	attrID   = regexp.MustCompile(`\sid="([^"]*)"`)
)

// TestOutputLinksResolve builds awkwardSite and follows every relative
// link and source of every page of the output: each names a file of the
// output (a folder: its index.html), and each #fragment an id of that
// page. The breadcrumbs, the table of contents, the sidebar, the section
// lists, the pager and the links of the text are written by Go (nav.go,
// lists.go) and by the templates; whatever escapes a name or an id, the
// browser must arrive where the link points. The same site without its
// English folder is Danish only, and links to no English page.
func TestOutputLinksResolve(t *testing.T) {
	danish := awkwardSite()
	for name := range danish {
		if strings.HasPrefix(name, "en/") {
			delete(danish, name)
		}
	}
	for _, tc := range []struct {
		name         string
		content      fstest.MapFS
		pages, links int
		withFragment int
	}{
		{"bilingual", awkwardSite(), 60, 2000, 200},
		// Without an English folder the site is Danish only: no
		// links to English pages, the 404 page's included.
		{"Danish only", danish, 28, 800, 100},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pages, links, fragments := followLinks(t, tc.content)
			if pages < tc.pages || links < tc.links || fragments < tc.withFragment {
				t.Errorf("only %d pages, %d links, %d with a fragment", pages, links, fragments)
			}
			t.Logf("%d pages, %d links followed, %d fragments", pages, links, fragments)
		})
	}
}

// followLinks builds content and checks every relative link of every
// HTML file of the output (TestOutputLinksResolve); it returns how many
// pages, links and links with a fragment it checked.
func followLinks(t *testing.T, content fs.FS) (npages, links, fragments int) {
	out := filepath.Join(t.TempDir(), "public")
	opts := fixture(t, out)
	opts.Content = content
	opts.Numbers = numbersHTML
	if _, err := Build(opts); err != nil {
		t.Fatal(err)
	}
	base, err := url.Parse(opts.BaseURL)
	if err != nil {
		t.Fatal(err)
	}
	pages := map[string]string{} // output path -> HTML
	err = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(out, p)
		pages[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	ids := func(name string) map[string]bool {
		set := map[string]bool{}
		for _, m := range attrID.FindAllStringSubmatch(pages[name], -1) {
			set[html.UnescapeString(m[1])] = true
		}
		return set
	}
	for name, src := range pages {
		seen := map[string]bool{}
		for _, m := range attrID.FindAllStringSubmatch(src, -1) {
			if seen[m[1]] {
				t.Errorf("%s: id %q twice", name, m[1])
			}
			seen[m[1]] = true
		}
		for _, m := range attrLink.FindAllStringSubmatch(src, -1) {
			ref := html.UnescapeString(m[1])
			if u, err := url.Parse(ref); err == nil && (u.Scheme != "" || strings.HasPrefix(ref, "//")) {
				continue // absolute: the canonical URL, alternates, mail
			}
			p, frag, _ := strings.Cut(ref, "#")
			target := name
			if p != "" {
				dec, err := url.PathUnescape(p)
				if err != nil {
					t.Errorf("%s: link %q: %v", name, ref, err)
					continue
				}
				target = path.Join(path.Dir(name), dec)
				if strings.HasPrefix(dec, "/") {
					// 404.html links from the site's root path (opts.BaseURL's).
					target = path.Join(".", strings.TrimPrefix(dec, base.Path))
				}
				if strings.HasSuffix(dec, "/") || dec == "." || dec == ".." {
					target = path.Join(target, "index.html")
				}
				if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(target))); err != nil {
					t.Errorf("%s: link %q leads to %s, which the output lacks", name, ref, target)
					continue
				}
			}
			links++
			if frag == "" || pages[target] == "" {
				continue
			}
			id, err := url.PathUnescape(frag)
			if err != nil {
				t.Errorf("%s: link %q: %v", name, ref, err)
				continue
			}
			if !ids(target)[id] {
				t.Errorf("%s: link %q: %s has no id %q", name, ref, target, id)
			}
			fragments++
		}
	}
	return len(pages), links, fragments
}

// TestHeadingIDsApartFromTheme: a heading whose id the page around the
// text has (the theme's templates, a numbers page's numbers block) takes
// the next free suffix on the page, in the table of contents and on the
// print page; an explicit {#id} the theme has, and a link to such an id,
// are errors naming the file and line.
func TestHeadingIDsApartFromTheme(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	opts := fixture(t, out)
	opts.Content, opts.Numbers = awkwardSite(), numbersHTML
	if _, err := Build(opts); err != nil {
		t.Fatal(err)
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	for _, tc := range []struct {
		file string
		has  []string
	}{
		{"da/ids/index.html", []string{`<main id="main"`, `<p id="toc-title"`, `<nav id="site-nav"`,
			`<h2 id="main-2">`, `<h2 id="toc-title-2">`, `<h2 id="site-nav-2">`, `<h3 id="main-3">`, `href="#main-2"`, `href="#toc-title-2"`}},
		{"da/tal/index.html", []string{`<h2 id="evaluering">`, `<h2 id="forloeb-pr-aar">`, `<h2 id="evaluering-2">`, `<h2 id="forloeb-pr-aar-2">`,
			`href="../ids/#main-2"`, `href="#evaluering-2"`}},
		{"en/ids/index.html", []string{`<h2 id="main-2">`}},
		{"da/udskriv/index.html", []string{`-main-2">`, `-evaluering-2">`}},
	} {
		src := read(tc.file)
		for _, h := range tc.has {
			if !strings.Contains(src, h) {
				t.Errorf("%s lacks %s", tc.file, h)
			}
		}
		seen := map[string]bool{}
		for _, m := range attrID.FindAllStringSubmatch(src, -1) {
			if seen[m[1]] {
				t.Errorf("%s: id %q twice", tc.file, m[1])
			}
			seen[m[1]] = true
		}
	}
	for _, tc := range []struct{ name, file, body, err string }{
		{"explicit", "da/ids.md", "Tekst.\n\n## Indhold {#main}\n",
			`content/da/ids.md:8: heading id "main" is taken by the page around the text (the theme or the numbers block); choose another`},
		{"explicit numbers", "da/tal.md", "## Tal {#evaluering}\n",
			`content/da/tal.md:7: heading id "evaluering" is taken by the page around the text (the theme or the numbers block); choose another`},
		{"link", "da/ids.md", "## Main\n\nSe [her](tal.md#evaluering).\n",
			`content/da/ids.md:8: link "tal.md#evaluering": content/da/tal.md has no heading or anchor #evaluering (#evaluering is an id of the page around the text: a heading that would take it gets a suffix, as #evaluering-2)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			content := awkwardSite()
			front, _, _ := strings.Cut(string(content[tc.file].Data), "---\n\n")
			content[tc.file] = &fstest.MapFile{Data: []byte(front + "---\n\n" + tc.body)}
			opts := fixture(t, filepath.Join(t.TempDir(), "public"))
			opts.Content, opts.Numbers = content, numbersHTML
			_, err := Build(opts)
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("error\n%v\nwant it to hold\n%s", err, tc.err)
			}
		})
	}
}
