package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/laegeforeningen/mentorprogram/internal/cli"
	"github.com/laegeforeningen/mentorprogram/internal/outdir"
)

// checkFolders refuses an -out or -private that the build must not
// replace: every build deletes those folders and writes them anew, so
// neither may be, hold or lie inside -content, -templates or -data, nor
// hold the working directory. Symbolic links are followed. The errors are
// usage errors.
func checkFolders(c config) error {
	cwd, err := os.Getwd()
	if err != nil {
		return err
	}
	wd, err := outdir.RealPath(cwd)
	if err != nil {
		return err
	}
	type folder struct{ flag, dir string }
	outputs := []folder{{"-out", c.out}}
	if c.private != "" {
		outputs = append(outputs, folder{"-private", c.private})
	}
	inputs := []folder{{"-content", c.content}, {"-templates", c.templates}, {"-data", c.data}}
	for _, o := range outputs {
		op, err := outdir.RealPath(o.dir)
		if err != nil {
			return cli.Usage("%s %s: %v", o.flag, o.dir, err)
		}
		what, example := "the public site", "public"
		if o.flag == "-private" {
			what, example = "the private status pages", "private"
		}
		for _, in := range inputs {
			ip, err := outdir.RealPath(in.dir)
			if err != nil {
				return cli.Usage("%s %s: %v", in.flag, in.dir, err)
			}
			var rel, harm string
			switch {
			case op == ip:
				rel, harm = fmt.Sprintf("is the %s folder", in.flag), "which would delete the input"
			case outdir.Within(op, ip):
				rel, harm = fmt.Sprintf("contains the %s folder %s", in.flag, in.dir), "which would delete the input"
			case outdir.Within(ip, op):
				rel, harm = fmt.Sprintf("lies inside the %s folder %s", in.flag, in.dir), "and build output may not mix with the input"
			default:
				continue
			}
			return cli.Usage("%s %s %s: every build deletes %s and writes it anew, %s; "+
				"give %s a folder of its own beside the inputs, e.g. %s %s", o.flag, o.dir, rel, o.flag, harm, what, o.flag, example)
		}
		if outdir.Within(op, wd) {
			return cli.Usage("%s %s contains the working directory %s: every build deletes %s and writes it anew; "+
				"give %s a folder of its own, e.g. %s %s", o.flag, o.dir, cwd, o.flag, what, o.flag, example)
		}
	}
	return nil
}

// contactKey is the rule value of the secretariat's e-mail address.
const contactKey = "contact.secretariat.email"

// placeholderContact is a warning when programme.yaml (in dataDir) gives the
// secretariat an e-mail address that is empty or at a domain reserved for
// examples (example.org, .invalid, ...), and "" otherwise.
func placeholderContact(dataDir string, values map[string]string) string {
	email, ok := values[contactKey]
	if !ok {
		return ""
	}
	file := filepath.ToSlash(filepath.Join(dataDir, "programme.yaml"))
	email = strings.TrimSpace(email)
	if email == "" {
		return fmt.Sprintf("%s: %s is empty: set the secretariat's real address before publishing", file, contactKey)
	}
	if !strings.Contains(email, "@") {
		return fmt.Sprintf("%s: %s is %q, not an e-mail address: set the secretariat's real address before publishing", file, contactKey, email)
	}
	if !placeholderDomain(email) {
		return ""
	}
	return fmt.Sprintf("%s: %s is %s, a placeholder: set the secretariat's real address before publishing", file, contactKey, email)
}

// placeholderDomain reports whether the address's domain is one that
// RFC 2606 and 6761 reserve for examples and tests.
func placeholderDomain(email string) bool {
	at := strings.LastIndexByte(email, '@')
	d := strings.TrimSuffix(strings.ToLower(email[at+1:]), ".")
	for _, r := range []string{"example.org", "example.com", "example.net", "example", "invalid", "test", "localhost"} {
		if d == r || strings.HasSuffix(d, "."+r) {
			return true
		}
	}
	return false
}
