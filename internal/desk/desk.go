// Package desk is the secretariat's desk: a local web app, served on the
// loopback address only, to drop spreadsheets in, check them, save them
// into the register, see the status pages and the history of saves, and
// export the public figures. It runs the same code as cmd/ingest
// (internal/ingest, internal/status, internal/register): the same rules
// and the same messages.
//
// It holds personal data, so it is secure by default: it listens on
// 127.0.0.1 (or ::1) only; checks the Host header (no DNS rebinding); a
// random token in the printed URL becomes an HttpOnly, SameSite=Strict
// cookie on the first visit, and every request without the cookie is
// refused (403); every change is a POST carrying the CSRF token with a
// same-origin Origin (else 403); uploads are limited in size and number
// (413 beyond), and are read from a temporary folder inside the register
// that is always removed; every response carries Cache-Control: no-store
// and a strict Content-Security-Policy; the pages load nothing from
// elsewhere.
package desk

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/laegeforeningen/mentorprogram/internal/proc"
	"github.com/laegeforeningen/mentorprogram/internal/programme"
)

// Default upload limits (documented in docs/desk.md).
const (
	DefaultMaxUpload = 50 << 20 // bytes in one upload, all files together
	DefaultMaxFiles  = 20       // files in one upload
)

// Options configure a desk.
type Options struct {
	// Addr is the address to listen on: a loopback host and a port
	// ("127.0.0.1:0", the default, picks a free port). Any other host is
	// refused.
	Addr string
	// Data is the register folder; "" asks on the first page, and the
	// choice is remembered in ConfigDir.
	Data string
	// ConfigDir is where the register folder chosen is remembered;
	// "" is os.UserConfigDir()/mentorprogram.
	ConfigDir string
	// Theme is the templates (the status pages' stylesheet and theme).
	Theme fs.FS
	// DefaultProgramme is the programme.yaml a new register starts from.
	DefaultProgramme []byte
	// Today returns the reference date of checks and status pages.
	Today func() programme.Date
	// MaxUpload and MaxFiles limit one upload; 0 is the default.
	MaxUpload int64
	MaxFiles  int
	// Handbook is a checkout of the handbook; when set, "Udgiv tal" writes
	// the public figures into its data/ as well.
	Handbook string
	// Version is shown at the foot of the pages.
	Version string
}

// Server is a running desk.
type Server struct {
	opts    Options
	ln      net.Listener
	host    string // host:port as the URL names it
	token   string // in the printed URL, once
	session string // the cookie's value
	csrf    string
	srv     *http.Server

	mu    sync.Mutex
	data  string // the register folder; "" until chosen
	check *check // the current check, or nil
	flash string // a one-time notice for the next page
}

const cookieName = "skrivebord"

// New checks the options and listens; Serve serves.
func New(opts Options) (*Server, error) {
	if opts.Addr == "" {
		opts.Addr = "127.0.0.1:0"
	}
	if opts.MaxUpload <= 0 {
		opts.MaxUpload = DefaultMaxUpload
	}
	if opts.MaxFiles <= 0 {
		opts.MaxFiles = DefaultMaxFiles
	}
	if opts.Today == nil {
		return nil, errors.New("desk: no Today")
	}
	host, port, err := net.SplitHostPort(opts.Addr)
	if err != nil {
		return nil, fmt.Errorf("-addr %q: give a loopback address and port, e.g. 127.0.0.1:8765", opts.Addr)
	}
	if host == "localhost" {
		host = "127.0.0.1"
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return nil, fmt.Errorf("-addr %q: skrivebordet lytter kun på computerens egen adresse (127.0.0.1 eller ::1), så ingen andre på netværket kan nå personoplysningerne", opts.Addr)
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(ip.String(), port))
	if err != nil {
		return nil, err
	}
	s := &Server{opts: opts, ln: ln, host: ln.Addr().String(),
		token: randomHex(), session: randomHex(), csrf: randomHex()}
	if opts.Data != "" {
		if err := s.useRegister(opts.Data, false); err != nil {
			ln.Close()
			return nil, err
		}
	} else if dir := s.remembered(); dir != "" {
		if err := s.useRegister(dir, false); err != nil {
			s.flash = err.Error()
		}
	}
	s.srv = &http.Server{Handler: s.guard(s.routes()), ReadHeaderTimeout: 10 * time.Second}
	return s, nil
}

func randomHex() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported systems
	}
	return hex.EncodeToString(b)
}

// URL is the address to open, with the one-time token.
func (s *Server) URL() string { return "http://" + s.host + "/?t=" + s.token }

// Addr is the address the desk listens on.
func (s *Server) Addr() net.Addr { return s.ln.Addr() }

// Serve serves until ctx is done, then stops: requests in flight finish
// (for up to 10 seconds) and leftover upload folders are removed.
func (s *Server) Serve(ctx context.Context) error {
	stop := proc.OnStop(func() { s.shutdown() })
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- s.srv.Serve(s.ln) }()
	select {
	case err := <-errc:
		if errors.Is(err, http.ErrServerClosed) {
			// Only shutdown closes the server, and while ctx is not done
			// only a stop by signal calls it (the OnStop above):
			// proc.HandleSignals exits the process with the signal's
			// status once the stop is done. Returning would let the
			// command exit first, with the closed server as its error.
			select {}
		}
		return err
	case <-ctx.Done():
	}
	s.shutdown()
	return nil
}

func (s *Server) shutdown() {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	s.srv.Shutdown(ctx)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.data != "" {
		proc.RemoveLeftovers(s.data, uploadPrefix)
	}
}

// guard is the security around every handler.
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Cache-Control", "no-store")
		h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		// same-origin, not no-referrer: under no-referrer a browser sends
		// "Origin: null" with a form's POST, which the Origin check refuses.
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		if !s.hostOK(r.Host) {
			refuse(w, http.StatusForbidden, "Forkert adresse. Åbn den adresse, programmet skrev, da det startede.")
			return
		}
		if t := r.URL.Query().Get("t"); t != "" && r.Method == http.MethodGet {
			if !equal(t, s.token) {
				refuse(w, http.StatusForbidden, "Adressen er ikke den, programmet skrev. Åbn den adresse, programmet skrev, da det startede.")
				return
			}
			http.SetCookie(w, &http.Cookie{Name: cookieName, Value: s.session, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode})
			u := *r.URL
			q := u.Query()
			q.Del("t")
			u.RawQuery = q.Encode()
			http.Redirect(w, r, u.RequestURI(), http.StatusSeeOther)
			return
		}
		c, err := r.Cookie(cookieName)
		if err != nil || !equal(c.Value, s.session) {
			refuse(w, http.StatusForbidden, "Ingen adgang. Åbn den adresse, programmet skrev, da det startede (med ?t= til sidst).")
			return
		}
		switch r.Method {
		case http.MethodGet, http.MethodHead:
		case http.MethodPost:
			if origin := r.Header.Get("Origin"); origin != "http://"+s.host {
				refuse(w, http.StatusForbidden, "Afvist: anmodningen kom ikke fra skrivebordets egne sider.")
				return
			}
		default:
			w.Header().Set("Allow", "GET, HEAD, POST")
			refuse(w, http.StatusMethodNotAllowed, "Metoden bruges ikke her.")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// hostOK: the Host header names the desk's own address (127.0.0.1:PORT,
// or localhost:PORT), so a page of another site whose name points here
// (DNS rebinding) is refused.
func (s *Server) hostOK(host string) bool {
	_, port, _ := net.SplitHostPort(s.host)
	return host == s.host || host == net.JoinHostPort("localhost", port)
}

func equal(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }

// csrfOK checks a form's CSRF token.
func (s *Server) csrfOK(v string) bool { return equal(v, s.csrf) }

func refuse(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(code)
	io.WriteString(w, msg+"\n")
}

// Open opens url in the default browser where the system has a way to.
func Open(u string) error {
	if _, err := url.Parse(u); err != nil {
		return err
	}
	name, args := openCommand(u)
	if name == "" {
		return errors.New("no browser opener on this system")
	}
	return startDetached(name, args...)
}

// trimSpace for form values.
func trimSpace(s string) string { return strings.TrimSpace(s) }

// exists reports whether path exists.
func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
