// Package cli is the one error convention of the commands (cmd/build,
// cmd/ingest): a command's run function returns an error, and its main
// hands that error to Exit, which prints it once, each line prefixed with
// the command's name, and returns the exit status the error's kind asks
// for. So run never prints its own errors and never picks an exit status
// by hand.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// Error is an error with the exit status it asks for.
type Error struct {
	Code int   // the exit status
	Err  error // what went wrong; nil when the output already said it
	// Usage marks a mistake in the command line: Exit adds how to get help.
	Usage bool
	// Printed says that Err has been printed already (by the flag
	// package, with the usage): Exit prints nothing.
	Printed bool
	// Hint is printed after the message as it is, without the prefix: what
	// to do, and what was or was not saved.
	Hint string
}

func (e *Error) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit status %d", e.Code)
	}
	return e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }

// Fail is err with the exit status code and a hint (may be empty).
func Fail(code int, err error, hint string) error {
	return &Error{Code: code, Err: err, Hint: hint}
}

// Usage is a mistake in the command line: exit status 2.
func Usage(format string, a ...any) error {
	return &Error{Code: 2, Err: fmt.Errorf(format, a...), Usage: true}
}

// Flag is an error of flag.FlagSet.Parse, which has printed it and the
// usage: exit status 2, nothing more printed. flag.ErrHelp is no error.
func Flag(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return err
	}
	return &Error{Code: 2, Err: err, Printed: true}
}

// Status is an exit status with nothing to print: the command's output
// (a report, the flag package's usage text) has said why.
func Status(code int) error { return &Error{Code: code} }

// Exit prints err to stderr and returns the exit status for it: 0 for nil
// and flag.ErrHelp, the Code of an *Error in err's chain, and def for any
// other error.
func Exit(name string, def int, err error, stderr io.Writer) int {
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return 0
	}
	code, usage, hint := def, false, ""
	var e *Error
	if errors.As(err, &e) {
		code, usage, hint = e.Code, e.Usage, e.Hint
		if e.Err == nil || e.Printed {
			return code
		}
	}
	fmt.Fprintf(stderr, "%s: %s\n", name, strings.ReplaceAll(err.Error(), "\n", "\n"+name+": "))
	if hint != "" {
		fmt.Fprintln(stderr, hint)
	}
	if usage {
		fmt.Fprintf(stderr, "Run %s -h for help.\n", name)
	}
	return code
}
