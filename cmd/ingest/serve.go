package main

import (
	"context"
	"fmt"
	"io"
	"time"

	mentorprogram "github.com/laegeforeningen/mentorprogram"
	"github.com/laegeforeningen/mentorprogram/internal/cli"
	"github.com/laegeforeningen/mentorprogram/internal/desk"
	"github.com/laegeforeningen/mentorprogram/internal/ingest"
	"github.com/laegeforeningen/mentorprogram/internal/programme"
	"github.com/laegeforeningen/mentorprogram/internal/version"
)

// deskContext is the desk's lifetime: the process's, until a signal stops
// it (tests end it sooner).
var deskContext = context.Background

// deskFlags are the flags of the desk (-serve, or no arguments at all).
type deskFlags struct {
	serve    bool
	addr     string
	open     bool
	handbook string
}

// serveDesk runs the secretariat's desk until the process is stopped
// (Ctrl-C: proc.HandleSignals runs the desk's clean stop). The first line
// on stdout is the URL to open. data is "" when -data was not given: the
// desk uses the folder chosen before, or asks.
func serveDesk(df deskFlags, data, templates string, today *programme.Date, stdout, stderr io.Writer) error {
	opts := desk.Options{
		Addr: df.addr, Data: data, Theme: theme(templates), DefaultProgramme: mentorprogram.DefaultProgramme(),
		Version: version.String(), Handbook: df.handbook,
		Today: func() programme.Date {
			if today != nil {
				return *today
			}
			return ingest.Today(time.Now())
		},
	}
	s, err := desk.New(opts)
	if err != nil {
		return cli.Fail(exitError, err, "")
	}
	fmt.Fprintln(stdout, s.URL())
	fmt.Fprintln(stderr, "Skrivebordet kører på denne computer. Stop det med Ctrl-C, eller luk vinduet.")
	if df.open {
		if err := desk.Open(s.URL()); err != nil {
			fmt.Fprintln(stderr, "Åbn adressen ovenfor i din browser.")
		}
	}
	return s.Serve(deskContext())
}
