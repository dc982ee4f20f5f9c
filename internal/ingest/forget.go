package ingest

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/laegeforeningen/mentorprogram/internal/proc"
	"github.com/laegeforeningen/mentorprogram/internal/programme"
	"github.com/laegeforeningen/mentorprogram/internal/store"
)

// EraseOptions controls Forget and PurgeExpired.
type EraseOptions struct {
	Data  string         // the data folder
	Today programme.Date // the reference date (for PurgeExpired, and the status pages)
	// Apply removes the people. Without it nothing is written and no lock
	// is taken: the result is the plan.
	Apply bool
	// Publish, when set, is called once data/ is saved, with the dataset
	// as saved, while the lock is still held (cmd/ingest writes the status
	// pages there), as in Options. It is not called when nothing was
	// removed.
	Publish func(ds *programme.Dataset) error
}

// Erased is one person in one cohort that Forget or PurgeExpired removes.
type Erased struct {
	Cohort string
	Email  string
	Name   string
	Role   programme.Role
	// Expiry is why the person is purged (PurgeExpired); nil for Forget.
	Expiry  *programme.Expiry
	Removed programme.Removed
	// Partners are the names (or, without a sign-up, the addresses) of
	// the people left without a pair, who stay.
	Partners []string
	// Mentions is the number of records left in the cohort whose free
	// text names the person (programme.FreeTextMentions): not removed,
	// for a person to edit.
	Mentions int
}

// EraseResult is what Forget or PurgeExpired removes (or would remove).
type EraseResult struct {
	People  []Erased
	Applied bool     // whether data/ was written
	Changed []string // the cohort files written, or that would be
	// Dataset is the whole dataset after the removal (as saved, or as it
	// would be).
	Dataset *programme.Dataset
	// Pending is true when a plan was made while a save that a killed run
	// left half done was pending: the plan counts as if it were finished.
	Pending bool
	// Finished are the files that taking the lock renamed into place,
	// finishing a save a killed run left half done (with Apply).
	Finished []string
	data     string // the data folder, for the files named in the texts
	// respelled are the addresses of the cohort files that were not
	// written as the ingest writes them (store.LoadCohorts).
	respelled []store.Respelling
	// PublishErr is EraseOptions.Publish's error: data/ is saved, the
	// status pages are not.
	PublishErr error
}

// ErrNotFound is returned by Forget when no record names the person.
var ErrNotFound = errors.New("no one in data/ has that e-mail address")

// Forget removes every record of the person with the e-mail address email
// (see programme.ForgetInCohort) from every cohort, or only from the cohort
// with id cohort when that is not empty. The address is compared the way
// ingest stores it (trimmed and case-folded). None of the errors holds the
// address.
func Forget(email, cohort string, opts EraseOptions) (*EraseResult, error) {
	addr, ok := programme.NormEmail(email)
	if !ok {
		return nil, errors.New("-forget: det er ikke en e-mailadresse")
	}
	return erase(opts, true, func(ds *programme.Dataset) ([]Erased, error) {
		found := false
		var out []Erased
		for _, c := range ds.Cohorts {
			if cohort != "" && c.ID != cohort {
				continue
			}
			found = found || c.ID == cohort
			out = append(out, Erased{Cohort: c.ID, Email: addr})
		}
		if cohort != "" && !found {
			return nil, fmt.Errorf("-cohort: der er ingen kohorte %q i %s", cohort, filepath.Join(opts.Data, store.CohortDir))
		}
		return out, nil
	})
}

// PurgeExpired removes every person whose retention period has passed at
// opts.Today (programme.Expired), the same way as Forget.
func PurgeExpired(opts EraseOptions) (*EraseResult, error) {
	return erase(opts, false, func(ds *programme.Dataset) ([]Erased, error) {
		if ds.Config.Privacy.RetentionMonths <= 0 {
			return nil, fmt.Errorf("privacy.retention_months er ikke sat i %s, så ingen opbevaringstid er udløbet", filepath.Join(opts.Data, store.ProgrammeFile))
		}
		var out []Erased
		for i := range ds.Cohorts {
			for _, e := range programme.Expired(&ds.Config, &ds.Cohorts[i], opts.Today) {
				e := e
				out = append(out, Erased{Cohort: e.Cohort, Email: e.Email, Expiry: &e})
			}
		}
		return out, nil
	})
}

// erase loads data/ (under the lock when applying), asks pick whom to
// remove, removes them, and saves the cohorts that changed. With mustFind,
// finding no record to remove is ErrNotFound.
func erase(opts EraseOptions, mustFind bool, pick func(*programme.Dataset) ([]Erased, error)) (res *EraseResult, err error) {
	if opts.Today.IsZero() {
		return nil, errors.New("today is not set")
	}
	cfg, err := loadConfig(opts.Data)
	if err != nil {
		return nil, err
	}
	var finished []string
	if opts.Apply {
		lock, err := store.AcquireLock(opts.Data)
		if err != nil {
			return nil, err
		}
		defer lock.Release()
		// A stop by signal releases it too (after the save's renames).
		defer proc.OnStop(func() { lock.Release() })()
		finished = lock.Finished()
	}
	// The plan writes nothing, not even the renames of a save that a
	// killed run left pending: it reads data/ as that save leaves it.
	var (
		cohorts   []programme.Cohort
		respelled []store.Respelling
		pending   bool
	)
	if opts.Apply {
		cohorts, respelled, err = store.LoadCohorts(opts.Data)
	} else {
		cohorts, respelled, pending, err = store.PeekCohorts(opts.Data)
	}
	if kt := (*store.KeyTwiceError)(nil); errors.As(err, &kt) {
		return nil, kt.WithoutAddress() // the records by their lines: no error here holds an address
	}
	if err != nil {
		return nil, err
	}
	ds := &programme.Dataset{Config: cfg, Cohorts: cohorts}
	who, err := pick(ds)
	if err != nil {
		return nil, err
	}
	// Everyone removed from a cohort, so that a partner who goes too is
	// not reported as left without a pair.
	leaving := map[[2]string]bool{}
	for _, w := range who {
		leaving[[2]string{w.Cohort, w.Email}] = true
	}
	byID := map[string]int{}
	for i, c := range ds.Cohorts {
		byID[c.ID] = i
	}
	res = &EraseResult{data: opts.Data, Pending: pending, Finished: finished, respelled: respelled}
	changed := map[string]bool{}
	for _, w := range who {
		i := byID[w.Cohort]
		orig := &cohorts[i]
		for _, p := range orig.Participants {
			if p.Email == w.Email {
				w.Name, w.Role = p.Name, p.Role
			}
		}
		names := map[string]string{}
		for _, p := range orig.Participants {
			names[p.Email] = p.Name
		}
		var rem programme.Removed
		ds.Cohorts[i], rem = programme.ForgetInCohort(ds.Cohorts[i], w.Email)
		if !rem.Any() {
			continue
		}
		w.Removed = rem
		for _, p := range rem.Partners {
			if leaving[[2]string{w.Cohort, p}] {
				continue
			}
			if n := names[p]; n != "" {
				p = n
			}
			w.Partners = append(w.Partners, p)
		}
		changed[w.Cohort] = true
		res.People = append(res.People, w)
	}
	for k := range res.People {
		w := &res.People[k]
		w.Mentions = programme.FreeTextMentions(&ds.Cohorts[byID[w.Cohort]], w.Email, w.Name)
	}
	res.Dataset = ds
	if len(res.People) == 0 {
		if mustFind {
			return nil, ErrNotFound
		}
		return res, nil
	}
	var save []programme.Cohort
	for _, c := range ds.Cohorts {
		if changed[c.ID] {
			save = append(save, c)
			res.Changed = append(res.Changed, store.CohortPath(opts.Data, c.ID))
		}
	}
	if !opts.Apply {
		return res, nil
	}
	// SaveCohorts sorts the records in place; they are copies already.
	if _, err := store.SaveCohorts(opts.Data, save); err != nil {
		return nil, err
	}
	res.Applied = true
	if opts.Publish != nil {
		res.PublishErr = opts.Publish(ds)
	}
	return res, nil
}

// Total is the sum of the records removed.
func (r *EraseResult) Total() programme.Removed {
	var t programme.Removed
	for _, p := range r.People {
		t.Add(p.Removed)
	}
	return t
}

// removedText writes counts in Danish: "1 tilmelding, 2 par, 5 møder og 1
// evaluering", with handled follow-ups where there are any.
func removedText(r programme.Removed) string {
	parts := []string{
		plural(r.Participants, "tilmelding", "tilmeldinger"),
		plural(r.Pairs, "par", "par"),
		plural(r.Meetings, "møde", "møder"),
		plural(r.Evaluations, "evaluering", "evalueringer"),
	}
	if r.Handled > 0 {
		parts = append(parts, plural(r.Handled, "håndteret opfølgning", "håndterede opfølgninger"))
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " og " + parts[len(parts)-1]
}

// plural writes n with the singular or the plural form, as the status pages
// do: "1 møde", "2 møder".
var plural = programme.Plural

var roleDanish = map[programme.Role]string{programme.Mentor: "mentor", programme.Mentee: "mentee"}

// WritePlan writes, in Danish, whom the removal takes out and what: the
// names, the cohorts and the counts. It is the confirmation the user reads
// before running again with -yes; it shows names but never an address
// (except of someone named only by a pair, who has no name).
func (r *EraseResult) WritePlan(w io.Writer) error {
	var b strings.Builder
	if r.Pending {
		fmt.Fprintf(&b, "En tidligere indlæsning blev afbrudt, mens den gemte, og %s er ikke gemt færdig; det sker ved næste kørsel med -yes. Planen regner, som om den var gemt færdig.\n",
			filepath.ToSlash(filepath.Join(r.data, store.JournalFile)))
	}
	if len(r.People) == 0 {
		b.WriteString("Ingen har passeret opbevaringstiden: der er intet at slette.\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	b.WriteString("Dette bliver slettet:\n")
	for _, p := range r.People {
		who := p.Name
		if who == "" {
			who = p.Email
		}
		if role := roleDanish[p.Role]; role != "" {
			who += " (" + role + ")"
		}
		fmt.Fprintf(&b, "  kohorte %s: %s: %s", p.Cohort, who, removedText(p.Removed))
		if e := p.Expiry; e != nil {
			switch e.Basis {
			case programme.ExpiryCourseEnded:
				fmt.Fprintf(&b, "; forløbet sluttede %s, opbevaringstiden udløb %s", e.From, e.Expires)
			case programme.ExpirySignupLapsed:
				fmt.Fprintf(&b, "; tilmeldingen bortfaldt %s uden match, opbevaringstiden udløb %s", e.From, e.Expires)
			}
		}
		b.WriteByte('\n')
		if len(p.Partners) > 0 {
			names := strings.Join(p.Partners, " og ")
			fmt.Fprintf(&b, "    %s med %s og deres møder slettes også, da et par nævner begge; %s bliver stående uden par\n",
				pluralWord(len(p.Partners), "parret", "parrene"), names, names)
		}
		if p.Mentions > 0 {
			fmt.Fprintf(&b, "    bemærk: %s fra andre nævner navnet eller adressen og slettes ikke; ret %s i hånden i %s\n",
				plural(p.Mentions, "fritekst", "fritekster"), pluralWord(p.Mentions, "den", "dem"), store.CohortPath(r.data, p.Cohort))
		}
	}
	fmt.Fprintf(&b, "I alt %s: %s.\n", plural(len(r.People), "person", "personer"), removedText(r.Total()))
	r.writeRespelled(&b)
	_, err := io.WriteString(w, b.String())
	return err
}

func pluralWord(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// WriteText writes, in Danish, what was removed: counts per cohort and the
// files written, never a name or an address.
func (r *EraseResult) WriteText(w io.Writer) error {
	var b strings.Builder
	if len(r.Finished) > 0 {
		fmt.Fprintf(&b, "En tidligere indlæsning blev afbrudt, mens den gemte; den er nu gemt færdig, før sletningen (%s).\n", slashList(r.Finished))
	}
	if len(r.People) == 0 {
		b.WriteString("Ingen har passeret opbevaringstiden: intet er slettet, og data/ er uændret.\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	verb := "Slettet"
	if !r.Applied {
		verb = "Ville blive slettet"
	}
	for _, c := range r.cohorts() {
		fmt.Fprintf(&b, "%s fra kohorte %s: %s, %s", verb, c.Cohort, plural(c.People, "person", "personer"), removedText(c.Removed))
		if c.Partners > 0 {
			fmt.Fprintf(&b, "; %s står nu uden par", plural(c.Partners, "partner", "partnere"))
		}
		b.WriteString(".\n")
		if c.Mentions > 0 {
			fmt.Fprintf(&b, "Bemærk: %s fra andre i %s (evalueringskommentarer, håndterede opfølgninger, undgå-lister) nævner navnet eller adressen på en, der er slettet; ret %s i hånden.\n",
				plural(c.Mentions, "fritekst", "fritekster"), store.CohortPath(r.data, c.Cohort), pluralWord(c.Mentions, "den", "dem"))
		}
	}
	r.writeRespelled(&b)
	if r.Applied {
		fmt.Fprintf(&b, "Gemt: %s\n", strings.Join(r.Changed, ", "))
	} else {
		fmt.Fprintf(&b, "Intet er gemt. Disse filer ville blive ændret: %s\n", strings.Join(r.Changed, ", "))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeRespelled notes, per file the removal saves (or would save), the
// addresses of it that were edited by hand and are written as read
// (store.Respelling): in the plan, which the user approves, as in the
// result. Counted, never shown.
func (r *EraseResult) writeRespelled(b *strings.Builder) {
	respelled := map[string]int{}
	for _, rs := range r.respelled {
		respelled[rs.Path]++
	}
	for _, p := range r.Changed {
		if n := respelled[p]; n > 0 {
			saved := "gemmes"
			if r.Applied {
				saved = "er gemt"
			}
			fmt.Fprintf(b, "Bemærk: %s i %s var rettet i hånden og skrevet anderledes, end indlæsningen skriver adresser (store bogstaver, mellemrum eller usynlige tegn), og er læst, som indlæsningen skriver dem; filen %s med alle adresser skrevet sådan.\n",
				plural(n, "e-mailadresse", "e-mailadresser"), p, saved)
		}
	}
}

// cohortTotal is what was removed from one cohort.
type cohortTotal struct {
	Cohort   string
	People   int
	Partners int
	Mentions int
	Removed  programme.Removed
}

func (r *EraseResult) cohorts() []cohortTotal {
	var out []cohortTotal
	for _, p := range r.People {
		if len(out) == 0 || out[len(out)-1].Cohort != p.Cohort {
			out = append(out, cohortTotal{Cohort: p.Cohort})
		}
		t := &out[len(out)-1]
		t.People++
		t.Partners += len(p.Partners)
		t.Mentions += p.Mentions
		t.Removed.Add(p.Removed)
	}
	return out
}

// EraseJSON is the -json report of -forget and -purge-expired: counts only,
// never a name or an address, also in a dry run. Every key is always
// present.
type EraseJSON struct {
	Error   string        `json:"error"`
	DryRun  bool          `json:"dry_run"`
	Applied bool          `json:"applied"`
	People  int           `json:"people"`
	Cohorts []EraseCounts `json:"cohorts"`
	Changed []string      `json:"changed"`
	// JournalFinished are the files of a killed run's save that were
	// renamed into place before the removal.
	JournalFinished []string `json:"journal_finished"`
}

// EraseCounts is what was (or would be) removed from one cohort.
type EraseCounts struct {
	Cohort       string `json:"cohort"`
	People       int    `json:"people"`
	Participants int    `json:"participants"`
	Pairs        int    `json:"pairs"`
	Meetings     int    `json:"meetings"`
	Evaluations  int    `json:"evaluations"`
	Handled      int    `json:"handled"`
	Partners     int    `json:"partners_left_unmatched"`
	Mentions     int    `json:"free_text_mentions"`
}

// JSON returns the -json report of r (nil r: only the error).
func (r *EraseResult) JSON(dryRun bool, errMsg string) EraseJSON {
	out := EraseJSON{Error: errMsg, DryRun: dryRun, Cohorts: []EraseCounts{}, Changed: []string{}, JournalFinished: []string{}}
	if r == nil {
		return out
	}
	out.Applied = r.Applied
	out.People = len(r.People)
	for _, c := range r.cohorts() {
		out.Cohorts = append(out.Cohorts, EraseCounts{Cohort: c.Cohort, People: c.People, Participants: c.Removed.Participants,
			Pairs: c.Removed.Pairs, Meetings: c.Removed.Meetings, Evaluations: c.Removed.Evaluations, Handled: c.Removed.Handled, Partners: c.Partners, Mentions: c.Mentions})
	}
	out.Changed = append(out.Changed, r.Changed...)
	out.JournalFinished = append(out.JournalFinished, r.Finished...)
	return out
}

// WriteJSON writes j as indented JSON.
func (j EraseJSON) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(j)
}
