package browsertest

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"regexp"
	"strconv"
)

// PDFPage is what the print tests need to know of one page of a PDF that
// Chromium printed: how far down its text reaches, and the size of its
// first text.
type PDFPage struct {
	// Fill is the depth of the page's lowest line of text, from the top
	// of the page, as a fraction of the page's height (0: no text).
	Fill float64
	// FirstSize is the font size of the page's first text, in the
	// content stream's units (CSS pixels for Chromium), 0 without text.
	FirstSize float64
}

var (
	pdfObj      = regexp.MustCompile(`(?s)(\d+) 0 obj(.*?)endobj`)
	pdfPageDict = regexp.MustCompile(`/Type\s*/Page[^s]`)
	pdfContents = regexp.MustCompile(`/Contents\s+(\d+) 0 R`)
	pdfMediaBox = regexp.MustCompile(`/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]`)
)

// PDFPages reads the pages of a PDF as Chromium's printToPDF writes it
// (uncompressed object table, one Flate content stream per page), in
// the order of their objects, which is the page order. It follows the
// content stream's q/Q, cm, Tm and Td to place each run of text; that is
// all the tests need, and keeps the project free of a PDF library.
func PDFPages(pdf []byte) ([]PDFPage, error) {
	objs := map[string][]byte{}
	var order []string
	for _, m := range pdfObj.FindAllSubmatch(pdf, -1) {
		objs[string(m[1])] = m[2]
		order = append(order, string(m[1]))
	}
	var pages []PDFPage
	for _, n := range order {
		o := objs[n]
		head := o[:min(len(o), 600)]
		if !pdfPageDict.Match(head) {
			continue
		}
		mb := pdfMediaBox.FindSubmatch(o)
		c := pdfContents.FindSubmatch(o)
		if mb == nil || c == nil {
			return nil, fmt.Errorf("pdf: page object %s has no MediaBox or single Contents", n)
		}
		top, _ := strconv.ParseFloat(string(mb[4]), 64)
		bottom, _ := strconv.ParseFloat(string(mb[2]), 64)
		stream, err := pdfStream(objs[string(c[1])])
		if err != nil {
			return nil, fmt.Errorf("pdf: page object %s: %w", n, err)
		}
		pages = append(pages, pdfLayout(stream, top, top-bottom))
	}
	return pages, nil
}

// pdfStream returns the decoded stream of an object.
func pdfStream(o []byte) ([]byte, error) {
	i := bytes.Index(o, []byte("stream"))
	j := bytes.LastIndex(o, []byte("endstream"))
	if i < 0 || j < i {
		return nil, fmt.Errorf("no stream")
	}
	data := bytes.TrimLeft(o[i+len("stream"):j], "\r\n")
	if !bytes.Contains(o[:i], []byte("/FlateDecode")) {
		return data, nil
	}
	r, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}

// matrix is a PDF transformation [a b c d e f].
type matrix [6]float64

func (m matrix) mul(n matrix) matrix { // m then n
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

var pdfToken = regexp.MustCompile(`<<|>>|<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\)|\[|\]|/[^\s/<>\[\]()]+|[-+]?\d*\.?\d+|[A-Za-z'"*]+`)

// pdfLayout places the text of a content stream on a page of the given
// top and height.
func pdfLayout(stream []byte, top, height float64) PDFPage {
	var p PDFPage
	ctm := matrix{1, 0, 0, 1, 0, 0}
	var stack []matrix
	var tm, line matrix
	var nums []float64
	size := 0.0
	lowest := top
	for _, tok := range pdfToken.FindAll(stream, -1) {
		if f, err := strconv.ParseFloat(string(tok), 64); err == nil {
			nums = append(nums, f)
			continue
		}
		switch string(tok) {
		case "q":
			stack = append(stack, ctm)
		case "Q":
			if len(stack) > 0 {
				ctm, stack = stack[len(stack)-1], stack[:len(stack)-1]
			}
		case "cm":
			if len(nums) >= 6 {
				var m matrix
				copy(m[:], nums[len(nums)-6:])
				ctm = m.mul(ctm)
			}
		case "BT":
			tm, line = matrix{1, 0, 0, 1, 0, 0}, matrix{1, 0, 0, 1, 0, 0}
		case "Tf":
			if len(nums) >= 1 {
				size = nums[len(nums)-1]
			}
		case "Tm":
			if len(nums) >= 6 {
				copy(tm[:], nums[len(nums)-6:])
				line = tm
			}
		case "Td", "TD":
			if len(nums) >= 2 {
				line = matrix{1, 0, 0, 1, nums[len(nums)-2], nums[len(nums)-1]}.mul(line)
				tm = line
			}
		case "Tj", "TJ", "'", "\"":
			m := tm.mul(ctm)
			y := m[5]
			if p.FirstSize == 0 {
				p.FirstSize = size
			}
			if y < lowest {
				lowest = y
			}
		}
		if !bytes.HasPrefix(tok, []byte("/")) {
			nums = nums[:0]
		}
	}
	if height > 0 && lowest < top {
		p.Fill = (top - lowest) / height
	}
	return p
}
