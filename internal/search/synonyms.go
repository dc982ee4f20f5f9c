package search

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// Synonyms are the words readers type mapped to the handbook's words, by
// language: Synonyms["da"]["tavshedspligt"] = ["fortrolighed"]. A query
// word whose stem is a key's stem also matches the stems of its words
// (weighing a little less than the word itself).
type Synonyms map[string]map[string][]string

// ParseSynonyms reads a synonym file (data/search-synonyms.yaml): a map
// from language ("da", "en") to a map from one word to a list of single
// words. name is the file's name in errors, which give its line.
func ParseSynonyms(name string, src []byte) (Synonyms, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	out := Synonyms{}
	if len(root.Content) == 0 {
		return out, nil // empty file
	}
	doc := root.Content[0]
	errAt := func(n *yaml.Node, format string, args ...any) error {
		return fmt.Errorf("%s:%d: %s", name, n.Line, fmt.Sprintf(format, args...))
	}
	if doc.Kind != yaml.MappingNode {
		return nil, errAt(doc, "want a map from language (da, en) to a map of words")
	}
	oneWord := func(n *yaml.Node, what string) (string, error) {
		if n.Kind != yaml.ScalarNode {
			return "", errAt(n, "%s: want a word", what)
		}
		var keys []string
		tokenize(nfc(n.Value), func(_, _ int, key string) { keys = append(keys, key) })
		if len(keys) != 1 || utf8.RuneCountInString(keys[0]) > maxWord {
			return "", errAt(n, "%s %q: want one word (letters and digits)", what, n.Value)
		}
		return n.Value, nil
	}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], doc.Content[i+1]
		lang := k.Value
		if lang != "da" && lang != "en" {
			return nil, errAt(k, "language %q: want da or en", lang)
		}
		if _, dup := out[lang]; dup {
			return nil, errAt(k, "language %s given twice", lang)
		}
		if v.Kind != yaml.MappingNode {
			return nil, errAt(v, "%s: want a map from a word to a list of words", lang)
		}
		words := map[string][]string{}
		for j := 0; j+1 < len(v.Content); j += 2 {
			wk, wv := v.Content[j], v.Content[j+1]
			w, err := oneWord(wk, "word")
			if err != nil {
				return nil, err
			}
			if _, dup := words[w]; dup {
				return nil, errAt(wk, "word %q given twice", w)
			}
			if wv.Kind != yaml.SequenceNode || len(wv.Content) == 0 {
				return nil, errAt(wv, "%q: want a list of one or more words, such as [fortrolighed]", w)
			}
			for _, n := range wv.Content {
				s, err := oneWord(n, "synonym of "+w+":")
				if err != nil {
					return nil, err
				}
				words[w] = append(words[w], s)
			}
		}
		out[lang] = words
	}
	return out, nil
}

// synonymTerms turns lang's synonyms into a map from a query term to the
// other terms it stands for, sorted, without stop words or the term itself.
func synonymTerms(lang string, syn map[string][]string) map[string][]string {
	out := map[string][]string{}
	for w, ws := range syn {
		kt := wordTerm(lang, w)
		if kt == "" {
			continue
		}
		for _, s := range ws {
			if t := wordTerm(lang, s); t != "" && t != kt && !slices.Contains(out[kt], t) {
				out[kt] = append(out[kt], t)
			}
		}
	}
	for k, ts := range out {
		slices.Sort(ts)
		out[k] = ts
	}
	return out
}

// wordTerm is the term of a single word ("" for none).
func wordTerm(lang, w string) string {
	var b bytes.Buffer
	tokenize(nfc(strings.TrimSpace(w)), func(_, _ int, key string) {
		if b.Len() == 0 {
			b.WriteString(termOf(lang, key))
		}
	})
	return b.String()
}
