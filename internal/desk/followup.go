package desk

import (
	"fmt"
	"net/http"
	"path/filepath"
	"strings"

	"github.com/laegeforeningen/mentorprogram/internal/ingest"
	"github.com/laegeforeningen/mentorprogram/internal/programme"
	"github.com/laegeforeningen/mentorprogram/internal/status"
	"github.com/laegeforeningen/mentorprogram/internal/store"
)

// followupRow is a row of the desk's follow-up page.
type followupRow struct {
	Key, Cohort, Flag, Who, Why string
	// Since is the day the flag became due, as the page shows it: sent
	// back with the button as the row's Siden, so that a flag that
	// changed since the page was made (a new request for contact) is not
	// marked handled unseen.
	Since string
	N     int
}

func (s *Server) opfoelgningPage(w http.ResponseWriter, r *http.Request, data string) {
	d := pageData{Title: "Opfølgning", Nav: "opfoelgning", Today: s.opts.Today().String()}
	ds, err := store.Load(data)
	if err != nil {
		d.Err = err.Error()
		s.page(w, "opfoelgning", d)
		return
	}
	rep := status.New(ds, s.opts.Today())
	for i, fu := range rep.Followups {
		var who []string
		for _, c := range fu.Contacts {
			who = append(who, c.Name)
		}
		d.Followups = append(d.Followups, followupRow{Key: fu.Key, Cohort: rep.CohortName(fu.Cohort), Flag: status.FlagLabel(fu.Flag.Kind),
			Who: strings.Join(who, ", "), Why: fu.Why, Since: fu.Flag.Since.String(), N: i + 1})
	}
	s.page(w, "opfoelgning", d)
}

// haandteretPost marks one follow-up handled. It goes through the same
// code as a row of opfoelgning.xlsx filled in and ingested: the desk
// writes the row as a one-row follow-up sheet and saves it with
// ingest.Run, so the same checks (date, initials, a short action, the
// look-again date) and the same messages apply.
func (s *Server) haandteretPost(w http.ResponseWriter, r *http.Request, data string) {
	if !s.postOK(w, r) {
		return
	}
	f := r.PostForm
	key, initials, action, again := trimSpace(f.Get("kode")), trimSpace(f.Get("initialer")), trimSpace(f.Get("handling")), trimSpace(f.Get("se-igen"))
	head := []string{programme.ColumnKey, programme.ColumnHandledDate, programme.ColumnInitials, programme.ColumnAction, programme.ColumnLookAgain}
	row := []string{key, s.opts.Today().String(), initials, action, again}
	if f.Has("siden") { // a page made before the field was there has none
		head, row = append(head, programme.ColumnSince), append(row, trimSpace(f.Get("siden")))
	}
	s.saveRow(w, r, data, oneRow{
		Name: "opfoelgning-skrivebord.csv", Kind: ingest.Followups, Head: head, Row: row,
		Refused: "Ikke markeret håndteret: ", Saved: "Markeret håndteret.", Back: "/opfoelgning",
	})
}

// keyID is a row's key as an id for its form's fields.
func keyID(key string) string {
	return fmt.Sprintf("f%x", []byte(filepath.ToSlash(key)))
}
