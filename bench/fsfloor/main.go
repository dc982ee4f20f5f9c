// Command fsfloor measures the file system's part of a build into a new
// folder: it reads a built site into memory, then writes it again into
// new folders as a build does (each folder made, each file created and
// written, on all cores), and prints the best time in milliseconds. No
// build that writes the same files can take less on the same disk, so
// bench/hugo-compare.sh reports it next to the builds.
//
//	go run ./bench/fsfloor SITE NEWDIR ROUNDS
package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

type file struct {
	rel  string
	data []byte
}

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: fsfloor SITE NEWDIR ROUNDS")
		os.Exit(2)
	}
	site, out := os.Args[1], os.Args[2]
	rounds, err := strconv.Atoi(os.Args[3])
	if err != nil || rounds < 1 {
		fmt.Fprintln(os.Stderr, "fsfloor: ROUNDS must be a positive number")
		os.Exit(2)
	}
	var dirs []string
	var files []file
	err = filepath.WalkDir(site, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(site, p)
		if d.IsDir() {
			if rel != "." {
				dirs = append(dirs, rel)
			}
			return nil
		}
		data, err := os.ReadFile(p)
		files = append(files, file{rel, data})
		return err
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "fsfloor:", err)
		os.Exit(1)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "fsfloor:", err)
		os.Exit(1)
	}
	best := time.Duration(-1)
	for i := range rounds {
		dst := filepath.Join(out, strconv.Itoa(i))
		t := time.Now()
		if err := write(dst, dirs, files); err != nil {
			fmt.Fprintln(os.Stderr, "fsfloor:", err)
			os.Exit(1)
		}
		if d := time.Since(t); best < 0 || d < best {
			best = d
		}
	}
	fmt.Println(best.Milliseconds())
}

// write makes dst with the folders (parents first), then the files, on
// all cores.
func write(dst string, dirs []string, files []file) error {
	if err := os.Mkdir(dst, 0o755); err != nil {
		return err
	}
	for _, d := range dirs {
		if err := os.Mkdir(filepath.Join(dst, d), 0o755); err != nil {
			return err
		}
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, runtime.GOMAXPROCS(0))
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < len(files); i = int(next.Add(1)) - 1 {
				if err := os.WriteFile(filepath.Join(dst, files[i].rel), files[i].data, 0o644); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	return <-errs
}
