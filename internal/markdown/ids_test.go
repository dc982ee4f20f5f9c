package markdown

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"
)

// collectIDsRef is CollectIDs as first written, with bytes.Index.
func collectIDsRef(h []byte) []string {
	var found []string
	for i := 0; ; {
		j := bytes.Index(h[i:], []byte(" id="))
		if j < 0 {
			break
		}
		i += j + len(" id=")
		if i >= len(h) || h[i] != '"' && h[i] != '\'' {
			continue
		}
		q := h[i]
		end := bytes.IndexByte(h[i+1:], q)
		if end < 0 {
			break
		}
		found = append(found, string(h[i+1:i+1+end]))
		i += end + 2
	}
	sort.Strings(found)
	return found
}

// FuzzCollectIDs holds CollectIDs to collectIDsRef.
func FuzzCollectIDs(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.html")
	for _, file := range files {
		src, _ := os.ReadFile(file)
		f.Add(src)
	}
	f.Add([]byte(`<a id="x"> id= id=' id='y' a= id=id="q" <b  id="z" id="`))
	f.Add([]byte(" id=\" id=\"x\" id='a\"b'"))
	f.Fuzz(func(t *testing.T, h []byte) {
		if got, want := CollectIDs(h), collectIDsRef(h); !reflect.DeepEqual(got, want) {
			t.Fatalf("CollectIDs(%q) = %q, want %q", h, got, want)
		}
	})
}

// BenchmarkCollectIDs collects the ids of a synthetic page's HTML.
func BenchmarkCollectIDs(b *testing.B) {
	h, err := os.ReadFile("testdata/afklaringsmoedet.html")
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		f    func([]byte) []string
	}{{"IndexByte", CollectIDs}, {"Index", collectIDsRef}} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(h)))
			for b.Loop() {
				bc.f(h)
			}
		})
	}
}
