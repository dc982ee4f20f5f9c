package desk

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/laegeforeningen/mentorprogram/internal/outdir"
	"github.com/laegeforeningen/mentorprogram/internal/proc"
	"github.com/laegeforeningen/mentorprogram/internal/register"
	"github.com/laegeforeningen/mentorprogram/internal/store"
)

// configFile is where the chosen register folder is remembered.
func (s *Server) configFile() string {
	dir := s.opts.ConfigDir
	if dir == "" {
		base, err := os.UserConfigDir()
		if err != nil {
			return ""
		}
		dir = filepath.Join(base, "mentorprogram")
	}
	return filepath.Join(dir, "skrivebord.json")
}

type deskConfig struct {
	Register string `json:"register"`
}

// remembered is the register folder chosen before, or "".
func (s *Server) remembered() string {
	path := s.configFile()
	if path == "" {
		return ""
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	var c deskConfig
	if json.Unmarshal(b, &c) != nil {
		return ""
	}
	return c.Register
}

func (s *Server) remember(dir string) error {
	path := s.configFile()
	if path == "" {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	b, _ := json.MarshalIndent(deskConfig{Register: dir}, "", "  ")
	return outdir.WriteFile(path, append(b, '\n'), 0o600)
}

// useRegister makes dir the register: a folder that does not exist is
// made, and a register without programme.yaml gets the default one with
// demo: false (it is for real data). A folder that git would publish is
// refused (register.Guard), and so is a demo register (demo: true) there:
// the desk is where real spreadsheets are dropped. create says the folder may be made.
func (s *Server) useRegister(dir string, create bool) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	if !exists(abs) && !create {
		return fmt.Errorf("registermappen %s findes ikke. Vælg en anden, eller start programmet med -data", abs)
	}
	conf := filepath.Join(abs, "programme.yaml")
	if !exists(conf) {
		// Checked before anything is made inside git.
		if err := register.GitCheck(abs); err != nil {
			return fmt.Errorf("%v. %s", err, register.InGitHint)
		}
		if err := os.MkdirAll(abs, 0o700); err != nil {
			return fmt.Errorf("registermappen %s kan ikke laves: %v", abs, err)
		}
		src := bytes.Replace(s.opts.DefaultProgramme, []byte("\ndemo: true\n"), []byte("\ndemo: false\n"), 1)
		// Whole or not at all: a programme.yaml cut short by a stop would
		// keep the folder from opening as a register.
		if err := outdir.WriteFile(conf, src, 0o600); err != nil {
			return fmt.Errorf("registermappen %s: %v", abs, err)
		}
	}
	cfg, err := store.LoadConfig(abs)
	if err != nil {
		return err
	}
	if err := register.Guard(abs); err != nil {
		return fmt.Errorf("%v. %s", err, register.InGitHint)
	}
	if cfg.Demo {
		// The desk is where real spreadsheets are dropped: the demo's
		// exception (the repository's data/, demo: true) would let them
		// into git unnoticed.
		if err := register.GitCheck(abs); err != nil {
			return fmt.Errorf("registermappen %s er et demoregister (demo: true i programme.yaml) i en git-arbejdsmappe, som git ikke ignorerer. Skrivebordet er til rigtige regneark, og de må aldrig komme i git. %s", abs, register.InGitHint)
		}
	}
	proc.RemoveLeftovers(abs, uploadPrefix) // of a desk that was killed
	s.mu.Lock()
	s.data = abs
	s.check = nil
	s.mu.Unlock()
	return nil
}
