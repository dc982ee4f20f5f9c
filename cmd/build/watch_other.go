//go:build !linux

package main

import (
	"errors"
	"time"
)

// watchEvents is inotify's (watch_linux.go); elsewhere the preview polls.
func watchEvents(dirs []string, settle time.Duration, fn func(paths []string), stop <-chan struct{}) error {
	return errors.New("no file events here")
}
