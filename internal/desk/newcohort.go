package desk

import "github.com/laegeforeningen/mentorprogram/internal/ingest"

// The Indlæs page shows the notes about cohorts the check would create
// (ingest's new-cohort and new-cohort-similar) above the report, not among
// the other notes: a misspelt cohort name splits a programme's people over
// two cohorts, and the secretariat must see it before pressing »Gem«.

// NewCohorts are the report's notes about cohorts the run creates whose
// names look like no other cohort's.
func (v *checkView) NewCohorts() []ingest.Note {
	return v.notes(func(n ingest.Note) bool { return n.NewCohort() && !n.LikelyTypo() })
}

// LikelyTypos are the report's notes about new cohorts whose names look
// like a misspelling of another cohort's.
func (v *checkView) LikelyTypos() []ingest.Note {
	return v.notes(ingest.Note.LikelyTypo)
}

// OtherNotes are the report's other notes (Bemærkninger).
func (v *checkView) OtherNotes() []ingest.Note {
	return v.notes(func(n ingest.Note) bool { return !n.NewCohort() })
}

func (v *checkView) notes(keep func(ingest.Note) bool) []ingest.Note {
	if v.Report == nil {
		return nil
	}
	var out []ingest.Note
	for _, n := range v.Report.Notes {
		if keep(n) {
			out = append(out, n)
		}
	}
	return out
}
