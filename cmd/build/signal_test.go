package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/laegeforeningen/mentorprogram/internal/outdir"
	"github.com/laegeforeningen/mentorprogram/internal/testkit"
)

// TestStoppedBuild stops a real build process with SIGTERM while it is
// about to put the new private/ in place: the new folders (the status
// pages' with names in it) are removed, the old ones are intact, and the
// exit status is 143.
func TestStoppedBuild(t *testing.T) {
	if args := os.Getenv("BUILD_SIGNAL_CHILD_ARGS"); args != "" {
		outdir.Hook = func(point, from, to string) error {
			if point == "swap" && filepath.Base(to) == "private" {
				fmt.Fprintln(os.Stderr, "stalled writing private")
				time.Sleep(time.Hour)
			}
			return nil
		}
		os.Exit(buildMain(strings.Split(args, "\x1f"), os.Stdout, os.Stderr))
	}
	if runtime.GOOS == "windows" {
		t.Skip("no signals on Windows")
	}
	dir := project(t)
	var stdout, stderr bytes.Buffer
	if err := runBuild(args(dir), &stdout, &stderr); err != nil {
		t.Fatalf("first build: %v\n%s", err, stderr.String())
	}
	before := testkit.Snapshot(t, filepath.Join(dir, "private"))
	cmd := exec.Command(os.Args[0], "-test.run=^TestStoppedBuild$")
	cmd.Env = append(os.Environ(), "BUILD_SIGNAL_CHILD_ARGS="+strings.Join(args(dir, "-today", "2026-12-24"), "\x1f"))
	out := testkit.StartUntil(t, cmd, "stalled writing private", 60*time.Second)
	leftovers := func() []string {
		m, _ := filepath.Glob(filepath.Join(dir, ".private.new-*"))
		return m
	}
	if len(leftovers()) == 0 {
		t.Fatal("no new folder beside private/: the test stalls in the wrong place")
	}
	cmd.Process.Signal(syscall.SIGTERM)
	err := cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 143 || !strings.Contains(out.String(), "build: stopped by terminated") {
		t.Errorf("child: %v\n%s", err, out.String())
	}
	if l := leftovers(); len(l) > 0 {
		t.Errorf("left behind: %v", l)
	}
	if after := testkit.Snapshot(t, filepath.Join(dir, "private")); !reflect.DeepEqual(before, after) {
		t.Error("private/ changed")
	}
}
