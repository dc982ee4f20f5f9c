package main

import (
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/laegeforeningen/mentorprogram/internal/site/sitegen"
	"github.com/laegeforeningen/mentorprogram/internal/testkit"
)

func TestContentPages(t *testing.T) {
	c := filepath.Join("x", "content")
	for _, tc := range []struct {
		paths []string
		want  []string
		ok    bool
	}{
		{[]string{filepath.Join(c, "da", "a.md")}, []string{"da/a.md"}, true},
		{[]string{filepath.Join(c, "da", "a.md"), filepath.Join(c, "da", ".a.md.swp")}, []string{"da/a.md"}, true},
		{[]string{filepath.Join(c, "da", "billede.png"), filepath.Join(c, "da", "sedAb12Cd")}, []string{"da/billede.png", "da/sedAb12Cd"}, true},
		{[]string{filepath.Join("x", "templates", "base.html")}, nil, false},
		{[]string{filepath.Join("x", "data", "programme.yaml")}, nil, false},
		{nil, nil, false},
	} {
		got, ok := contentPages(c, tc.paths)
		if ok != tc.ok || !slices.Equal(got, tc.want) {
			t.Errorf("contentPages(%v) = %v, %v; want %v, %v", tc.paths, got, ok, tc.want, tc.ok)
		}
	}
}

// TestWatchEvents: the file events name the file written, also one
// written after the watches began and before they are read (while the
// preview's first build runs: the preview missed an edit made as soon as
// its server answered), and the files of a folder made while watching; a
// stop ends the watch.
func TestWatchEvents(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("inotify is Linux's")
	}
	dir := t.TempDir()
	stop := make(chan struct{})
	got := make(chan []string, 10)
	done := make(chan error)
	ev, err := startEvents([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	early := filepath.Join(dir, "early.md")
	if err := os.WriteFile(early, []byte("early"), 0o644); err != nil {
		t.Fatal(err)
	}
	go func() { done <- ev.run(5*time.Millisecond, func(p []string) { got <- p }, stop) }()
	want := func(what string, names ...string) {
		t.Helper()
		seen := map[string]bool{}
		deadline := time.After(10 * time.Second)
		for {
			select {
			case ps := <-got:
				for _, p := range ps {
					seen[p] = true
				}
			case <-deadline:
				t.Fatalf("%s: saw %v, want %v", what, seen, names)
			}
			all := true
			for _, n := range names {
				all = all && seen[n]
			}
			if all {
				return
			}
		}
	}
	want("a file written before the events are read", early)
	a := filepath.Join(dir, "a.md")
	if err := os.WriteFile(a, []byte("a"), 0o644); err != nil {
		t.Fatal(err)
	}
	want("a new file", a)
	sub := filepath.Join(dir, "sub")
	tmp := filepath.Join(t.TempDir(), "sub")
	os.MkdirAll(tmp, 0o755)
	os.WriteFile(filepath.Join(tmp, "b.md"), []byte("b"), 0o644)
	if err := os.Rename(tmp, sub); err != nil {
		t.Fatal(err)
	}
	want("a folder moved in", sub, filepath.Join(sub, "b.md"))
	c := filepath.Join(sub, "c.md")
	if err := os.WriteFile(c, []byte("c"), 0o644); err != nil {
		t.Fatal(err)
	}
	want("a file in the new folder", c)
	close(stop)
	select {
	case err := <-done:
		if err != nil {
			t.Error(err)
		}
	case <-time.After(10 * time.Second):
		t.Error("the events did not end after stop")
	}
}

// startServe runs the preview of the project in dir on a free port and
// returns its base URL and its output; it stops with the test.
func startServe(tb testing.TB, dir string, extra ...string) (string, *testkit.SyncBuffer) {
	tb.Helper()
	c, err := parseArgs(args(dir, append([]string{"-serve"}, extra...)...), io.Discard)
	if err != nil {
		tb.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	stop := make(chan struct{})
	var stdout testkit.SyncBuffer
	served := make(chan error, 1)
	go func() { served <- serveOn(ln, c, &stdout, io.Discard, stop) }()
	tb.Cleanup(func() {
		close(stop)
		select {
		case <-served:
		case <-time.After(10 * time.Second):
			tb.Error("serveOn did not return after stop was closed")
		}
	})
	return "http://" + ln.Addr().String() + "/", &stdout
}

// TestServeInPart: an edit of a page's text is rebuilt in part, a title
// edit in full, and the page shows each.
func TestServeInPart(t *testing.T) {
	dir := project(t)
	base, stdout := startServe(t, dir)
	file := filepath.Join(dir, "content", "da", "forloeb", "moeder.md")
	for i, c := range []struct{ old, new, how string }{
		{"Mødernes indhold aftaler I selv.", "Mødernes indhold aftaler I altid selv.", "in part"},
		{"title: Møderne", "title: Møderne i forløbet", "in full"},
	} {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		reload := waitReload(t, base)
		if err := os.WriteFile(file, []byte(strings.Replace(string(src), c.old, c.new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		select {
		case <-reload:
		case <-time.After(15 * time.Second):
			t.Fatalf("no reload after %q", c.new)
		}
		if _, body := get(t, base+"da/forloeb/moeder/"); !strings.Contains(body, strings.TrimPrefix(c.new, "title: ")) {
			t.Errorf("the page does not show %q", c.new)
		}
		// The reload may come before the update's line (the search index
		// follows it).
		if last := waitUpdate(t, stdout, i); !strings.HasSuffix(last, ", "+c.how) {
			t.Errorf("after %q the preview said %q, want it done %s", c.new, last, c.how)
		}
	}
}

// waitUpdate waits until the preview has said the (n+1)th update's
// summary ("build: … in part" or "in full") on stdout, and returns it.
func waitUpdate(tb testing.TB, stdout *testkit.SyncBuffer, n int) string {
	tb.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		var done []string
		for _, l := range strings.Split(stdout.String(), "\n") {
			if strings.HasPrefix(l, "build: ") && (strings.HasSuffix(l, ", in part") || strings.HasSuffix(l, ", in full")) {
				done = append(done, l)
			}
		}
		if len(done) > n {
			return done[n]
		}
		time.Sleep(time.Millisecond)
	}
	tb.Fatalf("the preview did not finish update %d:\n%s", n+1, stdout.String())
	return ""
}

// BenchmarkPreviewEdit1000 is the preview of 1,000 pages (internal/site's
// synthetic handbook, Danish only): one op edits a paragraph of one page
// and waits for the reload event, so it measures from the file's change,
// through the file event, the partial rebuild and its writes, to the
// event the browser gets; then, untimed, for the search index, which
// follows the reload.
func BenchmarkPreviewEdit1000(b *testing.B) {
	dir := project(b)
	content := filepath.Join(dir, "content")
	os.RemoveAll(content)
	if _, err := sitegen.Generate(content, 1000); err != nil {
		b.Fatal(err)
	}
	var page string
	filepath.WalkDir(filepath.Join(content, "da"), func(p string, d os.DirEntry, err error) error {
		if err == nil && page == "" && !d.IsDir() && !strings.HasSuffix(p, "_index.md") {
			page = p
		}
		return nil
	})
	src, err := os.ReadFile(page)
	if err != nil {
		b.Fatal(err)
	}
	base, stdout := startServe(b, dir, "-private", "")
	// The first build, before the server serves, is not timed: an op is
	// an edit's update, not the start.
	for deadline := time.Now().Add(60 * time.Second); !strings.Contains(stdout.String(), "build: serving "); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			b.Fatalf("the preview did not start:\n%s", stdout.String())
		}
	}
	i := 0
	var cpu time.Duration // the process's processor time while timed
	for b.Loop() {
		reload := waitReload(b, base)
		c0 := testkit.CPUTime()
		i++
		if err := os.WriteFile(page, fmt.Appendf(nil, "%s\nEt nyt afsnit, nummer %d.\n", src, i), 0o644); err != nil {
			b.Fatal(err)
		}
		select {
		case <-reload:
		case <-time.After(60 * time.Second):
			b.Fatal("no reload")
		}
		cpu += testkit.CPUTime() - c0
		// An author saves again later: the search index, which follows
		// the reload, is done before the next edit.
		b.StopTimer()
		waitUpdate(b, stdout, i-1)
		b.StartTimer()
	}
	b.StopTimer()
	if cpu > 0 {
		b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
	}
	if !strings.Contains(stdout.String(), "in part") {
		b.Fatalf("the edits were not rebuilt in part:\n%s", stdout.String())
	}
}
