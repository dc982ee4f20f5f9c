//go:build !linux

package main

import (
	"errors"
	"time"
)

// events are inotify's (watch_linux.go); elsewhere the preview polls.
type events struct{}

var errNoEvents = errors.New("no file events here")

func startEvents(dirs []string) (*events, error) { return nil, errNoEvents }

func (e *events) run(settle time.Duration, fn func(paths []string), stop <-chan struct{}) error {
	return errNoEvents
}
