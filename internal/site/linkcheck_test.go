package site

import (
	"fmt"
	"html"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
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
	return m
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
