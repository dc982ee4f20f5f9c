package main

import (
	"encoding/binary"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// events are the kernel's file events (inotify) of folders, watched
// from startEvents on: a change made before run begins (while the first
// build runs) is reported by run.
type events struct {
	f *os.File
	w *inotify
}

// startEvents watches the folders dirs and every folder under them. It
// returns an error when inotify is not there; the caller then polls.
func startEvents(dirs []string) (*events, error) {
	fd, err := syscall.InotifyInit1(syscall.IN_CLOEXEC | syscall.IN_NONBLOCK)
	if err != nil {
		return nil, err
	}
	// A non-blocking descriptor in an os.File waits in the runtime's
	// poller, so that Close ends a Read.
	f := os.NewFile(uintptr(fd), "inotify")
	w := &inotify{fd: fd, dirs: map[int32]string{}}
	for _, d := range dirs {
		w.addTree(d)
	}
	return &events{f: f, w: w}, nil
}

// run calls fn with the paths that changed under the watched folders,
// told by the kernel as they change, until stop is closed: a save
// reaches the preview in a millisecond or two, where polling would wait
// for its next round. Events that come within settle of each other are
// one call. A nil paths means "something, rebuild all" (the kernel's
// queue overflowed). It returns an error when its events end without a
// stop; the caller then polls.
func (e *events) run(settle time.Duration, fn func(paths []string), stop <-chan struct{}) error {
	f, w := e.f, e.w
	events := make(chan []string)
	go func() {
		defer close(events)
		buf := make([]byte, 64<<10)
		for {
			n, err := f.Read(buf)
			if err != nil {
				return
			}
			events <- w.parse(buf[:n])
		}
	}()
	go func() {
		<-stop
		f.Close()
	}()
	for {
		var paths []string
		all := false
		first, ok := <-events
		if !ok {
			return ended(stop)
		}
		add := func(ps []string) {
			if ps == nil {
				all = true
			}
			paths = append(paths, ps...)
		}
		add(first)
		for quiet := time.NewTimer(settle); ; {
			select {
			case more, ok := <-events:
				if !ok {
					return ended(stop)
				}
				add(more)
				quiet.Reset(settle)
				continue
			case <-quiet.C:
			}
			break
		}
		if len(paths) == 0 && !all {
			continue // only events that change nothing (a folder's own)
		}
		if all {
			paths = nil
		}
		fn(paths)
	}
}

// ended is run's return when the events end: nil after a stop,
// else an error, so that the caller polls from then on.
func ended(stop <-chan struct{}) error {
	select {
	case <-stop:
		return nil
	default:
		return errEventsEnded
	}
}

// inotify is the state of the watches: the folder of each watch.
type inotify struct {
	fd   int
	dirs map[int32]string
}

// mask is what the watches report: a file written and closed, made,
// moved in or out, deleted, its times or rights changed.
const mask = syscall.IN_CLOSE_WRITE | syscall.IN_CREATE | syscall.IN_DELETE | syscall.IN_MOVED_FROM |
	syscall.IN_MOVED_TO | syscall.IN_ATTRIB | syscall.IN_DELETE_SELF

// addTree watches the folder dir and every folder under it.
func (w *inotify) addTree(dir string) {
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		if wd, err := syscall.InotifyAddWatch(w.fd, p, mask); err == nil {
			w.dirs[int32(wd)] = p
		}
		return nil
	})
}

// parse reads a buffer of events into the paths they name (nil when the
// queue overflowed). A new folder is watched, and the files already in
// it count as changed.
func (w *inotify) parse(buf []byte) []string {
	paths := []string{}
	for len(buf) >= syscall.SizeofInotifyEvent {
		wd := int32(binary.NativeEndian.Uint32(buf[0:]))
		m := binary.NativeEndian.Uint32(buf[4:])
		n := int(binary.NativeEndian.Uint32(buf[12:]))
		if len(buf) < syscall.SizeofInotifyEvent+n {
			break
		}
		name := string(trimNUL(buf[syscall.SizeofInotifyEvent : syscall.SizeofInotifyEvent+n]))
		buf = buf[syscall.SizeofInotifyEvent+n:]
		if m&syscall.IN_Q_OVERFLOW != 0 {
			return nil
		}
		if m&syscall.IN_IGNORED != 0 {
			delete(w.dirs, wd)
			continue
		}
		dir, ok := w.dirs[wd]
		if !ok || name == "" {
			continue
		}
		p := filepath.Join(dir, name)
		paths = append(paths, p)
		if m&syscall.IN_ISDIR != 0 && m&(syscall.IN_CREATE|syscall.IN_MOVED_TO) != 0 {
			w.addTree(p)
			_ = filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					paths = append(paths, q)
				}
				return nil
			})
		}
	}
	return paths
}

func trimNUL(b []byte) []byte {
	for len(b) > 0 && b[len(b)-1] == 0 {
		b = b[:len(b)-1]
	}
	return b
}
