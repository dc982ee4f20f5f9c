package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
	_ "time/tzdata" // Europe/Copenhagen on systems without a zone database

	mentorprogram "github.com/laegeforeningen/mentorprogram"
	"github.com/laegeforeningen/mentorprogram/internal/cli"
	"github.com/laegeforeningen/mentorprogram/internal/ingest"
	"github.com/laegeforeningen/mentorprogram/internal/proc"
	"github.com/laegeforeningen/mentorprogram/internal/programme"
	"github.com/laegeforeningen/mentorprogram/internal/register"
	"github.com/laegeforeningen/mentorprogram/internal/sheet"
	"github.com/laegeforeningen/mentorprogram/internal/status"
	"github.com/laegeforeningen/mentorprogram/internal/store"
	"github.com/laegeforeningen/mentorprogram/internal/version"
)

func main() {
	os.Exit(ingestMain(os.Args[1:], os.Stdout, os.Stderr))
}

// ingestMain is the command as main runs it, returning the exit status:
// SIGINT and SIGTERM remove what is half-written and release the lock
// before the process exits (proc.HandleSignals), and run's error is
// printed once (cli.Exit).
func ingestMain(args []string, stdout, stderr io.Writer) int {
	defer proc.HandleSignals("ingest", stderr)()
	return cli.Exit("ingest", exitError, run(args, stdout, stderr), stderr)
}

// Exit statuses besides 0, every row accepted (documented in doc.go and
// docs/ingest.md).
const (
	exitRejected = 1 // some rows rejected
	exitError    = 2 // nothing was written
	exitStatus   = 3 // data/ saved, but the status pages (or the report) were not written
)

// run is the command. Its error says what went wrong and, by its kind, the
// exit status (see cli.Exit); the report is written here.
func run(args []string, stdout, stderr io.Writer) (err error) {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		data      = fs.String("data", "data", "the data `folder`")
		todayS    = fs.String("today", "", "the reference `date` YYYY-MM-DD (default today in Europe/Copenhagen)")
		dryRun    = fs.Bool("dry-run", false, "report what would change; write nothing")
		strict    = fs.Bool("strict", false, "apply nothing if any row is rejected")
		rejects   = fs.String("rejects", ".", "the `folder` for rejected rows")
		asJSON    = fs.Bool("json", false, "write the report as JSON on stdout")
		orderS    = fs.String("date-order", "dmy", "how to read dates like 3/4/2026: dmy or mdy")
		private   = fs.String("private", "", "the private status pages `folder`, regenerated after a successful run (default: DATA/private, in the register, for real data; private for the demo register, demo: true; \"\" to skip)")
		templates = fs.String("templates", "", "the templates `folder` the status pages use (default: the theme built into the program)")
		showVer   = fs.Bool("version", false, "print the program's version and stop")
		ef        eraseFlags
		df        deskFlags
		kinds     kindFlags
	)
	fs.Var(&kinds, "kind", "the `kind` of every file: signups, meetings, evaluations, proposals or followups (default: from the headers); FILE=KIND for one file of several, repeatable")
	fs.BoolVar(&df.serve, "serve", false, "start the desk: a local web page to check and save spreadsheets (also without any arguments)")
	fs.StringVar(&df.addr, "addr", "127.0.0.1:0", "with -serve: the desk's `address`, on this computer only (port 0: a free one)")
	fs.BoolVar(&df.open, "open", true, "with -serve: open the desk in the default browser")
	fs.StringVar(&df.handbook, "handbook", "", "with -serve: the handbook's `folder`; \"Udgiv tal\" writes its data/programmet-i-tal.json too")
	fs.StringVar(&ef.forget, "forget", "", "remove every record of the person with this e-mail `address` (\"-\": read it from standard input); shows what goes, and removes it with -yes")
	fs.StringVar(&ef.cohort, "cohort", "", "with -forget: only in the cohort with this `id`")
	fs.BoolVar(&ef.purge, "purge-expired", false, "remove everyone past privacy.retention_months (no files); shows who, and removes them with -yes")
	fs.BoolVar(&ef.yes, "yes", false, "with -forget or -purge-expired: remove")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: ingest [flags] FILE...\n       ingest [-serve] [-data DIR] [-addr HOST:PORT]   (the desk; also with no arguments)\n       ingest -forget ADDRESS [-cohort ID] [-yes | -dry-run]\n       ingest -purge-expired [-yes | -dry-run]\n\nReads sign-ups, meeting logs and evaluations (.xlsx, .csv) into data/.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	// A run that writes nothing still gives -json a report, holding the
	// error.
	jsonOut := wantsJSON(args)
	defer func() {
		var e *cli.Error
		if jsonOut && err != nil && errors.As(err, &e) && e.Code == exitError {
			msg := "usage error"
			if e.Err != nil {
				msg = e.Err.Error()
			}
			ingest.ErrorReport(msg, *dryRun, *strict).WriteJSON(stdout)
		}
	}()
	if err := fs.Parse(args); err != nil {
		return cli.Flag(err)
	}
	jsonOut = *asJSON
	if *showVer {
		fmt.Fprintf(stdout, "ingest %s\n", version.String())
		return nil
	}
	today := ingest.Today(time.Now())
	if *todayS != "" {
		d, err := programme.ParseISODate(*todayS)
		if err != nil {
			return cli.Usage("-today %q: write the date as YYYY-MM-DD, e.g. 2026-03-14", *todayS)
		}
		today = d
	}
	if df.serve || (fs.NArg() == 0 && wantsDesk(fs)) {
		if fs.NArg() > 0 {
			return cli.Usage("-serve reads no files: drop them on the desk's page")
		}
		deskData := ""
		fs.Visit(func(f *flag.Flag) {
			if f.Name == "data" {
				deskData = *data
			}
		})
		var fixed *programme.Date
		if *todayS != "" {
			fixed = &today
		}
		return serveDesk(df, deskData, *templates, fixed, stdout, stderr)
	}
	if err := ef.check(fs.NArg()); err != nil {
		return err
	}
	privateSet := false
	fs.Visit(func(f *flag.Flag) { privateSet = privateSet || f.Name == "private" })
	if !privateSet {
		*private = defaultPrivate(*data)
	}
	if ef.forget != "" || ef.purge {
		jsonOut = false // it writes its own -json report
		return eraseRun(ef, *data, today, *dryRun, *asJSON, *private, *templates, stdout, stderr)
	}
	if fs.NArg() == 0 {
		return cli.Usage("no files given: name the spreadsheets to read, e.g. ingest tilmeldinger.csv moedelog.xlsx")
	}
	kind, fileKinds, err := kinds.resolve(fs.Args())
	if err != nil {
		return err
	}
	order, err := sheet.ParseDateOrder(*orderS)
	if err != nil {
		return cli.Usage("-date-order: %v", err)
	}
	opts := ingest.Options{
		Data: *data, Today: today, DryRun: *dryRun, Strict: *strict, Rejects: *rejects,
		Kind: kind, FileKinds: fileKinds, DateOrder: order,
	}
	if !*dryRun {
		// Real personal data never into a folder git would publish: the
		// register, the status pages, the rejects workbooks.
		if err := register.GuardPlaces(*data, register.Place{Dir: *data}, privatePlace(*private), rejectsPlace(*rejects)); err != nil {
			return cli.Fail(exitError, err, inGitHint)
		}
	}
	published := false
	if *private != "" {
		// Under the lock, after a save: no other ingest changes data/
		// between the save and the pages made from it.
		opts.Publish = func(ds *programme.Dataset) error {
			if err := status.New(ds, today).WritePrivate(*private, theme(*templates)); err != nil {
				return err
			}
			published = true
			return nil
		}
	}
	var prog *progress
	if isTerminal(stderr) {
		prog = &progress{w: stderr}
		opts.Progress = prog.update
	}
	res, err := ingest.Run(fs.Args(), opts)
	prog.done()
	if errors.Is(err, store.ErrLocked) {
		return cli.Fail(exitError, err, fmt.Sprintf("\nData-mappen er låst, fordi en anden indlæsning er i gang. Vent, til den er færdig, og prøv igen. Kører der ingen indlæsning, så slet filen %s.\nIntet er gemt.",
			filepath.Join(*data, store.LockFile)))
	}
	if err != nil {
		var amb *ingest.AmbiguousError
		if errors.As(err, &amb) && fs.NArg() > 1 {
			return cli.Fail(exitError, err, fmt.Sprintf("Læses flere filer på én gang, så angiv slagsen for den ene fil, fx -kind FIL=%s.\nIntet er gemt.", amb.Kinds[len(amb.Kinds)-1]))
		}
		return cli.Fail(exitError, err, "Intet er gemt.")
	}
	rep := res.Report
	// A report that cannot be written after a save must not pass for
	// "nothing was written".
	reportErr := func(err error) error {
		if rep.Applied {
			return cli.Fail(exitStatus, fmt.Errorf("data/ er gemt, men rapporten kunne ikke skrives: %w", err), "")
		}
		return err
	}
	if *asJSON {
		if err := rep.WriteJSON(stdout); err != nil {
			return reportErr(err)
		}
	}
	if err := rep.WriteText(stderr); err != nil {
		return reportErr(err)
	}
	if rep.Applied {
		// The desk's Historik lists every save, also those made here.
		if err := register.AppendHistory(*data, time.Now(), rep); err != nil {
			return cli.Fail(exitStatus, fmt.Errorf("data/ er gemt, men historikken (%s) kunne ikke skrives: %w", register.HistoryFile, err), "")
		}
	}
	if res.PublishErr != nil {
		return cli.Fail(exitStatus, fmt.Errorf("data/ er gemt, men statussiderne kunne ikke laves: %w", res.PublishErr),
			"Ret fejlen, og lav statussiderne med go run ./cmd/build (eller kør indlæsningen igen).")
	}
	if published {
		fmt.Fprintf(stderr, "Statussiderne i %s er opdateret.\n", filepath.Clean(*private))
	}
	if !*dryRun && len(rep.Changed) > 0 && res.Dataset.Config.Demo {
		fmt.Fprintf(stderr, "Bemærk: %s siger demo: true, så »Programmet i tal« og statussiderne kalder tallene eksempeldata. Er det rigtige data, du har indlæst, hører de ikke til i %s: start skrivebordet (programmet uden argumenter), vælg en registermappe uden for git, og indlæs filerne dér; læg så demodataene tilbage i %s.\n",
			filepath.Join(filepath.Clean(*data), "programme.yaml"), filepath.Clean(*data), filepath.Join(filepath.Clean(*data), "cohorts"))
	}
	if rep.Rejected() > 0 {
		return cli.Status(exitRejected)
	}
	return nil
}

// deskFlagNames are the flags the desk takes; true marks those that mean
// nothing without it. Without files, a flag of the desk's own (-addr,
// -open, -handbook) starts the desk as -serve does, so that
// "ingest -addr 127.0.0.1:8765" opens it (or refuses an address off this
// computer) instead of asking for files; -data, -templates and -today
// alone still ask for files, so a script whose file list came out empty
// stops instead of starting a desk.
var deskFlagNames = map[string]bool{"serve": true, "addr": true, "open": true, "handbook": true, "data": false, "templates": false, "today": false}

// wantsDesk reports whether the flags given, with no files, ask for the
// desk: none at all (the program double-clicked), or only the desk's,
// one of them its own.
func wantsDesk(fs *flag.FlagSet) bool {
	only, own, any := true, false, false
	fs.Visit(func(f *flag.Flag) {
		desk, ok := deskFlagNames[f.Name]
		any = true
		only = only && ok
		own = own || desk
	})
	return !any || (only && own)
}

// inGitHint is what to do when a place the run writes personal data into
// lies in a git working tree that does not ignore it.
const inGitHint = "Vælg mapper uden for arbejdsmappen (fx på et netværksdrev, der tages backup af) med -data, -private og -rejects, eller skriv mappen i .gitignore. Intet er gemt."

// defaultPrivate is the status pages' folder when -private is not given:
// private/ in the working folder for the demo register (demo: true, the
// repository's data/, as go run ./cmd/build makes them), else private/
// inside the register, so that the pages of real people live with the
// rest of the register, not in whatever folder the program was started
// from.
func defaultPrivate(data string) string {
	if cfg, err := store.LoadConfig(data); err == nil && !cfg.Demo {
		return filepath.Join(data, "private")
	}
	return "private"
}

func privatePlace(dir string) register.Place {
	return register.Place{Dir: dir, What: "statussidemappen (-private)"}
}

func rejectsPlace(dir string) register.Place {
	// The workbooks, not the folder: a pattern such as *.afvist.xlsx may
	// ignore them.
	return register.Place{Dir: dir, What: ingest.RejectsFolder, Probe: "navn.afvist.xlsx"}
}

// kindFlags are the -kind flags: KIND for every file, or FILE=KIND for
// one (a file whose header fits two kinds, read with others).
type kindFlags []string

func (k *kindFlags) String() string { return strings.Join(*k, ",") }

func (k *kindFlags) Set(v string) error {
	*k = append(*k, v)
	return nil
}

// resolve returns the kind of every file and the kinds of single files
// (by the path as given in files).
func (k kindFlags) resolve(files []string) (ingest.Kind, map[string]ingest.Kind, error) {
	var all ingest.Kind
	var each map[string]ingest.Kind
	for _, v := range k {
		// The last "=": a file name may hold one, a kind never does.
		i := strings.LastIndex(v, "=")
		file, name, one := "", v, i >= 0
		if one {
			file, name = v[:i], v[i+1:]
		}
		kind, err := ingest.ParseKind(name)
		if err != nil {
			return "", nil, cli.Usage("-kind %s: %v", v, err)
		}
		if !one {
			if all != "" && all != kind {
				return "", nil, cli.Usage("-kind %s and -kind %s: give one kind for every file, or FILE=KIND for single files", all, kind)
			}
			all = kind
			continue
		}
		found := ""
		for _, f := range files {
			if filepath.Clean(f) == filepath.Clean(file) {
				found = f
			}
		}
		if found == "" {
			return "", nil, cli.Usage("-kind %s: %s is not one of the files given", v, file)
		}
		if each == nil {
			each = map[string]ingest.Kind{}
		}
		each[found] = kind
	}
	return all, each, nil
}

// theme is the templates folder dir, or the theme built into the program
// when dir is empty.
func theme(dir string) fs.FS {
	if dir == "" {
		return mentorprogram.Templates()
	}
	return os.DirFS(dir)
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
