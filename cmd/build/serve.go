package main

import (
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/laegeforeningen/mentorprogram/internal/site"
)

// live tells the open pages to reload, and holds the last build error.
type live struct {
	mu      sync.Mutex
	gen     int
	err     error
	waiters []chan struct{}
}

func (l *live) built(err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.gen++
	l.err = err
	for _, w := range l.waiters {
		close(w)
	}
	l.waiters = nil
}

func (l *live) wait() chan struct{} {
	l.mu.Lock()
	defer l.mu.Unlock()
	w := make(chan struct{})
	l.waiters = append(l.waiters, w)
	return w
}

func (l *live) lastErr() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.err
}

// serve builds the site, serves it on c.addr and rebuilds when a file of
// content, templates or data changes. A failed build shows as a page.
func serve(c config, stdout, stderr io.Writer) error {
	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		return fmt.Errorf("-serve cannot listen on %s: %w; stop what uses it, or choose another address with -addr", c.addr, err)
	}
	return serveOn(ln, c, stdout, stderr, nil)
}

// serveOn is serve on a listener that is already open; it returns when stop
// is closed (never, for a nil stop).
func serveOn(ln net.Listener, c config, stdout, stderr io.Writer, stop <-chan struct{}) error {
	c.baseURL = "http://" + ln.Addr().String() + "/"
	lv := &live{}
	var pv preview
	// changed rebuilds after paths changed (nil: anything): only the
	// pages concerned when they are pages of content/ (site.Preview
	// decides how much that is), else everything.
	changed := func(paths []string) {
		var err error
		reloaded := false
		if pages, ok := contentPages(c.content, paths); ok && pv.site != nil {
			start := time.Now()
			// The reload goes out as soon as the pages are written; the
			// search index follows.
			pv.site.Written = func() {
				lv.built(nil)
				reloaded = true
			}
			var sum site.Summary
			var partial bool
			sum, partial, err = pv.site.Update(pages)
			sum.Warnings = append(slices.Clone(sum.Warnings), pv.warnings...)
			if err == nil {
				how := "in full"
				if partial {
					how = "in part"
				}
				fmt.Fprintf(stdout, "build: %s into %s in %v, %s\n", sum, c.out, time.Since(start).Round(time.Millisecond), how)
			}
		} else {
			_, err = build(c, stdout, stderr, &pv)
		}
		if err != nil {
			fmt.Fprintf(stderr, "build: %v\n", err)
		}
		if err != nil || !reloaded {
			lv.built(err)
		}
	}
	// The watches are in place before the first build: a change made
	// while it runs, or as soon as the server answers, is not missed.
	dirs := []string{c.content, c.templates, c.data}
	ev, everr := startEvents(dirs)
	var last string // the files as the first build found them, for polling
	if everr != nil {
		last = stamp(dirs)
	}
	changed(nil)
	fmt.Fprintf(stdout, "build: serving %s on http://%s/ (Ctrl-C stops)\n", c.out, ln.Addr())
	mux := http.NewServeMux()
	mux.HandleFunc("/_live", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		w.Header().Set("Cache-Control", "no-store")
		// Waiting from before the stream opens: a build that ends while
		// it opens is not missed.
		reload := lv.wait()
		fl, _ := w.(http.Flusher)
		fmt.Fprint(w, ": live\n\n")
		if fl != nil {
			fl.Flush()
		}
		select {
		case <-reload:
			fmt.Fprint(w, "event: reload\ndata: 1\n\n")
			if fl != nil {
				fl.Flush()
			}
		case <-r.Context().Done():
		case <-stop:
		}
	})
	files := http.FileServer(http.Dir(c.out))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if err := lv.lastErr(); err != nil {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusInternalServerError)
			fmt.Fprintf(w, errorPage, html.EscapeString(err.Error()))
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		files.ServeHTTP(w, r)
	})
	srv := &http.Server{Handler: mux}
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		if everr == nil {
			err := ev.run(10*time.Millisecond, changed, stop)
			if err == nil {
				return
			}
			last = stamp(dirs)
			changed(nil) // what the events may have missed
		}
		watch(dirs, last, 300*time.Millisecond, func() { changed(nil) }, stop)
	}()
	if stop != nil {
		go func() {
			<-stop
			_ = srv.Close()
		}()
	}
	err := srv.Serve(ln)
	if stop != nil {
		<-watched
	}
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// errorPage shows a failed build in the browser; it reloads itself (the
// script is the site's live.js, which the failed build may not have, so
// a meta refresh does it).
const errorPage = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="2">
<title>Build failed</title></head>
<body><main><h1>The build failed</h1>
<p>Fix the errors below; the page reloads when the build succeeds.</p>
<pre>%s</pre></main></body></html>
`

// errEventsEnded is events.run's error when the file events stop coming
// without a stop: the preview polls from then on.
var errEventsEnded = errors.New("the file events ended")

// contentPages turns the changed paths into the content's own names
// ("da/regler.md") when every one is under content (files and folders
// whose names begin with a dot, as editors' swap files do, are not content
// and are left out); ok is false for anything else (the theme, data/),
// which needs a full build. site.Preview decides what the content's
// changes need.
func contentPages(content string, paths []string) (pages []string, ok bool) {
	if paths == nil {
		return nil, false
	}
	for _, p := range paths {
		r, err := filepath.Rel(content, p)
		if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
			return nil, false
		}
		r = filepath.ToSlash(r)
		if strings.HasPrefix(r, ".") || strings.Contains(r, "/.") {
			continue
		}
		pages = append(pages, r)
	}
	return pages, true
}

// watch calls fn when a file under dirs changes from last (stamp's),
// checking every interval, until stop is closed (where file events cannot
// be had).
func watch(dirs []string, last string, interval time.Duration, fn func(), stop <-chan struct{}) {
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		select {
		case <-stop:
			return
		case <-tick.C:
		}
		if s := stamp(dirs); s != last {
			last = s
			fn()
		}
	}
}

// stamp sums up the names, sizes and times of the files under dirs.
func stamp(dirs []string) string {
	h := ""
	var n int
	var latest time.Time
	var size int64
	for _, d := range dirs {
		_ = filepath.WalkDir(d, func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if fi, err := e.Info(); err == nil {
				n++
				size += fi.Size()
				if fi.ModTime().After(latest) {
					latest = fi.ModTime()
				}
			}
			return nil
		})
	}
	if _, err := os.Stat(dirs[0]); err != nil {
		h = err.Error()
	}
	return fmt.Sprintf("%d %d %d %s", n, size, latest.UnixNano(), h)
}
