package site

import (
	"bytes"
	"maps"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/laegeforeningen/mentorprogram/internal/testkit"
)

// TestPreviewMatchesBuild edits the content step by step, as an author
// in the preview does, and after each step compares the Preview's output
// with a build of the same content into a new folder: byte for byte. It
// checks which edits are done in part (a page's body) and which by a full
// build (front matter, new and deleted pages), and that an edit that
// breaks the build writes nothing and the next one that mends it brings
// the output up to date.
func TestPreviewMatchesBuild(t *testing.T) {
	dir := t.TempDir()
	content := mapFS(t, filepath.Join("testdata", "site"))
	stamp := time.Date(2026, 11, 1, 10, 0, 0, 0, time.UTC)
	for _, f := range content {
		f.ModTime = stamp
	}
	opts := fixture(t, filepath.Join(dir, "public"))
	opts.Content, opts.FileTimes, opts.Dev = content, true, true
	v := NewPreview(opts)
	if _, err := v.Build(); err != nil {
		t.Fatal(err)
	}
	// Written comes once per update done in part, when the edited page
	// is on disk and the search index not yet.
	written := 0
	var check func()
	v.Written = func() {
		written++
		if check != nil {
			check()
		}
	}
	// edit changes the file name: replaces old by new, or sets the whole
	// file when old is "", or deletes it when new is "" too.
	edit := func(name, old, new string) {
		t.Helper()
		stamp = stamp.Add(time.Hour) // the file's time: its last-updated date
		f := content[name]
		switch {
		case old == "" && new == "":
			delete(content, name)
			return
		case old == "":
			content[name] = &fstest.MapFile{Data: []byte(new), ModTime: stamp}
			return
		}
		if f == nil || !bytes.Contains(f.Data, []byte(old)) {
			t.Fatalf("%s has no %q", name, old)
		}
		f.Data = bytes.Replace(f.Data, []byte(old), []byte(new), 1)
		f.ModTime = stamp
	}
	n := 0
	same := func(step string) {
		t.Helper()
		n++
		fresh := opts
		fresh.Out = filepath.Join(dir, "fresh", strings.Repeat("x", n))
		if _, err := Build(fresh); err != nil {
			t.Fatalf("%s: the full build fails: %v", step, err)
		}
		got, want := testkit.Snapshot(t, opts.Out), testkit.Snapshot(t, fresh.Out)
		if !maps.Equal(got, want) {
			var diff []string
			for n := range want {
				if got[n] != want[n] {
					diff = append(diff, n)
				}
			}
			for n := range got {
				if _, ok := want[n]; !ok {
					diff = append(diff, n+" (stale)")
				}
			}
			slices.Sort(diff)
			t.Errorf("%s: the preview's output differs from a full build in %v", step, diff)
		}
	}
	for _, c := range []struct {
		step           string
		name, old, new string
		partial        bool
		fails          string // a part of the error, when the edit breaks the build
	}{
		{"a paragraph", "da/regler.md", "bliver mellem jer", "bliver altid mellem jer", true, ""},
		{"the start page's text", "da/_index.md", "Velkommen til håndbogen.", "Velkommen til den nye håndbog.", true, ""},
		{"a heading no link points to", "da/regler.md", "## Ophør", "## Ophør af forløbet", true, ""},
		{"an English page", "en/forloeb/moeder.md", "Write notes.", "Write short notes.", true, ""},
		{"a page shown in English as a fallback", "da/forloeb/afklaring.md", "Tænk over dine mål.", "Tænk over dine mål og ønsker.", true, ""},
		{"a file beside it", "da/forloeb/skema.pdf", "", "%PDF-1.4 skema", false, ""},
		{"a link to the file from the page shown as a fallback", "da/forloeb/afklaring.md", "Tænk over dine mål og ønsker.", "Tænk over dine mål og ønsker ([skema](skema.pdf)).", true, ""},
		{"a heading a link points to", "da/regler.md", "## Tavshedspligt", "## Fortrolighed", true, "has no heading or anchor #tavshedspligt"},
		{"the heading back", "da/regler.md", "## Fortrolighed", "## Tavshedspligt", true, ""},
		{"a broken link", "da/regler.md", "Reglerne for programmet.", "Reglerne for [programmet](findes-ikke.md).", true, "findes-ikke.md"},
		{"the link mended", "da/regler.md", "[programmet](findes-ikke.md)", "[programmet](forloeb/afklaring.md#forberedelse)", true, ""},
		// regler.md is shown in Danish on the English site, where the
		// link leads to the English moeder.md, whose heading is #agenda.
		{"an anchor the English site lacks", "da/regler.md", "[programmet](forloeb/afklaring.md#forberedelse)", "[programmet](forloeb/moeder.md#dagsorden)", true, "on the English site, where this page is shown in Danish"},
		{"the anchor back", "da/regler.md", "[programmet](forloeb/moeder.md#dagsorden)", "[programmet](forloeb/afklaring.md#forberedelse)", true, ""},
		{"a title", "da/regler.md", "title: Regler", "title: Reglerne", false, ""},
		{"a new page", "da/forloeb/ny.md", "", "---\ntitle: Ny side\ndescription: En ny side.\nweight: 9\n---\n\nNy tekst med [regler](../regler.md#tavshedspligt).\n", false, ""},
		{"a deleted page", "da/forloeb/ny.md", "", "", false, ""},
	} {
		before := testkit.Snapshot(t, opts.Out)
		edit(c.name, c.old, c.new)
		was := written
		check = func() {
			if c.fails != "" || c.step != "a paragraph" {
				return
			}
			got := testkit.Snapshot(t, opts.Out)
			if !strings.Contains(got["da/regler/index.html"], c.new) {
				t.Errorf("%s: Written before the page was written", c.step)
			}
			for n, b := range got {
				if strings.HasPrefix(n, "assets/search-index.da.") && b != before[n] {
					t.Errorf("%s: Written after the search index %s was written", c.step, n)
				}
			}
		}
		// An editor (sed -i, vim) may write a temporary file beside the
		// page and rename it over the page: its name is among the
		// changes, and gone.
		_, partial, err := v.Update([]string{c.name, path.Dir(c.name) + "/sedAb12Cd"})
		want := 0
		if c.partial && c.fails == "" {
			want = 1
		}
		if written-was != want {
			t.Errorf("%s: Written called %d times, want %d", c.step, written-was, want)
		}
		if partial != c.partial {
			t.Errorf("%s: partial %v, want %v", c.step, partial, c.partial)
		}
		if c.fails != "" {
			if err == nil || !strings.Contains(err.Error(), c.fails) {
				t.Fatalf("%s: want an error with %q, got %v", c.step, c.fails, err)
			}
			if !maps.Equal(before, testkit.Snapshot(t, opts.Out)) {
				t.Errorf("%s: the failed update changed the output", c.step)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", c.step, err)
		}
		same(c.step)
	}
}
