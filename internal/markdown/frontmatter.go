// Package markdown is the handbook's one configured goldmark. It splits and
// checks a page's YAML front matter, expands rule values from
// data/programme.yaml, and renders the body to HTML. It does no I/O, and
// every error names its place as "path:line: message" with the line of the
// Markdown file itself.
//
// What a page can use, beside CommonMark:
//
//   - GFM: tables, task lists ("- [ ] "), ~~strikethrough~~ and bare URLs
//     as links; footnotes ("[^1]"); definition lists ("Term" then ": text").
//   - Rule values: {{rule KEY}} (spaces allowed inside the braces) is
//     replaced before parsing, also inside raw HTML, by the value of KEY in
//     data/programme.yaml ("rules.duration_months.max"). Decimals get a comma
//     in Danish. Inside code spans and code blocks the syntax is shown as
//     written. An unknown key is an error.
//   - Callouts: a block quote whose first line is [!NOTE], [!TIP],
//     [!IMPORTANT], [!WARNING] or [!CAUTION] becomes
//     <div class="callout callout-note" role="note"> with a visible,
//     translated title (Bemærk, Tip, Vigtigt, Advarsel, Pas på: the words
//     of Options.Words, from the theme's templates/i18n).
//   - Headings get ids from Slug ("## Hvad gør jeg?" → "hvad-goer-jeg"),
//     unique within the page ("-2", "-3"); "## Titel {#eget-id}" sets one.
//     h2 to h4 get an anchor link (class heading-anchor) after their text.
//   - Links: relative paths to .md files ("../forloeb/ansvar.md#agenda"),
//     "#anchors", site paths and images, in Markdown and in raw HTML href=
//     and src=, go through Options.Links, which checks and rewrites them.
//   - Typography: "x" → »x«, 'x' → ›x‹ in Danish (“x” and ‘x’ in English),
//     apostrophes ’, -- → –, --- → —, ... → ….
//   - Tables scroll sideways inside <div class="table-wrap" role="region"
//     tabindex="0" aria-label="Tabel">. A column aligned in the delimiter
//     row (|:--|--:|:-:|) gives its cells class="align-left", "align-right"
//     or "align-center" (styled by the theme), never goldmark's inline
//     style="text-align:…", which the site's CSP (style-src 'self')
//     blocks, nor the obsolete align attribute. Code blocks are
//     keyboard-scrollable too. Task list boxes are spans (class task-box)
//     that print as empty boxes, in <ul class="task-list">.
//   - Raw HTML is written as is (the content is ours).
//   - Options.Embed writes a second version of the page, from the same
//     parse and in the same walk, for a document of several pages (the
//     site's print page): ids prefixed, also in raw HTML, and headings
//     moved down.
package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"strconv"
	"strings"
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
	// Layout picks the template: NAME for the theme's layouts/NAME.html
	// ("" is page). The site checks that the theme has it.
	Layout string `yaml:"layout"`
	// Updated (YYYY-MM-DD) is the last-updated date where git has none.
	Updated string `yaml:"updated"`
	// Slug replaces the last segment of the page's URL.
	Slug string `yaml:"slug"`
	// TOC set to false hides the page's table of contents.
	TOC *bool `yaml:"toc"`
	// NavTitle is a shorter title for the sidebar and breadcrumbs.
	NavTitle string `yaml:"nav_title"`

	// SlugLine is the file line of the slug: key (0 without a slug), for
	// errors about the URL it makes. It is not a key of its own.
	SlugLine int `yaml:"-"`
	// LayoutLine is the file line of the layout: key (0 without one), for
	// errors about the layout. It is not a key of its own.
	LayoutLine int `yaml:"-"`
}

// Keys are the known front matter keys, in the order of FrontMatter's
// fields (the README documents them in that order): read from the fields'
// yaml tags, so that a new key is declared once, by its field.
var Keys = func() []string {
	var keys []string
	t := reflect.TypeFor[FrontMatter]()
	for i := range t.NumField() {
		if name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ","); name != "" && name != "-" {
			keys = append(keys, name)
		}
	}
	return keys
}()

var (
	yamlAtLine      = regexp.MustCompile(`at line \d+`)
	yamlLineAt      = regexp.MustCompile(`^line (\d+): `)
	yamlParserError = regexp.MustCompile(`^(did not find expected|found undefined tag handle|found duplicate %|found incompatible YAML)`)
	yamlUnknown     = regexp.MustCompile(`field (\S+) not found in type markdown\.FrontMatter`)
	yamlTypeName    = regexp.MustCompile(`markdown\.FrontMatter`)
	bom             = []byte("\uFEFF")
)

// SplitFrontMatter splits src into its front matter and body. bodyLine is the
// 1-based line of the file where the body starts. A UTF-8 byte order mark is
// dropped and CRLF line ends become LF (in body too). Errors read
// "path:LINE: message" with the file's own line numbers: a file without
// front matter, front matter that is not closed, bad YAML, an unknown key, a
// missing title or an updated date that is not YYYY-MM-DD.
func SplitFrontMatter(path string, src []byte) (fm FrontMatter, body []byte, bodyLine int, err error) {
	src = bytes.TrimPrefix(src, bom)
	if bytes.IndexByte(src, '\r') >= 0 {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	}
	first, rest, _ := bytes.Cut(src, []byte("\n"))
	if !isDashes(first) {
		return fm, nil, 0, fmt.Errorf("%s:1: front matter missing: start the file with ---, then lines such as title: and description:, then --- again", path)
	}
	// Find the closing line of dashes; line counts the file's lines.
	end, line := -1, 2
	for off := 0; off <= len(rest); line++ {
		l, _, found := bytes.Cut(rest[off:], []byte("\n"))
		if isDashes(l) {
			end = off
			body = rest[min(off+len(l)+1, len(rest)):]
			break
		}
		if !found {
			break
		}
		off += len(l) + 1
	}
	if end < 0 {
		return fm, nil, 0, fmt.Errorf("%s:1: front matter is not closed: end it with a line of three dashes (---)", path)
	}
	bodyLine = line + 1
	yml := rest[:end]
	if simple, ok := readSimple(yml); ok {
		fm = simple
	} else if err := decodeYAML(yml, &fm); err != nil {
		return fm, nil, 0, yamlError(path, err)
	}
	fm.Title = strings.TrimSpace(fm.Title)
	if fm.Title == "" {
		return fm, nil, 0, fmt.Errorf("%s:%d: front matter has no title: add a line such as title: Afklaringsmødet", path, keyLine(yml, "title", 1))
	}
	if fm.Updated != "" {
		if _, err := time.Parse(time.DateOnly, fm.Updated); err != nil {
			return fm, nil, 0, fmt.Errorf("%s:%d: updated: %q is not a date: write it as YYYY-MM-DD, such as 2026-11-22", path, keyLine(yml, "updated", 1), fm.Updated)
		}
	}
	if fm.Slug != "" {
		fm.SlugLine = keyLine(yml, "slug", 0)
		if !IsSegment(fm.Slug) {
			return fm, nil, 0, fmt.Errorf("%s:%d: slug %q: a slug is one segment of the page's URL, without / \\ ? # %% or control characters, and not . or ..; write it as clarification-meeting", path, fm.SlugLine, fm.Slug)
		}
	}
	if fm.Layout != "" {
		fm.LayoutLine = keyLine(yml, "layout", 0)
	}
	return fm, body, bodyLine, nil
}

// decodeYAML decodes front matter text with yaml.v3, unknown keys being an
// error. Empty text is no error: it leaves fm as it is.
func decodeYAML(yml []byte, fm *FrontMatter) error {
	dec := yaml.NewDecoder(bytes.NewReader(yml))
	dec.KnownFields(true)
	if err := dec.Decode(fm); err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	return nil
}

// IsSegment reports whether s (a slug, a content file's or folder's name)
// is one segment of a URL that links to it as it is: a / would make
// several (and ../ lead out of the output folder), and ? # % would end
// the path or start an escape in a link.
func IsSegment(s string) bool {
	if s == "." || s == ".." {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f || strings.IndexByte(`/\?#%`, c) >= 0 {
			return false
		}
	}
	return true
}

// isDashes reports whether l is a front matter fence: "---", maybe followed
// by spaces.
func isDashes(l []byte) bool {
	return bytes.HasPrefix(l, []byte("---")) && len(bytes.TrimRight(l[3:], " \t")) == 0
}

// yamlError turns yaml.v3's errors into "path:LINE: front matter: ..." with
// the file's own line numbers. yaml.v3 counts lines from the front matter's
// first line (the file's line 2); its syntax errors from the parser (not the
// scanner) count from 0.
func yamlError(path string, err error) error {
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		line := 1
		msgs := make([]string, len(te.Errors))
		for i, e := range te.Errors {
			if m := yamlLineAt.FindStringSubmatch(e); m != nil {
				n, _ := strconv.Atoi(m[1])
				if i == 0 {
					line = n + 1
				}
				e = e[len(m[0]):]
				if i > 0 {
					e = "line " + strconv.Itoa(n+1) + ": " + e
				}
			}
			msgs[i] = cleanYAML(e)
		}
		return fmt.Errorf("%s:%d: front matter: %s", path, line, strings.Join(msgs, "; "))
	}
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 1
	if m := yamlLineAt.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		msg = msg[len(m[0]):]
		line = n + 1
		if yamlParserError.MatchString(msg) {
			line++
		}
	} else if yamlParserError.MatchString(msg) {
		line = 2
	}
	return fmt.Errorf("%s:%d: front matter: %s", path, line, cleanYAML(msg))
}

// cleanYAML puts words for the Go names in a yaml.v3 message.
func cleanYAML(msg string) string {
	msg = yamlAtLine.ReplaceAllStringFunc(msg, func(s string) string {
		n, _ := strconv.Atoi(s[len("at line "):])
		return "at line " + strconv.Itoa(n+1)
	})
	msg = yamlUnknown.ReplaceAllString(msg, "unknown key $1 (known: "+strings.Join(Keys, ", ")+")")
	return yamlTypeName.ReplaceAllString(msg, "front matter")
}

// keyLine returns the file line of a top-level key in the front matter text
// yml, or def.
func keyLine(yml []byte, key string, def int) int {
	line := 2
	for len(yml) > 0 {
		l, rest, _ := bytes.Cut(yml, []byte("\n"))
		if bytes.HasPrefix(l, []byte(key)) && bytes.HasPrefix(bytes.TrimLeft(l[len(key):], " \t"), []byte(":")) {
			return line
		}
		yml = rest
		line++
	}
	return def
}
