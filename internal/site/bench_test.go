package site

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"

	"github.com/laegeforeningen/mentorprogram/internal/markdown"
	"github.com/laegeforeningen/mentorprogram/internal/site/sitegen"
	"github.com/laegeforeningen/mentorprogram/internal/testkit"
)

// benchSite generates n synthetic pages once per benchmark.
func benchSite(b *testing.B, n int) string {
	b.Helper()
	dir := b.TempDir()
	if _, err := sitegen.Generate(filepath.Join(dir, "content"), n); err != nil {
		b.Fatal(err)
	}
	return dir
}

// TestSitegen builds a small synthetic site: every generated link and
// anchor resolves.
func TestSitegen(t *testing.T) {
	dir := t.TempDir()
	if _, err := sitegen.Generate(filepath.Join(dir, "content"), 120); err != nil {
		t.Fatal(err)
	}
	opts := fixture(t, filepath.Join(dir, "public"))
	opts.Content = os.DirFS(filepath.Join(dir, "content")) // no en/: Danish only
	sum, err := Build(opts)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Pages["da"] != 120 || sum.Pages["en"] != 0 {
		t.Errorf("built %v pages, want 120 Danish and no English", sum.Pages)
	}
}

// BenchmarkBuild250 is BenchmarkBuild1000 at a quarter of the pages, to
// see that time and memory grow linearly.
func BenchmarkBuild250(b *testing.B) { benchBuild(b, 250, false) }

// BenchmarkBuild1000 is a full build of 1,000 Danish pages into a new
// folder: read, render, templates, search index, print page, write.
func BenchmarkBuild1000(b *testing.B) { benchBuild(b, 1000, false) }

// BenchmarkBuild5000 is BenchmarkBuild1000 at five times the pages.
func BenchmarkBuild5000(b *testing.B) { benchBuild(b, 5000, false) }

// BenchmarkRebuild250 is BenchmarkRebuild1000 at a quarter of the pages.
func BenchmarkRebuild250(b *testing.B) { benchBuild(b, 250, true) }

// BenchmarkRebuild1000 builds the 1,000 pages again over their earlier
// build: everything is rendered and compared, nothing written.
func BenchmarkRebuild1000(b *testing.B) { benchBuild(b, 1000, true) }

// BenchmarkRebuild5000 is BenchmarkRebuild1000 at five times the pages.
func BenchmarkRebuild5000(b *testing.B) { benchBuild(b, 5000, true) }

func benchBuild(b *testing.B, n int, rebuild bool) {
	dir := benchSite(b, n)
	out := filepath.Join(dir, "public")
	opts := fixture(b, out)
	opts.Content, opts.DanishOnly = os.DirFS(filepath.Join(dir, "content")), true
	if rebuild {
		if _, err := Build(opts); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	var cpu time.Duration
	for b.Loop() {
		if !rebuild {
			b.StopTimer()
			if err := os.RemoveAll(out); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
		}
		c0 := testkit.CPUTime()
		if _, err := Build(opts); err != nil {
			b.Fatal(err)
		}
		cpu += testkit.CPUTime() - c0
	}
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
}

// BenchmarkGoldmarkOnly1000 is the floor: goldmark alone (same extensions,
// no templates) converting the same 1,000 files and writing them.
func BenchmarkGoldmarkOnly1000(b *testing.B) {
	dir := benchSite(b, 1000)
	content := filepath.Join(dir, "content")
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList, extension.Typographer),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)
	b.ResetTimer()
	for b.Loop() {
		out := filepath.Join(dir, "plain")
		os.RemoveAll(out)
		err := filepath.WalkDir(content, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			src, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			_, body, _, err := markdown.SplitFrontMatter(p, src)
			if err != nil {
				return err
			}
			var buf bytes.Buffer
			if err := md.Convert(body, &buf); err != nil {
				return err
			}
			rel, _ := filepath.Rel(content, p)
			dst := filepath.Join(out, strings.TrimSuffix(rel, ".md"), "index.html")
			if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
				return err
			}
			return os.WriteFile(dst, buf.Bytes(), 0o644)
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPreviewEdit1000 is the preview's update after a paragraph of
// one of 1,000 pages changed (Preview.Update: re-render, write what
// changed), without the file events and the server around it.
func BenchmarkPreviewEdit1000(b *testing.B) {
	dir := benchSite(b, 1000)
	content := filepath.Join(dir, "content")
	opts := fixture(b, filepath.Join(dir, "public"))
	opts.Content, opts.DanishOnly, opts.Dev = os.DirFS(content), true, true
	v := NewPreview(opts)
	if _, err := v.Build(); err != nil {
		b.Fatal(err)
	}
	name := "da/" + v.b.pages["da"][5].rel
	file := filepath.Join(content, filepath.FromSlash(name))
	src, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		i++
		if err := os.WriteFile(file, append(src, fmt.Sprintf("\nEt nyt afsnit, nummer %d.\n", i)...), 0o644); err != nil {
			b.Fatal(err)
		}
		if _, partial, err := v.Update([]string{name}); err != nil || !partial {
			b.Fatalf("partial %v, %v", partial, err)
		}
	}
}
