package browsertest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Recorder collects what a tab does while a test drives it: the URL of every
// request, the console's errors and warnings (Content-Security-Policy
// violations among them), and uncaught exceptions.
type Recorder struct {
	mu         sync.Mutex
	requests   []string
	errors     []string
	exceptions []string
}

// Record starts recording the tab of ctx. Call it before the navigation.
func Record(ctx context.Context) (*Recorder, error) {
	r := &Recorder{}
	err := chromedp.Listen(ctx, func(ev any) {
		r.mu.Lock()
		defer r.mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			r.requests = append(r.requests, ev.Request.URL)
		case *log.EventEntryAdded:
			if e := ev.Entry; e.Level == log.EntryLevelError || e.Level == log.EntryLevelWarning {
				r.errors = append(r.errors, fmt.Sprintf("%s %s: %s (%s)", e.Level, e.Source, e.Text, e.URL))
			}
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning {
				var parts []string
				for _, a := range ev.Args {
					if a.Value != nil {
						parts = append(parts, string(a.Value))
					} else {
						parts = append(parts, a.Description)
					}
				}
				r.errors = append(r.errors, fmt.Sprintf("console.%s: %s", ev.Type, strings.Join(parts, " ")))
			}
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			text := d.Text
			if d.Exception != nil && d.Exception.Description != "" {
				text += " " + d.Exception.Description
			}
			r.exceptions = append(r.exceptions, fmt.Sprintf("%s:%d: %s", d.URL, d.LineNumber+1, text))
		}
	})
	if err != nil {
		return nil, fmt.Errorf("record: %w", err)
	}
	return r, nil
}

// Requests returns the URLs requested so far.
func (r *Recorder) Requests() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.requests...)
}

// Errors returns the console errors and warnings so far.
func (r *Recorder) Errors() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.errors...)
}

// Exceptions returns the uncaught JavaScript exceptions so far.
func (r *Recorder) Exceptions() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.exceptions...)
}

// WaitJS waits until the JavaScript expression is truthy in the tab, for at
// most d, and reports whether it became so.
func WaitJS(ctx context.Context, expr string, d time.Duration) (bool, error) {
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](`!!(`+expr+`)`, chromedp.WithPollingTimeout(d)))
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, chromedp.ErrPollingTimeout):
		return false, nil
	default:
		return false, err
	}
}

// JS evaluates expr in the tab and decodes its value into T.
func JS[T any](ctx context.Context, expr string) (T, error) {
	return chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
}
