package status

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/laegeforeningen/mentorprogram/internal/programme"
	"github.com/laegeforeningen/mentorprogram/internal/store"
)

// registerStrings is every text of the register's cohorts that is five
// characters or longer: names, e-mail addresses, workplaces, comments,
// cohort ids and names, and the rest.
func registerStrings(cohorts []programme.Cohort) map[string]bool {
	out := map[string]bool{}
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.String:
			if s := strings.TrimSpace(v.String()); len([]rune(s)) >= 5 {
				out[s] = true
			}
		case reflect.Struct:
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() {
					walk(v.Field(i))
				}
			}
		case reflect.Slice, reflect.Array:
			for i := range v.Len() {
				walk(v.Index(i))
			}
		case reflect.Map:
			for _, k := range v.MapKeys() {
				walk(k)
				walk(v.MapIndex(k))
			}
		case reflect.Pointer, reflect.Interface:
			if !v.IsNil() {
				walk(v.Elem())
			}
		}
	}
	walk(reflect.ValueOf(cohorts))
	return out
}

// TestPublicFileHoldsNoPersonalData: the aggregate file exported from the
// demo register holds none of its texts (no name, address, workplace,
// comment, cohort), and every count it shows reaches the group size.
func TestPublicFileHoldsNoPersonalData(t *testing.T) {
	ds, err := store.Load(filepath.Join("..", "..", "data"))
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Cohorts) == 0 {
		t.Skip("no cohorts in data/cohorts")
	}
	p := New(ds, today).Public()
	file := string(p.Encode())
	// Texts of programme.yaml (question ids and labels) are public.
	config, err := os.ReadFile(filepath.Join("..", "..", "data", "programme.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	texts := registerStrings(ds.Cohorts)
	for s := range texts {
		if strings.Contains(string(config), s) {
			delete(texts, s)
		}
	}
	if len(texts) < 20 {
		t.Fatalf("only %d texts in the register: the test would prove little", len(texts))
	}
	for s := range texts {
		if strings.Contains(file, s) {
			t.Errorf("the aggregate file holds the register's text %q", s)
		}
	}
	if strings.Contains(file, "@") {
		t.Error("the aggregate file holds an @")
	}
	minN := ds.Config.Privacy.MinGroupSize
	for _, y := range p.Years {
		for _, c := range []*int{y.Started, y.Completed, y.Stopped} {
			if c != nil && *c > 0 && *c < minN {
				t.Errorf("year %d shows a count %d below the group size %d", y.Year, *c, minN)
			}
		}
	}
	for _, q := range p.Questions {
		if q.Answers != nil && *q.Answers < minN {
			t.Errorf("question %q shows a mean of %d answers, below %d", q.Label["da"], *q.Answers, minN)
		}
	}
}

// TestPublicMeanRounded: the file's mean is the page's, to one decimal,
// so that two exports one answer apart do not give that answer away
// (an exact mean times the count is the exact sum of the answers).
func TestPublicMeanRounded(t *testing.T) {
	cfg := testConfig()
	cfg.Privacy = programme.Privacy{MinGroupSize: 5, MinGroupSizeComments: 10}
	c := programme.Cohort{ID: "a"}
	for i, v := range []int{5, 4, 4, 3, 5, 4} {
		c.Evaluations = append(c.Evaluations, programme.Evaluation{Email: string(rune('a'+i)) + "@x", Role: programme.Mentee,
			Answers: map[string]int{"tilfredshed": v}})
	}
	p := New(&programme.Dataset{Config: cfg, Cohorts: []programme.Cohort{c}}, today).Public()
	var got *float64
	for _, q := range p.Questions {
		if q.Label["da"] == "Samlet tilfredshed" {
			got = q.Mean
		}
	}
	// 25/6 = 4.1666…: the file says 4.2, as the page.
	if got == nil || *got != 4.2 {
		t.Fatalf("the public mean is %v, want 4.2 (questions %+v)", got, p.Questions)
	}
	if !strings.Contains(string(p.Encode()), `"mean": 4.2,`) {
		t.Errorf("the file does not hold the rounded mean:\n%s", p.Encode())
	}
}

// TestPublicFileRoundTrip: the page made from the file read back is the
// page made from the register, in both languages; an unknown key or
// schema is refused with the file's name.
func TestPublicFileRoundTrip(t *testing.T) {
	ds, err := store.Load(filepath.Join("..", "..", "data"))
	if err != nil {
		t.Fatal(err)
	}
	r := New(ds, today)
	path := filepath.Join(t.TempDir(), PublicFile)
	if err := WritePublic(path, r.Public()); err != nil {
		t.Fatal(err)
	}
	back, err := ReadPublic(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"da", "en"} {
		got, err := back.HTML(words(t, lang))
		if err != nil {
			t.Fatal(err)
		}
		if want := publicHTML(t, r, lang); string(got) != want {
			t.Errorf("%s: the page from the file differs from the page from the register:\nfile:     %s\nregister: %s", lang, got, want)
		}
	}
	for name, src := range map[string]string{
		"unknown key": `{"schema":1,"as_of":"2026-11-22","min_group_size":5,"years":[],"questions":[],"names":["x"]}`,
		"schema":      `{"schema":2,"as_of":"2026-11-22","min_group_size":5,"years":[],"questions":[]}`,
		"date":        `{"schema":1,"as_of":"22-11-2026","min_group_size":5,"years":[],"questions":[]}`,
	} {
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := ReadPublic(path); err == nil || !strings.Contains(err.Error(), path) {
			t.Errorf("%s: ReadPublic error %v, want one naming the file", name, err)
		}
	}
}

// TestPublicCountsNotDerivable: the courses table's cells are tied by one
// equation (started = completed + stopped + running), so a reader who
// knows or guesses the running courses can work out a hidden count when it
// is the only one hidden. Over random tables, acting as that reader: after
// the privacy rules, no table has exactly one hidden count, every count
// below the group size stays hidden, and a second count is hidden only
// where one alone was.
func TestPublicCountsNotDerivable(t *testing.T) {
	const minN = 5
	count := func(c int) *int {
		if c > 0 && c < minN {
			return nil
		}
		return &c
	}
	rng := rand.New(rand.NewPCG(7, 11))
	cases := [][][3]int{
		{{2026, 3, 0}},           // one small cell, nothing else to hide but zeros
		{{12, 9, 2}, {7, 6, 0}},  // one stopped course: 2 alone hidden
		{{12, 9, 2}, {7, 6, 3}},  // two hidden already: nothing more
		{{12, 9, 6}, {7, 6, 5}},  // nothing small
		{{0, 0, 0}},              // nothing at all
		{{1, 0, 0}, {20, 15, 5}}, // started 1 in an early year
	}
	for range 500 {
		var tbl [][3]int
		for range 1 + rng.IntN(5) {
			tbl = append(tbl, [3]int{rng.IntN(14), rng.IntN(10), rng.IntN(7)})
		}
		cases = append(cases, tbl)
	}
	for _, tbl := range cases {
		var years []PublicYear
		small := 0
		for i, r := range tbl {
			years = append(years, PublicYear{Year: 2020 + i, Started: count(r[0]), Completed: count(r[1]), Stopped: count(r[2])})
			for _, c := range r {
				if c > 0 && c < minN {
					small++
				}
			}
		}
		protectLoneCount(years)
		hidden := 0
		for i, y := range years {
			for j, c := range []*int{y.Started, y.Completed, y.Stopped} {
				if c == nil {
					hidden++
					continue
				}
				if v := tbl[i][j]; *c != v {
					t.Fatalf("%v: a shown count changed: %d, want %d", tbl, *c, v)
				}
				if v := tbl[i][j]; v > 0 && v < minN {
					t.Fatalf("%v: %d shown, below the group size", tbl, v)
				}
			}
		}
		cells := 3 * len(tbl)
		switch {
		case hidden == 1:
			t.Fatalf("%v: exactly one count hidden: the equation gives it away", tbl)
		case small == 1 && cells > 1 && hidden != 2:
			t.Fatalf("%v: %d hidden, want the small one and one more", tbl, hidden)
		case small != 1 && hidden != small:
			t.Fatalf("%v: %d hidden, want %d (nothing more)", tbl, hidden, small)
		}
	}
}
