package desk

import (
	"net/http"

	"github.com/laegeforeningen/mentorprogram/internal/ingest"
	"github.com/laegeforeningen/mentorprogram/internal/match"
	"github.com/laegeforeningen/mentorprogram/internal/status"
	"github.com/laegeforeningen/mentorprogram/internal/store"
)

// proposalRow is a suggested pair on the desk's Match page.
type proposalRow struct {
	Cohort, Mentee, MenteeEmail, Mentor, MentorEmail, Why string
	Score, N                                              int
}

func (s *Server) matchPage(w http.ResponseWriter, r *http.Request, data string) {
	d := pageData{Title: "Match", Nav: "match"}
	ds, err := store.Load(data)
	if err != nil {
		d.Err = err.Error()
		s.page(w, "match", d)
		return
	}
	rep := status.New(ds, s.opts.Today())
	for i := range rep.Cohorts {
		c := rep.Cohorts[i]
		if c.Proposal == nil {
			continue
		}
		for j := range c.Proposal.Suggestions {
			sg := &c.Proposal.Suggestions[j]
			d.Proposals = append(d.Proposals, proposalRow{Cohort: c.DisplayName(), Mentee: sg.Mentee.Name, MenteeEmail: sg.Mentee.Email,
				Mentor: sg.Mentor.Name, MentorEmail: sg.Mentor.Email, Why: sg.ReasonText(), Score: sg.Score, N: len(d.Proposals) + 1})
		}
	}
	s.page(w, "match", d)
}

// acceptPost accepts one suggested pair. It goes through the same code as
// a row of matchforslag.xlsx marked ja and ingested: the desk writes the
// row as a one-row proposals sheet (match date today) and saves it with
// ingest.Run, which checks it again against the hard rules.
func (s *Server) acceptPost(w http.ResponseWriter, r *http.Request, data string) {
	if !s.postOK(w, r) {
		return
	}
	f := r.PostForm
	s.saveRow(w, r, data, oneRow{
		Name: "matchforslag-skrivebord.csv", Kind: ingest.Proposals,
		Head:    []string{match.ColumnCohort, match.ColumnMenteeEmail, match.ColumnMentorEmail, match.ColumnAccept, match.ColumnMatchDate},
		Row:     []string{f.Get("kohorte"), f.Get("mentee"), f.Get("mentor"), "ja", s.opts.Today().String()},
		Refused: "Ikke accepteret: ", Saved: "Parret er matchet.", Back: "/match",
	})
}
