// Package version is the version of the built program: stamped at build
// time with -ldflags "-X github.com/laegeforeningen/mentorprogram/internal/version.Version=v1.2.3"
// (the release workflow does), else read from the build information Go
// records (the module version, or the commit and whether the tree was
// modified).
package version

import "runtime/debug"

// Version is set by the linker; empty in a plain go build or go run.
var Version string

// String is the version to show: Version when stamped, else what the build
// information says, else "dev".
func String() string {
	if Version != "" {
		return Version
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "dev"
	}
	return fromBuildInfo(bi)
}

func fromBuildInfo(bi *debug.BuildInfo) string {
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if rev == "" {
		return "dev"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if modified == "true" {
		rev += "-modified"
	}
	return "dev-" + rev
}
