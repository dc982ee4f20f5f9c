package ingest

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/laegeforeningen/mentorprogram/internal/programme"
	"github.com/laegeforeningen/mentorprogram/internal/store"
	"github.com/laegeforeningen/mentorprogram/internal/testkit"
)

const (
	benchCohorts  = 40
	benchPairs    = 250 // per cohort: 10,000 in all
	benchMeetings = 10  // per pair: 100,000 in all
)

var benchToday = programme.NewDate(2026, 11, 22)

func benchMentee(c, p int) string { return fmt.Sprintf("mentee-%02d-%03d@example.org", c, p) }

// benchFiles makes (once, cached in the system's temporary folder) the
// 100,000-row meeting log and a data folder with 10,000 pairs in 40
// cohorts.
func benchFiles(b *testing.B) (xlsx, data string) {
	b.Helper()
	root := filepath.Join(os.TempDir(), "mentorprogram-bench-v1")
	xlsx = filepath.Join(root, "moeder-100k.xlsx")
	data = filepath.Join(root, "data")
	if _, err := os.Stat(xlsx); err == nil {
		return xlsx, data
	}
	os.RemoveAll(root)
	if err := os.MkdirAll(data, 0o755); err != nil {
		b.Fatal(err)
	}
	src, err := os.ReadFile("../../data/programme.yaml")
	if err != nil {
		b.Fatal(err)
	}
	os.WriteFile(filepath.Join(data, store.ProgrammeFile), src, 0o644)
	var cohorts []programme.Cohort
	for c := range benchCohorts {
		co := programme.Cohort{ID: fmt.Sprintf("20%02d-hold", c)}
		for p := range benchPairs {
			mentee, mentor := benchMentee(c, p), fmt.Sprintf("mentor-%02d-%03d@example.org", c, p)
			co.Participants = append(co.Participants,
				programme.Participant{Email: mentee, Name: "Mentee " + strconv.Itoa(p), Role: programme.Mentee, SignedUp: programme.NewDate(2024, 1, 1), Workplace: "Hospital"},
				programme.Participant{Email: mentor, Name: "Mentor " + strconv.Itoa(p), Role: programme.Mentor, SignedUp: programme.NewDate(2024, 1, 1), Workplace: "Klinik"})
			co.Pairs = append(co.Pairs, programme.Pair{Mentee: mentee, Mentor: mentor, Matched: programme.NewDate(2025, 1, 1), Status: programme.StatusActive})
		}
		cohorts = append(cohorts, co)
	}
	if _, err := store.SaveCohorts(data, cohorts); err != nil {
		b.Fatal(err)
	}
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	ds, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	sw.SetRow("A1", []any{"Mentee e-mail", "Mødedato", "Mødetype", "Dagsorden sendt", "Afholdt", "Varighed", "Mødeform", "Ønsker kontakt fra sekretariatet", "Referat"})
	row := 2
	start := time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC)
	for c := range benchCohorts {
		for p := range benchPairs {
			for m := range benchMeetings {
				typ := "Møde"
				if m == 0 {
					typ = "Afklaringsmøde"
				}
				d := start.AddDate(0, m, p%28)
				if err := sw.SetRow("A"+strconv.Itoa(row), []any{benchMentee(c, p), excelize.Cell{StyleID: ds, Value: d}, typ, "ja", "ja", 60, "video", "nej", "Fortroligt referat"}); err != nil {
					b.Fatal(err)
				}
				row++
			}
		}
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.SaveAs(xlsx); err != nil {
		b.Fatal(err)
	}
	return xlsx, data
}

// copyDir copies the data folder's files (one level of subfolders).
func copyDir(b *testing.B, from, to string) {
	b.Helper()
	filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), src, 0o644)
	})
}

// resetPeak resets the process's peak resident memory (Linux).
func resetPeak() {
	debug.FreeOSMemory()
	os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}

// peakMB is the process's peak resident memory in MB since resetPeak, or 0
// where the system does not say.
func peakMB() float64 {
	src, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(src), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")))
			return float64(kb) / 1024
		}
	}
	return 0
}

// BenchmarkIngestMeetings100k ingests a 100,000-row meeting log into a
// data folder with 10,000 pairs in 40 cohorts: read, check, merge, save.
func BenchmarkIngestMeetings100k(b *testing.B) {
	xlsx, data := benchFiles(b)
	peak := 0.0
	var cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		dir := filepath.Join(b.TempDir(), "data")
		rejects := b.TempDir()
		copyDir(b, data, dir)
		resetPeak()
		b.StartTimer()
		c0 := testkit.CPUTime()
		res, err := Run([]string{xlsx}, Options{Data: dir, Today: benchToday, Rejects: rejects})
		cpu += testkit.CPUTime() - c0
		if err != nil {
			b.Fatal(err)
		}
		if f := res.Report.Files[0]; f.Rows != 100_000 || f.Rejected != 0 || f.Added != 100_000 {
			b.Fatalf("report %+v %v", f, res.Report.Problems[:min(3, len(res.Report.Problems))])
		}
		peak = max(peak, peakMB())
	}
	b.ReportMetric(peak, "peak-MB")
	reportCPU(b, cpu)
}

// BenchmarkExcelizeStream100k streams the same rows with excelize alone,
// the yardstick of the ingest benchmark.
func BenchmarkExcelizeStream100k(b *testing.B) {
	xlsx, _ := benchFiles(b)
	peak := 0.0
	var cpu time.Duration
	for b.Loop() {
		resetPeak()
		c0 := testkit.CPUTime()
		f, err := excelize.OpenFile(xlsx, excelize.Options{UnzipSizeLimit: 256 << 20, UnzipXMLSizeLimit: 64 << 20})
		if err != nil {
			b.Fatal(err)
		}
		rows, err := f.Rows("Sheet1")
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for rows.Next() {
			cells, err := rows.Columns(excelize.Options{RawCellValue: true})
			if err != nil {
				b.Fatal(err)
			}
			n += len(cells)
		}
		rows.Close()
		f.Close()
		cpu += testkit.CPUTime() - c0
		if n != 900_009 {
			b.Fatalf("%d cells", n)
		}
		peak = max(peak, peakMB())
	}
	b.ReportMetric(peak, "peak-MB")
	reportCPU(b, cpu)
}

// reportCPU reports the processor time per op, where the system tells it.
func reportCPU(b *testing.B, cpu time.Duration) {
	if cpu > 0 {
		b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
	}
}
