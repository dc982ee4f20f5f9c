package status

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html"
	"html/template"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/laegeforeningen/mentorprogram/internal/outdir"
	"github.com/laegeforeningen/mentorprogram/internal/programme"
)

//go:embed web/pages.html web/numbers.html web/status.css web/status.js
var web embed.FS

// Marker is the file WritePrivate leaves in the folder, so that it only ever
// replaces a folder it made itself.
const Marker = ".mentorprogram-status"

// Private is the kind of the status pages' folder.
var Private = &outdir.Kind{
	Marker:     Marker,
	MarkerText: "Written by the mentor programme's status pages; the whole folder is replaced on every build.\n",
	What:       "the private folder",
	Flag:       "-private",
	Writer:     "the status pages",
	Earlier:    "earlier status pages",
}

// SiteCSS and SiteIcon are the paths of the handbook's stylesheet and
// icon in the theme.
const (
	SiteCSS  = "assets/site.css"
	SiteIcon = "assets/favicon.svg"
)

var pages = template.Must(template.New("pages").Funcs(template.FuncMap{
	"daDate":       daDate,
	"flagLabel":    FlagLabel,
	"stateLabel":   StateLabel,
	"roleLabel":    roleLabel,
	"urgencyLabel": urgencyLabel,
	"stateOrder":   stateOrder,
	"mean":         daDecimal,
	"timeline":     timeline,
	"bars":         bars,
	"plural":       plural,
	"urgencies":    func() []programme.Urgency { return programme.Urgencies[:3] },
	"cohortName":   (*Report).CohortName,
	"flagsOf":      (*CohortReport).FlagsOf,
	"groupData": func(g *Group, e *EvalReport) map[string]any {
		return map[string]any{"G": g, "E": e}
	},
	"hiddenStats": func(ss []*Stat) bool { return len(ss) > 0 && ss[0].Hidden },
}).ParseFS(web, "web/pages.html"))

// page is what every private page's template gets.
type page struct {
	Title, Root, Nav             string
	SiteCSS, StatusCSS, StatusJS string // file names under assets/
	Icon                         string // ... "" when the theme has none
	R                            *Report
	Cohort                       *CohortReport
	Notes                        []string
}

// WritePrivate writes the private status pages into dir, replacing what an
// earlier run wrote there (stale files go): index.html, kohorte/<id>.html,
// opfoelgning.html and .xlsx, matchforslag.html and .xlsx, evaluering.html,
// status.json, robots.txt and
// assets/. theme is the templates folder; its assets/site.css and
// assets/favicon.svg (the handbook's stylesheet and icon) are copied in
// with a content hash in their names, and the pages are written without
// them when the theme has none. A dir that
// exists, is not empty and was not written by WritePrivate is refused.
func (r *Report) WritePrivate(dir string, theme fs.FS) error {
	f, err := Private.Begin(dir)
	if err != nil {
		return fmt.Errorf("status: %w", err)
	}
	if err := r.writeAll(f.Dir(), theme); err != nil {
		f.Abort()
		return err
	}
	if err := f.Commit(); err != nil {
		return fmt.Errorf("status: %w", err)
	}
	return nil
}

// writeAll writes every file of private/ into the empty folder dir.
func (r *Report) writeAll(dir string, theme fs.FS) error {
	files := map[string][]byte{}
	p := page{R: r}
	// Assets, with content hashes in their names.
	asset := func(name string, b []byte) string {
		h := hashed(name, b)
		files["assets/"+h] = b
		return h
	}
	if theme != nil {
		for _, a := range []struct {
			path string
			dst  *string
		}{{SiteCSS, &p.SiteCSS}, {SiteIcon, &p.Icon}} {
			b, err := fs.ReadFile(theme, a.path)
			switch {
			case err == nil:
				*a.dst = asset(path.Base(a.path), b)
			case !errors.Is(err, fs.ErrNotExist):
				return fmt.Errorf("status: theme %s: %w", a.path, err)
			}
		}
	}
	for _, a := range []struct {
		name string
		dst  *string
	}{{"status.css", &p.StatusCSS}, {"status.js", &p.StatusJS}} {
		b, err := web.ReadFile("web/" + a.name)
		if err != nil {
			return fmt.Errorf("status: %w", err)
		}
		*a.dst = asset(a.name, b)
	}
	type job struct {
		name, tmpl string
		pg         page
		size       int // expected size, to grow the buffer once
	}
	var jobs []job
	add := func(name, tmpl, title, nav string) {
		pg := p
		pg.Title, pg.Nav = title, nav
		jobs = append(jobs, job{name, tmpl, pg, 16 << 10})
	}
	add("index.html", "index", "Oversigt", "index")
	add("opfoelgning.html", "followup", "Opfølgning", "followup")
	jobs[len(jobs)-1].size += 1200 * (len(r.Followups) + len(r.Handled))
	add("evaluering.html", "eval", "Evalueringer", "eval")
	add("matchforslag.html", "proposals", "Forslag til match", "proposals")
	jobs[len(jobs)-1].size += 1500 * r.Waiting()
	jobs[len(jobs)-1].size += 20000 * (len(r.Cohorts) + 1)
	for _, c := range r.Cohorts {
		pg := p
		pg.Title, pg.Root, pg.Cohort, pg.Notes = "Kohorte "+c.DisplayName(), "../", c, c.notes()
		jobs = append(jobs, job{"kohorte/" + c.ID + ".html", "cohort", pg, 16<<10 + 4000*len(c.Pairs) + 600*len(c.Unmatched)})
	}
	// The workbook and the pages are made side by side.
	var (
		xlsx    []byte
		xlsxErr error
		done    = make(chan struct{})
	)
	var (
		propXLSX    []byte
		propXLSXErr error
	)
	go func() {
		defer close(done)
		xlsx, xlsxErr = r.FollowupXLSX()
		propXLSX, propXLSXErr = r.ProposalXLSX()
	}()
	out := make([][]byte, len(jobs))
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	next := make(chan int)
	for range max(runtime.GOMAXPROCS(0), 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				var buf bytes.Buffer
				buf.Grow(jobs[i].size)
				if err := pages.ExecuteTemplate(&buf, jobs[i].tmpl, jobs[i].pg); err != nil {
					errs[i] = fmt.Errorf("status: rendering %s: %w", jobs[i].name, err)
				}
				out[i] = buf.Bytes()
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	<-done
	if err := errors.Join(append(errs, xlsxErr, propXLSXErr)...); err != nil {
		return err
	}
	for i, j := range jobs {
		files[j.name] = out[i]
	}
	js, err := r.JSON()
	if err != nil {
		return err
	}
	files["status.json"] = js
	files["opfoelgning.xlsx"] = xlsx
	files["matchforslag.xlsx"] = propXLSX
	files["robots.txt"] = []byte("User-agent: *\nDisallow: /\n")
	for name, b := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return fmt.Errorf("status: %w", err)
		}
		if err := os.WriteFile(path, b, 0o644); err != nil {
			return fmt.Errorf("status: %w", err)
		}
	}
	return nil
}

// hashed returns name with the first 10 hex digits of the SHA-256 of b
// before its extension: site.<hash>.css.
func hashed(name string, b []byte) string {
	sum := sha256.Sum256(b)
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:5]) + ext
}

// notes are the assumptions made for the cohort's pairs, in Danish, and
// what could not be computed for want of a date.
func (c *CohortReport) notes() []string {
	var out []string
	for i := range c.Pairs {
		ps := &c.Pairs[i]
		who := c.Name(ps.Pair.Mentee) + " og " + c.Name(ps.Pair.Mentor)
		switch {
		case ps.MatchAssumed:
			out = append(out, fmt.Sprintf("%s: ingen matchdato er registreret; den seneste af de to tilmeldinger (%s) er brugt som matchdato, da de tidligst kan være matchet der. Registrér matchdatoen.", who, daDate(ps.Matched)))
		case ps.Matched.IsZero() && ps.State == programme.StateAwaiting:
			out = append(out, fmt.Sprintf("%s: hverken matchdato eller tilmeldingsdatoer er registreret, så flaget »%s« kan ikke beregnes. Registrér matchdatoen.", who, FlagLabel(programme.FlagNoFirstContact)))
		}
		if ps.ClarificationUntyped {
			out = append(out, fmt.Sprintf("%s: intet møde er logget som afklaringsmøde; det første holdte møde (%s) er regnet som afklaringsmødet.", who, daDate(ps.Clarification)))
		}
		if ps.EndAssumed {
			out = append(out, fmt.Sprintf("%s: markeret %s uden slutdato; antaget slut %s (%s).", who, ps.Pair.Status, daDate(ps.Ended), programme.EndBasis(ps)))
		}
		if ps.EndUnknown {
			out = append(out, fmt.Sprintf("%s: markeret %s uden slutdato, og hverken et holdt møde eller en matchdato er logget, så ingen slutdato kan antages (flaget »%s«). Registrér slutdatoen.", who, ps.Pair.Status, FlagLabel(programme.FlagEndDateMissing)))
		}
	}
	return out
}

// stateOrder sorts states in the order of programme.States.
func stateOrder(s programme.State) int {
	for i, t := range programme.States {
		if t == s {
			return i
		}
	}
	return len(programme.States)
}

// daDecimal writes a mean with one decimal and a decimal comma.
func daDecimal(f float64) string {
	return strings.Replace(strconv.FormatFloat(f, 'f', 1, 64), ".", ",", 1)
}

// days returns the whole days from a to b.
func days(a, b programme.Date) int { return int(b.Time().Sub(a.Time()).Hours() / 24) }

// timeline draws a pair's course as an inline SVG: the months from the
// clarification meeting, the min-to-max band, held meetings as marks and a
// line at the reference date (or the end of the course). It has no
// viewBox: its x coordinates are percentages of its width and the rest
// pixels, so it fills the column at any width while its text stays at its
// own size (12 px, see status.css) on a 375-px phone as on a laptop; the
// month numbers are every second month, or sparser on a long course, so
// that they never crowd.
func timeline(r *Report, ps programme.PairStatus) template.HTML {
	if ps.Clarification.IsZero() {
		text := "Intet afklaringsmøde er holdt endnu."
		if !ps.Pair.Matched.IsZero() {
			text = fmt.Sprintf("Intet afklaringsmøde er holdt endnu (matchet %s).", daDate(ps.Pair.Matched))
		}
		return template.HTML(`<p class="st-note">` + html.EscapeString(text) + `</p>`)
	}
	rules := r.Config.Rules
	now := r.AsOf
	if !ps.Ended.IsZero() && ps.Ended.Before(now) {
		now = ps.Ended
	}
	span := rules.DurationMonths.Max + 2
	for _, d := range append([]programme.Date{now}, ps.Held...) {
		for span < 60 && ps.Clarification.AddMonths(span).Before(d) {
			span += 2
		}
	}
	end := ps.Clarification.AddMonths(span)
	total := float64(max(days(ps.Clarification, end), 1))
	// The axis runs from left to left+width percent of the drawing.
	const left, width = 3.0, 94.0
	x := func(d programme.Date) float64 {
		f := float64(days(ps.Clarification, d)) / total
		return left + width*min(max(f, 0), 1)
	}
	step := 2
	for _, st := range []int{2, 4, 6, 12} {
		if step = st; span/st <= 8 {
			break
		}
	}
	var b strings.Builder
	label := fmt.Sprintf("Tidslinje: afklaringsmøde %s; %s holdt efter det, mindst %d kræves; %s; %s forløbet af %d til %d.",
		daDate(ps.Clarification), meetingsText(ps.MeetingsAfter), rules.MinMeetingsAfterClarification,
		lastText(ps), monthsText(ps.Months), rules.DurationMonths.Min, rules.DurationMonths.Max)
	fmt.Fprintf(&b, `<svg class="st-timeline" width="100%%" height="56" role="img" aria-label="%s"><title>%s</title>`, html.EscapeString(label), html.EscapeString(label))
	fmt.Fprintf(&b, `<rect class="tl-band" x="%.2f%%" y="8" width="%.2f%%" height="26"/>`, x(ps.MinEnd), max(x(ps.MaxEnd)-x(ps.MinEnd), 0.2))
	fmt.Fprintf(&b, `<rect class="tl-axis" x="%.2f%%" y="20" width="%.2f%%" height="2"/>`, left, width)
	for m := 0; m <= span; m++ {
		xm := x(ps.Clarification.AddMonths(m))
		fmt.Fprintf(&b, `<line class="tl-tick" x1="%.2f%%" y1="17" x2="%.2f%%" y2="25"/>`, xm, xm)
		if m%step == 0 {
			fmt.Fprintf(&b, `<text class="tl-label" x="%.2f%%" y="50" text-anchor="middle">%d</text>`, xm, m)
		}
	}
	fmt.Fprintf(&b, `<line class="tl-today" x1="%.2f%%" y1="4" x2="%.2f%%" y2="38"/>`, x(now), x(now))
	for _, d := range ps.Held {
		if d == ps.Clarification {
			// A diamond: a square turned about its centre, placed by a
			// nested drawing whose origin is at the day.
			fmt.Fprintf(&b, `<svg class="tl-at" x="%.2f%%" overflow="visible"><rect class="tl-clar" x="-6" y="15" width="12" height="12" transform="rotate(45 0 21)"/></svg>`, x(d))
			continue
		}
		fmt.Fprintf(&b, `<circle class="tl-meeting" cx="%.2f%%" cy="21" r="5"/>`, x(d))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

func lastText(ps programme.PairStatus) string {
	if ps.LastMeeting == ps.Clarification {
		return "intet møde efter afklaringsmødet"
	}
	return "seneste møde " + daDate(ps.LastMeeting)
}

// bars draws a scale question's distribution as an inline SVG of columns
// drawn at its own size in pixels (so its text, 13 px, never shrinks below
// 12 px), the number of answers above each column and the value below it,
// followed by a line naming the scale's ends (programme.yaml's ends). Its
// accessible name gives every count, the ends and the mean.
func bars(s *Stat) template.HTML {
	n := len(s.Counts)
	const w, h, top, base = 256.0, 132.0, 20.0, 108.0
	slot := w / float64(n)
	bw := slot * 0.7
	parts := make([]string, n)
	for i, c := range s.Counts {
		parts[i] = fmt.Sprintf("%d: %d", s.Question.Scale.Min+i, c)
	}
	lo, hi := scaleEnds(s.Question)
	label := fmt.Sprintf("%s (%s), antal svar pr. værdi: %s; gennemsnit %s af %d svar.",
		s.Question.Label["da"], lo+", "+hi, strings.Join(parts, ", "), daDecimal(s.Mean), s.N)
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="st-bars" width="%.0f" height="%.0f" viewBox="0 0 %.0f %.0f" role="img" aria-label="%s"><title>%s</title>`, w, h, w, h, html.EscapeString(label), html.EscapeString(label))
	peak := float64(s.Max())
	fmt.Fprintf(&b, `<line class="bar-axis" x1="0" y1="%.1f" x2="%.0f" y2="%.1f"/>`, base+0.5, w, base+0.5)
	for i, c := range s.Counts {
		cx := slot*float64(i) + slot/2
		bh := (base - top) * float64(c) / peak
		fmt.Fprintf(&b, `<rect class="bar" x="%.1f" y="%.1f" width="%.1f" height="%.1f"/>`, cx-bw/2, base-bh, bw, bh)
		fmt.Fprintf(&b, `<text class="bar-label" x="%.1f" y="%.1f" text-anchor="middle">%d</text>`, cx, base-bh-4, c)
		fmt.Fprintf(&b, `<text class="bar-value" x="%.1f" y="%.1f" text-anchor="middle">%d</text>`, cx, h-6, s.Question.Scale.Min+i)
	}
	b.WriteString(`</svg>`)
	fmt.Fprintf(&b, `<p class="st-ends" aria-hidden="true"><span>%s</span><span>%s</span></p>`, html.EscapeString(lo), html.EscapeString(hi))
	return template.HTML(b.String())
}

// scaleEnds names a scale's ends in Danish: "1 = Meget utilfreds", or the
// bare numbers where programme.yaml names no ends.
func scaleEnds(q programme.Question) (lo, hi string) {
	lo, hi = strconv.Itoa(q.Scale.Min), strconv.Itoa(q.Scale.Max)
	if q.Ends != nil {
		lo += " = " + q.Ends.Min["da"]
		hi += " = " + q.Ends.Max["da"]
	}
	return lo, hi
}

// Stylesheet is the status pages' own stylesheet (web/status.css), for
// other pages in their look (the secretariat's desk).
func Stylesheet() []byte {
	b, err := web.ReadFile("web/status.css")
	if err != nil {
		panic(err) // embedded
	}
	return b
}
