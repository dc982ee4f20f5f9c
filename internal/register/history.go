package register

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"time"

	"github.com/laegeforeningen/mentorprogram/internal/ingest"
	"github.com/laegeforeningen/mentorprogram/internal/outdir"
	"github.com/laegeforeningen/mentorprogram/internal/store"
)

// HistoryFile is the save history in the register: when, which files,
// the counts, of every save, by the desk or the command line. No names, no
// addresses, no rows.
const HistoryFile = "historik.json"

// Save is one save in the history.
type Save struct {
	Time  time.Time  `json:"time"`
	Files []SaveFile `json:"files"`
}

// SaveFile is one file (or sheet) of a save, by its counts.
type SaveFile struct {
	Name      string `json:"name"`
	Sheet     string `json:"sheet,omitempty"`
	Kind      string `json:"kind"`
	Rows      int    `json:"rows"`
	Accepted  int    `json:"accepted"`
	Rejected  int    `json:"rejected"`
	Added     int    `json:"added"`
	Updated   int    `json:"updated"`
	Unchanged int    `json:"unchanged"`
}

// ReadHistory reads the register's history, newest last.
func ReadHistory(data string) ([]Save, error) {
	b, err := os.ReadFile(filepath.Join(data, HistoryFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var h []Save
	if err := json.Unmarshal(b, &h); err != nil {
		return nil, err
	}
	return h, nil
}

// AppendHistory adds a save to the history: under the register's lock,
// through a temporary file and a rename.
func AppendHistory(data string, now time.Time, rep *ingest.Report) error {
	lock, err := store.AcquireLock(data)
	if err != nil {
		return err
	}
	defer lock.Release()
	h, err := ReadHistory(data)
	if err != nil {
		return err
	}
	s := Save{Time: now.UTC().Truncate(time.Second)}
	for _, f := range rep.Files {
		s.Files = append(s.Files, SaveFile{Name: filepath.Base(f.Path), Sheet: f.Sheet, Kind: f.Kind.Danish(), Rows: f.Rows,
			Accepted: f.Accepted, Rejected: f.Rejected, Added: f.Added, Updated: f.Updated, Unchanged: f.Unchanged})
	}
	h = append(h, s)
	b, err := json.MarshalIndent(h, "", "  ")
	if err != nil {
		return err
	}
	return outdir.WriteFile(filepath.Join(data, HistoryFile), append(b, '\n'), 0o600)
}
