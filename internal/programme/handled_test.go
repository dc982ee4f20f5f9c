package programme

import "testing"

func TestHandled(t *testing.T) {
	cfg := rulesConfig()
	f := Flag{Kind: FlagQuiet, Since: day("2026-10-05"), Whom: WhomBoth, Ref: day("2026-06-15")}
	h := HandledFor(cfg, "a@x", f, day("2026-11-22"), "AB", "ringet op", Date{})
	if want := day("2026-11-22").AddDays(7 * 4); h.LookAgain != want {
		t.Errorf("look again %s, want %s (quiet's rhythm)", h.LookAgain, want)
	}
	if e := HandledFor(cfg, "a@x", Flag{Kind: FlagEvaluationMissing}, day("2026-11-22"), "AB", "mail", Date{}); e.LookAgain != day("2026-11-22").AddDays(7*cfg.Followup.EvaluationDueWeeks) {
		t.Errorf("evaluation-missing look again %s", e.LookAgain)
	}
	if g := HandledFor(cfg, "a@x", f, day("2026-11-22"), "AB", "mail", day("2027-01-01")); g.LookAgain != day("2027-01-01") {
		t.Errorf("given look-again date not kept: %s", g.LookAgain)
	}
	tests := []struct {
		name  string
		flag  Flag
		today string
		holds bool
	}{
		{"same facts, before look again", f, "2026-12-19", true},
		{"same facts, on look again", f, "2026-12-20", false},
		{"new meeting (ref moved)", Flag{Kind: FlagQuiet, Since: day("2026-12-01"), Whom: WhomBoth, Ref: day("2026-08-18")}, "2026-12-02", false},
		{"another kind", Flag{Kind: FlagOverdue, Since: f.Since, Whom: f.Whom, Ref: f.Ref}, "2026-12-01", false},
		{"count changed", Flag{Kind: FlagQuiet, Since: f.Since, Whom: f.Whom, Ref: f.Ref, Count: 1}, "2026-12-01", false},
	}
	for _, tc := range tests {
		if got := h.Holds(tc.flag, day(tc.today)); got != tc.holds {
			t.Errorf("%s: holds = %v, want %v", tc.name, got, tc.holds)
		}
	}
	hs := []Handled{h}
	if FindHandled(hs, FlagQuiet, "a@x") == nil || FindHandled(hs, FlagQuiet, "b@x") != nil || FindHandled(hs, FlagOverdue, "a@x") != nil {
		t.Errorf("FindHandled finds by kind and email")
	}
}

func TestFollowupKey(t *testing.T) {
	key := FollowupKey(FlagQuiet, "2026-foraar", "a.b@example.org")
	k, c, e, ok := ParseFollowupKey(" " + key + " ")
	if !ok || k != FlagQuiet || c != "2026-foraar" || e != "a.b@example.org" {
		t.Errorf("ParseFollowupKey(%q) = %s %s %s %v", key, k, c, e, ok)
	}
	for _, bad := range []string{"", "quiet", "quiet/2026-foraar", "/2026-foraar/a@x", "quiet//a@x", "quiet/x/"} {
		if _, _, _, ok := ParseFollowupKey(bad); ok {
			t.Errorf("ParseFollowupKey(%q) ok", bad)
		}
	}
}

func FuzzParseFollowupKey(f *testing.F) {
	f.Add("quiet/2026-foraar/a@x")
	f.Add("//")
	f.Fuzz(func(t *testing.T, s string) {
		k, c, e, ok := ParseFollowupKey(s)
		if !ok {
			return
		}
		k2, c2, e2, ok2 := ParseFollowupKey(FollowupKey(k, c, e))
		if !ok2 || k2 != k || c2 != c || e2 != e {
			t.Errorf("%q: round trip gives %q %q %q", s, k2, c2, e2)
		}
	})
}
