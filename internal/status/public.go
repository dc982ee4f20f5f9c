package status

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/laegeforeningen/mentorprogram/internal/i18n"
	"github.com/laegeforeningen/mentorprogram/internal/outdir"
	"github.com/laegeforeningen/mentorprogram/internal/programme"
)

// PublicFile is the name of the aggregate file in the handbook's data/
// folder: the figures of the public "Programmet i tal" page, exported by
// the secretariat's desk from the register, so that the handbook is built
// (by CI, too) without ever seeing a participant record.
const PublicFile = "programmet-i-tal.json"

// publicSchema is the version of PublicFile's shape.
const publicSchema = 1

// Public is the public figures with the privacy rules already applied:
// courses per year (a count below privacy.min_group_size is null, shown as
// "fewer than N"), and each scale question's programme-wide mean where the
// evaluation page shows it too (see eval.go). No names, no e-mail
// addresses, nothing per cohort, no free text.
type Public struct {
	Schema       int              `json:"schema"`
	Demo         bool             `json:"demo"`
	AsOf         string           `json:"as_of"` // YYYY-MM-DD
	MinGroupSize int              `json:"min_group_size"`
	Years        []PublicYear     `json:"years"`
	Questions    []PublicQuestion `json:"questions"` // empty when programme.yaml has no scale questions
}

// PublicYear is one year's courses; nil is a count too small to show.
type PublicYear struct {
	Year      int  `json:"year"`
	Started   *int `json:"started"`
	Completed *int `json:"completed"`
	Stopped   *int `json:"stopped"`
}

// PublicQuestion is a scale question's programme-wide result. Mean and
// Answers are nil where the evaluation page hides them; Withheld says it
// is hidden to protect a smaller group rather than for too few answers.
type PublicQuestion struct {
	Label    map[string]string `json:"label"`
	ScaleMin int               `json:"scale_min"`
	ScaleMax int               `json:"scale_max"`
	Mean     *float64          `json:"mean"`
	Answers  *int              `json:"answers"`
	Withheld bool              `json:"withheld,omitempty"`
}

// Public returns the report's public figures.
func (r *Report) Public() *Public {
	minN := r.Config.Privacy.MinGroupSize
	p := &Public{Schema: publicSchema, Demo: r.Config.Demo, AsOf: r.AsOf.String(), MinGroupSize: minN,
		Years: []PublicYear{}, Questions: []PublicQuestion{}}
	count := func(c int) *int {
		if c > 0 && c < minN {
			return nil
		}
		return &c
	}
	for _, y := range r.years() {
		p.Years = append(p.Years, PublicYear{Year: y.Year, Started: count(y.Started), Completed: count(y.Completed), Stopped: count(y.Stopped)})
	}
	protectLoneCount(p.Years)
	if len(r.Evaluation.Questions) > 0 {
		for _, s := range r.Evaluation.Programme[0].Stats {
			q := PublicQuestion{Label: map[string]string{}, ScaleMin: s.Question.Scale.Min, ScaleMax: s.Question.Scale.Max, Withheld: s.Complementary}
			for k, v := range s.Question.Label {
				q.Label[k] = v
			}
			if !s.Hidden {
				// The mean as the page shows it, to one decimal: the file
				// is published (and kept in git), and an exact mean beside
				// the count lets anyone who compares two exports one
				// answer apart work out that answer.
				mean, n := math.Round(s.Mean*10)/10, s.N
				q.Mean, q.Answers = &mean, &n
			}
			p.Questions = append(p.Questions, q)
		}
	}
	return p
}

// HTML returns the public "Programmet i tal" fragment in w's language,
// with w's numbers: strings from the theme's templates/i18n.
func (p *Public) HTML(w *i18n.Lang) (template.HTML, error) {
	t := w.Numbers
	n := strconv.Itoa(p.MinGroupSize)
	asOf, err := programme.ParseISODate(p.AsOf)
	if err != nil {
		return "", fmt.Errorf("the public figures' as_of: %w", err)
	}
	pg := numbersPage{
		T:           t,
		Demo:        p.Demo,
		AsOf:        strings.ReplaceAll(t["as_of"], "{date}", w.Date(asOf.Time())),
		CoursesNote: strings.ReplaceAll(t["courses_note"], "{n}", n),
		EvalNote:    strings.ReplaceAll(t["eval_note"], "{n}", n),
		Questions:   len(p.Questions) > 0,
	}
	count := func(c *int) numbersCount {
		if c == nil {
			return numbersCount{Few: strings.ReplaceAll(t["few"], "{n}", n)}
		}
		return numbersCount{N: *c}
	}
	for _, y := range p.Years {
		pg.Years = append(pg.Years, numbersYear{Year: y.Year, Started: count(y.Started), Completed: count(y.Completed), Stopped: count(y.Stopped)})
	}
	for _, q := range p.Questions {
		label := q.Label[w.Lang]
		if label == "" {
			label = q.Label["da"]
		}
		scale := strings.NewReplacer("{min}", strconv.Itoa(q.ScaleMin), "{max}", strconv.Itoa(q.ScaleMax)).Replace(t["scale"])
		st := numbersStat{Label: label, Scale: scale, Shown: q.Mean != nil && q.Answers != nil, Withheld: q.Withheld}
		if st.Shown {
			st.N = *q.Answers
			st.Mean = strconv.FormatFloat(*q.Mean, 'f', 1, 64)
			if w.Lang == "da" {
				st.Mean = strings.Replace(st.Mean, ".", ",", 1)
			}
		}
		pg.Stats = append(pg.Stats, st)
	}
	var b strings.Builder
	if err := numbersTmpl.ExecuteTemplate(&b, "numbers", pg); err != nil {
		return "", fmt.Errorf("the numbers fragment (templates/i18n/%s.yaml numbers:): %w", w.Lang, err)
	}
	return template.HTML(b.String()), nil
}

// Encode is the aggregate file's content: indented JSON, keys in a fixed
// order, so that two exports of the same figures are byte-identical and a
// commit's diff shows what changed.
func (p *Public) Encode() []byte {
	b, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		panic(err) // plain numbers and strings
	}
	return append(b, '\n')
}

// WritePublic writes p to path through a temporary file and a rename
// (outdir.WriteFile).
func WritePublic(path string, p *Public) error {
	return outdir.WriteFile(path, p.Encode(), 0o644)
}

// ReadPublic reads the aggregate file at path. An unknown key or schema is
// an error naming the file, so a file from a newer program is not half
// understood.
func ReadPublic(path string) (*Public, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var p Public
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("%s: %w (export the figures again from the desk's \"Udgiv tal\")", path, err)
	}
	if p.Schema != publicSchema {
		return nil, fmt.Errorf("%s: schema %d, this program reads schema %d (export the figures again from the desk's \"Udgiv tal\")", path, p.Schema, publicSchema)
	}
	if _, err := programme.ParseISODate(p.AsOf); err != nil {
		return nil, fmt.Errorf("%s: as_of: %w", path, err)
	}
	return &p, nil
}

// protectLoneCount hides a second count where exactly one count of the
// courses table is hidden. The table has no totals, but its cells are tied
// by one equation: every course that started has completed, stopped or is
// still running, so the started counts add up to the completed and stopped
// counts plus the running ones (and once none is running, to exactly those).
// With one hidden cell that equation would give it away; with two or more it
// gives only a sum or a difference, and no hidden cell can be worked out.
// The second cell hidden is the smallest shown one (the earliest year, then
// started, completed, stopped, among equals), so as little as possible is
// lost.
func protectLoneCount(years []PublicYear) {
	var hidden int
	var smallest **int
	for i := range years {
		for _, c := range []**int{&years[i].Started, &years[i].Completed, &years[i].Stopped} {
			switch {
			case *c == nil:
				hidden++
			case smallest == nil || **c < **smallest:
				smallest = c
			}
		}
	}
	if hidden == 1 && smallest != nil {
		*smallest = nil
	}
}
