package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"
	_ "time/tzdata" // Europe/Copenhagen on systems without a zone database

	"github.com/laegeforeningen/mentorprogram/internal/cli"
	"github.com/laegeforeningen/mentorprogram/internal/gitdates"
	"github.com/laegeforeningen/mentorprogram/internal/proc"
	"github.com/laegeforeningen/mentorprogram/internal/programme"
	"github.com/laegeforeningen/mentorprogram/internal/register"
	"github.com/laegeforeningen/mentorprogram/internal/search"
	"github.com/laegeforeningen/mentorprogram/internal/site"
	"github.com/laegeforeningen/mentorprogram/internal/status"
	"github.com/laegeforeningen/mentorprogram/internal/store"
)

func main() {
	batchGC = proc.BatchGC
	os.Exit(buildMain(os.Args[1:], os.Stdout, os.Stderr))
}

// batchGC, when set (by main), sets the garbage collector for a process
// that ends after its build (proc.BatchGC). The preview (-serve) runs on
// and keeps the site in memory, and keeps the default.
var batchGC func()

// buildMain is the command as main runs it, returning the exit status:
// SIGINT and SIGTERM remove the half-written output folders before the
// process exits (proc.HandleSignals), and run's error is printed once
// (cli.Exit).
func buildMain(args []string, stdout, stderr io.Writer) int {
	defer proc.HandleSignals("build", stderr)()
	return cli.Exit("build", 1, run(args, stdout, stderr), stderr)
}

// config is the parsed command line.
type config struct {
	content, templates, data, out, private, baseURL, addr string
	today                                                 programme.Date
	serve                                                 bool
}

func parseArgs(args []string, stderr io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.content, "content", "content", "the pages `folder` (da/ and en/)")
	fs.StringVar(&c.templates, "templates", "templates", "the theme `folder`")
	fs.StringVar(&c.data, "data", "data", "the programme data `folder`")
	fs.StringVar(&c.out, "out", "public", "the public site `folder` (the build's own: a rebuild rewrites what changed and removes files it no longer makes)")
	fs.StringVar(&c.private, "private", "private", "the private status pages `folder` (\"\" skips them)")
	fs.StringVar(&c.baseURL, "base-url", "http://localhost:8080/", "the published site root `URL`, e.g. https://example.org/mentor/")
	todayS := fs.String("today", "", "the status `date` YYYY-MM-DD (default today in Europe/Copenhagen)")
	fs.BoolVar(&c.serve, "serve", false, "serve the site, rebuild on change and reload the browser")
	fs.StringVar(&c.addr, "addr", "localhost:8080", "the preview's `address`")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: build [flags]\n\nBuilds the handbook into -out and the private status pages into -private.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return c, cli.Flag(err)
	}
	if fs.NArg() > 0 {
		return c, cli.Usage("unexpected argument %q (build takes flags only)", fs.Arg(0))
	}
	if *todayS == "" {
		loc, err := time.LoadLocation("Europe/Copenhagen")
		if err != nil {
			return c, fmt.Errorf("the time zone Europe/Copenhagen, for today's date: %w; give the date with -today YYYY-MM-DD", err)
		}
		c.today = programme.DateOf(time.Now().In(loc))
	} else {
		d, err := programme.ParseISODate(*todayS)
		if err != nil {
			return c, cli.Usage("-today %q: write the date as YYYY-MM-DD, e.g. 2026-11-22", *todayS)
		}
		c.today = d
	}
	if u, err := url.Parse(c.baseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
		u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return c, cli.Usage("-base-url %q: give the published site's root as an absolute http or https URL, e.g. https://example.org/mentor/", c.baseURL)
	}
	if !strings.HasSuffix(c.baseURL, "/") {
		c.baseURL += "/"
	}
	if c.out == "" {
		return c, cli.Usage("-out is empty: give the folder for the public site, e.g. -out public")
	}
	return c, nil
}

// run is the command. Its error is printed by main (cli.Exit): a
// *cli.Error with Usage for a bad command line (exit status 2), any other
// error exit status 1.
func run(args []string, stdout, stderr io.Writer) error {
	c, err := parseArgs(args, stderr)
	if err != nil {
		return err
	}
	if err := checkFolders(c); err != nil {
		return err
	}
	if c.serve {
		return serve(c, stdout, stderr)
	}
	if batchGC != nil {
		batchGC()
	}
	_, err = build(c, stdout, stderr, nil)
	return err
}

// preview is what the preview keeps of its last full build: the site,
// for updates in part, and the warnings of data/ and the command line,
// which the site's summary lacks.
type preview struct {
	site     *site.Preview
	warnings []string
}

// build makes the site once and prints its summary. With pv (the
// preview) the site is built through a new site.Preview, kept in pv for
// the preview's updates, and with the live-reload script.
func build(c config, stdout, stderr io.Writer, pv *preview) (site.Summary, error) {
	dev := pv != nil
	if pv != nil {
		// Until this build has made the site, there is none to update:
		// a failure before (data/ unreadable) keeps the next change a
		// full build.
		pv.site = nil
	}
	start := time.Now()
	// The build does not hold the lock on data/, so it writes nothing
	// there, not even the renames of a save an ingest left pending.
	ds, pending, err := store.Peek(c.data)
	if err != nil {
		return site.Summary{}, err
	}
	if c.private != "" {
		// Refused before the public site is replaced, not after.
		if err := status.Private.Check(c.private); err != nil {
			return site.Summary{}, err
		}
		// The status pages of real people (demo: false) never into a
		// folder git would publish, as cmd/ingest refuses it.
		if err := register.GuardPlaces(c.data, register.Place{Dir: c.private, What: "statussidemappen (-private)"}); err != nil {
			return site.Summary{}, fmt.Errorf("%w. Vælg en mappe uden for arbejdsmappen med -private, eller skriv mappen i .gitignore", err)
		}
	}
	syn, err := readSynonyms(c.data)
	if err != nil {
		return site.Summary{}, err
	}
	rep := status.New(ds, c.today)
	numbers := rep.PublicHTML
	// The published figures come from the aggregate file the desk
	// exports, when there is one: then no participant record is needed
	// for the public site (CI builds it from the repository alone).
	pubDemo := ds.Config.Demo // what the numbers page shows: the register's, or the file's
	if pub, err := status.ReadPublic(filepath.Join(c.data, status.PublicFile)); err == nil {
		numbers, pubDemo = pub.HTML, pub.Demo
	} else if !errors.Is(err, fs.ErrNotExist) {
		return site.Summary{}, err
	}
	opts := site.Options{
		Content:      os.DirFS(c.content),
		ContentName:  filepath.ToSlash(filepath.Clean(c.content)),
		Templates:    os.DirFS(c.templates),
		Values:       ds.Config.Values,
		Synonyms:     syn,
		Out:          c.out,
		Private:      c.private,
		BaseURL:      c.baseURL,
		Today:        c.today.Time(),
		Numbers:      numbers,
		LastModified: gitdates.Read(c.content),
		FileTimes:    true,
		Dev:          dev,
	}
	var sum site.Summary
	if pv != nil {
		pv.site, pv.warnings = site.NewPreview(opts), nil
		sum, err = pv.site.Build()
	} else {
		sum, err = site.Build(opts)
	}
	if err != nil {
		return sum, err
	}
	if c.private != "" {
		if err := rep.WritePrivate(c.private, os.DirFS(c.templates)); err != nil {
			return sum, fmt.Errorf("private pages: %w", err)
		}
	}
	own := len(sum.Warnings) // the site's; then those of data/ and the flags
	if w := placeholderContact(c.data, ds.Config.Values); w != "" {
		sum.Warnings = append(sum.Warnings, w)
	}
	if !dev && isLocalhost(c.baseURL) {
		sum.Warnings = append(sum.Warnings, "-base-url is "+c.baseURL+
			", so canonical URLs, og:url and sitemap.xml point to this machine: give the published address with -base-url before publishing")
	}
	if pending {
		sum.Warnings = append(sum.Warnings, filepath.ToSlash(filepath.Join(c.data, store.JournalFile))+
			": an ingest's save is not finished (it was stopped, or is running now); the pages show data/ as that save leaves it, and the next ingest finishes it")
	}
	if pubDemo {
		sum.Warnings = append(sum.Warnings, filepath.ToSlash(filepath.Join(c.data, "programme.yaml"))+
			": demo is true, so the numbers page says its figures are invented: publish the real figures with the desk's Udgiv tal, which writes "+
			filepath.ToSlash(filepath.Join(c.data, status.PublicFile))+" (the register of real people stays outside this repository)")
	}
	if pv != nil {
		pv.warnings = slices.Clone(sum.Warnings[own:])
	}
	sort.Strings(sum.Warnings)
	for _, w := range sum.Warnings {
		fmt.Fprintf(stderr, "build: warning: %s\n", w)
	}
	fmt.Fprintf(stdout, "build: %s into %s in %v\n", sum, c.out, time.Since(start).Round(time.Millisecond))
	return sum, nil
}

// synonymsFile is the search's synonym list in the data folder.
const synonymsFile = "search-synonyms.yaml"

// readSynonyms reads the search's synonyms from dataDir; a missing file
// is no synonyms.
func readSynonyms(dataDir string) (search.Synonyms, error) {
	name := filepath.Join(dataDir, synonymsFile)
	src, err := os.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return search.ParseSynonyms(filepath.ToSlash(name), src)
}

// isLocalhost reports whether the site root URL u is on this machine
// (the default of -base-url).
func isLocalhost(u string) bool {
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	h := p.Hostname()
	return h == "localhost" || strings.HasSuffix(h, ".localhost") || h == "127.0.0.1" || h == "::1"
}
