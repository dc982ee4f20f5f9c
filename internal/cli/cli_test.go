package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"testing"
)

func TestExit(t *testing.T) {
	for _, tc := range []struct {
		name   string
		err    error
		code   int
		stderr string
	}{
		{"nil", nil, 0, ""},
		{"help", flag.ErrHelp, 0, ""},
		{"flag", Flag(errors.New("flag provided but not defined: -x")), 2, ""},
		{"flag help", Flag(fmt.Errorf("parse: %w", flag.ErrHelp)), 0, ""},
		{"plain", errors.New("a.md:3: bad\nb.md:4: worse"), 7, "cmd: a.md:3: bad\ncmd: b.md:4: worse\n"},
		{"usage", Usage("-today %q: bad", "x"), 2, "cmd: -today \"x\": bad\nRun cmd -h for help.\n"},
		{"status", Status(1), 1, ""},
		{"fail", Fail(3, errors.New("saved, but"), "Do this."), 3, "cmd: saved, but\nDo this.\n"},
		{"wrapped", fmt.Errorf("outer: %w", Fail(4, errors.New("inner"), "")), 4, "cmd: outer: inner\n"},
	} {
		var b bytes.Buffer
		if code := Exit("cmd", 7, tc.err, &b); code != tc.code || b.String() != tc.stderr {
			t.Errorf("%s: exit %d, stderr %q; want %d, %q", tc.name, code, b.String(), tc.code, tc.stderr)
		}
	}
}
