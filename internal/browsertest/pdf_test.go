package browsertest

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"math"
	"testing"
)

// fakePDF writes a PDF in the shape Chromium prints: one page object per
// content stream, each compressed.
func fakePDF(t testing.TB, streams ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	for i, s := range streams {
		var z bytes.Buffer
		w := zlib.NewWriter(&z)
		_, _ = w.Write([]byte(s))
		_ = w.Close()
		fmt.Fprintf(&b, "%d 0 obj\n<</Type /Page\n/MediaBox [0 0 595 842]\n/Contents %d 0 R>>\nendobj\n", 2*i+1, 2*i+2)
		fmt.Fprintf(&b, "%d 0 obj\n<</Filter /FlateDecode /Length %d>> stream\n", 2*i+2, z.Len())
		b.Write(z.Bytes())
		b.WriteString("\nendstream\nendobj\n")
	}
	return b.Bytes()
}

func TestPDFPages(t *testing.T) {
	// Chromium's transform: CSS px, y down from the top margin.
	const head = ".24 0 0 -.24 0 842 cm\nq\n3.125 0 0 3.125 187.5 212.5 cm\n"
	pdf := fakePDF(t,
		head+"BT\n/F4 29.33 Tf\n1 0 0 -1 0 34 Tm\n<002B> Tj\nET\nBT\n/F5 14.66 Tf\n1 0 0 -1 0 900 Tm\n<0024> Tj\nET\nQ\n",
		head+"BT\n/F5 14.66 Tf\n1 0 0 -1 0 100 Tm\n<0024> Tj\n0 -20 Td <0025> Tj\nET\nQ\n",
		"q Q\n",
	)
	pages, err := PDFPages(pdf)
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 3 {
		t.Fatalf("%d pages, want 3", len(pages))
	}
	// Page 1: lowest text at 900 CSS px below the margin: 0.75 pt each,
	// 51 pt margin.
	want := (51 + 900*0.75) / 842
	if math.Abs(pages[0].Fill-want) > 1e-6 || pages[0].FirstSize != 29.33 {
		t.Errorf("page 1: %+v, want fill %.4f and first size 29.33", pages[0], want)
	}
	if want := (51 + 120*0.75) / 842; math.Abs(pages[1].Fill-want) > 1e-6 {
		t.Errorf("page 2: fill %.4f, want %.4f (Td moves the line down: the text space is flipped)", pages[1].Fill, want)
	}
	if pages[2].Fill != 0 || pages[2].FirstSize != 0 {
		t.Errorf("page 3 has no text: %+v", pages[2])
	}
	if _, err := PDFPages([]byte("1 0 obj\n<</Type /Page /MediaBox [0 0 1 1]>>\nendobj\n")); err == nil {
		t.Error("a page without contents: no error")
	}
}

func FuzzPDFPages(f *testing.F) {
	f.Add(fakePDF(f, "BT 1 0 0 -1 0 34 Tm <00> Tj ET"))
	f.Add([]byte("1 0 obj <</Type /Page /MediaBox [0 0 10 10] /Contents 2 0 R>> endobj 2 0 obj <<>> stream\nq 1 0 0 1 0 0 cm Q Q BT Td Tm Tj\nendstream endobj"))
	f.Fuzz(func(t *testing.T, pdf []byte) {
		pages, err := PDFPages(pdf)
		if err != nil {
			return
		}
		for _, p := range pages {
			if math.IsNaN(p.Fill) {
				t.Fatalf("NaN fill: %+v", p)
			}
		}
	})
}
