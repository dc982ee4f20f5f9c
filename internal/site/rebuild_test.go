package site

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/laegeforeningen/mentorprogram/internal/testkit"
)

// TestRebuildWritesOnlyChanges: a rebuild over an earlier build, after a
// paragraph of one page changed, writes that page, its English fallback,
// the print pages, the search index (a new name: the old one goes) and
// the search page that names it, and
// leaves every other file untouched; the result is the same as a build
// into a new folder.
func TestRebuildWritesOnlyChanges(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	opts := fixture(t, out)
	content := mapFS(t, filepath.Join("testdata", "site"))
	opts.Content = content
	if _, err := Build(opts); err != nil {
		t.Fatal(err)
	}
	first := testkit.Snapshot(t, out)
	past := time.Now().Add(-time.Hour)
	before := map[string]os.FileInfo{}
	for n := range first {
		p := filepath.Join(out, filepath.FromSlash(n))
		if err := os.Chtimes(p, past, past); err != nil {
			t.Fatal(err)
		}
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		before[n] = fi
	}
	// Nothing changed: nothing is written.
	sum, err := Build(opts)
	if err != nil {
		t.Fatal(err)
	}
	if !sum.Updated || sum.Written != 0 || sum.Removed != 0 {
		t.Errorf("a rebuild of the same input: %+v, want nothing written or removed", sum)
	}
	if !strings.Contains(sum.String(), "(0 changed, 0 removed)") {
		t.Errorf("summary %q does not say what changed", sum)
	}
	// One paragraph changes.
	f := content["da/regler.md"]
	f.Data = bytes.Replace(f.Data, []byte("bliver mellem jer"), []byte("bliver altid mellem jer"), 1)
	sum, err = Build(opts)
	if err != nil {
		t.Fatal(err)
	}
	second := testkit.Snapshot(t, out)
	var written, removed []string
	for n, fi := range before {
		p := filepath.Join(out, filepath.FromSlash(n))
		now, err := os.Stat(p)
		switch {
		case err != nil:
			removed = append(removed, n)
		case !os.SameFile(fi, now) || !now.ModTime().Equal(fi.ModTime()):
			written = append(written, n)
		}
	}
	for n := range second {
		if _, ok := first[n]; !ok {
			written = append(written, n)
		}
	}
	slices.Sort(written)
	var wantWritten []string
	for n := range second {
		if n == "da/regler/index.html" || n == "en/regler/index.html" || n == "da/udskriv/index.html" ||
			n == "en/print/index.html" || n == "da/soeg/index.html" || strings.HasPrefix(n, "assets/search-index.da.") {
			wantWritten = append(wantWritten, n)
		}
	}
	slices.Sort(wantWritten)
	if !slices.Equal(written, wantWritten) {
		t.Errorf("written %v, want %v", written, wantWritten)
	}
	if len(removed) != 1 || !strings.HasPrefix(removed[0], "assets/search-index.da.") {
		t.Errorf("removed %v, want the old Danish search index", removed)
	}
	if sum.Written != len(wantWritten) || sum.Removed != 1 {
		t.Errorf("summary %+v, want %d written, 1 removed", sum, len(wantWritten))
	}
	// The same as a build into a new folder.
	fresh := fixture(t, filepath.Join(dir, "fresh"))
	fresh.Content = content
	if sum, err := Build(fresh); err != nil || sum.Updated {
		t.Fatalf("a build into a new folder: %+v, %v", sum, err)
	}
	if !maps.Equal(second, testkit.Snapshot(t, fresh.Out)) {
		t.Error("the rebuild differs from a build into a new folder")
	}
}

// TestFailedRebuildKeepsPrevious: a rebuild whose content has an error
// writes nothing, also not the pages that did change.
func TestFailedRebuildKeepsPrevious(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	opts := fixture(t, out)
	content := mapFS(t, filepath.Join("testdata", "site"))
	opts.Content = content
	if _, err := Build(opts); err != nil {
		t.Fatal(err)
	}
	first := testkit.Snapshot(t, out)
	content["da/regler.md"].Data = append(content["da/regler.md"].Data, "\nNyt afsnit.\n"...)
	content["da/ark.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Ark\n---\n[brudt](findes-ikke.md)\n")}
	if _, err := Build(opts); err == nil || !strings.Contains(err.Error(), "findes-ikke.md") {
		t.Fatalf("want the broken link's error, got %v", err)
	}
	if !maps.Equal(first, testkit.Snapshot(t, out)) {
		t.Error("a failed rebuild changed the previous output")
	}
}
