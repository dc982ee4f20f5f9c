package gitdates

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/laegeforeningen/mentorprogram/internal/gitdates/gittest"
)

// gitRepo is a repository of three commits: content/da/forloeb/moeder.md,
// content/da/regler.md and content/da/ark.md added (2020-01-02),
// regler.md changed (2021-02-03), and ark.md changed (2022-03-04).
func gitRepo(t *testing.T) string {
	t.Helper()
	gittest.Need(t)
	dir := t.TempDir()
	write := func(file, text string, flag int) {
		p := filepath.Join(dir, filepath.FromSlash(file))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		f, err := os.OpenFile(p, flag|os.O_WRONLY, 0o644)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.WriteString(text); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"content/da/forloeb/moeder.md", "content/da/regler.md", "content/da/ark.md", "README.md"} {
		write(f, "# "+f+"\n", os.O_CREATE|os.O_EXCL)
	}
	gittest.Run(t, dir, "", "init", "-q")
	gittest.Run(t, dir, "", "add", "-A")
	gittest.Run(t, dir, "2020-01-02T10:00:00Z", "commit", "-q", "-m", "first")
	for _, c := range []struct{ file, date string }{
		{"content/da/regler.md", "2021-02-03T10:00:00Z"},
		{"content/da/ark.md", "2022-03-04T10:00:00Z"},
	} {
		write(c.file, "\nEn linje mere.\n", os.O_APPEND)
		gittest.Run(t, dir, "", "add", "-A")
		gittest.Run(t, dir, c.date, "commit", "-q", "-m", "change "+c.file)
	}
	return dir
}

func TestRead(t *testing.T) {
	repo := gitRepo(t)
	day := func(s string) time.Time {
		d, _ := time.Parse(time.DateOnly, s)
		return d
	}
	for _, c := range []struct {
		name, depth string
		want        map[string]string // file under content -> date, "" for none
	}{
		{"complete", "", map[string]string{"da/forloeb/moeder.md": "2020-01-02", "da/regler.md": "2021-02-03", "da/ark.md": "2022-03-04"}},
		// The boundary commit lists every file: none of its dates count.
		{"depth 1", "1", map[string]string{"da/forloeb/moeder.md": "", "da/regler.md": "", "da/ark.md": ""}},
		{"depth 2", "2", map[string]string{"da/forloeb/moeder.md": "", "da/regler.md": "", "da/ark.md": "2022-03-04"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := repo
			if c.depth != "" {
				dir = gittest.ShallowClone(t, repo, c.depth)
			}
			content := filepath.Join(dir, "content")
			dates := Read(content)
			if dates == nil {
				t.Fatal("Read gave nothing in a repository")
			}
			for f, want := range c.want {
				got, ok := dates(filepath.ToSlash(filepath.Join(content, f)))
				switch {
				case want == "" && ok:
					t.Errorf("%s: date %s from a shallow clone's boundary commit, want none", f, got.Format(time.DateOnly))
				case want != "" && (!ok || !got.UTC().Truncate(24*time.Hour).Equal(day(want))):
					t.Errorf("%s: date %v (%v), want %s", f, got, ok, want)
				}
			}
		})
	}
}

// TestReadOutsideRepository: a folder outside any repository has no dates
// (nil, so the caller uses its fallbacks), and Read does not fail.
func TestReadOutsideRepository(t *testing.T) {
	gittest.Need(t)
	dir := t.TempDir()
	cmd := exec.Command("git", "-C", dir, "rev-parse", "--show-toplevel")
	if cmd.Run() == nil {
		t.Skip("the temporary folder is inside a git repository")
	}
	if Read(dir) != nil {
		t.Error("Read gave dates outside a repository")
	}
}
