package ingest

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/laegeforeningen/mentorprogram/internal/programme"
	"github.com/laegeforeningen/mentorprogram/internal/store"
)

// eraseData is a data folder with one cohort: a mentee and her mentor with
// a meeting, and a waiting mentee.
func eraseData(t *testing.T) string {
	t.Helper()
	dir := newData(t)
	c := programme.Cohort{ID: "k",
		Participants: []programme.Participant{
			{Email: "a@x.dk", Name: "Anna", Role: programme.Mentee},
			{Email: "m@x.dk", Name: "Mads", Role: programme.Mentor},
			{Email: "w@x.dk", Name: "Wilma", Role: programme.Mentee},
		},
		Pairs:    []programme.Pair{{Mentee: "a@x.dk", Mentor: "m@x.dk"}},
		Meetings: []programme.Meeting{{Mentee: "a@x.dk", Date: programme.NewDate(2026, 3, 1), Held: true}},
	}
	if err := store.Save(dir, &programme.Dataset{Cohorts: []programme.Cohort{c}}); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestForgetPlanAndApply(t *testing.T) {
	dir := eraseData(t)
	before, _ := os.ReadFile(store.CohortPath(dir, "k"))
	res, err := Forget(" M@X.dk ", "", EraseOptions{Data: dir, Today: today})
	if err != nil {
		t.Fatal(err)
	}
	if res.Applied || len(res.People) != 1 || res.People[0].Name != "Mads" {
		t.Fatalf("plan: %+v", res)
	}
	if r := res.People[0].Removed; r.Participants != 1 || r.Pairs != 1 || r.Meetings != 1 || len(res.People[0].Partners) != 1 || res.People[0].Partners[0] != "Anna" {
		t.Errorf("plan removes %+v, partners %v", r, res.People[0].Partners)
	}
	var plan bytes.Buffer
	res.WritePlan(&plan)
	if !strings.Contains(plan.String(), "Mads (mentor): 1 tilmelding, 1 par, 1 møde og 0 evalueringer") || !strings.Contains(plan.String(), "Anna bliver stående uden par") {
		t.Errorf("plan:\n%s", plan.String())
	}
	if after, _ := os.ReadFile(store.CohortPath(dir, "k")); !bytes.Equal(before, after) {
		t.Fatal("the plan changed data/")
	}

	// Applied: saved, the publisher called under the lock with the saved
	// data, and the report names no one.
	var published *programme.Dataset
	res, err = Forget("m@x.dk", "", EraseOptions{Data: dir, Today: today, Apply: true, Publish: func(ds *programme.Dataset) error {
		if _, err := os.Stat(filepath.Join(dir, store.LockFile)); err != nil {
			t.Errorf("the lock is not held while publishing: %v", err)
		}
		published = ds
		return nil
	}})
	if err != nil || !res.Applied {
		t.Fatalf("apply: %v %+v", err, res)
	}
	if published == nil || len(published.Cohorts[0].Participants) != 2 || len(published.Cohorts[0].Pairs) != 0 {
		t.Errorf("published %+v", published)
	}
	var text bytes.Buffer
	res.WriteText(&text)
	if s := text.String(); strings.Contains(s, "Mads") || strings.Contains(s, "m@x.dk") || !strings.Contains(s, "1 partner står nu uden par") {
		t.Errorf("report:\n%s", s)
	}
	if _, err := os.Stat(filepath.Join(dir, store.LockFile)); err == nil {
		t.Error("the lock is left")
	}
	if _, err := Forget("m@x.dk", "", EraseOptions{Data: dir, Today: today, Apply: true}); !errors.Is(err, ErrNotFound) || strings.Contains(err.Error(), "m@x.dk") {
		t.Errorf("again: %v", err)
	}
	// Locked: nothing happens.
	lock, err := store.AcquireLock(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	if _, err := Forget("w@x.dk", "", EraseOptions{Data: dir, Today: today, Apply: true}); !errors.Is(err, store.ErrLocked) {
		t.Errorf("locked: %v", err)
	}
}

// A plan made while a killed run's save is pending reads data/ as that save
// leaves it, and finishes nothing: the journal stays for the next run.
func TestForgetPlanPendingJournal(t *testing.T) {
	dir := eraseData(t)
	// A save of cohort k that adds Bo, decided (journal in place) but not
	// renamed.
	ds, err := store.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	ds.Cohorts[0].Participants = append(ds.Cohorts[0].Participants, programme.Participant{Email: "bo@x.dk", Name: "Bo", Role: programme.Mentee})
	src, err := store.EncodeCohort(&ds.Cohorts[0])
	if err != nil {
		t.Fatal(err)
	}
	tmp := filepath.Join(dir, store.CohortDir, ".k.yaml.tmp-1")
	if err := os.WriteFile(tmp, src, 0o644); err != nil {
		t.Fatal(err)
	}
	journal := filepath.Join(dir, store.JournalFile)
	if err := os.WriteFile(journal, []byte("cohorts/.k.yaml.tmp-1\tcohorts/k.yaml\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Forget("bo@x.dk", "", EraseOptions{Data: dir, Today: today})
	if err != nil {
		t.Fatalf("Bo, in the pending save, is not found: %v", err)
	}
	var plan bytes.Buffer
	res.WritePlan(&plan)
	if !res.Pending || !strings.Contains(plan.String(), "ikke gemt færdig") {
		t.Errorf("the plan does not say a save is pending:\n%s", plan.String())
	}
	if _, err := os.Stat(journal); err != nil {
		t.Errorf("the plan finished the pending save: %v", err)
	}
	// With -yes the pending save is finished first, then Bo removed, and
	// the report and -json say that the save was finished.
	res, err = Forget("bo@x.dk", "", EraseOptions{Data: dir, Today: today, Apply: true})
	if err != nil {
		t.Fatal(err)
	}
	var text, js bytes.Buffer
	res.WriteText(&text)
	res.JSON(false, "").WriteJSON(&js)
	if !strings.Contains(text.String(), "gemt færdig, før sletningen (") || !strings.Contains(text.String(), "k.yaml") ||
		!strings.Contains(js.String(), `"journal_finished": [`) || !strings.Contains(js.String(), "k.yaml") {
		t.Errorf("the report does not say the pending save was finished:\n%s\n%s", text.String(), js.String())
	}
	if _, err := os.Stat(journal); err == nil {
		t.Error("the journal is left after -yes")
	}
	got, _ := os.ReadFile(store.CohortPath(dir, "k"))
	if strings.Contains(string(got), "bo@x.dk") || !strings.Contains(string(got), "w@x.dk") {
		t.Errorf("after -yes:\n%s", got)
	}
}

func TestPurgeExpiredUnset(t *testing.T) {
	dir := eraseData(t)
	src, _ := os.ReadFile(filepath.Join(dir, store.ProgrammeFile))
	src = bytes.Replace(src, []byte("  retention_months: 24\n"), nil, 1)
	os.WriteFile(filepath.Join(dir, store.ProgrammeFile), src, 0o644)
	if _, err := PurgeExpired(EraseOptions{Data: dir, Today: today}); err == nil || !strings.Contains(err.Error(), "privacy.retention_months") {
		t.Errorf("err = %v", err)
	}
}
