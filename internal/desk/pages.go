package desk

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/laegeforeningen/mentorprogram/internal/ingest"
	"github.com/laegeforeningen/mentorprogram/internal/register"
	"github.com/laegeforeningen/mentorprogram/internal/sheet"
	"github.com/laegeforeningen/mentorprogram/internal/status"
	"github.com/laegeforeningen/mentorprogram/internal/store"
)

//go:embed web
var web embed.FS

var copenhagen = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Copenhagen")
	if err != nil {
		return time.UTC
	}
	return loc
}()

var months = []string{"januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"}

var funcs = template.FuncMap{
	"base":  func(p string) string { return path.Base(filepath.ToSlash(p)) },
	"keyID": keyID,
	"when": func(t time.Time) string {
		t = t.In(copenhagen)
		return fmt.Sprintf("%d. %s %d kl. %s", t.Day(), months[t.Month()-1], t.Year(), t.Format("15.04"))
	},
}

var pageTmpls = func() map[string]*template.Template {
	base := template.Must(template.New("layout").Funcs(funcs).ParseFS(web, "web/layout.html"))
	out := map[string]*template.Template{}
	for _, name := range []string{"indlaes", "historik", "udgiv", "register", "tom", "opfoelgning", "match"} {
		out[name] = template.Must(template.Must(base.Clone()).ParseFS(web, "web/"+name+".html"))
	}
	return out
}()

// kindOption is an option of the kind chooser.
type kindOption struct {
	Value, Label string
	Selected     bool
}

// pageData is what every page's template gets.
type pageData struct {
	Title, Nav, CSRF, Data, Flash, Version string
	MaxFiles, MaxMB                        int
	Kinds                                  []kindOption
	Choices                                []kindOption
	Check                                  *checkView
	History                                []register.Save
	HistoryFile                            string
	MinGroup                               int
	Published                              bool
	PublicFile                             string
	HandbookFile                           string // where Udgiv tal also writes, or ""
	Err, Suggest                           string
	Followups                              []followupRow
	Proposals                              []proposalRow
	Today                                  string
}

// checkView is a check as the page shows it.
type checkView struct {
	*check
	Text string
}

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/indlaes", http.StatusSeeOther) })
	mux.HandleFunc("GET /assets/{name}", s.asset)
	mux.HandleFunc("GET /register", s.registerPage)
	mux.HandleFunc("POST /register", s.registerPost)
	mux.Handle("GET /indlaes", s.needRegister(s.indlaesPage))
	mux.Handle("POST /indlaes", s.needRegister(s.indlaesPost))
	mux.Handle("POST /slags", s.needRegister(s.slagsPost))
	mux.Handle("POST /gem", s.needRegister(s.gemPost))
	mux.Handle("POST /kasser", s.needRegister(s.kasserPost))
	mux.Handle("GET /afvist/{name}", s.needRegister(s.rejectsFile))
	mux.Handle("GET /status/", s.needRegister(s.statusFiles))
	mux.Handle("GET /historik", s.needRegister(s.historikPage))
	mux.Handle("GET /opfoelgning", s.needRegister(s.opfoelgningPage))
	mux.Handle("POST /haandteret", s.needRegister(s.haandteretPost))
	mux.Handle("GET /match", s.needRegister(s.matchPage))
	mux.Handle("POST /accepter", s.needRegister(s.acceptPost))
	mux.Handle("GET /udgiv", s.needRegister(s.udgivPage))
	mux.Handle("POST /udgiv", s.needRegister(s.udgivPost))
	mux.Handle("GET /udgiv/"+status.PublicFile, s.needRegister(s.publicFile))
	return mux
}

// needRegister sends to the register page until a register is chosen.
func (s *Server) needRegister(h func(http.ResponseWriter, *http.Request, string)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		data := s.data
		s.mu.Unlock()
		if data == "" {
			http.Redirect(w, r, "/register", http.StatusSeeOther)
			return
		}
		h(w, r, data)
	})
}

// postOK checks a form POST's CSRF token (the Origin is checked in guard).
func (s *Server) postOK(w http.ResponseWriter, r *http.Request) bool {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil || !s.csrfOK(r.PostForm.Get("csrf")) {
		refuse(w, http.StatusForbidden, "Afvist: formularen mangler sin sikkerhedsnøgle.")
		return false
	}
	return true
}

func (s *Server) page(w http.ResponseWriter, name string, d pageData) {
	s.pageCode(w, http.StatusOK, name, d)
}

func (s *Server) pageCode(w http.ResponseWriter, code int, name string, d pageData) {
	s.mu.Lock()
	d.Data, d.Flash, s.flash = s.data, s.flash, ""
	s.mu.Unlock()
	d.CSRF, d.Version = s.csrf, s.opts.Version
	var b bytes.Buffer
	if err := pageTmpls[name].ExecuteTemplate(&b, "layout", d); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	w.Write(b.Bytes())
}

func (s *Server) setFlash(msg string) {
	s.mu.Lock()
	s.flash = msg
	s.mu.Unlock()
}

func (s *Server) asset(w http.ResponseWriter, r *http.Request) {
	var (
		b     []byte
		err   error
		ctype = "text/css; charset=utf-8"
	)
	switch r.PathValue("name") {
	case "site.css":
		b, err = fs.ReadFile(s.opts.Theme, status.SiteCSS)
	case "favicon.svg":
		b, err = fs.ReadFile(s.opts.Theme, status.SiteIcon)
		ctype = "image/svg+xml"
	case "status.css":
		b = status.Stylesheet()
	case "desk.css":
		b, err = web.ReadFile("web/desk.css")
	case "desk.js":
		b, err = web.ReadFile("web/desk.js")
		ctype = "text/javascript; charset=utf-8"
	default:
		http.NotFound(w, r)
		return
	}
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Write(b)
}

func (s *Server) kinds(selected ingest.Kind) []kindOption {
	out := []kindOption{{Value: "", Label: "Genkend ud fra overskrifterne", Selected: selected == ""}}
	for _, k := range ingest.Kinds {
		out = append(out, kindOption{Value: string(k), Label: capital(k.Danish()), Selected: k == selected})
	}
	return out
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func (s *Server) indlaesPage(w http.ResponseWriter, r *http.Request, data string) {
	s.mu.Lock()
	c := s.check
	s.mu.Unlock()
	d := pageData{Title: "Indlæs", Nav: "indlaes", MaxFiles: s.opts.MaxFiles, MaxMB: int(s.opts.MaxUpload >> 20), Kinds: s.kinds("")}
	if c != nil {
		v := &checkView{check: c}
		if c.Report != nil {
			var b strings.Builder
			c.Report.WriteText(&b)
			v.Text = b.String()
		}
		d.Check = v
		for _, k := range c.Choices {
			d.Choices = append(d.Choices, kindOption{Value: string(k), Label: capital(k.Danish())})
		}
	}
	s.page(w, "indlaes", d)
}

func (s *Server) indlaesPost(w http.ResponseWriter, r *http.Request, data string) {
	files, kind, code, msg := s.readUpload(w, r)
	if code != 0 {
		refuse(w, code, msg)
		return
	}
	if len(files) == 0 {
		s.setFlash("Vælg en eller flere filer først.")
		http.Redirect(w, r, "/indlaes", http.StatusSeeOther)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.check = s.runCheck(data, files, kind, nil)
	http.Redirect(w, r, "/indlaes#rapport", http.StatusSeeOther)
}

// runCheck checks files against the register, writing nothing (s.mu held).
func (s *Server) runCheck(data string, files []upload, kind ingest.Kind, fileKinds map[string]ingest.Kind) *check {
	c := &check{ID: randomHex()[:16], Files: files, Kind: kind, FileKinds: fileKinds, Fingerprint: fingerprint(data)}
	res, rejects, _, err := s.runIngest(data, files, kind, fileKinds, true)
	if err != nil {
		c.Err = err.Error()
		var (
			amb *ingest.AmbiguousError
			se  *sheet.Error
		)
		if errors.As(err, &amb) && errors.As(err, &se) {
			c.Unknown = filepath.Base(se.File)
			c.Choices = amb.Kinds
		}
		return c
	}
	c.Report, c.Rejects = res.Report, rejects
	return c
}

// slagsPost checks the held files again, the file not recognised as the
// kind chosen for it.
func (s *Server) slagsPost(w http.ResponseWriter, r *http.Request, data string) {
	if !s.postOK(w, r) {
		return
	}
	kind, err := ingest.ParseKind(r.PostForm.Get("kind"))
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.check
	if err != nil || kind == "" || c == nil || r.PostForm.Get("check") != c.ID || c.Unknown == "" {
		s.flash = "Tjekket findes ikke længere. Vælg filerne igen."
		http.Redirect(w, r, "/indlaes", http.StatusSeeOther)
		return
	}
	fk := map[string]ingest.Kind{}
	for n, k := range c.FileKinds {
		fk[n] = k
	}
	fk[c.Unknown] = kind
	s.check = s.runCheck(data, c.Files, c.Kind, fk)
	http.Redirect(w, r, "/indlaes#rapport", http.StatusSeeOther)
}

// gemPost saves exactly what was checked; if the register changed since
// the check, it checks again instead and asks for "Gem" once more.
func (s *Server) gemPost(w http.ResponseWriter, r *http.Request, data string) {
	if !s.postOK(w, r) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.check
	if c == nil || r.PostForm.Get("check") != c.ID || c.Saved || c.Err != "" {
		s.flash = "Der er intet tjekket at gemme. Vælg filerne igen."
		http.Redirect(w, r, "/indlaes", http.StatusSeeOther)
		return
	}
	if fingerprint(data) != c.Fingerprint {
		nc := s.runCheck(data, c.Files, c.Kind, c.FileKinds)
		nc.Rechecked = true
		s.check = nc
		http.Redirect(w, r, "/indlaes#rapport", http.StatusSeeOther)
		return
	}
	res, rejects, published, err := s.runIngest(data, c.Files, c.Kind, c.FileKinds, false)
	if res == nil && err != nil {
		c.Err = err.Error()
		http.Redirect(w, r, "/indlaes#rapport", http.StatusSeeOther)
		return
	}
	nc := &check{ID: c.ID, Files: nil, Kind: c.Kind, Report: res.Report, Rejects: rejects, Saved: true, Status: published}
	if err != nil {
		s.flash = err.Error()
	}
	if herr := register.AppendHistory(data, time.Now(), res.Report); herr != nil {
		s.flash = "Gemt, men historikken kunne ikke skrives: " + herr.Error()
	}
	s.check = nc
	http.Redirect(w, r, "/indlaes#rapport", http.StatusSeeOther)
}

func (s *Server) kasserPost(w http.ResponseWriter, r *http.Request, data string) {
	if !s.postOK(w, r) {
		return
	}
	s.mu.Lock()
	s.check = nil
	s.flash = "Tjekket er kasseret. Intet er gemt."
	s.mu.Unlock()
	http.Redirect(w, r, "/indlaes", http.StatusSeeOther)
}

func (s *Server) rejectsFile(w http.ResponseWriter, r *http.Request, data string) {
	name := r.PathValue("name")
	s.mu.Lock()
	c := s.check
	s.mu.Unlock()
	if c != nil {
		for _, f := range c.Rejects {
			if f.Name == name {
				w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
				w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", f.Name))
				w.Write(f.Data)
				return
			}
		}
	}
	http.NotFound(w, r)
}

// statusFiles serves the register's private/ status pages, with a line
// back to the desk on each page.
func (s *Server) statusFiles(w http.ResponseWriter, r *http.Request, data string) {
	dir := filepath.Join(data, "private")
	rel := strings.TrimPrefix(r.URL.Path, "/status/")
	if rel == "" {
		rel = "index.html"
	}
	if !fs.ValidPath(rel) {
		http.NotFound(w, r)
		return
	}
	if rel == "index.html" {
		if err := s.refreshStatus(data); err != nil {
			s.setFlash("Statussiderne kunne ikke laves for i dag: " + err.Error())
		}
	}
	if !exists(filepath.Join(dir, "index.html")) {
		s.page(w, "tom", pageData{Title: "Status", Nav: "status"})
		return
	}
	b, err := fs.ReadFile(os.DirFS(dir), rel)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	if strings.HasSuffix(rel, ".html") {
		back := `<nav class="dk-back" aria-label="Skrivebordet"><a href="/indlaes">Indlæs</a> · <a href="/status/">Status</a> · <a href="/opfoelgning">Opfølgning</a> · <a href="/match">Match</a> · <a href="/historik">Historik</a> · <a href="/udgiv">Udgiv tal</a></nav>`
		b = bytes.Replace(b, []byte(`<header class="st-header">`), []byte(back+"\n"+`<header class="st-header">`), 1)
		// The line's style: the status pages load only their own
		// stylesheets (desk.css holds only dk- rules).
		b = bytes.Replace(b, []byte("</head>"), []byte(`<link rel="stylesheet" href="/assets/desk.css">`+"\n</head>"), 1)
	}
	http.ServeContent(w, r, rel, time.Time{}, bytes.NewReader(b))
}

// refreshStatus regenerates the status pages when they were computed for
// another day than today (the flags depend on the date), under the
// register's lock. A register without cohorts has none.
func (s *Server) refreshStatus(data string) error {
	today := s.opts.Today()
	var st struct {
		AsOf string `json:"as_of"`
	}
	if b, err := os.ReadFile(filepath.Join(data, "private", "status.json")); err == nil && json.Unmarshal(b, &st) == nil && st.AsOf == today.String() {
		return nil
	}
	if cs, _ := filepath.Glob(filepath.Join(data, "cohorts", "*.yaml")); len(cs) == 0 {
		return nil
	}
	lock, err := store.AcquireLock(data)
	if err != nil {
		return err
	}
	defer lock.Release()
	ds, err := store.Load(data)
	if err != nil {
		return err
	}
	return status.New(ds, today).WritePrivate(filepath.Join(data, "private"), s.opts.Theme)
}

func (s *Server) historikPage(w http.ResponseWriter, r *http.Request, data string) {
	h, err := register.ReadHistory(data)
	d := pageData{Title: "Historik", Nav: "historik", HistoryFile: register.HistoryFile}
	if err != nil {
		d.Flash = err.Error()
	}
	for i := len(h) - 1; i >= 0; i-- {
		d.History = append(d.History, h[i])
	}
	s.page(w, "historik", d)
}

func (s *Server) udgivPage(w http.ResponseWriter, r *http.Request, data string) {
	d := pageData{Title: "Udgiv tal", Nav: "udgiv", PublicFile: status.PublicFile,
		Published: exists(filepath.Join(data, status.PublicFile)), HandbookFile: s.handbookFile()}
	if cfg, err := store.LoadConfig(data); err == nil {
		d.MinGroup = cfg.Privacy.MinGroupSize
	}
	s.page(w, "udgiv", d)
}

// udgivPost writes the public figures into the register folder, to be
// downloaded and put into the handbook's data/.
func (s *Server) udgivPost(w http.ResponseWriter, r *http.Request, data string) {
	if !s.postOK(w, r) {
		return
	}
	ds, err := store.Load(data)
	if err == nil {
		pub := status.New(ds, s.opts.Today()).Public()
		err = status.WritePublic(filepath.Join(data, status.PublicFile), pub)
		if hb := s.handbookFile(); err == nil && hb != "" {
			err = status.WritePublic(hb, pub)
		}
	}
	if err != nil {
		s.setFlash("Tallene kunne ikke laves: " + err.Error())
	} else {
		s.setFlash("Filen med tallene er lavet.")
	}
	http.Redirect(w, r, "/udgiv#naeste-skridt", http.StatusSeeOther)
}

// handbookFile is the aggregate file in the handbook's data/, or "".
func (s *Server) handbookFile() string {
	if s.opts.Handbook == "" {
		return ""
	}
	return filepath.Join(s.opts.Handbook, "data", status.PublicFile)
}

func (s *Server) publicFile(w http.ResponseWriter, r *http.Request, data string) {
	b, err := os.ReadFile(filepath.Join(data, status.PublicFile))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", status.PublicFile))
	w.Write(b)
}

func (s *Server) registerPage(w http.ResponseWriter, r *http.Request) {
	s.page(w, "register", pageData{Title: "Vælg registermappe", Suggest: suggestRegister()})
}

func (s *Server) registerPost(w http.ResponseWriter, r *http.Request) {
	if !s.postOK(w, r) {
		return
	}
	dir := trimSpace(r.PostForm.Get("mappe"))
	d := pageData{Title: "Vælg registermappe", Suggest: dir}
	switch {
	case dir == "" || !filepath.IsAbs(dir):
		d.Err = "Skriv hele stien til mappen, fx " + suggestRegister() + "."
	default:
		if err := s.useRegister(dir, true); err != nil {
			d.Err = err.Error()
		} else if err := s.remember(filepath.Clean(dir)); err != nil {
			d.Err = "Mappen bruges nu, men valget kunne ikke huskes: " + err.Error()
		}
	}
	if d.Err != "" {
		s.pageCode(w, http.StatusUnprocessableEntity, "register", d)
		return
	}
	s.setFlash("Registermappen er valgt.")
	http.Redirect(w, r, "/indlaes", http.StatusSeeOther)
}

// suggestRegister is the folder the register page suggests.
func suggestRegister() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	return filepath.Join(home, "Documents", "Mentorprogram-register")
}
