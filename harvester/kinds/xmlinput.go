package kinds

import (
	"bytes"
	"compress/gzip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/unicode"
)

// ErrTooLarge means a response is over a limit of this package or of the
// protocol it speaks; the message says which.
var ErrTooLarge = errors.New("too large")

// maxXMLDepth bounds element nesting in sitemaps and OAI-PMH pages; real
// ones nest fewer than ten levels.
const maxXMLDepth = 64

// gunzipMaybe returns body decompressed when it starts with the gzip
// magic bytes, reading at most max bytes out of it; otherwise body as is.
// A larger result is an error wrapping ErrTooLarge, never a silent cut.
func gunzipMaybe(body []byte, max int64) ([]byte, error) {
	if len(body) < 2 || body[0] != 0x1f || body[1] != 0x8b {
		return body, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("the gzip data is damaged: %v", err)
	}
	out, err := io.ReadAll(io.LimitReader(zr, max+1))
	if err != nil {
		return nil, fmt.Errorf("the gzip data is damaged: %v", err)
	}
	if int64(len(out)) > max {
		return nil, fmt.Errorf("%w: the compressed response decompresses to more than %d bytes", ErrTooLarge, max)
	}
	return out, nil
}

// toUTF8XML turns a UTF-16 document (with a byte-order mark) into UTF-8
// and drops a UTF-8 BOM; encoding/xml reads neither. Other encodings are
// left to the decoder's CharsetReader, which follows the XML declaration.
func toUTF8XML(body []byte) []byte {
	switch {
	case bytes.HasPrefix(body, []byte{0xef, 0xbb, 0xbf}):
		return body[3:]
	case bytes.HasPrefix(body, []byte{0xff, 0xfe}), bytes.HasPrefix(body, []byte{0xfe, 0xff}):
		out, err := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewDecoder().Bytes(body)
		if err == nil {
			return out
		}
	}
	return body
}

// newXMLDecoder returns a lenient decoder: real sitemaps and repositories
// carry stray ampersands and undeclared entities, which it keeps as text.
// It knows only the five predefined entities, so entity expansion attacks
// expand nothing.
func newXMLDecoder(body []byte) *xml.Decoder {
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = false
	d.CharsetReader = func(label string, r io.Reader) (io.Reader, error) {
		if strings.HasPrefix(strings.ToLower(label), "utf-16") {
			return r, nil // already turned into UTF-8 by toUTF8XML
		}
		return charset.NewReaderLabel(label, r)
	}
	return d
}

// xmlWalker reads tokens and keeps the element path, refusing documents
// nested deeper than maxXMLDepth.
type xmlWalker struct {
	d    *xml.Decoder
	path []string // local names of open elements
}

// next returns the next token, or io.EOF at the end. Start and end
// elements update path before they are returned.
func (w *xmlWalker) next() (xml.Token, error) {
	tok, err := w.d.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case xml.StartElement:
		if len(w.path) >= maxXMLDepth {
			return nil, fmt.Errorf("elements are nested more than %d levels deep", maxXMLDepth)
		}
		w.path = append(w.path, t.Name.Local)
	case xml.EndElement:
		if len(w.path) > 0 {
			w.path = w.path[:len(w.path)-1]
		}
	}
	return tok, nil
}

// text reads the character data of the element just opened, up to its
// end, keeping at most max bytes; nested elements' text is included.
func (w *xmlWalker) text(max int) (string, error) {
	depth := len(w.path)
	var b strings.Builder
	for {
		tok, err := w.next()
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.CharData:
			if room := max - b.Len(); room > 0 {
				if len(t) > room {
					t = t[:room]
				}
				b.Write(t)
			}
		case xml.EndElement:
			if len(w.path) < depth {
				return strings.TrimSpace(strings.ToValidUTF8(b.String(), string(utf8.RuneError))), nil
			}
		}
	}
}

// skip reads up to the end of the element just opened.
func (w *xmlWalker) skip() error {
	depth := len(w.path)
	for len(w.path) >= depth {
		if _, err := w.next(); err != nil {
			return err
		}
	}
	return nil
}

// attr returns the value of the attribute with local name name.
func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// xmlReason shortens a decoder error for a source owner.
func xmlReason(err error) string {
	var se *xml.SyntaxError
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		(errors.As(err, &se) && se.Msg == "unexpected EOF") {
		return "the document ends before its last element is closed"
	}
	msg := err.Error()
	if len(msg) > 300 {
		msg = msg[:300] + "…"
	}
	return msg
}
