package outdir

import (
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"
)

// WriteFile replaces the file whole with the mode asked for, leaves no
// temporary file, and removes what a killed run left beside it (a
// temporary name of a process that no longer runs), not a live one's.
func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "historik.json")
	dead := filepath.Join(dir, ".historik.json.tmp-p999999999-123")
	live := filepath.Join(dir, ".historik.json.tmp-p"+strconv.Itoa(os.Getpid())+"-456")
	for _, f := range []string{name, dead, live} {
		if err := os.WriteFile(f, []byte("old"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := WriteFile(name, []byte("new\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(name)
	if err != nil || string(b) != "new\n" {
		t.Fatalf("content %q, %v", b, err)
	}
	if fi, _ := os.Stat(name); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
	if _, err := os.Stat(dead); !os.IsNotExist(err) {
		t.Errorf("a killed run's temporary file stays: %v", err)
	}
	if _, err := os.Stat(live); err != nil {
		t.Errorf("a running process's temporary file went: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("folder holds %v, want the file and the live temporary one", names)
	}
	// A folder that does not exist is an error, and nothing is made.
	if err := WriteFile(filepath.Join(dir, "no", "x.json"), []byte("x"), 0o644); err == nil {
		t.Error("no error for a missing folder")
	}
}

// WriteFileTemp names its temporary file by the prefix and suffix given,
// and removes every leftover of a killed run that begins with the prefix,
// whatever file it was for, not a running process's.
func TestWriteFileTemp(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "b.afvist.xlsx")
	dead := filepath.Join(dir, ".afvist-p999999999-1.xlsx") // of another workbook, a.afvist.xlsx
	live := filepath.Join(dir, ".afvist-p"+strconv.Itoa(os.Getpid())+"-2.xlsx")
	other := filepath.Join(dir, ".b.afvist.xlsx.tmp-p999999999-3") // not of this prefix
	for _, f := range []string{dead, live, other} {
		if err := os.WriteFile(f, []byte("old"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var seen []string
	if err := WriteFileTemp(name, []byte("new"), 0o644, ".afvist-", ".xlsx"); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		seen = append(seen, e.Name())
	}
	want := []string{".afvist-p" + strconv.Itoa(os.Getpid()) + "-2.xlsx", ".b.afvist.xlsx.tmp-p999999999-3", "b.afvist.xlsx"}
	if !reflect.DeepEqual(seen, want) {
		t.Errorf("folder holds %v, want %v", seen, want)
	}
	if b, _ := os.ReadFile(name); string(b) != "new" {
		t.Errorf("content %q", b)
	}
}
