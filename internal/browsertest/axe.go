package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// AxeTags are the rule tags run by Axe: WCAG 2.0, 2.1 and 2.2, levels A and AA.
var AxeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}

// Violation is one failed axe-core rule with the elements that fail it.
type Violation struct {
	ID      string    `json:"id"`
	Impact  string    `json:"impact"`
	Help    string    `json:"help"`
	HelpURL string    `json:"helpUrl"`
	Nodes   []AxeNode `json:"nodes"`
}

// AxeNode is one element that fails a rule.
type AxeNode struct {
	// Target is the CSS selector path of the element (one entry per frame or
	// shadow root).
	Target  []json.RawMessage `json:"target"`
	HTML    string            `json:"html"`
	Summary string            `json:"summary"`
}

// axeRun is the script that runs axe-core on the document and returns only
// what a report needs.
const axeRun = `axe.run(document, {runOnly: {type: 'tag', values: %s}, resultTypes: ['violations']})
  .then(r => r.violations.map(v => ({id: v.id, impact: v.impact || '', help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({target: n.target, html: n.html, summary: n.failureSummary || ''}))})))`

// Axe injects axe-core (src, the text of axe.min.js) into the tab's page if
// it is not there yet, runs it for AxeTags and returns the violations.
// The injection goes through the DevTools protocol's Runtime.evaluate, which
// a page's Content-Security-Policy does not govern.
func Axe(ctx context.Context, src string) ([]Violation, error) {
	if src == "" {
		return nil, fmt.Errorf("axe: no axe-core source")
	}
	has, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`typeof window.axe === 'object'`))
	if err != nil {
		return nil, fmt.Errorf("axe: %w", err)
	}
	if !has {
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](src)); err != nil {
			return nil, fmt.Errorf("axe: inject axe-core: %w", err)
		}
	}
	tags, _ := json.Marshal(AxeTags)
	vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]Violation](fmt.Sprintf(axeRun, tags), chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("axe: run: %w", err)
	}
	return vs, nil
}

// FormatViolations renders violations as a readable list: rule, impact, help
// text and URL, then each failing element's selector, an HTML snippet and
// axe's summary of what to fix.
func FormatViolations(vs []Violation) string {
	var b strings.Builder
	for _, v := range vs {
		fmt.Fprintf(&b, "- %s (%s): %s\n  %s\n", v.ID, v.Impact, v.Help, v.HelpURL)
		for i, n := range v.Nodes {
			if i == 8 {
				fmt.Fprintf(&b, "    ... and %d more elements\n", len(v.Nodes)-i)
				break
			}
			var sel []string
			for _, t := range n.Target {
				sel = append(sel, strings.Trim(string(t), `"`))
			}
			fmt.Fprintf(&b, "    at %s\n      html: %s\n", strings.Join(sel, " >> "), snippet(n.HTML, 200))
			if n.Summary != "" {
				fmt.Fprintf(&b, "      %s\n", strings.ReplaceAll(snippet(n.Summary, 400), "\n", "\n      "))
			}
		}
	}
	return b.String()
}

func snippet(s string, n int) string {
	s = strings.TrimSpace(s)
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// CheckAxe runs axe-core on the tab's page and fails the test with the list of
// violations, naming the page by what.
func CheckAxe(t testing.TB, ctx context.Context, src, what string) {
	t.Helper()
	vs, err := Axe(ctx, src)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if len(vs) > 0 {
		t.Errorf("%s: axe-core reports %d WCAG 2.2 A/AA violations:\n%s", what, len(vs), FormatViolations(vs))
	}
}
