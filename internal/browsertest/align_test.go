package browsertest

import (
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// alignedPage is a handbook page with a table whose columns are aligned
// left, right, centre and not at all.
const alignedPage = `---
title: Justeret tabel
description: En tabel med justerede kolonner.
---

| Venstre | Højre | Midte | Ingen |
|:--|--:|:-:|---|
| a | 12 | x | y |
| bb | 3 | yy | z |
`

// TestAlignedTableUnderCSP: a Markdown table's aligned columns are aligned
// as a reader sees them, on the page and on the print page, under the
// strict Content-Security-Policy (which blocks the inline style goldmark
// would write), nothing on the page breaks the policy, and both pages are
// valid HTML by the Nu HTML checker (which flags the obsolete align=).
func TestAlignedTableUnderCSP(t *testing.T) {
	b, s := needSite(t)
	if siteTmp == "" {
		t.Skip("a prebuilt site: no build tool to build a page of the test's own")
	}
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	if err := os.CopyFS(content, os.DirFS(filepath.Join(s.root, "content"))); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(content, "da", "justeret-tabel.md"), []byte(alignedPage), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(filepath.Join(siteTmp, "mentor-build"),
		"-content", content, "-templates", filepath.Join(s.root, "templates"),
		"-data", filepath.Join(s.root, "data"), "-out", filepath.Join(dir, "public"), "-private", "",
		"-today", Today).CombinedOutput()
	if err != nil {
		t.Fatalf("build with an aligned table: %v\n%s", err, out)
	}
	nu := NeedNu(t)
	nu.Check(t, filepath.Join(dir, "public", "da", "justeret-tabel"), filepath.Join(dir, "public", filepath.FromSlash(pagePath(t, s, printPath))))
	srv := NewServer(filepath.Join(dir, "public"), "/", http.Header{"Content-Security-Policy": {StrictCSP}})
	defer srv.Close()
	// Each column's header and body cells, as the browser aligns them.
	want := "left left left | right right right | center center center | left left left"
	for _, path := range []string{"da/justeret-tabel/", pagePath(t, s, printPath)} {
		t.Run(strings.Trim(path, "/"), func(t *testing.T) {
			ctx, rec := openCSP(t, b, srv.URLOf(path))
			got := eval[string](t, ctx, `(() => {
				const h = [...document.querySelectorAll('main h1, main h2')].find(h => h.textContent.trim() === 'Justeret tabel');
				const scope = h && (h.closest('.print-part') || document.querySelector('main'));
				const table = scope && scope.querySelector('.content table');
				if (!table) return 'no table';
				const cols = [0, 1, 2, 3].map(i => [...table.rows].map(r => getComputedStyle(r.cells[i]).textAlign));
				return cols.map(c => c.join(' ')).join(' | ');
			})()`)
			if got != want {
				t.Errorf("%s under %q: the columns are aligned %q, want %q", path, StrictCSP, got, want)
			}
			time.Sleep(200 * time.Millisecond)
			if v := cspViolations(t, ctx, rec); len(v) > 0 {
				t.Errorf("%s under %q: %d CSP violations:\n  %s", path, StrictCSP, len(v), strings.Join(v, "\n  "))
			}
		})
	}
}
