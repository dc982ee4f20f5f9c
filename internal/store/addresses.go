package store

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/laegeforeningen/mentorprogram/internal/programme"
)

// A Respelling is an e-mail address of a cohort file that is not written
// as programme.NormEmail writes addresses (edited by hand: capitals,
// spaces, an invisible character), and is read as NormEmail writes it, so
// that it is the same person as the address of the next sheet. The file
// itself is not changed by reading it; when its cohort is next saved, the
// address is written as read, and the file as the store writes every
// file (a hand edit's comments, quoting, CRLF line ends and byte order
// mark go, as with any save; docs/data.md).
type Respelling struct {
	Path string // the cohort file
	Line int    // the first line where the address is written so
	From string // the address as the file writes it
	To   string // as it is read
}

// normaliseAddresses reads every address of c as programme.NormEmail
// writes it (c.Addresses), returning what it read otherwise than written,
// once per address and file; an address that is no address (NormEmail's
// ok is false) is left as written. It then checks the records' keys: a
// hand edit that makes two records one key (two participants one address)
// is an error naming the file and both lines, since the ingest, which
// keeps one record per key, would lose one of them on its next save.
func normaliseAddresses(path string, src []byte, c *programme.Cohort) ([]Respelling, error) {
	var out []Respelling
	c.Addresses(func(addr *string) {
		if plainAddress(*addr) {
			return
		}
		to, ok := programme.NormEmail(*addr)
		if !ok || to == *addr {
			return
		}
		if !slices.ContainsFunc(out, func(r Respelling) bool { return r.From == *addr }) {
			out = append(out, Respelling{Path: path, From: *addr, To: to})
		}
		*addr = to
	})
	// The keys are checked in the file's order, so that the records' indices
	// are their places in the file, for the error's lines.
	if err := checkKeys(path, src, c); err != nil {
		return nil, err
	}
	if len(out) > 0 {
		SortCohort(c) // in the order of the addresses as read, as the file will be
		lines := scalarLines(src)
		for i := range out {
			out[i].Line = lines[out[i].From]
		}
	}
	return out, nil
}

// plainAddress reports whether NormEmail leaves s as it is, without asking
// it: printable ASCII without capitals, spaces, angle brackets or a
// "mailto:". Nearly every address of a file is so; asking NormEmail for
// each would be a tenth of reading a register.
func plainAddress(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c >= 0x7f || c >= 'A' && c <= 'Z' || c == '<' {
			return false
		}
	}
	return !strings.HasPrefix(s, "mailto:")
}

// The records' keys, which SortCohort sorts by and checkKeys checks: a
// participant by email, a pair by mentee, a meeting by mentee and date,
// an evaluation by email, a handled follow-up by email and kind.
func cmpParticipant(a, b *programme.Participant) int { return strings.Compare(a.Email, b.Email) }
func cmpPair(a, b *programme.Pair) int               { return strings.Compare(a.Mentee, b.Mentee) }
func cmpEvaluation(a, b *programme.Evaluation) int   { return strings.Compare(a.Email, b.Email) }

func cmpMeeting(a, b *programme.Meeting) int {
	if n := strings.Compare(a.Mentee, b.Mentee); n != 0 {
		return n
	}
	return a.Date.Time().Compare(b.Date.Time())
}

func cmpHandled(a, b *programme.Handled) int {
	if n := strings.Compare(a.Email, b.Email); n != 0 {
		return n
	}
	return strings.Compare(string(a.Kind), string(b.Kind))
}

// checkKeys reports the first two records of a list of c that have one
// key, naming the file and their lines, and saying what is there: the
// key, or that the records have none (two participants without an
// address, two meetings of a pair without a date).
func checkKeys(path string, src []byte, c *programme.Cohort) error {
	if i, j, ok := twice(c.Participants, cmpParticipant); ok {
		if blank(c.Participants[i].Email) {
			what := "to deltagere uden e-mailadresse"
			return keyTwice(path, src, listKey("Participants"), i, j, what, what, "en deltager kendes på sin e-mailadresse; skriv hver deltagers adresse, eller behold kun den ene post")
		}
		return keyTwice(path, src, listKey("Participants"), i, j, "adressen "+c.Participants[i].Email+" står der to gange", "to deltagere med samme adresse",
			"en person har én adresse i en kohorte, uanset hvordan den er skrevet (store bogstaver, mellemrum og usynlige tegn gør den ikke til en anden); behold kun den ene post, eller ret den andens adresse")
	}
	if i, j, ok := twice(c.Pairs, cmpPair); ok {
		if blank(c.Pairs[i].Mentee) {
			what := "to par uden mentee"
			return keyTwice(path, src, listKey("Pairs"), i, j, what, what, "et par kendes på sin mentees e-mailadresse; skriv hvert pars mentee, eller behold kun det ene")
		}
		return keyTwice(path, src, listKey("Pairs"), i, j, "mentee "+c.Pairs[i].Mentee+" står der to gange", "to par med samme mentee", "en mentee har ét par i en kohorte; behold kun det ene")
	}
	if i, j, ok := twice(c.Meetings, cmpMeeting); ok {
		m := c.Meetings[i]
		const known = "et møde kendes på parrets mentee og datoen (ÅÅÅÅ-MM-DD); "
		switch noMentee := blank(m.Mentee); {
		case noMentee && m.Date.IsZero():
			what := "to møder uden mentee og dato"
			return keyTwice(path, src, listKey("Meetings"), i, j, what, what, known+"skriv hvert mødes mentee og dato, eller behold kun det ene")
		case noMentee:
			what := fmt.Sprintf("to møder den %s uden mentee", m.Date)
			return keyTwice(path, src, listKey("Meetings"), i, j, what, what, known+"skriv hvert mødes mentee, eller behold kun det ene")
		case m.Date.IsZero():
			return keyTwice(path, src, listKey("Meetings"), i, j, "to møder for "+m.Mentee+" uden dato", "to møder for ét par uden dato",
				known+"skriv hvert mødes dato, eller behold kun det ene")
		}
		return keyTwice(path, src, listKey("Meetings"), i, j, fmt.Sprintf("mødet for %s den %s står der to gange", m.Mentee, m.Date), "to møder for ét par samme dag",
			"et par har ét møde om dagen; behold kun det ene")
	}
	if i, j, ok := twice(c.Evaluations, cmpEvaluation); ok {
		if blank(c.Evaluations[i].Email) {
			what := "to evalueringer uden e-mailadresse"
			return keyTwice(path, src, listKey("Evaluations"), i, j, what, what, "en evaluering kendes på den svarendes e-mailadresse; skriv hver evaluerings adresse, eller behold kun den ene")
		}
		return keyTwice(path, src, listKey("Evaluations"), i, j, "evalueringen fra "+c.Evaluations[i].Email+" står der to gange", "to evalueringer fra samme person", "en person svarer én gang i en kohorte; behold kun den ene")
	}
	if i, j, ok := twice(c.Handled, cmpHandled); ok {
		h := c.Handled[i]
		const known = "en håndteret opfølgning kendes på sin e-mailadresse og sin art (kind); "
		switch noEmail := blank(h.Email); {
		case noEmail && blank(string(h.Kind)):
			what := "to håndterede opfølgninger uden art og e-mailadresse"
			return keyTwice(path, src, listKey("Handled"), i, j, what, what, known+"skriv hver opfølgnings adresse og art, eller behold kun den ene")
		case noEmail:
			return keyTwice(path, src, listKey("Handled"), i, j, "to håndterede opfølgninger"+ofKind(string(h.Kind))+" uden e-mailadresse", "to håndterede opfølgninger"+anonKind(h.Kind)+" uden e-mailadresse",
				known+"skriv hver opfølgnings adresse, eller behold kun den ene")
		case blank(string(h.Kind)):
			return keyTwice(path, src, listKey("Handled"), i, j, "to håndterede opfølgninger for "+h.Email+" uden art", "to håndterede opfølgninger for samme person uden art",
				known+"skriv hver opfølgnings art, eller behold kun den ene")
		}
		return keyTwice(path, src, listKey("Handled"), i, j, "den håndterede opfølgning"+ofKind(string(h.Kind))+" for "+h.Email+" står der to gange", "to håndterede opfølgninger"+anonKind(h.Kind)+" for samme person", "behold kun den ene")
	}
	return nil
}

// ofKind names the kind of a handled follow-up in a text: " af arten
// kind".
func ofKind(k string) string {
	return " af arten " + k
}

// anonKind is ofKind for a text without an address: a kind of programme's
// flags, or nothing for any other text a hand edit wrote there, which may
// be anything, an address too.
func anonKind(k programme.FlagKind) string {
	if programme.Def(k) == nil {
		return ""
	}
	return ofKind(string(k))
}

// blank reports whether a key holds nothing to be seen: empty, or only
// white space and invisible characters.
func blank(s string) bool {
	s, _ = programme.StripInvisible(s)
	return strings.TrimSpace(s) == ""
}

// twice returns the positions of two records of s that cmp finds equal. A list in cmp's order (a file the store
// wrote) is checked by comparing neighbours; another is sorted first.
func twice[E any](s []E, cmp func(a, b *E) int) (i, j int, ok bool) {
	sorted := true
	for k := 1; k < len(s) && sorted; k++ {
		switch n := cmp(&s[k-1], &s[k]); {
		case n == 0:
			return k - 1, k, true
		case n > 0:
			sorted = false
		}
	}
	if sorted {
		return 0, 0, false
	}
	pos := make([]int, len(s))
	for k := range pos {
		pos[k] = k
	}
	slices.SortFunc(pos, func(a, b int) int {
		if n := cmp(&s[a], &s[b]); n != 0 {
			return n
		}
		return a - b
	})
	for k := 1; k < len(pos); k++ {
		if cmp(&s[pos[k-1]], &s[pos[k]]) == 0 {
			return pos[k-1], pos[k], true
		}
	}
	return 0, 0, false
}

// A KeyTwiceError is two records of a list of a cohort file that have one
// key. Its text names the key, an address; WithoutAddress names the
// records by their lines only, for the commands whose messages never hold
// an address (-forget, -purge-expired).
type KeyTwiceError struct {
	Path  string
	List  string // the list's key in the file
	Lines [2]int // the records' lines; 0 where not known
	// Records are the records' places in the list, from 1, for when the
	// lines are not known, or are one line.
	Records [2]int
	What    string // what is there, as "adressen anna@example.dk står der to gange"
	Anon    string // the same without an address, as "to deltagere med samme adresse"
	Fix     string
}

func (e *KeyTwiceError) Error() string {
	return e.text(e.What)
}

// WithoutAddress is the error with its text naming no address.
func (e *KeyTwiceError) WithoutAddress() error {
	return errors.New(e.text(e.Anon))
}

func (e *KeyTwiceError) text(what string) string {
	if e.Lines[0] == 0 || e.Lines[1] == 0 {
		return fmt.Sprintf("%s: listen %s: %s (post nr. %d og %d): %s", e.Path, e.List, what, e.Records[0], e.Records[1], e.Fix)
	}
	if e.Lines[0] == e.Lines[1] { // a list written on one line: [{...}, {...}]
		return fmt.Sprintf("%s:%d: listen %s: %s, begge på linje %d (post nr. %d og %d i listen): %s", e.Path, e.Lines[0], e.List, what, e.Lines[0], e.Records[0], e.Records[1], e.Fix)
	}
	return fmt.Sprintf("%s:%d: listen %s: %s, på linje %d og %d: %s", e.Path, e.Lines[0], e.List, what, e.Lines[0], e.Lines[1], e.Fix)
}

// keyTwice is the error of two records i and j of a list (its key in the
// file) that have one key: what says what is there, anon says it without
// an address.
func keyTwice(path string, src []byte, list string, i, j int, what, anon, fix string) error {
	lines := recordLines(src, list)
	at := func(k int) int {
		if k < len(lines) {
			return lines[k]
		}
		return 0
	}
	return &KeyTwiceError{Path: path, List: list, Lines: [2]int{at(i), at(j)}, Records: [2]int{i + 1, j + 1}, What: what, Anon: anon, Fix: fix}
}

// recordLines returns the line of each record of the file's list key.
func recordLines(src []byte, key string) []int {
	var doc yaml.Node
	if yaml.Unmarshal(src, &doc) != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil
	}
	top := doc.Content[0].Content
	for k := 0; k+1 < len(top); k += 2 {
		if top[k].Value != key {
			continue
		}
		var lines []int
		for _, rec := range top[k+1].Content {
			lines = append(lines, rec.Line)
		}
		return lines
	}
	return nil
}

// scalarLines returns, for each value of a scalar of the file (as YAML
// reads it, escapes undone), the first line it is on.
func scalarLines(src []byte) map[string]int {
	lines := map[string]int{}
	var doc yaml.Node
	if yaml.Unmarshal(src, &doc) != nil {
		return lines
	}
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.ScalarNode {
			if _, ok := lines[n.Value]; !ok {
				lines[n.Value] = n.Line
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(&doc)
	return lines
}

// listKey is the key in the file of the list of programme.Cohort's field
// name ("Participants": participants).
func listKey(name string) string {
	f, _ := reflect.TypeFor[programme.Cohort]().FieldByName(name)
	key, _ := yamlKey(f)
	return key
}
