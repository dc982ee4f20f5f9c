package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestExamplesUpToDate: the files in examples/ are what this program
// writes (run go run ./examples/gen after changing it).
func TestExamplesUpToDate(t *testing.T) {
	dir := t.TempDir()
	if err := Write(dir); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"tilmeldinger.csv", "evaluering.csv", "med-fejl.csv"} {
		got, _ := os.ReadFile(filepath.Join(dir, name))
		want, err := os.ReadFile(filepath.Join("..", name))
		if err != nil || string(got) != string(want) {
			t.Errorf("examples/%s is out of date: run go run ./examples/gen (%v)", name, err)
		}
	}
	rows := func(path string) [][]string {
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		r, err := f.GetRows("Mødelog", excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	if !reflect.DeepEqual(rows(filepath.Join(dir, "moedelog.xlsx")), rows("../moedelog.xlsx")) {
		t.Error("examples/moedelog.xlsx is out of date: run go run ./examples/gen")
	}
}

// TestInvented: every e-mail address in the examples is at example.org or
// example.com.
func TestInvented(t *testing.T) {
	for _, p := range people {
		if !strings.HasSuffix(p.email, "@example.org") && !strings.HasSuffix(p.email, "@example.com") {
			t.Errorf("%s: not an example address", p.email)
		}
	}
}
