package match

import (
	"cmp"
	"fmt"
	"math/bits"
	"strings"
	"unicode"

	"github.com/laegeforeningen/mentorprogram/internal/programme"
)

// Criterion names a soft criterion of the score; its weight is
// matching.weights.<criterion> in programme.yaml.
type Criterion string

// The soft criteria.
const (
	CritSpecialty Criterion = "specialty"
	CritThemes    Criterion = "theme"
	CritRegion    Criterion = "region"
	CritSeniority Criterion = "seniority"
	CritWaiting   Criterion = "waiting_month"
)

// Part is one criterion's share of a score, with what it rests on in
// plain Danish ("samme speciale som ønsket: kardiologi").
type Part struct {
	Criterion Criterion `json:"criterion"`
	Points    int       `json:"points"`
	Text      string    `json:"text"`
}

// score returns the score of a pair that the hard rules allow. It is the
// solver's inner loop: no text, no allocation.
func (x *scorer) score(me, mo *person) int {
	w := &x.cfg.Matching.Weights
	s := x.waited(me) * w.WaitingMonth
	if me.wish != "" && me.wish == mo.specialty {
		s += w.Specialty
	}
	s += bits.OnesCount64(me.themes&mo.themes) * w.Theme
	if (me.region != "" && me.region == mo.region) || (me.p.MeetingForm.Online() && mo.p.MeetingForm.Online()) {
		s += w.Region
	}
	if me.rank >= 0 && mo.rank > me.rank {
		s += w.Seniority
	}
	return s
}

// scorer scores pairs with programme.yaml's weights at a date.
type scorer struct {
	cfg   *programme.Config
	today programme.Date
}

// waited is the whole months the mentee has waited since signing up.
func (x *scorer) waited(me *person) int {
	if me.months < 0 {
		me.months = programme.MonthsBetween(me.p.SignedUp, x.today)
	}
	return me.months
}

// parts explains score(me, mo): each criterion that gives points, in the
// order of the weights in programme.yaml.
func (x *scorer) parts(me, mo *person) []Part {
	w := &x.cfg.Matching.Weights
	var out []Part
	add := func(c Criterion, points int, text string) {
		if points > 0 {
			out = append(out, Part{c, points, text})
		}
	}
	if me.wish != "" && me.wish == mo.specialty {
		add(CritSpecialty, w.Specialty, "samme speciale som ønsket: "+lowerFirst(mo.p.Specialty))
	}
	if n := bits.OnesCount64(me.themes & mo.themes); n > 0 {
		var names []string
		for k, t := range x.cfg.Matching.Themes {
			if k < 64 && me.themes&mo.themes&(1<<k) != 0 {
				names = append(names, lowerFirst(cmp.Or(t.Label["da"], t.ID)))
			}
		}
		add(CritThemes, n*w.Theme, "fælles emner: "+strings.Join(names, ", "))
	}
	switch {
	case me.region != "" && me.region == mo.region:
		add(CritRegion, w.Region, "begge i "+mo.p.Region)
	case me.p.MeetingForm.Online() && mo.p.MeetingForm.Online():
		add(CritRegion, w.Region, "begge vil gerne mødes online")
	}
	if me.rank >= 0 && mo.rank > me.rank {
		add(CritSeniority, w.Seniority, fmt.Sprintf("mentoren er mere erfaren: %s, menteen %s", lowerFirst(mo.p.Seniority), lowerFirst(me.p.Seniority)))
	}
	if m := x.waited(me); m > 0 {
		add(CritWaiting, m*w.WaitingMonth, "menteen har ventet "+programme.MonthsText(m))
	}
	return out
}

// lowerFirst writes a word as it reads inside a sentence: "Overlæge" is
// "overlæge", while "HU-læge" and "KBU-læge" keep their capitals.
func lowerFirst(s string) string {
	r := []rune(s)
	if len(r) == 0 || (len(r) > 1 && unicode.IsUpper(r[1])) {
		return s
	}
	r[0] = unicode.ToLower(r[0])
	return string(r)
}
