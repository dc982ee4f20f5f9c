package desk

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/laegeforeningen/mentorprogram/internal/ingest"
	"github.com/laegeforeningen/mentorprogram/internal/proc"
	"github.com/laegeforeningen/mentorprogram/internal/programme"
	"github.com/laegeforeningen/mentorprogram/internal/register"
	"github.com/laegeforeningen/mentorprogram/internal/sheet"
	"github.com/laegeforeningen/mentorprogram/internal/status"
	"github.com/laegeforeningen/mentorprogram/internal/store"
)

// uploadPrefix begins the name of the temporary folder, inside the
// register, that an upload is read from.
const uploadPrefix = ".skrivebord-upload-"

// upload is one uploaded file, held in memory between the check and the
// save.
type upload struct {
	Name string
	Data []byte
}

// rejectsFile is a rejects workbook, held in memory to be downloaded.
type rejectsFile struct {
	Name string
	Data []byte
}

// check is what was uploaded and checked, waiting for "Gem".
type check struct {
	ID          string
	Files       []upload
	Kind        ingest.Kind            // the kind chosen for every file ("": recognised)
	FileKinds   map[string]ingest.Kind // the kind chosen for single files, by name
	Report      *ingest.Report
	Err         string // the run stopped: nothing read
	Unknown     string // the file whose header fits two kinds: the kind chooser is shown for it
	Choices     []ingest.Kind
	Rejects     []rejectsFile
	Fingerprint string // of the register when checked
	Saved       bool
	Status      bool // the status pages were regenerated
	Rechecked   bool // the register changed: checked again, not saved
}

// runError is an error of ingest.Run with the upload folder taken out of
// its message.
type runError struct {
	msg string
	err error
}

func (e *runError) Error() string { return e.msg }
func (e *runError) Unwrap() error { return e.err }

// readUpload reads a multipart upload: the CSRF token first, then the
// kind, then the files, counting the bytes and the files.
func (s *Server) readUpload(w http.ResponseWriter, r *http.Request) ([]upload, ingest.Kind, int, string) {
	if r.ContentLength > s.opts.MaxUpload {
		return nil, "", http.StatusRequestEntityTooLarge, s.tooLarge()
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.opts.MaxUpload)
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, "", http.StatusBadRequest, "Upload ikke forstået."
	}
	var (
		files  []upload
		kind   ingest.Kind
		csrfOK bool
	)
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, "", http.StatusRequestEntityTooLarge, s.tooLarge()
		}
		if err != nil {
			return nil, "", http.StatusBadRequest, "Upload ikke forstået."
		}
		name := p.FormName()
		if !csrfOK && name != "csrf" {
			return nil, "", http.StatusForbidden, "Afvist: formularen mangler sin sikkerhedsnøgle."
		}
		switch name {
		case "csrf":
			v, err := readSmall(p)
			if err != nil || !s.csrfOK(v) {
				return nil, "", http.StatusForbidden, "Afvist: formularen mangler sin sikkerhedsnøgle."
			}
			csrfOK = true
		case "kind":
			v, _ := readSmall(p)
			k, err := ingest.ParseKind(trimSpace(v))
			if err != nil {
				return nil, "", http.StatusBadRequest, "Ukendt slags fil."
			}
			kind = k
		case "files":
			if p.FileName() == "" {
				continue
			}
			if len(files) == s.opts.MaxFiles {
				return nil, "", http.StatusRequestEntityTooLarge, s.tooLarge()
			}
			b, err := io.ReadAll(p)
			if errors.As(err, &mbe) {
				return nil, "", http.StatusRequestEntityTooLarge, s.tooLarge()
			}
			if err != nil {
				return nil, "", http.StatusBadRequest, "Upload ikke forstået."
			}
			files = append(files, upload{Name: cleanName(p.FileName(), len(files)), Data: b})
		}
	}
	if !csrfOK {
		return nil, "", http.StatusForbidden, "Afvist: formularen mangler sin sikkerhedsnøgle."
	}
	return files, kind, 0, ""
}

func (s *Server) tooLarge() string {
	return fmt.Sprintf("For stor upload: højst %d filer og %d MB i alt ad gangen. Intet er gemt.", s.opts.MaxFiles, s.opts.MaxUpload>>20)
}

func readSmall(p *multipart.Part) (string, error) {
	b, err := io.ReadAll(io.LimitReader(p, 1<<10))
	return string(b), err
}

// cleanName is a file's base name, safe as a name in the upload folder.
func cleanName(name string, i int) string {
	name = filepath.Base(strings.ReplaceAll(name, `\`, "/"))
	name = strings.Map(func(r rune) rune {
		if r < 32 || strings.ContainsRune(`/\:*?"<>|`, r) {
			return '_'
		}
		return r
	}, name)
	if name == "" || name == "." || name == ".." || strings.HasPrefix(name, ".") {
		name = fmt.Sprintf("fil-%d%s", i+1, filepath.Ext(name))
	}
	return name
}

// runIngest runs ingest.Run on the uploads, written into a temporary
// folder inside the register that is removed before it returns; the
// rejects workbooks are read back into memory. A save (dryRun false)
// regenerates the status pages in the register's private/ under the lock.
func (s *Server) runIngest(data string, files []upload, kind ingest.Kind, fileKinds map[string]ingest.Kind, dryRun bool) (*ingest.Result, []rejectsFile, bool, error) {
	tmp, err := os.MkdirTemp(data, proc.TempPattern(uploadPrefix, ""))
	if err != nil {
		return nil, nil, false, err
	}
	defer os.RemoveAll(tmp)
	cancel := proc.OnStop(func() { os.RemoveAll(tmp) })
	defer cancel()
	in, rej := filepath.Join(tmp, "ind"), filepath.Join(tmp, "afvist")
	if err := os.Mkdir(in, 0o700); err != nil {
		return nil, nil, false, err
	}
	if err := os.Mkdir(rej, 0o700); err != nil {
		return nil, nil, false, err
	}
	var paths []string
	pathKinds := map[string]ingest.Kind{}
	used := map[string]bool{}
	for i, f := range files {
		name := f.Name
		if used[strings.ToLower(name)] {
			// Two files of the same name: each in its own folder, so the
			// report still names each as it was called.
			sub := filepath.Join(in, fmt.Sprint(i+1))
			if err := os.Mkdir(sub, 0o700); err != nil {
				return nil, nil, false, err
			}
			name = filepath.Join(fmt.Sprint(i+1), name)
		}
		used[strings.ToLower(f.Name)] = true
		p := filepath.Join(in, name)
		if err := os.WriteFile(p, f.Data, 0o600); err != nil {
			return nil, nil, false, err
		}
		paths = append(paths, p)
		if k := fileKinds[f.Name]; k != "" {
			pathKinds[p] = k
		}
	}
	today := s.opts.Today()
	published := false
	opts := ingest.Options{Data: data, Today: today, DryRun: dryRun, RejectsInDryRun: true, Rejects: rej, Kind: kind, FileKinds: pathKinds, DateOrder: sheet.DayFirst}
	if !dryRun {
		if err := register.Guard(data); err != nil {
			return nil, nil, false, fmt.Errorf("%v. %s", err, register.InGitHint)
		}
		opts.Publish = func(ds *programme.Dataset) error {
			if err := status.New(ds, today).WritePrivate(filepath.Join(data, "private"), s.opts.Theme); err != nil {
				return err
			}
			published = true
			return nil
		}
	}
	res, err := ingest.Run(paths, opts)
	if err != nil {
		if errors.Is(err, store.ErrLocked) {
			return nil, nil, false, fmt.Errorf("registeret er låst, fordi en anden indlæsning er i gang. Vent, til den er færdig, og prøv igen. Intet er gemt")
		}
		// The message names the file as it was uploaded, not where the
		// desk put it.
		return nil, nil, false, &runError{msg: strings.ReplaceAll(err.Error(), in+string(filepath.Separator), ""), err: err}
	}
	// The report names the files as they were uploaded.
	rel := func(p string) string {
		if r, err := filepath.Rel(in, p); err == nil && !strings.HasPrefix(r, "..") {
			if i := strings.IndexByte(filepath.ToSlash(r), '/'); i >= 0 {
				return filepath.ToSlash(r)[i+1:]
			}
			return r
		}
		return p
	}
	rep := res.Report
	for i := range rep.Files {
		rep.Files[i].Path = rel(rep.Files[i].Path)
		rep.Files[i].Rejects = filepath.Base(rep.Files[i].Rejects)
		if rep.Files[i].Rejects == "." {
			rep.Files[i].Rejects = ""
		}
	}
	for i := range rep.Problems {
		rep.Problems[i].File = rel(rep.Problems[i].File)
	}
	for i := range rep.Dropped {
		rep.Dropped[i].File = rel(rep.Dropped[i].File)
	}
	for i := range rep.Notes {
		rep.Notes[i].File = rel(rep.Notes[i].File)
	}
	var rejects []rejectsFile
	entries, _ := os.ReadDir(rej)
	for _, e := range entries {
		if b, err := os.ReadFile(filepath.Join(rej, e.Name())); err == nil {
			rejects = append(rejects, rejectsFile{Name: e.Name(), Data: b})
		}
	}
	if res.PublishErr != nil {
		return res, rejects, false, fmt.Errorf("registeret er gemt, men statussiderne kunne ikke laves: %v", res.PublishErr)
	}
	return res, rejects, published, nil
}

// fingerprint sums up the register's files (names, sizes, times), to see
// whether it changed between a check and its save.
func fingerprint(data string) string {
	h := sha256.New()
	var lines []string
	filepath.WalkDir(data, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(data, p)
		if d.IsDir() && (rel == "private" || strings.HasPrefix(d.Name(), ".")) && rel != "." {
			return filepath.SkipDir
		}
		if d.IsDir() || strings.HasPrefix(d.Name(), ".") || !strings.HasSuffix(d.Name(), ".yaml") {
			return nil
		}
		if fi, err := d.Info(); err == nil {
			lines = append(lines, fmt.Sprintf("%s %d %d", filepath.ToSlash(rel), fi.Size(), fi.ModTime().UnixNano()))
		}
		return nil
	})
	sort.Strings(lines)
	for _, l := range lines {
		io.WriteString(h, l+"\n")
	}
	return hex.EncodeToString(h.Sum(nil))
}

// oneRow is a row the desk writes itself (a follow-up marked handled, a
// suggested pair accepted), saved as a one-row sheet of its kind.
type oneRow struct {
	Name      string      // the sheet's file name, as messages name it
	Kind      ingest.Kind // what the sheet is
	Head, Row []string    // its header and its one row
	Refused   string      // the flash's start when the row is rejected
	Saved     string      // the flash when it is saved
	Back      string      // the page to return to
}

// saveRow saves row through ingest.Run under the lock, as the same row in
// an uploaded sheet would be, so the same checks and messages apply;
// flashes the outcome, appends the history on a save and redirects back.
func (s *Server) saveRow(w http.ResponseWriter, r *http.Request, data string, row oneRow) {
	var b bytes.Buffer
	cw := csv.NewWriter(&b)
	cw.Comma = ';'
	cw.Write(row.Head)
	cw.Write(row.Row)
	cw.Flush()
	s.mu.Lock()
	defer s.mu.Unlock()
	res, _, published, err := s.runIngest(data, []upload{{Name: row.Name, Data: b.Bytes()}}, "", map[string]ingest.Kind{row.Name: row.Kind}, false)
	switch {
	case res == nil && err != nil:
		s.flash = "Intet er gemt: " + err.Error()
	case res.Report.Rejected() > 0:
		var why []string
		for _, p := range res.Report.Problems {
			why = append(why, p.Message)
		}
		s.flash = row.Refused + strings.Join(why, " ")
	default:
		s.flash = row.Saved
		// An address of a cohort file edited by hand is saved as the
		// ingest writes addresses: said here, as Gem's report says it.
		for _, n := range res.Report.Notes {
			if n.Code == ingest.CodeAddressRespelled {
				s.flash += " Bemærk: " + n.Message + "."
			}
		}
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
	http.Redirect(w, r, row.Back, http.StatusSeeOther)
}
