package desk

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"strings"
	"time"

	"github.com/laegeforeningen/mentorprogram/internal/ingest"
	"github.com/laegeforeningen/mentorprogram/internal/match"
	"github.com/laegeforeningen/mentorprogram/internal/register"
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
	var b bytes.Buffer
	cw := csv.NewWriter(&b)
	cw.Comma = ';'
	cw.Write([]string{match.ColumnCohort, match.ColumnMenteeEmail, match.ColumnMentorEmail, match.ColumnAccept, match.ColumnMatchDate})
	cw.Write([]string{f.Get("kohorte"), f.Get("mentee"), f.Get("mentor"), "ja", s.opts.Today().String()})
	cw.Flush()
	const name = "matchforslag-skrivebord.csv"
	s.mu.Lock()
	defer s.mu.Unlock()
	res, _, published, err := s.runIngest(data, []upload{{Name: name, Data: b.Bytes()}}, "", map[string]ingest.Kind{name: ingest.Proposals}, false)
	switch {
	case res == nil && err != nil:
		s.flash = "Intet er gemt: " + err.Error()
	case res.Report.Rejected() > 0:
		var why []string
		for _, p := range res.Report.Problems {
			why = append(why, p.Message)
		}
		s.flash = "Ikke accepteret: " + strings.Join(why, " ")
	default:
		s.flash = "Parret er matchet."
		if !published {
			s.flash += " Statussiderne kunne ikke laves."
		}
		if err != nil {
			s.flash += " " + err.Error()
		}
		if herr := register.AppendHistory(data, time.Now(), res.Report); herr != nil {
			s.flash += " Historikken kunne ikke skrives: " + herr.Error()
		}
		s.check = nil
	}
	http.Redirect(w, r, "/match", http.StatusSeeOther)
}
