package markdown

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
)

func TestSplitFrontMatter(t *testing.T) {
	yes := true
	for _, tc := range []struct {
		name, src string
		wantErr   string // regexp; empty: no error
		bodyLine  int
		want      FrontMatter
	}{
		{"good", "---\ntitle: A\ndescription: B\n---\nbody\n", "", 5, FrontMatter{Title: "A", Description: "B"}},
		{"every key", "---\ntitle: Afklaringsmødet\ndescription: Det første møde.\nweight: 2\ndraft: true\nfacts: [A6, C1]\nlayout: sheet\nupdated: 2026-11-22\nslug: clarification\ntoc: true\nnav_title: Afklaring\n---\nbody",
			"", 13, FrontMatter{Title: "Afklaringsmødet", Description: "Det første møde.", Weight: 2, Draft: true, Facts: []string{"A6", "C1"}, Layout: "sheet", Updated: "2026-11-22", Slug: "clarification", TOC: &yes, NavTitle: "Afklaring", SlugLine: 9, LayoutLine: 7}},
		{"crlf and bom", "\uFEFF---\r\ntitle: A\r\n---\r\nbody\r\nmore\r\n", "", 4, FrontMatter{Title: "A"}},
		{"fence with trailing space", "--- \ntitle: A\n---  \nbody", "", 4, FrontMatter{Title: "A"}},
		{"empty body", "---\ntitle: A\n---", "", 4, FrontMatter{Title: "A"}},
		{"no front matter", "# A\n", `^p\.md:1: front matter missing: start the file with ---`, 0, FrontMatter{}},
		{"bom, no front matter", "\uFEFFtitle: A\n", `^p\.md:1: front matter missing`, 0, FrontMatter{}},
		{"four dashes", "----\ntitle: A\n----\n", `^p\.md:1: front matter missing`, 0, FrontMatter{}},
		{"not closed", "---\ntitle: A\n", `^p\.md:1: front matter is not closed`, 0, FrontMatter{}},
		{"unknown key", "---\ntitle: A\n\nauthor: x\n---\n", `^p\.md:4: front matter: .*unknown key author \(known: title, description`, 0, FrontMatter{}},
		{"bad yaml", "---\ntitle: A\ndescription: B\nweight: [1\n---\n", `^p\.md:[45]: front matter: `, 0, FrontMatter{}},
		{"unclosed list", "---\ntitle: A\nfacts: [A1, A2\ndescription: B\n---\n", `^p\.md:3: front matter: did not find expected ',' or ']'`, 0, FrontMatter{}},
		{"text after quote", "---\ntitle: A\ndescription: \"B\" og C\n---\n", `^p\.md:3: front matter: did not find expected key`, 0, FrontMatter{}},
		{"colon in value", "---\ntitle: A\ndescription: Mødet: hvad sker der\n---\n", `^p\.md:3: front matter: mapping values are not allowed`, 0, FrontMatter{}},
		{"tab indent", "---\ntitle: A\n\tslug: x\n---\n", `^p\.md:3: front matter: found a tab`, 0, FrontMatter{}},
		{"two type errors", "---\ntitle: A\nweight: x\ndraft: måske\n---\n", `^p\.md:3: front matter: cannot unmarshal .*; line 4: cannot unmarshal`, 0, FrontMatter{}},
		{"bad yaml crlf", "---\r\ntitle: A\r\n  - x: :\r\n---\r\n", `^p\.md:3: front matter: `, 0, FrontMatter{}},
		{"wrong type", "---\ntitle: A\nweight: tung\n---\n", `^p\.md:3: front matter: cannot unmarshal !!str .tung. into int`, 0, FrontMatter{}},
		{"not a mapping", "---\n- a\n---\n", `^p\.md:2: front matter: .*into front matter`, 0, FrontMatter{}},
		{"duplicate key", "---\ntitle: A\ntitle: B\n---\n", `^p\.md:3: front matter: .*already defined at line 2`, 0, FrontMatter{}},
		{"no title", "---\ndescription: B\n---\n", `^p\.md:1: front matter has no title`, 0, FrontMatter{}},
		{"blank title", "---\ntitle: \"  \"\n---\n", `^p\.md:2: front matter has no title`, 0, FrontMatter{}},
		{"empty front matter", "---\n---\n", `^p\.md:1: front matter has no title`, 0, FrontMatter{}},
		{"any layout, checked by the site", "---\ntitle: A\n\nlayout: fancy\n---\n", "", 6, FrontMatter{Title: "A", Layout: "fancy", LayoutLine: 4}},
		{"bad updated", "---\ntitle: A\n# note\nupdated: 22-11-2026\n---\n", `^p\.md:4: updated: "22-11-2026" is not a date`, 0, FrontMatter{}},
		{"impossible updated", "---\ntitle: A\nupdated: 2026-02-30\n---\n", `^p\.md:3: updated: "2026-02-30" is not a date`, 0, FrontMatter{}},
		// A slug is one segment of the URL: a / made the page's output
		// folder of several, and ../ put it outside the output folder.
		{"slug out of the folder", "---\ntitle: A\n\nslug: ../../escaped\n---\n", `^p\.md:4: slug "../../escaped": a slug is one segment of the page's URL`, 0, FrontMatter{}},
		{"slug with a slash", "---\ntitle: A\nslug: course/meetings\n---\n", `^p\.md:3: slug "course/meetings": a slug is one segment`, 0, FrontMatter{}},
		{"slug with a backslash", "---\ntitle: A\nslug: 'a\\b'\n---\n", `^p\.md:3: slug .*: a slug is one segment`, 0, FrontMatter{}},
		{"slug of dots", "---\ntitle: A\nslug: ..\n---\n", `^p\.md:3: slug "..": a slug is one segment`, 0, FrontMatter{}},
		{"slug of a dot", "---\ntitle: A\nslug: .\n---\n", `^p\.md:3: slug ".": a slug is one segment`, 0, FrontMatter{}},
		{"slug with a question mark", "---\ntitle: A\nslug: hvad?\n---\n", `^p\.md:3: slug "hvad\?": a slug is one segment`, 0, FrontMatter{}},
		{"slug with a hash", "---\ntitle: A\nslug: 'a#b'\n---\n", `^p\.md:3: slug "a#b": a slug is one segment`, 0, FrontMatter{}},
		{"slug with a percent", "---\ntitle: A\nslug: 100%\n---\n", `^p\.md:3: slug "100%": a slug is one segment`, 0, FrontMatter{}},
		{"slug with a control character", "---\ntitle: A\nslug: \"a\\tb\"\n---\n", `^p\.md:3: slug "a\\tb": a slug is one segment`, 0, FrontMatter{}},
		{"slug with dots and letters", "---\ntitle: A\nslug: v1.2-æøå\n---\n", "", 5, FrontMatter{Title: "A", Slug: "v1.2-æøå"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fm, body, line, err := SplitFrontMatter("p.md", []byte(tc.src))
			if tc.wantErr != "" {
				if err == nil || !regexp.MustCompile(tc.wantErr).MatchString(err.Error()) {
					t.Errorf("error %v, want match of %s", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if line != tc.bodyLine {
				t.Errorf("body line %d, want %d", line, tc.bodyLine)
			}
			if (tc.bodyLine == 4 || tc.bodyLine == 5) && len(body) > 0 && !bytes.HasPrefix(body, []byte("body")) {
				t.Errorf("body %q", body)
			}
			if bytes.Contains(body, []byte("\r")) {
				t.Errorf("body keeps CR: %q", body)
			}
			if fm.Slug != "" && fm.SlugLine != strings.Count(tc.src[:strings.Index(tc.src, "\nslug:")+1], "\n")+1 {
				t.Errorf("slug line %d, want the line of slug:", fm.SlugLine)
			}
			if fm.Title != tc.want.Title || fm.Description != tc.want.Description || fm.Weight != tc.want.Weight ||
				fm.Draft != tc.want.Draft || strings.Join(fm.Facts, ",") != strings.Join(tc.want.Facts, ",") ||
				fm.Layout != tc.want.Layout || fm.Updated != tc.want.Updated || fm.Slug != tc.want.Slug ||
				fm.NavTitle != tc.want.NavTitle || fm.LayoutLine != tc.want.LayoutLine || (fm.TOC == nil) != (tc.want.TOC == nil) || fm.TOC != nil && *fm.TOC != *tc.want.TOC {
				t.Errorf("front matter %+v, want %+v", fm, tc.want)
			}
		})
	}
}

// FuzzSplitFrontMatter checks that front matter never panics, that errors
// name the file and a line, and that an accepted page has a title.
func FuzzSplitFrontMatter(f *testing.F) {
	f.Add([]byte("---\ntitle: A\ndescription: B\n---\nbody\n"))
	f.Add([]byte("---\ntitle: [\n---\n"))
	f.Add([]byte("\uFEFF---\r\ntitle: A\r\nlayout: sheet\r\nupdated: 2026-11-22\r\n---\r\n"))
	f.Add([]byte("---\ntitle: A\nunknown: 1\n---\n"))
	f.Add([]byte("---\ntitle: &a A\nslug: *a\ntoc: false\n---"))
	f.Add([]byte("---"))
	errPlace := regexp.MustCompile(`^f\.md:[1-9][0-9]*: `)
	f.Fuzz(func(t *testing.T, src []byte) {
		fm, body, line, err := SplitFrontMatter("f.md", src)
		if err != nil {
			if !errPlace.MatchString(err.Error()) {
				t.Errorf("error without place: %v", err)
			}
			return
		}
		if strings.TrimSpace(fm.Title) == "" || line < 3 {
			t.Errorf("accepted %q with title %q at line %d", src, fm.Title, line)
		}
		if want := bytes.Count(src, []byte("\n")) - bytes.Count(body, []byte("\n")) + 1; len(body) > 0 && bytes.HasSuffix(src, body) && line != want && !bytes.Contains(src, []byte("\r")) {
			t.Errorf("body line %d, want %d, for %q", line, want, src)
		}
	})
}

// Keys are the yaml names of FrontMatter's fields, in their order, and the
// unknown-key error lists every one of them.
func TestKeysFromFields(t *testing.T) {
	want := []string{"title", "description", "weight", "draft", "facts", "layout", "updated", "slug", "toc", "nav_title"}
	if strings.Join(Keys, " ") != strings.Join(want, " ") {
		t.Errorf("Keys = %v, want %v", Keys, want)
	}
	_, _, _, err := SplitFrontMatter("p.md", []byte("---\ntitle: A\nauthor: x\n---\n"))
	if err == nil || !strings.Contains(err.Error(), "(known: "+strings.Join(want, ", ")+")") {
		t.Errorf("unknown key: %v", err)
	}
}
