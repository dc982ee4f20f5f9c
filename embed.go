// Package mentorprogram holds the files the commands carry inside them:
// the theme (templates/) and the default programme.yaml. It lives at the
// module's root because go:embed reaches only folders at or below the
// package that embeds them; so the built ingest program works from any
// folder, without a clone of the repository.
package mentorprogram

import (
	"embed"
	"io/fs"
)

//go:embed templates data/programme.yaml
var files embed.FS

// Templates is the theme as it was when the program was built: base.html,
// partials/, layouts/, i18n/ and assets/.
func Templates() fs.FS {
	sub, err := fs.Sub(files, "templates")
	if err != nil {
		panic(err) // the embed pattern names the folder
	}
	return sub
}

// DefaultProgramme is data/programme.yaml as it was when the program was
// built: the rules, thresholds and evaluation questions a new register
// starts from.
func DefaultProgramme() []byte {
	b, err := files.ReadFile("data/programme.yaml")
	if err != nil {
		panic(err) // the embed pattern names the file
	}
	return b
}
