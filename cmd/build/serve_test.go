package main

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/laegeforeningen/mentorprogram/internal/cli"
	"github.com/laegeforeningen/mentorprogram/internal/testkit"
)

// get fetches url and returns the status code and body.
func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// waitReload opens the live-reload stream and returns a channel that
// receives once the server announces a rebuild.
func waitReload(t testing.TB, base string) <-chan struct{} {
	t.Helper()
	resp, err := http.Get(base + "_live")
	if err != nil {
		t.Fatal(err)
	}
	r := bufio.NewReader(resp.Body)
	if line, err := r.ReadString('\n'); err != nil || line != ": live\n" {
		t.Fatalf("_live first line = %q, %v", line, err)
	}
	done := make(chan struct{})
	go func() {
		defer resp.Body.Close()
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			if line == "event: reload\n" {
				close(done)
				return
			}
		}
	}()
	return done
}

func TestServe(t *testing.T) {
	dir := project(t)
	c, err := parseArgs(args(dir, "-serve"), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String() + "/"
	stop := make(chan struct{})
	var stdout, stderr testkit.SyncBuffer
	served := make(chan error, 1)
	go func() { served <- serveOn(ln, c, &stdout, &stderr, stop) }()
	defer func() {
		close(stop)
		select {
		case err := <-served:
			if err != nil {
				t.Errorf("serveOn: %v", err)
			}
		case <-time.After(10 * time.Second):
			t.Error("serveOn did not return after stop was closed")
		}
	}()

	page := base + "da/regler/"
	code, body := get(t, page)
	if code != http.StatusOK || !strings.Contains(body, "Reglerne for programmet.") {
		t.Fatalf("GET %s = %d, want the rules page", page, code)
	}
	if !strings.Contains(body, `href="`+base+`da/regler/"`) {
		t.Error("the preview's canonical URL is not the server's address")
	}
	if !strings.Contains(body, "live.") {
		t.Error("the preview page does not load the live-reload script")
	}

	edit := func(src string) {
		t.Helper()
		reload := waitReload(t, base)
		if err := os.WriteFile(filepath.Join(dir, "content", "da", "regler.md"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		select {
		case <-reload:
		case <-time.After(15 * time.Second):
			t.Fatalf("no reload event after editing regler.md\nstderr: %s", stderr.String())
		}
	}

	edit("---\ntitle: Regler\nweight: 2\n---\n\nNy tekst om reglerne.\n\n## Tavshedspligt\n")
	if code, body := get(t, page); code != http.StatusOK || !strings.Contains(body, "Ny tekst om reglerne.") {
		t.Errorf("after the edit GET = %d, want the new text", code)
	}

	edit("---\ntitle: Regler\nweight: 2\n---\n\n[a](findes-ikke.md)\n\n## Tavshedspligt\n")
	code, body = get(t, page)
	if code != http.StatusInternalServerError || !strings.Contains(body, "The build failed") || !strings.Contains(body, "regler.md:6:") {
		t.Errorf("broken link: GET = %d %q, want 500 with the error and its place", code, body)
	}
	if !strings.Contains(stderr.String(), "findes-ikke.md") {
		t.Errorf("stderr = %q, want the build error", stderr.String())
	}

	edit("---\ntitle: Regler\nweight: 2\n---\n\nRettet igen.\n\n## Tavshedspligt\n")
	if code, body := get(t, page); code != http.StatusOK || !strings.Contains(body, "Rettet igen.") {
		t.Errorf("after the fix GET = %d, want the page back", code)
	}
}

// TestServeAddressInUse: -serve on an address that is in use says so, with
// the address, and exits with status 1.
func TestServeAddressInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	dir := project(t)
	var stdout, stderr bytes.Buffer
	code := cli.Exit("build", 1, run(args(dir, "-serve", "-addr", ln.Addr().String()), &stdout, &stderr), &stderr)
	if code != 1 || !strings.Contains(stderr.String(), "build: -serve cannot listen on "+ln.Addr().String()) || !strings.Contains(stderr.String(), "-addr") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr.String())
	}
}
