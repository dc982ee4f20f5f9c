package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/laegeforeningen/mentorprogram/internal/cli"
	"github.com/laegeforeningen/mentorprogram/internal/ingest"
	"github.com/laegeforeningen/mentorprogram/internal/programme"
	"github.com/laegeforeningen/mentorprogram/internal/register"
	"github.com/laegeforeningen/mentorprogram/internal/status"
	"github.com/laegeforeningen/mentorprogram/internal/store"
)

// stdin is where -forget - reads the address (tests replace it).
var stdin io.Reader = os.Stdin

// eraseFlags are the flags of -forget and -purge-expired.
type eraseFlags struct {
	forget string // the address to forget
	cohort string // only in this cohort
	purge  bool   // -purge-expired
	yes    bool   // remove; without it, only the plan is shown
}

// check returns a usage error for a combination of flags that makes no
// sense (never quoting the address), or nil.
func (ef eraseFlags) check(files int) error {
	switch {
	case ef.forget != "" && ef.purge:
		return cli.Usage("-forget and -purge-expired: give one of them")
	case (ef.forget != "" || ef.purge) && files > 0:
		return cli.Usage("-forget and -purge-expired read no files: run them on their own")
	case ef.cohort != "" && ef.forget == "":
		return cli.Usage("-cohort goes with -forget")
	case ef.yes && ef.forget == "" && !ef.purge:
		return cli.Usage("-yes goes with -forget or -purge-expired")
	}
	return nil
}

// eraseRun runs -forget or -purge-expired. Without -yes (or with -dry-run)
// it shows the plan and writes nothing; a run without -yes and without
// -dry-run ends with exit status 2, so that a script that forgot -yes does
// not pass as done. Nothing it writes after the plan holds a name or an
// e-mail address.
func eraseRun(ef eraseFlags, data string, today programme.Date, dryRun, asJSON bool, private, templates string, stdout, stderr io.Writer) error {
	apply := ef.yes && !dryRun
	if apply {
		// The status pages made after the removal hold the names of
		// everyone else: never into a folder git would publish. The
		// register itself is not checked: removing a person is always
		// allowed, wherever the register lies.
		if err := register.GuardPlaces(data, privatePlace(private)); err != nil {
			return cli.Fail(exitError, err, "Vælg mapper uden for arbejdsmappen med -data og -private, eller skriv mappen i .gitignore. Intet er slettet.")
		}
	}
	opts := ingest.EraseOptions{Data: data, Today: today, Apply: apply}
	if apply && private != "" {
		opts.Publish = func(ds *programme.Dataset) error {
			return status.New(ds, today).WritePrivate(private, theme(templates))
		}
	}
	var (
		res *ingest.EraseResult
		err error
	)
	if ef.forget == "-" {
		// From standard input: the address stays out of the shell's
		// history and the process list.
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && (err != io.EOF || line == "") {
			return cli.Usage("-forget -: no address on standard input")
		}
		ef.forget = line
	}
	if ef.forget != "" {
		res, err = ingest.Forget(ef.forget, ef.cohort, opts)
	} else {
		res, err = ingest.PurgeExpired(opts)
	}
	if err != nil {
		if asJSON {
			res.JSON(!apply, err.Error()).WriteJSON(stdout)
		}
		switch {
		case errors.Is(err, store.ErrLocked):
			return cli.Fail(exitError, err, "\nData-mappen er låst, fordi en anden indlæsning er i gang. Vent, til den er færdig, og prøv igen.\nIntet er slettet.")
		case errors.Is(err, ingest.ErrNotFound):
			where := "data/"
			if ef.cohort != "" {
				where = "kohorte " + ef.cohort
			}
			return cli.Fail(exitError, fmt.Errorf("ingen i %s har den e-mailadresse", where), "Intet er slettet.")
		}
		return cli.Fail(exitError, err, "Intet er slettet.")
	}
	if asJSON {
		if err := res.JSON(!apply, "").WriteJSON(stdout); err != nil {
			return err
		}
	}
	if !apply {
		if err := res.WritePlan(stderr); err != nil {
			return err
		}
		switch {
		case len(res.People) == 0:
			return nil
		case dryRun:
			fmt.Fprintln(stderr, "Prøvekørsel: intet er slettet.")
			return nil
		}
		fmt.Fprintln(stderr, "Intet er slettet endnu. Kør igen med -yes for at slette.")
		return cli.Status(exitError)
	}
	if err := res.WriteText(stderr); err != nil {
		return err
	}
	if res.PublishErr != nil {
		return cli.Fail(exitStatus, fmt.Errorf("data/ er gemt, men statussiderne kunne ikke laves: %w", res.PublishErr),
			fmt.Sprintf("Statussiderne i %s viser stadig det slettede, til de er lavet igen: ret fejlen, og lav dem straks med go run ./cmd/build.", filepath.Clean(private)))
	}
	if res.Applied && opts.Publish != nil {
		fmt.Fprintf(stderr, "Statussiderne i %s er opdateret.\n", filepath.Clean(private))
	}
	return nil
}
