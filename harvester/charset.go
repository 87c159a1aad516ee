package harvester

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// xmlDecl matches an XML declaration and captures its encoding's value.
var xmlDecl = regexp.MustCompile(`^<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']`)

// ToUTF8 converts a fetched body to UTF-8 and returns it with the name of
// the encoding it was read in. The encoding is taken, in this order, from
// a byte-order mark; from the body being valid UTF-8 already (Latin-1 or
// Windows-1252 text almost never is by accident, while mislabelled UTF-8 is
// common); from an XML declaration, which wins over the Content-Type
// header so that a wrong header cannot garble a feed that declares its
// own; from the header's charset; from a <meta charset> of an HTML page;
// and last Windows-1252, as browsers do. The XML declaration of the result
// says UTF-8, so that an XML parser does not decode it a second time.
// Bytes the encoding cannot map become U+FFFD; it never fails.
func ToUTF8(body []byte, contentType string) ([]byte, string) {
	if enc, name, n := bom(body); enc != nil {
		out, err := decode(enc, body[n:])
		if err != nil {
			return bytes.ToValidUTF8(body[n:], []byte("\uFFFD")), name
		}
		return declareUTF8(out), name
	}
	if utf8.Valid(body) {
		return declareUTF8(body), "utf-8"
	}
	label := ""
	if m := xmlDecl.FindSubmatch(leadingXML(body)); m != nil {
		label = string(m[1])
	}
	if label == "" {
		label = headerCharset(contentType)
	}
	var enc encoding.Encoding
	name := ""
	if label != "" {
		enc, name = charset.Lookup(label)
	}
	if enc == nil {
		// <meta charset> prescan, then the Windows-1252 default.
		enc, name, _ = charset.DetermineEncoding(body, "")
	}
	if name == "utf-8" || enc == nil {
		return declareUTF8(bytes.ToValidUTF8(body, []byte("\uFFFD"))), "utf-8"
	}
	out, err := decode(enc, body)
	if err != nil {
		return declareUTF8(bytes.ToValidUTF8(body, []byte("\uFFFD"))), "utf-8"
	}
	return declareUTF8(bytes.ToValidUTF8(out, []byte("\uFFFD"))), name
}

// bom recognises a byte-order mark and returns its encoding, name and
// length.
func bom(b []byte) (encoding.Encoding, string, int) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return unicode.UTF8, "utf-8", 3
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), "utf-16be", 2
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "utf-16le", 2
	}
	return nil, "", 0
}

func decode(enc encoding.Encoding, b []byte) ([]byte, error) {
	out, _, err := transform.Bytes(enc.NewDecoder(), b)
	return out, err
}

// leadingXML returns b from its XML declaration, if it starts with one
// after white space.
func leadingXML(b []byte) []byte {
	t := bytes.TrimLeft(b, " \t\r\n")
	if len(t) > 200 {
		t = t[:200]
	}
	return t
}

// headerCharset returns the charset parameter of a Content-Type.
func headerCharset(contentType string) string {
	for _, p := range strings.Split(contentType, ";") {
		k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
		if ok && strings.EqualFold(strings.TrimSpace(k), "charset") {
			return strings.Trim(strings.TrimSpace(v), `"'`)
		}
	}
	return ""
}

// declareUTF8 rewrites the encoding of a leading XML declaration to UTF-8.
func declareUTF8(b []byte) []byte {
	start := len(b) - len(bytes.TrimLeft(b, " \t\r\n"))
	head := b[start:min(len(b), start+200)]
	m := xmlDecl.FindSubmatchIndex(head)
	if m == nil || strings.EqualFold(string(head[m[2]:m[3]]), "utf-8") {
		return b
	}
	out := make([]byte, 0, len(b)+5)
	out = append(out, b[:start+m[2]]...)
	out = append(out, "UTF-8"...)
	return append(out, b[start+m[3]:]...)
}
