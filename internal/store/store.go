// Package store keeps the programme's data on disk under data/: it loads
// programme.yaml and the cohorts, and saves them deterministically, one file
// per cohort, by whole-file atomic replacement under a lock.
//
// Every file is read by yaml.v3, unknown keys being an error and errors
// (in Danish, for the secretariat who edit the files by hand)
// naming the file and line. A cohort file's e-mail addresses are read as
// programme.NormEmail writes them, as the ingest reads a sheet's, and two
// records of one key are an error (addresses.go). Cohort files are written from the records'
// struct tags (cohortfile.go): a new field of a record is a new field of its
// struct in internal/programme, and nothing else.
//
// Layout (see docs/data.md for the schema):
//
//	data/programme.yaml         the rules, thresholds and evaluation questions
//	data/cohorts/<slug>.yaml    one cohort: participants, pairs, meetings, evaluations
package store

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/laegeforeningen/mentorprogram/internal/programme"
)

// ProgrammeFile is the name of the programme's configuration inside data/.
const ProgrammeFile = "programme.yaml"

// CohortDir is the folder of the cohort files inside data/.
const CohortDir = "cohorts"

// LoadConfig reads and checks dir/programme.yaml. Every scalar of the file is
// also flattened into Config.Values under its dotted path.
func LoadConfig(dir string) (programme.Config, error) {
	path := filepath.Join(dir, ProgrammeFile)
	src, err := os.ReadFile(path)
	if err != nil {
		return programme.Config{}, readError(path, err)
	}
	return ParseConfig(path, src)
}

// ParseConfig parses the text of programme.yaml; path is used in errors.
func ParseConfig(path string, src []byte) (programme.Config, error) {
	cfg := programme.DefaultConfig()
	dec := yaml.NewDecoder(bytes.NewReader(src))
	dec.KnownFields(true)
	var root yaml.Node
	if err := dec.Decode(&root); err != nil {
		return cfg, configError(path, err)
	}
	if err := root.Decode(&struct {
		*programme.Config `yaml:",inline"`
		Background        yaml.Node `yaml:"background"`
		Contact           yaml.Node `yaml:"contact"`
	}{Config: &cfg}); err != nil {
		return cfg, configError(path, err)
	}
	cfg.Values = map[string]string{}
	flatten(cfg.Values, "", &root)
	if err := checkConfig(cfg); err != nil {
		return cfg, fmt.Errorf("%s: %w", path, err)
	}
	return cfg, nil
}

// readError is the error of a file of the register that cannot be read,
// with the system's words (which this program cannot translate) in
// brackets.
func readError(path string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s: filen findes ikke (%w): se efter, at -data er registrets mappe", path, err)
	}
	return fmt.Errorf("%s: filen kan ikke læses (%w): se efter, at den ikke er åben i et andet program, og at du må læse den", path, err)
}

// configError is the Danish text of yaml.v3's error reading programme.yaml.
func configError(path string, err error) error {
	if e := yamlError(path, err); e != nil {
		return e
	}
	if errors.Is(err, io.EOF) {
		return fmt.Errorf("%s: filen er tom: hent den fra git igen", path)
	}
	return otherError(path, err)
}

func flatten(into map[string]string, prefix string, n *yaml.Node) {
	switch n.Kind {
	case yaml.DocumentNode:
		for _, c := range n.Content {
			flatten(into, prefix, c)
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			key := n.Content[i].Value
			if prefix != "" {
				key = prefix + "." + key
			}
			flatten(into, key, n.Content[i+1])
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			flatten(into, prefix+"."+strconv.Itoa(i), c)
		}
	case yaml.ScalarNode:
		into[prefix] = n.Value
	}
}

func checkConfig(cfg programme.Config) error {
	var errs []error
	r := cfg.Rules
	if r.DurationMonths.Min <= 0 || r.DurationMonths.Max < r.DurationMonths.Min {
		errs = append(errs, errors.New("rules.duration_months: min og max skal begge være sat, med 0 < min <= max"))
	}
	if r.MinMeetingsAfterClarification <= 0 {
		errs = append(errs, errors.New("rules.min_meetings_after_clarification skal være sat og over 0"))
	}
	f := cfg.Followup
	for name, v := range map[string]int{
		"followup.first_contact_weeks": f.FirstContactWeeks, "followup.quiet_weeks": f.QuietWeeks,
		"followup.evaluation_due_weeks": f.EvaluationDueWeeks, "followup.waiting_weeks": f.WaitingWeeks,
		"privacy.min_group_size": cfg.Privacy.MinGroupSize, "privacy.min_group_size_comments": cfg.Privacy.MinGroupSizeComments,
	} {
		if v <= 0 {
			errs = append(errs, fmt.Errorf("%s skal være over 0", name))
		}
	}
	for name, v := range map[string]int{
		"privacy.retention_months": cfg.Privacy.RetentionMonths, "privacy.signup_lapse_months": cfg.Privacy.SignupLapseMonths,
	} {
		if v < 0 {
			errs = append(errs, fmt.Errorf("%s må ikke være under 0 (0 eller udeladt: ingen grænse)", name))
		}
	}
	seen := map[string]bool{}
	for i, q := range cfg.Questions {
		switch {
		case q.ID == "":
			errs = append(errs, fmt.Errorf("evaluation_questions: spørgsmål nr. %d: id mangler", i+1))
		case seen[q.ID]:
			errs = append(errs, fmt.Errorf("evaluation_questions: id %q står der to gange: giv hvert spørgsmål sit eget id", q.ID))
		case (q.Scale == nil) == !q.Text:
			errs = append(errs, fmt.Errorf("evaluation_questions: %s: skriv enten scale eller text: true (ikke begge)", q.ID))
		case q.Scale != nil && q.Scale.Max <= q.Scale.Min:
			errs = append(errs, fmt.Errorf("evaluation_questions: %s: scales max skal være over dens min", q.ID))
		case q.Ends != nil && (q.Scale == nil || q.Ends.Min["da"] == "" || q.Ends.Max["da"] == ""):
			errs = append(errs, fmt.Errorf("evaluation_questions: %s: ends kræver en scale og et dansk min og max (da)", q.ID))
		case len(q.Headers) == 0:
			errs = append(errs, fmt.Errorf("evaluation_questions: %s: headers mangler", q.ID))
		}
		seen[q.ID] = true
	}
	w := cfg.Matching.Weights
	for name, v := range map[string]int{
		"matching.weights.specialty": w.Specialty, "matching.weights.theme": w.Theme, "matching.weights.region": w.Region,
		"matching.weights.seniority": w.Seniority, "matching.weights.waiting_month": w.WaitingMonth,
	} {
		if v < 0 || v > 1000 {
			errs = append(errs, fmt.Errorf("%s skal være fra 0 til 1000", name))
		}
	}
	themes := map[string]bool{}
	for i, t := range cfg.Matching.Themes {
		switch {
		case t.ID == "" || strings.IndexFunc(t.ID, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') }) >= 0:
			errs = append(errs, fmt.Errorf("matching.themes: tema nr. %d: id %q må kun have små bogstaver a-z, cifre og bindestreger", i+1, t.ID))
		case themes[t.ID]:
			errs = append(errs, fmt.Errorf("matching.themes: id %q står der to gange: giv hvert tema sit eget id", t.ID))
		case t.Label["da"] == "":
			errs = append(errs, fmt.Errorf("matching.themes: %s: den danske label (da) mangler", t.ID))
		}
		themes[t.ID] = true
	}
	if len(cfg.Matching.Themes) > 64 {
		errs = append(errs, errors.New("matching.themes: højst 64 temaer"))
	}
	sort.Slice(errs, func(i, j int) bool { return errs[i].Error() < errs[j].Error() })
	return errors.Join(errs...)
}

// Load reads the whole store under dir: programme.yaml and every cohort file,
// with cohorts sorted by id. A missing cohorts folder is an empty store.
func Load(dir string) (*programme.Dataset, error) {
	cfg, err := LoadConfig(dir)
	if err != nil {
		return nil, err
	}
	cohorts, _, err := LoadCohorts(dir)
	if err != nil {
		return nil, err
	}
	return &programme.Dataset{Config: cfg, Cohorts: cohorts}, nil
}

// Peek reads the whole store under dir as Load does, but writes nothing:
// a commit that a killed (or running) ingest left pending is read as it
// will be finished (pending is then true), not finished. For readers that
// do not hold the lock, such as the build.
func Peek(dir string) (ds *programme.Dataset, pending bool, err error) {
	cfg, err := LoadConfig(dir)
	if err != nil {
		return nil, false, err
	}
	cohorts, _, pending, err := PeekCohorts(dir)
	if err != nil {
		return nil, false, err
	}
	return &programme.Dataset{Config: cfg, Cohorts: cohorts}, pending, nil
}

// LoadCohorts reads every cohort file under dir/cohorts, sorted by id,
// finishing an interrupted commit first. A missing folder is no cohorts.
// The files' e-mail addresses are read as programme.NormEmail writes them;
// respelled lists those written otherwise (edited by hand), for a writer
// to say so: the next save of their cohorts writes them as read.
func LoadCohorts(dir string) (cohorts []programme.Cohort, respelled []Respelling, err error) {
	if err := Recover(dir); err != nil {
		return nil, nil, err
	}
	return readCohorts(dir, nil)
}

// PeekCohorts reads the cohorts as LoadCohorts would, but writes nothing:
// when a commit that a killed process left half done is pending (pending
// is then true), the files it would rename into place are read instead of
// the ones they replace.
func PeekCohorts(dir string) (cohorts []programme.Cohort, respelled []Respelling, pending bool, err error) {
	renames, err := readJournal(dir)
	if err != nil {
		return nil, nil, false, err
	}
	overlay := map[string]string{}
	for _, r := range renames {
		if _, err := os.Stat(r.tmp); err == nil {
			overlay[r.final] = r.tmp
		}
	}
	cohorts, respelled, err = readCohorts(dir, overlay)
	return cohorts, respelled, renames != nil, err
}

// readCohorts reads the cohort files under dir/cohorts, and those that
// overlay names (final path -> the file to read instead).
func readCohorts(dir string, overlay map[string]string) ([]programme.Cohort, []Respelling, error) {
	var cohorts []programme.Cohort
	entries, err := os.ReadDir(filepath.Join(dir, CohortDir))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, nil, err
	}
	var paths []string
	seen := map[string]bool{}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".yaml") || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		p := filepath.Join(dir, CohortDir, e.Name())
		paths = append(paths, p)
		seen[p] = true
	}
	for final := range overlay {
		if !seen[final] {
			paths = append(paths, final)
		}
	}
	// Decode the files in parallel: parsing YAML is the cost.
	cohorts = make([]programme.Cohort, len(paths))
	respelled := make([][]Respelling, len(paths))
	errs := make([]error, len(paths))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, path := range paths {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			read := path
			if tmp, ok := overlay[path]; ok {
				read = tmp
			}
			cohorts[i], respelled[i], errs[i] = readCohort(path, read)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, nil, err
	}
	sort.Slice(cohorts, func(i, j int) bool { return cohorts[i].ID < cohorts[j].ID })
	var all []Respelling
	for _, r := range respelled {
		all = append(all, r...)
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].Path < all[j].Path })
	return cohorts, all, nil
}

// readCohort reads the cohort file path from the file read (path itself,
// or the file a pending commit will rename to it): decoded, its id
// checked, its addresses read by programme.NormEmail and its keys checked.
func readCohort(path, read string) (programme.Cohort, []Respelling, error) {
	src, err := os.ReadFile(read)
	if err != nil {
		return programme.Cohort{}, nil, readError(path, err)
	}
	c, err := decodeCohort(path, src)
	if err != nil {
		return c, nil, err
	}
	if err := checkFileName(path, src, c); err != nil {
		return c, nil, err
	}
	respelled, err := normaliseAddresses(path, src, &c)
	return c, respelled, err
}

// checkFileName reports a cohort whose id is not its file's name (an id
// edited by hand, a file copied under another name): the ingest saves a
// cohort to the file of its id, so it would write another cohort of that
// name over this one's records, or keep two cohorts of one id.
func checkFileName(path string, src []byte, c programme.Cohort) error {
	name := strings.TrimSuffix(filepath.Base(path), ".yaml")
	if c.ID == "" || c.ID == name {
		return nil
	}
	where := path
	for n, line := range strings.Split(string(src), "\n") {
		if strings.HasPrefix(line, "id:") {
			where = fmt.Sprintf("%s:%d", path, n+1)
			break
		}
	}
	return fmt.Errorf("%s: id %s er ikke filens navn (%s): en kohortes fil har kohortens id som navn; omdøb filen til %s.yaml, eller skriv id: %s", where, c.ID, name, c.ID, name)
}
