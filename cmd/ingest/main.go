package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
	_ "time/tzdata" // Europe/Copenhagen on systems without a zone database

	"github.com/laegeforeningen/mentorprogram/internal/ingest"
	"github.com/laegeforeningen/mentorprogram/internal/programme"
	"github.com/laegeforeningen/mentorprogram/internal/sheet"
	"github.com/laegeforeningen/mentorprogram/internal/store"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// Exit statuses.
const (
	exitOK       = 0
	exitRejected = 1
	exitError    = 2
)

// regenerate writes the private status pages after a successful run (set in
// status.go; tests replace it).
var regenerate func(ds *programme.Dataset, today programme.Date, private, templates string) error

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		data      = fs.String("data", "data", "the data `folder`")
		todayS    = fs.String("today", "", "the reference `date` YYYY-MM-DD (default today in Europe/Copenhagen)")
		dryRun    = fs.Bool("dry-run", false, "report what would change; write nothing")
		strict    = fs.Bool("strict", false, "apply nothing if any row is rejected")
		rejects   = fs.String("rejects", ".", "the `folder` for rejected rows")
		asJSON    = fs.Bool("json", false, "write the report as JSON on stdout")
		kindS     = fs.String("kind", "", "the `kind` of every file: signups, meetings or evaluations (default: from the headers)")
		orderS    = fs.String("date-order", "dmy", "how to read dates like 3/4/2026: dmy or mdy")
		private   = fs.String("private", "private", "the private status pages `folder`, regenerated after a successful run (\"\" to skip)")
		templates = fs.String("templates", "templates", "the templates `folder` the status pages use")
	)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: ingest [flags] FILE...\n\nReads sign-ups, meeting logs and evaluations (.xlsx, .csv) into data/.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	// fail reports an error that stops the run (exit status 2); with
	// -json, stdout still gets a report, holding the error.
	fail := func(jsonOut bool, msg string) int {
		if jsonOut {
			ingest.ErrorReport(msg, *dryRun, *strict).WriteJSON(stdout)
		}
		return exitError
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return fail(wantsJSON(args), err.Error())
	}
	usage := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "ingest: "+format+"\n", a...)
		fmt.Fprintln(stderr, "Run ingest -h for help.")
		return fail(*asJSON, fmt.Sprintf(format, a...))
	}
	if fs.NArg() == 0 {
		return usage("no files given: name the spreadsheets to read, e.g. ingest tilmeldinger.csv moedelog.xlsx")
	}
	today := ingest.Today(time.Now())
	if *todayS != "" {
		d, err := programme.ParseISODate(*todayS)
		if err != nil {
			return usage("-today %q: write the date as YYYY-MM-DD, e.g. 2026-03-14", *todayS)
		}
		today = d
	}
	kind, err := ingest.ParseKind(*kindS)
	if err != nil {
		return usage("-kind: %v", err)
	}
	order, err := sheet.ParseDateOrder(*orderS)
	if err != nil {
		return usage("-date-order: %v", err)
	}
	opts := ingest.Options{
		Data: *data, Today: today, DryRun: *dryRun, Strict: *strict, Rejects: *rejects,
		Kind: kind, DateOrder: order,
	}
	var prog *progress
	if isTerminal(stderr) {
		prog = &progress{w: stderr}
		opts.Progress = prog.update
	}
	res, err := ingest.Run(fs.Args(), opts)
	prog.done()
	if errors.Is(err, store.ErrLocked) {
		fmt.Fprintf(stderr, "ingest: %v\n\nData-mappen er låst, fordi en anden indlæsning er i gang. Vent, til den er færdig, og prøv igen. Kører der ingen indlæsning, så slet filen %s.\nIntet er gemt.\n",
			err, filepath.Join(*data, store.LockFile))
		return fail(*asJSON, err.Error())
	}
	if err != nil {
		fmt.Fprintf(stderr, "ingest: %v\nIntet er gemt.\n", err)
		return fail(*asJSON, err.Error())
	}
	rep := res.Report
	if *asJSON {
		if err := rep.WriteJSON(stdout); err != nil {
			fmt.Fprintf(stderr, "ingest: %v\n", err)
			return exitError
		}
	}
	if err := rep.WriteText(stderr); err != nil {
		return exitError
	}
	if !*dryRun && !(*strict && rep.Rejected() > 0) && *private != "" && regenerate != nil {
		if err := regenerate(res.Dataset, today, *private, *templates); err != nil {
			fmt.Fprintf(stderr, "ingest: data/ er gemt, men statussiderne kunne ikke laves: %v\n", err)
			return exitError
		}
		fmt.Fprintf(stderr, "Statussiderne i %s er opdateret.\n", filepath.Clean(*private))
	}
	if !*dryRun && len(rep.Changed) > 0 && res.Dataset.Config.Demo {
		fmt.Fprintf(stderr, "Bemærk: %s siger demo: true, så »Programmet i tal« og statussiderne kalder tallene eksempeldata. Er det rigtige data, du har indlæst, så slet demokohorterne i %s og sæt demo: false.\n",
			filepath.Join(filepath.Clean(*data), "programme.yaml"), filepath.Join(filepath.Clean(*data), "cohorts"))
	}
	if rep.Rejected() > 0 {
		return exitRejected
	}
	return exitOK
}

// wantsJSON reports whether the arguments ask for -json, for when they
// cannot be parsed.
func wantsJSON(args []string) bool {
	for _, a := range args {
		switch a {
		case "-json", "--json", "-json=true", "--json=true", "-json=1", "--json=1":
			return true
		case "--":
			return false
		}
	}
	return false
}

// progress draws a one-line progress indicator for large files.
type progress struct {
	w     io.Writer
	shown bool
}

func (p *progress) update(file string, rows int) {
	if rows < 5000 || rows%5000 != 0 {
		return
	}
	p.shown = true
	fmt.Fprintf(p.w, "\r%s: %d rækker læst ...", filepath.Base(file), rows)
}

func (p *progress) done() {
	if p != nil && p.shown {
		fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", 60))
	}
}

// isTerminal reports whether w is a terminal (a character device).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
