package site

import (
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
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
	files := readTree(t, out)
	print := string(files["da/udskriv/index.html"])
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
	page := string(files["da/ark/index.html"])
	if !strings.Contains(page, `<div title="1 > 0" id="boks" class="x">`) || !strings.Contains(page, `<a href="#boks">boksen</a>`) {
		t.Errorf("da/ark/index.html changed:\n%s", page)
	}
}
