// Package markdown is the handbook's one configured goldmark: it splits and
// checks a page's YAML front matter, expands rule values ({{rule KEY}}) from
// data/programme.yaml, and renders the body to HTML with GFM, footnotes,
// definition lists, Danish heading ids and typography, GitHub-style callouts,
// scrollable tables and rewritten internal links. It does no I/O.
package markdown

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"time"

	"gopkg.in/yaml.v3"
)

// FrontMatter is a page's YAML front matter. Unknown keys are an error.
type FrontMatter struct {
	// Title is the page's title and only h1 (required).
	Title string `yaml:"title"`
	// Description is one sentence for search results, section lists and
	// Open Graph. A page without one builds, with a warning.
	Description string `yaml:"description"`
	// Weight orders the page in its section (lower first; then by title).
	Weight int `yaml:"weight"`
	// Draft pages are not built.
	Draft bool `yaml:"draft"`
	// Facts lists the fact ids (A1..E10) of the programme that the page covers.
	Facts []string `yaml:"facts"`
	// Layout picks the template: page (default), home, sheet, faq, numbers.
	Layout string `yaml:"layout"`
	// Updated (YYYY-MM-DD) is the last-updated date where git has none.
	Updated string `yaml:"updated"`
	// Slug replaces the last segment of the page's URL.
	Slug string `yaml:"slug"`
	// TOC set to false hides the page's table of contents.
	TOC *bool `yaml:"toc"`
	// NavTitle is a shorter title for the sidebar and breadcrumbs.
	NavTitle string `yaml:"nav_title"`
}

// Layouts are the known values of FrontMatter.Layout.
var Layouts = []string{"", "page", "home", "sheet", "faq", "numbers"}

var yamlLine = regexp.MustCompile(`line (\d+)`)

// SplitFrontMatter splits src into its front matter and body. bodyLine is the
// 1-based line of the file where the body starts. Errors read
// "path:LINE: message" with the file's own line numbers.
func SplitFrontMatter(path string, src []byte) (fm FrontMatter, body []byte, bodyLine int, err error) {
	src = bytes.TrimPrefix(src, []byte("\uFEFF"))
	if bytes.Contains(src, []byte("\r\n")) {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	}
	if !bytes.HasPrefix(src, []byte("---\n")) {
		return fm, nil, 0, fmt.Errorf("%s:1: front matter missing: start the file with a line of three dashes (---), then title: and description:, then --- again", path)
	}
	rest := src[4:]
	end, line := -1, 2
	for off := 0; off < len(rest); line++ {
		nl := bytes.IndexByte(rest[off:], '\n')
		var l []byte
		if nl < 0 {
			l = rest[off:]
		} else {
			l = rest[off : off+nl]
		}
		if string(bytes.TrimRight(l, " \t")) == "---" {
			end = off
			if nl < 0 {
				body = nil
			} else {
				body = rest[off+nl+1:]
			}
			break
		}
		if nl < 0 {
			break
		}
		off += nl + 1
	}
	if end < 0 {
		return fm, nil, 0, fmt.Errorf("%s:1: front matter is not closed: end it with a line of three dashes (---)", path)
	}
	bodyLine = line + 1
	dec := yaml.NewDecoder(bytes.NewReader(rest[:end]))
	dec.KnownFields(true)
	if err := dec.Decode(&fm); err != nil && err.Error() != "EOF" {
		return fm, nil, 0, yamlError(path, err)
	}
	if fm.Title == "" {
		return fm, nil, 0, fmt.Errorf("%s:1: front matter has no title: add a line such as title: Afklaringsmødet", path)
	}
	if !contains(Layouts, fm.Layout) {
		return fm, nil, 0, fmt.Errorf("%s:%d: unknown layout %q (known: page, home, sheet, faq, numbers)", path, keyLine(rest[:end], "layout"), fm.Layout)
	}
	if fm.Updated != "" {
		if _, err := time.Parse(time.DateOnly, fm.Updated); err != nil {
			return fm, nil, 0, fmt.Errorf("%s:%d: updated: %q is not a date; write it as 2026-11-22", path, keyLine(rest[:end], "updated"), fm.Updated)
		}
	}
	return fm, body, bodyLine, nil
}

// yamlError turns yaml.v3's "line N" (counted from the front matter's first
// line) into the file's own line numbers.
func yamlError(path string, err error) error {
	msg := err.Error()
	line := 1
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		line = n + 1
	}
	msg = yamlLine.ReplaceAllStringFunc(msg, func(s string) string {
		n, _ := strconv.Atoi(yamlLine.FindStringSubmatch(s)[1])
		return "line " + strconv.Itoa(n+1)
	})
	msg = bytes.NewBufferString(msg).String()
	msg = regexp.MustCompile(`^yaml: (unmarshal errors:\n\s*)?`).ReplaceAllString(msg, "")
	msg = regexp.MustCompile(`field (\S+) not found in type markdown.FrontMatter`).ReplaceAllString(msg, "unknown front matter key $1 (known: title, description, weight, draft, facts, layout, updated, slug, toc, nav_title)")
	return fmt.Errorf("%s:%d: front matter: %s", path, line, msg)
}

// keyLine returns the file line of key in the front matter text fm.
func keyLine(fm []byte, key string) int {
	for i, l := range bytes.Split(fm, []byte("\n")) {
		if bytes.HasPrefix(l, []byte(key+":")) {
			return i + 2
		}
	}
	return 1
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
