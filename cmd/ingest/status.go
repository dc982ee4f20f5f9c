package main

import (
	"os"

	"github.com/laegeforeningen/mentorprogram/internal/programme"
	"github.com/laegeforeningen/mentorprogram/internal/status"
)

func init() {
	regenerate = func(ds *programme.Dataset, today programme.Date, private, templates string) error {
		return status.New(ds, today).WritePrivate(private, os.DirFS(templates))
	}
}
