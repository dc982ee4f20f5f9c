package markdown

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
)

// ruleValue matches {{rule KEY}}, with optional spaces inside the braces.
var ruleValue = regexp.MustCompile(`\{\{\s*rule\s+([A-Za-z0-9_.-]+)\s*\}\}`)

var decimal = regexp.MustCompile(`^-?[0-9]+\.[0-9]+$`)

// calloutLine matches the first line of a GitHub-style callout.
var calloutLine = regexp.MustCompile(`^(\s{0,3}>\s?)\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*$`)

// expand replaces rule values and marks callouts, line by line, leaving fenced
// code blocks and inline code spans as written. It keeps the number of lines,
// so that goldmark's positions still map to the file's lines.
func expand(path string, body []byte, bodyLine int, lang string, values map[string]string) ([]byte, []error) {
	var errs []error
	var out bytes.Buffer
	out.Grow(len(body))
	fence := ""
	lines := bytes.SplitAfter(body, []byte("\n"))
	for i, l := range lines {
		trimmed := strings.TrimLeft(string(l), " ")
		if fence != "" {
			if strings.HasPrefix(strings.TrimSpace(trimmed), fence) {
				fence = ""
			}
			out.Write(l)
			continue
		}
		if strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
			fence = trimmed[:3]
			out.Write(l)
			continue
		}
		if m := calloutLine.FindSubmatch(bytes.TrimRight(l, "\n")); m != nil {
			fmt.Fprintf(&out, "%s<!--callout:%s-->", m[1], bytes.ToLower(m[2]))
			if bytes.HasSuffix(l, []byte("\n")) {
				out.WriteByte('\n')
			}
			continue
		}
		if !bytes.Contains(l, []byte("{{")) {
			out.Write(l)
			continue
		}
		out.WriteString(expandLine(string(l), func(key string) string {
			v, ok := values[key]
			if !ok {
				errs = append(errs, fmt.Errorf("%s:%d: unknown rule value %q: it is not in data/programme.yaml", path, bodyLine+i, key))
				return "{{rule " + key + "}}"
			}
			if lang == "da" && decimal.MatchString(v) {
				v = strings.Replace(v, ".", ",", 1)
			}
			return v
		}))
	}
	return out.Bytes(), errs
}

// expandLine expands rule values in one line outside backtick code spans.
func expandLine(l string, value func(key string) string) string {
	var b strings.Builder
	for len(l) > 0 {
		tick := strings.IndexByte(l, '`')
		if tick < 0 {
			b.WriteString(replaceValues(l, value))
			break
		}
		b.WriteString(replaceValues(l[:tick], value))
		n := len(l[tick:]) - len(strings.TrimLeft(l[tick:], "`"))
		run := l[tick : tick+n]
		end := strings.Index(l[tick+n:], run)
		if end < 0 {
			b.WriteString(replaceValues(l[tick:], value))
			break
		}
		b.WriteString(l[tick : tick+n+end+n])
		l = l[tick+n+end+n:]
	}
	return b.String()
}

func replaceValues(s string, value func(string) string) string {
	if !strings.Contains(s, "{{") {
		return s
	}
	return ruleValue.ReplaceAllStringFunc(s, func(m string) string {
		return value(ruleValue.FindStringSubmatch(m)[1])
	})
}
