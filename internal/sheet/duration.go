package sheet

import (
	"math"
	"strconv"
	"strings"
	"unicode"
)

// durationUnits are the unit words of a duration, in minutes.
var durationUnits = map[string]float64{
	"m": 1, "mn": 1, "min": 1, "mins": 1, "minut": 1, "minutter": 1, "minuter": 1, "minute": 1, "minutes": 1,
	"t": 60, "tim": 60, "time": 60, "timer": 60, "timen": 60, "h": 60, "hr": 60, "hrs": 60, "hour": 60, "hours": 60,
	"kvarter": 15, "kvarterer": 15, "kvt": 15,
}

// durationNumbers are the number words of a duration. The articles (en, et,
// a, an) are 1 but also make "en halv" one half.
var durationNumbers = map[string]float64{
	"en": 1, "et": 1, "én": 1, "ét": 1, "een": 1, "eet": 1, "a": 1, "an": 1, "one": 1,
	"to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "syv": 7, "otte": 8, "ni": 9, "ti": 10,
	"elleve": 11, "tolv": 12, "femten": 15, "tyve": 20, "tredive": 30, "fyrre": 40, "fyrretyve": 40,
	"femogfyrre": 45, "halvtreds": 50, "tres": 60, "halvfems": 90,
	"two": 2, "three": 3, "four": 4, "five": 5, "ten": 10, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fortyfive": 45, "sixty": 60, "ninety": 90,
	"halvanden": 1.5, "halvandet": 1.5,
}

var durationArticles = map[string]bool{"en": true, "et": true, "én": true, "ét": true, "een": true, "eet": true, "a": true, "an": true}

// durationFractions are the fraction characters people type.
var durationFractions = map[rune]float64{'½': 0.5, '¼': 0.25, '¾': 0.75, '⅓': 1.0 / 3, '⅔': 2.0 / 3}

// durationFiller are words before a duration that say it is about so long.
var durationFiller = []string{"ca.", "ca", "cirka", "circa", "omkring", "approx.", "approx", "about", "~"}

// ParseDuration reads a length of time as people type it in a
// spreadsheet, in minutes: "60", "60 min", "90 min.", "45 minutter",
// "1 t", "1,5 t", "2 timer", "1 time 30 min", "1t30", "1:30", "1:30:00"
// (a time cell in a CSV from Excel), "en time",
// "halvanden time", "en halv time", "1½ time", "1 1/2 time", "et kvarter",
// "tre kvarter", "en time og et kvarter", "ca. 1 time", and the English
// "1 hour", "1.5 hours", "half an hour". A number alone is minutes, and
// must be whole: "1,5" could be hours or minutes. A number after hours is
// minutes ("1 t 30"). Ranges ("60-90 min"), units out of order ("30 min
// 1 t") and anything else are not durations (ok false). The result is
// rounded to the minute and may be zero or huge: the caller checks that it
// is plausible.
func ParseDuration(s string) (minutes int, ok bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" || len(s) > 64 {
		return 0, false
	}
	for _, f := range durationFiller {
		if rest, ok := strings.CutPrefix(s, f); ok && rest != "" && (strings.HasSuffix(f, ".") || f == "~" || rest[0] == ' ') {
			s = strings.TrimSpace(rest)
			break
		}
	}
	if n, err := strconv.Atoi(s); err == nil {
		return n, true
	}
	if h, m, ok := strings.Cut(s, ":"); ok {
		// 1:30, or 1:30:00 as a CSV from Excel writes a time cell.
		m, sec, hasSec := strings.Cut(m, ":")
		if len(m) == 2 && len(h) >= 1 && len(h) <= 2 && (!hasSec || len(sec) == 2) {
			hh, err1 := strconv.Atoi(h)
			mm, err2 := strconv.Atoi(m)
			ss, err3 := 0, error(nil)
			if hasSec {
				ss, err3 = strconv.Atoi(sec)
			}
			if err1 == nil && err2 == nil && err3 == nil && hh >= 0 && mm >= 0 && mm < 60 && ss >= 0 && ss < 60 {
				return hh*60 + mm + (ss+30)/60, true
			}
		}
		return 0, false
	}
	if h, m, ok := strings.Cut(s, "."); ok && len(m) == 2 && len(h) >= 1 && len(h) <= 2 && !strings.Contains(m, ".") {
		// 1.30 is an hour and a half, written as a time of day.
		hh, err1 := strconv.Atoi(h)
		mm, err2 := strconv.Atoi(m)
		if err1 == nil && err2 == nil && hh >= 0 && mm >= 0 && mm < 60 {
			return hh*60 + mm, true
		}
	}
	toks, ok := durationTokens(s)
	if !ok {
		return 0, false
	}
	var (
		total    float64 // minutes so far
		sum      float64 // quantities joined by "og" waiting for their unit
		cur      float64 // the quantity being read
		have     bool    // whether cur holds one
		article  bool    // cur is an article ("en"), which "halv" makes a half
		whole    bool    // cur is a whole number written in digits
		half     bool    // cur is "half", which an article may follow
		joined   bool    // an "og" waits for what it joins
		units    int
		lastUnit float64
	)
	for _, tk := range toks {
		switch tk.kind {
		case tokNumber:
			if have {
				if half && durationArticles[tk.word] {
					half = false // "half an hour"
					continue
				}
				return 0, false
			}
			cur, have, article, whole, half = tk.value, true, durationArticles[tk.word], tk.word == "" && tk.value == math.Trunc(tk.value), false
		case tokFraction:
			switch {
			case !have:
				cur, have = tk.value, true
			case whole:
				cur += tk.value // 1½, 1 1/2
			default:
				return 0, false
			}
			article, whole = false, false
		case tokHalf:
			switch {
			case !have:
				cur, have, half = 0.5, true, true
			case article:
				cur, half = 0.5, false // en halv
			default:
				return 0, false
			}
			article, whole = false, false
		case tokAnd:
			if joined {
				return 0, false
			}
			if have {
				sum += cur
				have = false
			} else if units == 0 {
				return 0, false
			}
			joined = true
		case tokUnit:
			if !have || (units > 0 && tk.value >= lastUnit) {
				return 0, false // no number, or 30 min 1 t
			}
			total += (sum + cur) * tk.value
			sum, have, joined, half = 0, false, false, false
			units++
			lastUnit = tk.value
		}
		if tk.kind != tokAnd && tk.kind != tokUnit {
			joined = false
		}
	}
	switch {
	case joined && !have, sum != 0:
		return 0, false // a dangling "og"
	case have && units == 0:
		// A number alone is minutes, if whole.
		if cur != math.Trunc(cur) || !whole {
			return 0, false
		}
		total = cur
	case have:
		// A number after hours is minutes: 1 t 30.
		if lastUnit != 60 || !whole {
			return 0, false
		}
		total += cur
	}
	if total > 1e6 {
		return 0, false
	}
	return int(math.Round(total)), true
}

type durationTokenKind int

const (
	tokNumber durationTokenKind = iota
	tokFraction
	tokHalf
	tokAnd
	tokUnit
)

type durationToken struct {
	kind  durationTokenKind
	value float64
	word  string // the number word, "" for digits
}

// durationTokens splits a duration into numbers, fractions, words and
// joiners; ok is false at anything else.
func durationTokens(s string) ([]durationToken, bool) {
	var toks []durationToken
	rs := []rune(s)
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case r == ' ' || r == '\u00a0':
			i++
		case r == ',' || r == '+' || r == '&':
			toks = append(toks, durationToken{kind: tokAnd})
			i++
		case r >= '0' && r <= '9':
			j := i
			for j < len(rs) && rs[j] >= '0' && rs[j] <= '9' {
				j++
			}
			if j+1 < len(rs) && (rs[j] == ',' || rs[j] == '.') && rs[j+1] >= '0' && rs[j+1] <= '9' {
				j++
				for j < len(rs) && rs[j] >= '0' && rs[j] <= '9' {
					j++
				}
			}
			if j-i > 12 {
				return nil, false
			}
			num := strings.ReplaceAll(string(rs[i:j]), ",", ".")
			if j+1 < len(rs) && rs[j] == '/' && rs[j+1] >= '1' && rs[j+1] <= '9' && !strings.Contains(num, ".") {
				// a fraction: 1/2
				k := j + 1
				for k < len(rs) && rs[k] >= '0' && rs[k] <= '9' {
					k++
				}
				a, _ := strconv.Atoi(num)
				b, err := strconv.Atoi(string(rs[j+1 : k]))
				if err != nil || b == 0 || a >= b {
					return nil, false
				}
				toks = append(toks, durationToken{kind: tokFraction, value: float64(a) / float64(b)})
				i = k
				continue
			}
			v, err := strconv.ParseFloat(num, 64)
			if err != nil {
				return nil, false
			}
			toks = append(toks, durationToken{kind: tokNumber, value: v})
			i = j
		case durationFractions[r] != 0:
			toks = append(toks, durationToken{kind: tokFraction, value: durationFractions[r]})
			i++
		case unicode.IsLetter(r):
			j := i
			for j < len(rs) && unicode.IsLetter(rs[j]) {
				j++
			}
			w := string(rs[i:j])
			i = j
			if i < len(rs) && rs[i] == '.' {
				i++ // min., t.
			}
			switch {
			case w == "og" || w == "and":
				toks = append(toks, durationToken{kind: tokAnd})
			case w == "halv" || w == "half":
				toks = append(toks, durationToken{kind: tokHalf})
			case durationUnits[w] != 0:
				toks = append(toks, durationToken{kind: tokUnit, value: durationUnits[w]})
			case durationNumbers[w] != 0:
				toks = append(toks, durationToken{kind: tokNumber, value: durationNumbers[w], word: w})
			default:
				return nil, false
			}
		default:
			return nil, false
		}
	}
	return toks, len(toks) > 0
}
