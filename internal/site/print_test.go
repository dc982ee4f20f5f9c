package site

import (
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/laegeforeningen/mentorprogram/internal/testkit"
)

// TestPrintPageRawHTML: raw HTML whose attribute holds a ">" before its id
// (valid HTML, which a scan of the rendered page for the tag's end misreads)
// gets its section's id on the print page, as the links to it do; so do
// ids in single quotes.
func TestPrintPageRawHTML(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	opts := fixture(t, out)
	content := mapFS(t, filepath.Join("testdata", "site"))
	content["da/ark.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Ark\ndescription: x\n---\n\n" +
		"<div title=\"1 > 0\" id=\"boks\" class=\"x\"><span id='felt'>Felt</span></div>\n\n## Noter\n\nSe [boksen](#boks).\n")}
	content["da/regler.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Regler\ndescription: x\n---\n\n" +
		"## Tavshedspligt\n\nSe [arket](ark.md#boks) og [feltet](ark.md#felt).\n")}
	opts.Content = content
	if _, err := Build(opts); err != nil {
		t.Fatal(err)
	}
	files := testkit.Snapshot(t, out)
	print := files["da/udskriv/index.html"]
	for _, want := range []string{
		`<div title="1 > 0" id="p-ark-boks" class="x"><span id='p-ark-felt'>Felt</span></div>`,
		`<h3 id="p-ark-noter">Noter&nbsp;<a class="heading-anchor" href="#p-ark-noter"`,
		`<a href="#p-ark-boks">boksen</a>`, `<a href="#p-ark-boks">arket</a>`, `<a href="#p-ark-felt">feltet</a>`,
	} {
		if !strings.Contains(print, want) {
			t.Errorf("print page lacks %s", want)
		}
	}
	if strings.Contains(print, `id="boks"`) || strings.Contains(print, `id='felt'`) {
		t.Error("print page keeps a page's own id")
	}
	// The page itself keeps its ids and links.
	page := files["da/ark/index.html"]
	if !strings.Contains(page, `<div title="1 > 0" id="boks" class="x">`) || !strings.Contains(page, `<a href="#boks">boksen</a>`) {
		t.Errorf("da/ark/index.html changed:\n%s", page)
	}
}

// TestPrintIDsUnique: pages whose URLs differ only in white space, "-"
// or "/" ("a b", "a-b", "a/b") get ids of their own on the print page,
// with no white space in them, and links to them go to their own.
func TestPrintIDsUnique(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	opts := fixture(t, out)
	content := mapFS(t, filepath.Join("testdata", "site"))
	page := func(title, body string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: " + title + "\ndescription: x\n---\n\n" + body + "\n")}
	}
	content["da/a b.md"] = page("Mellemrum", "## Del\n\nTekst.")
	content["da/a-b.md"] = page("Bindestreg", "## Del\n\nTekst.")
	content["da/a/_index.md"] = page("Mappe", "Tekst.")
	content["da/a/b.md"] = page("Skråstreg", "## Del\n\nSe [mellemrum](../a%20b.md#del), [bindestreg](../a-b.md#del) og [her](#del).")
	opts.Content = content
	if _, err := Build(opts); err != nil {
		t.Fatal(err)
	}
	print := testkit.Snapshot(t, out)["da/udskriv/index.html"]
	ids := map[string]string{}
	for _, title := range []string{"Mellemrum", "Bindestreg", "Skråstreg"} {
		i := strings.Index(print, `">`+title+`</h2>`)
		if i < 0 {
			t.Fatalf("print page lacks the part %s", title)
		}
		j := strings.LastIndex(print[:i], `<h2 id="`)
		ids[title] = print[j+len(`<h2 id="`) : i]
	}
	seen := map[string]string{}
	for title, id := range ids {
		if strings.ContainsAny(id, " \t\n") || !strings.HasPrefix(id, "p-a-b") {
			t.Errorf("%s: id %q", title, id)
		}
		if other, ok := seen[id]; ok {
			t.Errorf("%s and %s share the id %q", title, other, id)
		}
		seen[id] = title
		if n := strings.Count(print, `id="`+id+`-del"`); n != 1 {
			t.Errorf("%s: %d headings with id %s-del, want 1", title, n, id)
		}
	}
	for _, link := range []string{`href="#` + ids["Mellemrum"] + `-del">mellemrum`, `href="#` + ids["Bindestreg"] + `-del">bindestreg`, `href="#` + ids["Skråstreg"] + `-del">her`} {
		if !strings.Contains(print, link) {
			t.Errorf("print page lacks the link %s", link)
		}
	}
}
