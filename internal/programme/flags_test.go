package programme

import (
	"reflect"
	"strings"
	"testing"
)

// allKinds are the flag kinds the package names as constants.
var allKinds = []FlagKind{FlagNoFirstContact, FlagQuiet, FlagOverdue, FlagMissingAgenda, FlagContactRequested,
	FlagEvaluationMissing, FlagConflictOfInterest, FlagPast12Months, FlagWaitingTooLong, FlagEndDateMissing}

// yamlKeys returns the dotted keys of the numbers in a struct's yaml tags.
func yamlKeys(t reflect.Type, prefix string, out map[string]bool) {
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "" || name == "-" {
			continue
		}
		switch f.Type.Kind() {
		case reflect.Struct:
			yamlKeys(f.Type, prefix+name+".", out)
		case reflect.Int:
			out[prefix+name] = true
		}
	}
}

// Every flag kind is declared once, with a label, a reason, an urgency, a
// look-again rhythm and exactly one check; its threshold key, where it has
// one, is a number of programme.yaml.
func TestFlagDefsComplete(t *testing.T) {
	keys := map[string]bool{}
	yamlKeys(reflect.TypeOf(Config{}), "", keys)
	cfg := rulesConfig()
	seen := map[FlagKind]bool{}
	for _, d := range FlagDefs() {
		if seen[d.Kind] {
			t.Errorf("%s declared twice", d.Kind)
		}
		seen[d.Kind] = true
		if d.Label == "" || d.Label == string(d.Kind) {
			t.Errorf("%s has no Danish label", d.Kind)
		}
		if d.Urgency.Rank() >= len(Urgencies) {
			t.Errorf("%s has no urgency (%q)", d.Kind, d.Urgency)
		}
		if d.Reason == nil {
			t.Errorf("%s has no reason", d.Kind)
		}
		if d.Rhythm == nil || d.Rhythm(cfg) <= 0 {
			t.Errorf("%s has no look-again rhythm", d.Kind)
		}
		if (d.pair == nil) == (d.signup == nil) {
			t.Errorf("%s must have exactly one check (pair or sign-up)", d.Kind)
		}
		if d.Threshold != "" && !keys[d.Threshold] {
			t.Errorf("%s: threshold %q is not a number of programme.yaml", d.Kind, d.Threshold)
		}
	}
	for _, k := range allKinds {
		if !seen[k] {
			t.Errorf("%s is not declared in flagDefs", k)
		}
		if Def(k) == nil || k.Label() == string(k) {
			t.Errorf("%s: no declaration found", k)
		}
	}
	if len(seen) != len(allKinds) {
		t.Errorf("%d kinds declared, %d named: name the new kind in allKinds", len(seen), len(allKinds))
	}
	if Def("no-such-flag") != nil || FlagKind("no-such-flag").Actionable() {
		t.Errorf("an unknown kind is declared or actionable")
	}
	if FlagPast12Months.Actionable() || !FlagQuiet.Actionable() {
		t.Errorf("Actionable does not follow the urgency")
	}
}

// Every flag's reason writes a text from its facts, in plain Danish: never a
// configuration key.
func TestFlagReasonsWrite(t *testing.T) {
	cfg := rulesConfig()
	ps := &PairStatus{Pair: Pair{Status: StatusCompleted}, Clarification: day("2026-01-31"), Ended: day("2026-10-01"), MaxEnd: day("2027-01-31"), LastMeeting: day("2026-09-01")}
	for _, d := range FlagDefs() {
		ctx := &FlagContext{Config: cfg, Flag: Flag{Kind: d.Kind, Since: day("2026-03-01"), Ref: day("2026-02-01"), Count: 2, Whom: WhomBoth},
			Pair: ps, Mentee: Participant{Workplace: "AUH"}, Mentor: Participant{Workplace: "AUH"},
			SignUp: Participant{Role: Mentee, SignedUp: day("2026-01-01")}}
		ctx.Today = day("2026-12-01")
		got := Reason(ctx)
		if strings.TrimSpace(got) == "" || got == string(d.Kind) {
			t.Errorf("%s: reason %q", d.Kind, got)
		}
		for _, key := range []string{"followup.", "rules.", "privacy.", "_weeks", "(ended)"} {
			if strings.Contains(got, key) {
				t.Errorf("%s: reason names a configuration key (%s): %s", d.Kind, key, got)
			}
		}
	}
}

// The reasons fill in the weeks that have passed, as the secretariat reads
// them: "intet møde i 16 uger", "mangler 4 uger efter afslutningen".
func TestReasonNumbers(t *testing.T) {
	cfg := rulesConfig()
	today := day("2026-12-01")
	quiet := &FlagContext{Config: cfg, Today: today, Flag: Flag{Kind: FlagQuiet, Ref: today.AddDays(-16*7 - 3)}}
	if got := Reason(quiet); !strings.Contains(got, "intet møde i 16 uger (opfølgning efter 16 uger)") {
		t.Errorf("quiet: %s", got)
	}
	ps := &PairStatus{Pair: Pair{Status: StatusCompleted, Ended: today.AddDays(-28)}, Ended: today.AddDays(-28)}
	eval := &FlagContext{Config: cfg, Today: today, Pair: ps, Flag: Flag{Kind: FlagEvaluationMissing, Whom: WhomMentee, Ref: ps.Ended}}
	if got := Reason(eval); !strings.Contains(got, "Menteens evaluering mangler 4 uger efter afslutningen") {
		t.Errorf("evaluation: %s", got)
	}
	wait := &FlagContext{Config: cfg, Today: today, Flag: Flag{Kind: FlagWaitingTooLong}, SignUp: Participant{Role: Mentor, SignedUp: today.AddDays(-7*9 - 6)}}
	if got := Reason(wait); !strings.Contains(got, "ikke matchet efter 9 uger (opfølgning efter 8 uger)") {
		t.Errorf("waiting: %s", got)
	}
	if got := Reason(&FlagContext{Config: cfg, Today: today, Flag: Flag{Kind: FlagQuiet, Ref: today.AddDays(-7)}}); !strings.Contains(got, "intet møde i 1 uge ") {
		t.Errorf("one week: %s", got)
	}
}

// A reason writes its dates with the DateText it is given (the status pages
// give the theme's month names), ISO dates without one, and "–" for none.
func TestReasonDatesFromCaller(t *testing.T) {
	cfg := rulesConfig()
	today := day("2026-12-01")
	ctx := &FlagContext{Config: cfg, Today: today, Flag: Flag{Kind: FlagContactRequested, Ref: day("2026-11-03")}}
	if got := Reason(ctx); !strings.Contains(got, "logføring 2026-11-03 beder") {
		t.Errorf("no DateText: %s", got)
	}
	ctx.DateText = func(d Date) string { return "<" + d.String() + ">" }
	if got := Reason(ctx); !strings.Contains(got, "logføring <2026-11-03> beder") {
		t.Errorf("DateText: %s", got)
	}
	ctx.Flag.Ref = Date{}
	if got := Reason(ctx); !strings.Contains(got, "logføring – beder") {
		t.Errorf("no date: %s", got)
	}
}
