// Package i18n reads the theme's UI strings, templates/i18n/LANG.yaml: the
// one place where the words of the handbook's pages, of the Markdown
// renderer (callout titles, labels), of the public "Programmet i tal"
// fragment and of the status pages (the month names, the names of states,
// roles, whom to contact and urgencies) are written, in Danish and in English. Every key is in both
// languages; Load refuses files where one language lacks a key.
package i18n

import (
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Langs are the languages, the main language first.
var Langs = []string{"da", "en"}

// Lang is one language's file. {q}, {n} and similar in a string are filled
// in by its user.
type Lang struct {
	Lang string `yaml:"-"`
	// Months are the month names, January first.
	Months []string `yaml:"months"`
	// DateFormat is how a date is written: "{d}. {month} {y}".
	DateFormat string `yaml:"date"`
	// T are the strings of the handbook's templates (.T in a template).
	T map[string]string `yaml:"strings"`
	// Markdown are the words the Markdown renderer writes into a page.
	Markdown map[string]string `yaml:"markdown"`
	// Numbers are the strings of the public "Programmet i tal" fragment.
	Numbers map[string]string `yaml:"numbers"`
	// Status are the status pages' names of a pair's states, of the roles,
	// of whom to contact and of the urgencies (state_<state>, role_<role>,
	// whom_<whom>, urgency_<urgency>).
	Status map[string]string `yaml:"status"`
}

// sections are the maps of l by name, for the checks.
func (l *Lang) sections() map[string]map[string]string {
	return map[string]map[string]string{"strings": l.T, "markdown": l.Markdown, "numbers": l.Numbers, "status": l.Status}
}

// Date writes the date of t the language's way: "22. november 2026",
// "22 November 2026".
func (l *Lang) Date(t time.Time) string {
	r := strings.NewReplacer("{d}", strconv.Itoa(t.Day()), "{month}", l.Months[t.Month()-1], "{y}", strconv.Itoa(t.Year()))
	return r.Replace(l.DateFormat)
}

// Load reads i18n/da.yaml and i18n/en.yaml from theme (the templates
// folder). An unknown field, a missing or empty string, a key that only one
// language has, or not twelve months is an error naming the file.
func Load(theme fs.FS) (map[string]*Lang, error) {
	out := map[string]*Lang{}
	var errs []string
	for _, l := range Langs {
		name := "templates/i18n/" + l + ".yaml"
		src, err := fs.ReadFile(theme, "i18n/"+l+".yaml")
		if err != nil {
			errs = append(errs, fmt.Sprintf("%s: %v", name, err))
			continue
		}
		s := &Lang{Lang: l}
		dec := yaml.NewDecoder(strings.NewReader(string(src)))
		dec.KnownFields(true)
		if err := dec.Decode(s); err != nil {
			errs = append(errs, fmt.Sprintf("%s: %v", name, err))
			continue
		}
		if len(s.Months) != 12 {
			errs = append(errs, fmt.Sprintf("%s: months: %d names, want 12", name, len(s.Months)))
		}
		if s.DateFormat == "" {
			errs = append(errs, fmt.Sprintf("%s: date: missing", name))
		}
		for sec, m := range s.sections() {
			for k, v := range m {
				if v == "" {
					errs = append(errs, fmt.Sprintf("%s: %s: %s is empty", name, sec, k))
				}
			}
		}
		out[l] = s
	}
	if len(out) == len(Langs) {
		for sec := range out[Langs[0]].sections() {
			for _, a := range Langs {
				for _, b := range Langs {
					for k := range out[a].sections()[sec] {
						if _, ok := out[b].sections()[sec][k]; !ok {
							errs = append(errs, fmt.Sprintf("templates/i18n/%s.yaml: %s: %s missing (templates/i18n/%s.yaml has it)", b, sec, k, a))
						}
					}
				}
			}
		}
	}
	if len(errs) > 0 {
		sort.Strings(errs)
		return nil, fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return out, nil
}

// Missing returns an error for each key of section sec (the yaml name:
// "strings", "markdown", "numbers", "status") that lang lacks, for a user of the
// strings to check the keys it needs.
func Missing(lang *Lang, sec string, keys []string) []error {
	m := lang.sections()[sec]
	var errs []error
	for _, k := range keys {
		if m[k] == "" {
			errs = append(errs, fmt.Errorf("templates/i18n/%s.yaml: %s: %s missing", lang.Lang, sec, k))
		}
	}
	return errs
}
