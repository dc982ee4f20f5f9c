// Package ingest turns the secretariat's spreadsheets (sign-ups, meeting
// logs, evaluations, and the status pages' follow-up workbook with rows
// marked handled) into the programme's records: it recognises each file's
// kind from its headers, checks every row, merges the valid ones into the
// store under data/, writes the rejected rows to a workbook the secretariat
// can correct and ingest again, and reports what it did in plain Danish.
//
// Meeting content (notes, minutes) is never stored: a column that reads as
// content, in any kind of sheet, is dropped before any of its text is
// looked at.
package ingest

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/laegeforeningen/mentorprogram/internal/proc"
	"github.com/laegeforeningen/mentorprogram/internal/programme"
	"github.com/laegeforeningen/mentorprogram/internal/sheet"
	"github.com/laegeforeningen/mentorprogram/internal/store"
)

// Options controls Run.
type Options struct {
	Data    string         // the data folder (programme.yaml, cohorts/)
	Today   programme.Date // meetings after this day are rejected
	DryRun  bool           // report what would change; write nothing
	Strict  bool           // apply nothing if any row is rejected
	Rejects string         // folder for the rejects workbooks; "" is the current folder
	// RejectsInDryRun writes the rejects workbooks in a dry run too (the
	// desk checks with a dry run and offers them to download).
	RejectsInDryRun bool
	Kind            Kind // the kind of every file; "" recognises each from its headers
	// FileKinds is the kind of single files, by their path as given to
	// Run, over Kind (the desk's chooser for a file not recognised).
	FileKinds map[string]Kind
	DateOrder sheet.DateOrder
	// Progress, when set, is called while a large file is read with the
	// number of rows read so far.
	Progress func(file string, rows int)
	// MaxRows overrides sheet.DefaultMaxRows when above zero.
	MaxRows int
	// Publish, when set, is called after a run that saved (or had nothing
	// to save; not a dry run, nor a -strict run with rejected rows) with
	// the dataset as saved, while the lock on Data is still held: the
	// private status pages are written from it. Its error is the Result's
	// PublishErr.
	Publish func(ds *programme.Dataset) error
}

// Result is what Run did: the report and the whole dataset after the merge
// (as saved, or as it would be saved in a dry run).
type Result struct {
	Report  *Report
	Dataset *programme.Dataset
	// PublishErr is Options.Publish's error: data/ is saved, what it
	// should have made from it is not.
	PublishErr error
}

// Run ingests files into opts.Data. It returns an error, and writes nothing,
// when data/ cannot be read or locked, or a file cannot be read at all (a
// *sheet.Error naming the file); rejected rows are not errors but are in
// the report.
func Run(files []string, opts Options) (res *Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("internal error, nothing saved: %v", r)
		}
	}()
	if len(files) == 0 {
		return nil, errors.New("no files given")
	}
	if opts.Today.IsZero() {
		return nil, errors.New("today is not set")
	}
	// The configuration first: a data folder that does not exist is an
	// error, and nothing (not even the lock) is made in it.
	cfg, err := loadConfig(opts.Data)
	if err != nil {
		return nil, err
	}
	if err := CheckHeaders(&cfg); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(opts.Data, store.ProgrammeFile), err)
	}
	st := &state{opts: opts, cfg: &cfg, report: &Report{DryRun: opts.DryRun, Strict: opts.Strict}}
	if !opts.DryRun {
		lock, err := store.AcquireLock(opts.Data)
		if err != nil {
			return nil, err
		}
		defer lock.Release()
		// A stop by signal releases it too (after the save's renames).
		defer proc.OnStop(func() { lock.Release() })()
		// What a killed run's rejects write left (a temporary workbook
		// with rejected rows in it) goes now, also when this run rejects
		// nothing.
		proc.RemoveLeftovers(cmp.Or(opts.Rejects, "."), rejectsTempPrefix)
		if done := lock.Finished(); len(done) > 0 {
			st.report.Notes = append(st.report.Notes, Note{Code: "journal-finished", Message: fmt.Sprintf(
				"en tidligere indlæsning blev afbrudt, mens den gemte; den er nu gemt færdig, før denne indlæsning (%s)", slashList(done))})
		}
	}
	var readErr error
	for i, path := range files {
		fs, err := st.read(path, i)
		if err != nil {
			readErr = err
			break
		}
		st.files = append(st.files, fs...)
	}
	// The cohorts load after the spreadsheets are read: the store reads
	// its own files in a few hundredths of a second, and loaded earlier
	// their records would be marked by the garbage collector each time it
	// runs while excelize streams a sheet (see docs/ingest.md, "Speed").
	// A dry run writes nothing, not even the renames of a save that a
	// killed run left pending: it reads data/ as that save leaves it.
	var l struct {
		cohorts   []programme.Cohort
		respelled []store.Respelling
		pending   bool
		err       error
	}
	if opts.DryRun {
		l.cohorts, l.respelled, l.pending, l.err = store.PeekCohorts(opts.Data)
	} else {
		l.cohorts, l.respelled, l.err = store.LoadCohorts(opts.Data)
	}
	if l.pending {
		st.report.Notes = append(st.report.Notes, Note{Code: "journal-pending", Message: fmt.Sprintf(
			"en tidligere indlæsning blev afbrudt, mens den gemte, og %s er ikke gemt færdig; det sker ved næste indlæsning uden -dry-run. Prøvekørslen regner, som om den var gemt færdig",
			filepath.ToSlash(filepath.Join(opts.Data, store.JournalFile)))})
	}
	if readErr != nil {
		return nil, readErr
	}
	if l.err != nil {
		return nil, l.err
	}
	st.init(&programme.Dataset{Config: cfg, Cohorts: l.cohorts})
	st.parseAll()
	st.signups()
	st.meetings()
	st.evaluations()
	st.proposals()
	st.followups()
	st.outcomes()
	res, err = st.finish()
	if err == nil {
		st.noteNewCohorts()
		st.noteRespelled(l.respelled)
	}
	if err == nil && st.applied && opts.Publish != nil {
		res.PublishErr = opts.Publish(res.Dataset)
	}
	return res, err
}

// noteRespelled notes each e-mail address of a cohort file that was not
// written as the ingest writes addresses (edited by hand), and how it was
// read: the reader learns why a row found the person, and that the file
// changes there when its cohort is saved.
func (st *state) noteRespelled(rs []store.Respelling) {
	saved := map[string]bool{}
	for _, p := range st.report.Changed {
		saved[p] = st.report.Applied
	}
	for _, r := range rs {
		where := filepath.ToSlash(r.Path)
		if r.Line > 0 {
			where += ":" + strconv.Itoa(r.Line)
		}
		then := "og sådan gemmes den, næste gang kohorten gemmes"
		if saved[filepath.ToSlash(r.Path)] {
			then = "og sådan er den nu gemt"
		}
		st.report.Notes = append(st.report.Notes, Note{Code: CodeAddressRespelled, Message: fmt.Sprintf(
			"%s: e-mailadressen %q er rettet i hånden og skrevet anderledes, end indlæsningen skriver adresser (store bogstaver, mellemrum eller usynlige tegn); den læses som %s, %s",
			where, r.From, r.To, then)})
	}
}

// state is one run's working data.
type state struct {
	opts    Options
	cfg     *programme.Config
	cohorts map[string]*cohortData
	orig    map[string]*cohortData // as loaded, never changed
	files   []*fileIn
	report  *Report
	seq     int
	// touched pairs whose meetings changed this run: cohort -> mentee
	meetPairs map[[2]string]bool
	applied   bool // the run saved (or had nothing to save)
}

type cohortData struct {
	id       string
	people   map[string]*programme.Participant
	pairs    map[string]*programme.Pair
	meetings map[meetKey]*programme.Meeting
	evals    map[string]*programme.Evaluation
	// handled are the follow-ups marked handled (from opfoelgning.xlsx).
	handled map[handledKey]*programme.Handled
	// name is the display name, as the sign-up sheet wrote it.
	name string
}

// handledKey keys a record of a handled follow-up: the flag's kind and the
// pair's mentee or the sign-up's email.
type handledKey struct {
	kind  programme.FlagKind
	email string
}

type meetKey struct {
	mentee string
	date   programme.Date
}

func newCohort(id string) *cohortData {
	return &cohortData{id: id, people: map[string]*programme.Participant{}, pairs: map[string]*programme.Pair{},
		meetings: map[meetKey]*programme.Meeting{}, evals: map[string]*programme.Evaluation{}, handled: map[handledKey]*programme.Handled{}}
}

func fromCohort(c *programme.Cohort) *cohortData {
	d := &cohortData{id: c.ID, people: make(map[string]*programme.Participant, len(c.Participants)), pairs: make(map[string]*programme.Pair, len(c.Pairs)),
		meetings: make(map[meetKey]*programme.Meeting, len(c.Meetings)), evals: make(map[string]*programme.Evaluation, len(c.Evaluations)),
		handled: make(map[handledKey]*programme.Handled, len(c.Handled))}
	// The records are copied into one array per kind (a few allocations
	// rather than one per record), each keyed by a pointer into it.
	people, pairs, meetings, evals := slices.Clone(c.Participants), slices.Clone(c.Pairs), slices.Clone(c.Meetings), slices.Clone(c.Evaluations)
	for i := range people {
		d.people[people[i].Email] = &people[i]
	}
	for i := range pairs {
		d.pairs[pairs[i].Mentee] = &pairs[i]
	}
	for i := range meetings {
		m := &meetings[i]
		if m.AgendaSent != nil {
			v := *m.AgendaSent
			m.AgendaSent = &v
		}
		d.meetings[meetKey{m.Mentee, m.Date}] = m
	}
	for i := range evals {
		e := &evals[i]
		if e.Answers != nil {
			a := make(map[string]int, len(e.Answers))
			for k, v := range e.Answers {
				a[k] = v
			}
			e.Answers = a
		}
		d.evals[e.Email] = e
	}
	for _, h := range c.Handled {
		d.handled[handledKey{h.Kind, h.Email}] = &h
	}
	d.name = c.Name
	return d
}

func (d *cohortData) cohort() programme.Cohort {
	c := programme.Cohort{ID: d.id, Participants: make([]programme.Participant, 0, len(d.people)), Pairs: make([]programme.Pair, 0, len(d.pairs)),
		Meetings: make([]programme.Meeting, 0, len(d.meetings)), Evaluations: make([]programme.Evaluation, 0, len(d.evals))}
	if len(d.handled) > 0 {
		c.Handled = make([]programme.Handled, 0, len(d.handled))
	}
	for _, p := range d.people {
		c.Participants = append(c.Participants, *p)
	}
	for _, p := range d.pairs {
		c.Pairs = append(c.Pairs, *p)
	}
	for _, m := range d.meetings {
		c.Meetings = append(c.Meetings, *m)
	}
	for _, e := range d.evals {
		c.Evaluations = append(c.Evaluations, *e)
	}
	for _, h := range d.handled {
		c.Handled = append(c.Handled, *h)
	}
	slices.SortFunc(c.Handled, func(a, b programme.Handled) int {
		return strings.Compare(a.Email+"\x00"+string(a.Kind), b.Email+"\x00"+string(b.Kind))
	})
	c.Name = d.name
	store.SortCohort(&c)
	return c
}

// init sets up the working data from what was loaded.
func (st *state) init(ds *programme.Dataset) {
	st.cohorts, st.orig = map[string]*cohortData{}, map[string]*cohortData{}
	st.meetPairs = map[[2]string]bool{}
	for i := range ds.Cohorts {
		st.cohorts[ds.Cohorts[i].ID] = fromCohort(&ds.Cohorts[i])
		st.orig[ds.Cohorts[i].ID] = fromCohort(&ds.Cohorts[i])
	}
}

func (st *state) cohort(id string) *cohortData {
	c := st.cohorts[id]
	if c == nil {
		c = newCohort(id)
		st.cohorts[id] = c
	}
	return c
}

// fileIn is one input file as read.
type fileIn struct {
	path   string
	index  int
	t      *sheet.Table
	l      *layout
	rep    *FileReport
	rows   []*row
	xMarks map[string]bool // fields whose column uses x marks: blank is no
	dates  dateClues       // slash dates that can be read only one way
}

func (st *state) read(path string, index int) ([]*fileIn, error) {
	kind := st.kindOf(path)
	opts := sheet.Options{MaxRows: st.opts.MaxRows, Match: func(h []string) bool { return len(candidates(h, st.cfg, kind)) > 0 }}
	if st.opts.Progress != nil {
		opts.Progress = func(n int) { st.opts.Progress(path, n) }
	}
	ts, err := sheet.ReadAll(path, opts)
	if err != nil {
		var se *sheet.Error
		if errors.As(err, &se) {
			msg := se.Msg
			if errors.Is(err, sheet.ErrNoMatch) {
				msg += ". " + st.expectedHeaders()
			}
			return nil, &sheet.Error{File: path, Msg: msg, Err: se.Err}
		}
		return nil, &sheet.Error{File: path, Err: err}
	}
	// Every sheet that fits is read, each as a file of its own kind.
	var fs []*fileIn
	for _, t := range ts {
		f, err := st.readTable(path, index, t, len(ts) > 1)
		if err != nil {
			return nil, err
		}
		fs = append(fs, f)
	}
	return fs, nil
}

// readTable recognises one sheet's kind and notes the columns it drops.
// With several sheets read from the workbook, errors name the sheet.
func (st *state) readTable(path string, index int, t *sheet.Table, several bool) (*fileIn, error) {
	where := ""
	if several {
		where = fmt.Sprintf("ark %q: ", t.Sheet)
	}
	l, err := recognise(t.Header, st.cfg, st.kindOf(path))
	if err != nil {
		return nil, &sheet.Error{File: path, Msg: where + err.Error(), Err: err}
	}
	if l == nil {
		return nil, &sheet.Error{File: path, Msg: where + "overskrifterne passer ikke til nogen slags regneark. " + st.expectedHeaders()}
	}
	// Meeting content is dropped before anything looks at it: its cells
	// are blanked here, so that no later step (a message, the rejects
	// workbook, the JSON report) can write them.
	for i, role := range l.roles {
		if role != colContent {
			continue
		}
		for j := range t.Rows {
			t.Rows[j].Erase(i)
		}
	}
	f := &fileIn{path: path, index: index, t: t, l: l, xMarks: map[string]bool{}}
	f.rep = &FileReport{Path: path, Kind: l.kind, Sheet: t.Sheet, Encoding: t.Encoding}
	switch t.Delimiter {
	case ';', ',':
		f.rep.Delimiter = string(t.Delimiter)
	case '\t':
		f.rep.Delimiter = "tab"
	}
	for _, w := range t.Warnings {
		st.report.Notes = append(st.report.Notes, Note{File: path, Sheet: w.Sheet, Code: w.Code, Message: w.Msg})
	}
	for i, role := range l.roles {
		d := Dropped{File: path, Sheet: t.Sheet, Column: sheet.ColumnName(i), Header: shortHeader(t.Header[i])}
		switch role {
		case colContent:
			d.Reason = "content"
			if h := sheet.FoldHeader(t.Header[i]); l.kind == Evaluations && hasTextQuestion(st.cfg) && (strings.Contains(h, "kommentar") || strings.Contains(h, "comment")) {
				// Dropped all the same (it is never guessed to be the
				// evaluation's comment), but the report says how to
				// have it read as one.
				st.report.Notes = append(st.report.Notes, Note{File: path, Sheet: t.Sheet, Code: "comment-not-read", Message: fmt.Sprintf(
					"kolonne %s %q er ikke læst som evalueringens kommentar, da overskriften ikke er en af spørgsmålets overskrifter i %s; er det kommentarerne, så tilføj overskriften til spørgsmålets headers dér, og indlæs filen igen",
					d.Column, d.Header, filepath.Join(st.opts.Data, store.ProgrammeFile))})
			}
		case colUnknown:
			switch {
			case l.kind == Meetings:
				d.Reason = "unknown-meeting"
			case l.sensitive():
				d.Reason = "unknown-beside-content"
			default:
				d.Reason = "unknown"
			}
		case colDuplicate:
			d.Reason = "duplicate"
		case colForms:
			d.Reason = "forms"
		default:
			continue
		}
		st.report.Dropped = append(st.report.Dropped, d)
	}
	return f, nil
}

// hasTextQuestion reports whether programme.yaml has a free-text
// evaluation question (the comment).
func hasTextQuestion(cfg *programme.Config) bool {
	for _, q := range cfg.Questions {
		if q.Text {
			return true
		}
	}
	return false
}

// kindOf is the kind the file at path is read as ("": recognised).
func (st *state) kindOf(path string) Kind {
	if k, ok := st.opts.FileKinds[path]; ok && k != "" {
		return k
	}
	return st.opts.Kind
}

func (st *state) expectedHeaders() string {
	need := map[Kind]string{
		Signups:     "tilmeldinger: E-mail, Navn, Rolle og Kohorte",
		Meetings:    "mødelog: Mentee e-mail og Mødedato",
		Evaluations: "evalueringer: E-mail og mindst ét spørgsmål (som Samlet tilfredshed)",
		Followups:   "opfølgning (opfoelgning.xlsx fra statussiderne): Kode, Håndteret dato, Initialer og Handling",
		Proposals:   "matchforslag (matchforslag.xlsx fra statussiderne): Kohorte, Mentee e-mail, Mentor e-mail og Accepter",
	}
	if st.opts.Kind != "" {
		return "Første række skal have overskrifterne for " + need[st.opts.Kind] + "."
	}
	return "Første række skal have kolonneoverskrifter, mindst for " + need[Signups] + "; for " + need[Meetings] + "; for " + need[Evaluations] + "; for " + need[Proposals] + "; eller for " + need[Followups] + "."
}

// parseAll parses every row of every file, in file order.
func (st *state) parseAll() {
	for _, f := range st.files {
		st.parseRows(f)
		st.noteLongCohorts(f)
		st.explainMerged(f)
		st.noteInvisible(f)
	}
}

// parseRows makes and parses f's rows that are not blank, on all cores, in
// chunks of the sheet: a first pass finds the blank rows and the yes/no
// columns that use x marks (which a row's parse needs to know), a second
// makes each chunk's rows in their places and parses them while their
// cells are at hand. Rows are parsed independently of each other.
func (st *state) parseRows(f *fileIn) {
	type mark struct {
		col   int
		field string
	}
	var marks []mark
	for _, field := range []string{fAgenda, fContact} {
		if c, ok := f.l.col[field]; ok {
			marks = append(marks, mark{c, field})
		}
	}
	in := f.t.Rows
	const chunk = 4096
	chunks := (len(in) + chunk - 1) / chunk
	part := func(c int) []sheet.Row { return in[c*chunk : min(len(in), (c+1)*chunk)] }
	blank := make([]bool, len(in))
	count := make([]int, chunks)     // each chunk's rows that are not blank
	ticked := make([][]bool, chunks) // each chunk's marks found
	inParallel(chunks, func(c int) {
		ticked[c] = make([]bool, len(marks))
		for i, r := range part(c) {
			for k, m := range marks {
				if !ticked[c][k] && isXMark(r.Cell(m.col)) {
					ticked[c][k] = true
				}
			}
			blank[c*chunk+i] = r.Blank() // blank-row: skipped silently
			if !blank[c*chunk+i] {
				count[c]++
			}
		}
	})
	start := make([]int, chunks) // where each chunk's rows go
	n := 0
	for c := range chunks {
		for k, m := range marks {
			if ticked[c][k] {
				f.xMarks[m.field] = true
			}
		}
		start[c] = n
		n += count[c]
	}
	st.scanDateOrder(f)
	rows := make([]row, n)
	f.rows = make([]*row, n)
	seq := st.seq
	st.seq += n
	f.rep.Rows += n
	parse := st.parser(f.l.kind)
	// A meeting row's parse fills in the meeting of its place in one
	// array (one allocation, not one per row).
	var meets []meetingPatch
	if f.l.kind == Meetings {
		meets = make([]meetingPatch, n)
	}
	inParallel(chunks, func(c int) {
		j := start[c]
		for i, r := range part(c) {
			if blank[c*chunk+i] {
				continue
			}
			rows[j] = row{f: f, r: r, seq: seq + j + 1}
			if meets != nil {
				rows[j].meet = &meets[j]
			}
			f.rows[j] = &rows[j]
			parse(&rows[j])
			j++
		}
	})
}

// isXMark reports whether a cell is a tick: x, ✓ or ✔.
func isXMark(v string) bool {
	v = strings.ToLower(strings.TrimSpace(v))
	return v == "x" || v == "✓" || v == "✔"
}

// parser returns the row parser of a kind of sheet.
func (st *state) parser(k Kind) func(*row) {
	return map[Kind]func(*row){Signups: st.parseSignup, Meetings: st.parseMeeting, Evaluations: st.parseEvaluation, Followups: st.parseFollowup, Proposals: st.parseProposal}[k]
}

// noteLongCohorts tells, once per cohort, the id a cohort name too long to
// be an id as it is was given.
func (st *state) noteLongCohorts(f *fileIn) {
	seen := map[string]bool{}
	for _, r := range f.rows {
		v, _ := r.cell(fCohort)
		if r.cohort == "" || len(fullSlug(v)) <= MaxIDLen || seen[r.cohort] {
			continue
		}
		seen[r.cohort] = true
		st.report.Notes = append(st.report.Notes, Note{File: f.path, Sheet: f.t.Sheet, Row: r.r.Num, Code: "long-cohort-name",
			Message: fmt.Sprintf("kohortens navn %q er over %d tegn, så kohorten gemmes som %s (navnets begyndelse og en kode for resten, så to lange navne, der begynder ens, ikke bliver til én kohorte)", bothEnds(v), MaxIDLen, r.cohort)})
	}
}

// bothEnds shortens a long cohort name for the report by its middle: long
// names usually begin alike and differ at the end ("…, forår 2026"), which
// is what tells two such notes apart.
func bothEnds(s string) string {
	r := []rune(strings.Join(strings.Fields(s), " "))
	if len(r) <= 160 {
		return string(r)
	}
	return string(r[:100]) + " … " + string(r[len(r)-57:])
}

// explainMerged adds to the missing-cell problems of an .xlsx whose blank
// cell lies under merged cells that this is why: Excel keeps a merged
// block's value in its top cell only.
func (st *state) explainMerged(f *fileIn) {
	if f.t.Format != sheet.FormatXLSX {
		return
	}
	var ranges []sheet.Range
	loaded := false
	for _, r := range f.rows {
		for i := range r.probs {
			p := &r.probs[i]
			c, ok := f.l.col[p.Field]
			if p.Code != CodeMissingCell || !ok {
				continue
			}
			if !loaded {
				ranges, _ = sheet.MergedCells(f.path, f.t.Sheet)
				loaded = true
			}
			for _, m := range ranges {
				if m.Covers(r.r.Num, c) {
					p.Message += fmt.Sprintf(" Cellen er en del af flettede celler (%s%d:%s%d), og Excel gemmer kun værdien i den øverste. Ophæv fletningen (Start > Flet og centrer), og skriv værdien i hver række.",
						sheet.ColumnName(m.FirstCol), m.FirstRow, sheet.ColumnName(m.LastCol), m.LastRow)
					break
				}
			}
		}
	}
}

// rowsOf returns the rows of files of kind k, in input order.
func (st *state) rowsOf(k Kind) []*row {
	var out []*row
	for _, f := range st.files {
		if f.l.kind == k {
			out = append(out, f.rows...)
		}
	}
	return out
}

// inParallel calls f for 0 to n-1 on as many goroutines as there are
// processors, and returns when all calls have.
func inParallel(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < n; i += workers {
				f(i)
			}
		})
	}
	wg.Wait()
}

// groupRows groups valid rows by key and orders each group: by timestamp
// when every row has one, else by input order. The last row of a group wins.
func groupRows[K comparable](rows []*row, key func(*row) K) [][]*row {
	// Each row's group first, then the groups laid out in one array: a
	// meeting log's 100,000 rows are as many groups, which one slice each
	// made a cost of their own.
	idx := make(map[K]int32, len(rows))
	of := make([]int32, len(rows)) // the group of each row; -1: rejected
	var sizes []int32
	for i, r := range rows {
		of[i] = -1
		if r.rejected() {
			continue
		}
		k := key(r)
		g, ok := idx[k]
		if !ok {
			g = int32(len(sizes))
			idx[k] = g
			sizes = append(sizes, 0)
		}
		of[i] = g
		sizes[g]++
	}
	next := make([]int32, len(sizes)) // where each group's next row goes
	n := int32(0)
	for g, size := range sizes {
		next[g] = n
		n += size
	}
	all := make([]*row, n)
	groups := make([][]*row, len(sizes))
	for g, size := range sizes {
		groups[g] = all[next[g] : next[g]+size : next[g]+size]
	}
	for i, r := range rows {
		if g := of[i]; g >= 0 {
			all[next[g]] = r
			next[g]++
		}
	}
	for _, g := range groups {
		every := true
		for _, r := range g {
			every = every && !r.ts.IsZero()
		}
		if every && len(g) > 1 {
			slices.SortStableFunc(g, func(a, b *row) int { return a.ts.Compare(b.ts) })
		}
	}
	return groups
}

// supersede marks the earlier rows of a group and notes those whose values
// differ from the winner's.
func (st *state) supersede(g []*row, same func(a, b *row) bool, what string) {
	win := g[len(g)-1]
	for _, r := range g[:len(g)-1] {
		r.loser = true
		if same(r, win) {
			r.duplicate = true
			continue
		}
		where := fmt.Sprintf("række %d", win.r.Num)
		if win.f != r.f {
			where += " i " + filepath.Base(win.f.path)
		}
		st.report.Notes = append(st.report.Notes, Note{File: r.f.path, Sheet: r.f.t.Sheet, Row: r.r.Num, Code: CodeDuplicateRow,
			Message: fmt.Sprintf("samme %s som %s, men med andre værdier; den senere række (%s) er brugt", what, where, where)})
	}
}

// finish writes the rejects and the store and completes the report.
func (st *state) finish() (*Result, error) {
	ids := make([]string, 0, len(st.cohorts))
	for id := range st.cohorts {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	ds := &programme.Dataset{Config: *st.cfg}
	if len(ids) > 0 {
		ds.Cohorts = make([]programme.Cohort, len(ids))
	}
	// Each cohort is collected, sorted and compared with what was loaded
	// on its own (reading only its own maps): in parallel.
	same := make([]bool, len(ids))
	workers := min(runtime.GOMAXPROCS(0), len(ids))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(ids); i += workers {
				ds.Cohorts[i] = st.cohorts[ids[i]].cohort()
				same[i] = cohortEqual(st.orig[ids[i]], st.cohorts[ids[i]])
			}
		})
	}
	wg.Wait()
	var changed []programme.Cohort
	for i, c := range ds.Cohorts {
		if !same[i] {
			changed = append(changed, c)
		}
	}
	rejected := false
	for _, f := range st.files {
		rejected = rejected || f.rep.Rejected > 0
	}
	apply := !st.opts.DryRun && !(st.opts.Strict && rejected)
	st.applied = apply
	for _, c := range changed {
		st.report.Changed = append(st.report.Changed, filepath.ToSlash(store.CohortPath(st.opts.Data, c.ID)))
	}
	if !st.opts.DryRun || st.opts.RejectsInDryRun {
		dir := st.opts.Rejects
		if dir == "" {
			dir = "."
		}
		used := map[string]string{} // folded rejects path -> the input that has it
		for _, in := range st.inputs() {
			// One rejects workbook per input, with a sheet for each of
			// its sheets that has rejected rows.
			var fs []*fileIn
			for _, f := range in {
				if f.rep.Rejected > 0 {
					fs = append(fs, f)
				}
			}
			if len(fs) == 0 {
				continue
			}
			f := fs[0]
			// Two inputs with the same name (a/m.csv and b/m.csv, or m.csv
			// and m.xlsx) get different rejects files: m.afvist.xlsx,
			// m-2.afvist.xlsx, ...
			path := RejectsPath(dir, f.path)
			for n := 2; used[strings.ToLower(path)] != ""; n++ {
				path = numberedRejectsPath(dir, f.path, n)
			}
			if other := used[strings.ToLower(RejectsPath(dir, f.path))]; other != "" && path != RejectsPath(dir, f.path) {
				st.report.Notes = append(st.report.Notes, Note{File: f.path, Code: "rejects-renamed",
					Message: fmt.Sprintf("de afviste rækker er skrevet til %s, fordi %s allerede bruges til de afviste rækker fra %s", filepath.Base(path), filepath.Base(RejectsPath(dir, f.path)), other)})
			}
			used[strings.ToLower(path)] = f.path
			written, err := st.writeRejects(fs, path)
			if err != nil {
				return nil, err
			}
			for _, f := range fs {
				f.rep.Rejects = written
			}
		}
	}
	if apply && len(changed) > 0 {
		cs := make([]programme.Cohort, len(changed))
		copy(cs, changed)
		if _, err := store.SaveCohorts(st.opts.Data, cs); err != nil {
			return nil, err
		}
		st.report.Applied = true
	}
	if !apply {
		// Nothing saved: the dataset returned is what data/ holds.
		ds.Cohorts = nil
		for _, id := range ids {
			if o := st.orig[id]; o != nil {
				ds.Cohorts = append(ds.Cohorts, o.cohort())
			}
		}
		if st.opts.Strict && rejected && !st.opts.DryRun {
			st.report.Changed = nil
		}
	}
	for _, f := range st.files {
		st.report.Files = append(st.report.Files, *f.rep)
	}
	return &Result{Report: st.report, Dataset: ds}, nil
}

// inputs groups the files read by the input they came from: the sheets of
// one workbook together, in order.
func (st *state) inputs() [][]*fileIn {
	var out [][]*fileIn
	for i, f := range st.files {
		if i > 0 && f.index == st.files[i-1].index {
			out[len(out)-1] = append(out[len(out)-1], f)
			continue
		}
		out = append(out, []*fileIn{f})
	}
	return out
}

// slashList joins paths with slashes, comma-separated.
func slashList(paths []string) string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = filepath.ToSlash(p)
	}
	return strings.Join(out, ", ")
}

// RejectsPath returns where the rejects workbook of input goes in dir:
// "møder.csv" -> dir/"møder.afvist.xlsx". A rejects file read again keeps
// its name.
func RejectsPath(dir, input string) string {
	base := filepath.Base(input)
	base = strings.TrimSuffix(base, filepath.Ext(base))
	base = strings.TrimSuffix(base, ".afvist")
	return filepath.Join(dir, base+".afvist.xlsx")
}

// numberedRejectsPath is RejectsPath with a number: dir/"møder-2.afvist.xlsx".
func numberedRejectsPath(dir, input string, n int) string {
	p := RejectsPath(dir, input)
	return strings.TrimSuffix(p, ".afvist.xlsx") + "-" + strconv.Itoa(n) + ".afvist.xlsx"
}

// Today returns the calendar day of now in Europe/Copenhagen (in now's own
// zone where the zone database is missing).
func Today(now time.Time) programme.Date {
	if loc, err := time.LoadLocation("Europe/Copenhagen"); err == nil {
		now = now.In(loc)
	}
	return programme.DateOf(now)
}

// loadConfig reads dir's programme.yaml, saying so where dir is not a
// folder or not a data folder; it makes nothing in dir.
func loadConfig(dir string) (programme.Config, error) {
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return programme.Config{}, fmt.Errorf("mappen %s findes ikke; angiv datamappen med -data", dir)
	}
	cfg, err := store.LoadConfig(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return cfg, fmt.Errorf("mappen %s har ingen %s og er ikke en datamappe; angiv datamappen med -data", dir, store.ProgrammeFile)
	}
	return cfg, err
}
