package markdown

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// renderTwice writes a page's HTML and its Embedded HTML each alone, from
// a parse of its own: the page rendered in the page's mode, and in the
// Embed's. (Render wrote them so before it wrote both in one walk, but for
// the second render, which came from the same parse: goldmark's table
// renderer, when it writes alignments as styles, adds a cell's alignment
// to its style attribute each time it writes the cell, so that an aligned
// cell's Embedded HTML read style="text-align:right;text-align:right".
// Alignments are classes set by the transformer now.
// TestEmbedAlignedTable.)
func renderTwice(t *testing.T, body []byte, opts Options) (html, embedded []byte) {
	t.Helper()
	var out [2][]byte
	for i := range out {
		p, err := parse("f.md", body, 4, opts, false)
		if err != nil {
			t.Fatal(err)
		}
		mode := &p.page
		if i == 1 {
			mode = &p.print
		}
		p.doc.SetAttributeString(attrMode, mode)
		w := &htmlWriter{}
		if err := p.e.md.Renderer().Render(w, p.src, p.doc); err != nil {
			t.Fatal(err)
		}
		out[i] = w.b
	}
	return out[0], out[1]
}

// TestEmbedAlignedTable: an aligned table cell gets its alignment as a
// class, once, in Result.HTML and Result.Embedded alike, and no inline
// style (which the site's Content-Security-Policy blocks) nor an obsolete
// align attribute; a cell without alignment gets no class.
func TestEmbedAlignedTable(t *testing.T) {
	res, err := Render("f.md", []byte("| a | b | c | d |\n|--:|:-:|:--|---|\n| 1 | 2 | 3 | 4 |\n"), 4, Options{Lang: "da", Words: words("da"), Values: values, Embed: &Embed{IDPrefix: "e-"}})
	if err != nil {
		t.Fatal(err)
	}
	want := "<thead>\n<tr>\n" +
		`<th class="align-right">a</th>` + "\n" + `<th class="align-center">b</th>` + "\n" +
		`<th class="align-left">c</th>` + "\n<th>d</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n" +
		`<td class="align-right">1</td>` + "\n" + `<td class="align-center">2</td>` + "\n" +
		`<td class="align-left">3</td>` + "\n<td>4</td>\n</tr>\n</tbody>\n"
	for _, h := range [][]byte{res.HTML, res.Embedded} {
		if !bytes.Contains(h, []byte(want)) || bytes.Contains(h, []byte("style=")) || bytes.Contains(h, []byte("align=")) {
			t.Errorf("aligned cells written as\n%s\nwant\n%s", h, want)
		}
	}
}

// sameTwice fails when Render's HTML or Embedded HTML of body differs from
// renderTwice's, or its HTML from Render's without Embed.
func sameTwice(t *testing.T, body []byte) {
	t.Helper()
	for _, lang := range []string{"da", "en"} {
		for _, prefix := range []string{"", "p-"} {
			opts := Options{Lang: lang, Words: words(lang), Values: values, IDPrefix: prefix,
				Embed: &Embed{IDPrefix: "e-", HeadingOffset: 1},
				Links: func(d string) (string, error) {
					if strings.HasPrefix(d, "x") {
						return "", fmt.Errorf("no")
					}
					return "/" + d, nil
				}}
			res, err := Render("f.md", body, 4, opts)
			html, embedded := renderTwice(t, body, opts)
			if !bytes.Equal(res.HTML, html) {
				t.Fatalf("%s %q: HTML\n%s\nrendered alone\n%s\nfor %q", lang, prefix, res.HTML, html, body)
			}
			if !bytes.Equal(res.Embedded, embedded) {
				t.Fatalf("%s %q: Embedded\n%s\nrendered a second time\n%s\nfor %q", lang, prefix, res.Embedded, embedded, body)
			}
			opts.Embed = nil
			alone, errAlone := Render("f.md", body, 4, opts)
			if !bytes.Equal(res.HTML, alone.HTML) || fmt.Sprint(err) != fmt.Sprint(errAlone) || res.Text != alone.Text {
				t.Fatalf("%s %q: Embed changes the page: %q, %v; without: %q, %v", lang, prefix, res.HTML, err, alone.HTML, errAlone)
			}
		}
	}
}

// TestEmbedInOneWalk: the golden pages, the handbook's pages and synthetic
// pages get the same HTML and Embedded HTML from one walk as from two
// renders.
func TestEmbedInOneWalk(t *testing.T) {
	files := corpus(t, 10)
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		_, body, _, err := SplitFrontMatter(f, src)
		if err != nil {
			t.Fatal(err)
		}
		sameTwice(t, body)
	}
	sameTwice(t, []byte(twinSeed))
}

const twinSeed = "## A (1) {#own}\n\ntekst[^1] og[^n] <span id=\"x\">y</span> <!-- id=\"c\" -->\n\n" +
	"<div id='d'>\n\n### B\n\n</div>\n\n# H1\n\n###### H6\n\n[^1]: note [a](#own)\n[^n]: more[^1]\n"

// FuzzEmbedInOneWalk holds Render's one walk to two renders for any page.
func FuzzEmbedInOneWalk(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.md")
	for _, file := range files {
		src, _ := os.ReadFile(file)
		f.Add(src)
	}
	f.Add([]byte(twinSeed))
	f.Add([]byte("> [!NOTE]\n> x[^1]\n\n| a | <b id=q>c</b> |\n|---|---|\n\n[^1]: n\n"))
	f.Fuzz(func(t *testing.T, body []byte) {
		sameTwice(t, body)
	})
}
