package kinds

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ewsi/hub/normalizer"
)

// Limits of ParseOAI.
const (
	MaxOAIBytes   = 50 << 20 // bytes of one ListRecords page
	MaxOAIRecords = 10000    // records kept from one page
	maxOAIValue   = 64 << 10 // bytes kept of one Dublin Core value
	maxOAIValues  = 100      // values kept of one Dublin Core element
)

// ErrNotOAI means the bytes are not an OAI-PMH ListRecords response.
var ErrNotOAI = errors.New("not an OAI-PMH ListRecords response")

// OAIError is an error the repository reported in its response
// (<error code="…">), other than noRecordsMatch. Code is the protocol's
// code: badArgument, badResumptionToken, badVerb,
// cannotDisseminateFormat, idDoesNotExist, noMetadataFormats,
// noSetHierarchy.
type OAIError struct {
	Code    string
	Message string
}

func (e *OAIError) Error() string {
	msg := e.Message
	if msg == "" {
		msg = "no details given"
	}
	switch e.Code {
	case "badResumptionToken":
		return "the OAI-PMH repository refused the resumption token (it may have expired; the harvest restarts from its date): " + msg
	case "cannotDisseminateFormat":
		return "the OAI-PMH repository does not offer Dublin Core (oai_dc) records: " + msg
	}
	return fmt.Sprintf("the OAI-PMH repository answered %s: %s", e.Code, msg)
}

// OAIPage is one page of a ListRecords answer.
type OAIPage struct {
	ResponseDate time.Time
	Records      []OAIRecord
	// ResumptionToken asks for the next page; "" when this is the last.
	ResumptionToken string
	// CompleteListSize and Cursor are the repository's figures, -1 when
	// it gives none.
	CompleteListSize int
	Cursor           int
	// Truncated says the page had more than MaxOAIRecords records and
	// only the first were kept.
	Truncated bool
}

// OAIRecord is one record: its header and its Dublin Core metadata. Dublin
// Core elements repeat, so each is a list, in document order.
type OAIRecord struct {
	Identifier string    // the OAI identifier, e.g. oai:repo.example:1234
	Datestamp  time.Time // last change of the record, UTC
	Deleted    bool      // status="deleted": the record is gone
	Sets       []string  // setSpec values

	Titles       []string
	Descriptions []string
	Creators     []string
	Dates        []string // dc:date as written
	Languages    []string
	Identifiers  []string // dc:identifier: URLs, DOIs, handles…
	Subjects     []string
	Types        []string
	Publishers   []string
}

const dcNamespace = "http://purl.org/dc/elements/1.1/"

// ParseOAI parses one page of an OAI-PMH ListRecords response with
// metadataPrefix oai_dc. An answer with error code noRecordsMatch (nothing
// changed since the from date) is an empty page, not an error.
//
// The error is an *OAIError for any other error the repository reports;
// it wraps ErrTooLarge when body is over MaxOAIBytes, and ErrNotOAI, with
// a reason, for broken XML, nesting deeper than 64 levels, or a document
// that is not an OAI-PMH ListRecords answer.
func ParseOAI(body []byte) (*OAIPage, error) {
	if len(body) > MaxOAIBytes {
		return nil, fmt.Errorf("%w: the OAI-PMH page is %d bytes, more than %d", ErrTooLarge, len(body), MaxOAIBytes)
	}
	w := &xmlWalker{d: newXMLDecoder(toUTF8XML(body))}
	page := &OAIPage{CompleteListSize: -1, Cursor: -1}
	var oaiErr *OAIError
	sawRoot, sawList := false, false
	for {
		tok, err := w.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %s", ErrNotOAI, xmlReason(err))
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if !sawRoot {
			if el.Name.Local != "OAI-PMH" {
				return nil, fmt.Errorf("%w: the document is <%s>, not <OAI-PMH>", ErrNotOAI, el.Name.Local)
			}
			sawRoot = true
			continue
		}
		switch strings.Join(w.path, "/") {
		case "OAI-PMH/responseDate":
			s, err := w.text(64)
			if err != nil {
				return nil, fmt.Errorf("%w: %s", ErrNotOAI, xmlReason(err))
			}
			page.ResponseDate, _ = parseW3CDate(s)
		case "OAI-PMH/error":
			code := attr(el, "code")
			s, err := w.text(1000)
			if err != nil {
				return nil, fmt.Errorf("%w: %s", ErrNotOAI, xmlReason(err))
			}
			if oaiErr == nil {
				oaiErr = &OAIError{Code: code, Message: s}
			}
		case "OAI-PMH/ListRecords":
			sawList = true
		case "OAI-PMH/ListRecords/record":
			r, err := readOAIRecord(w)
			if err != nil {
				return nil, fmt.Errorf("%w: %s", ErrNotOAI, xmlReason(err))
			}
			if r.Identifier == "" {
				continue
			}
			if len(page.Records) == MaxOAIRecords {
				page.Truncated = true
				continue
			}
			page.Records = append(page.Records, r)
		case "OAI-PMH/ListRecords/resumptionToken":
			if n, err := strconv.Atoi(attr(el, "completeListSize")); err == nil && n >= 0 {
				page.CompleteListSize = n
			}
			if n, err := strconv.Atoi(attr(el, "cursor")); err == nil && n >= 0 {
				page.Cursor = n
			}
			s, err := w.text(4096)
			if err != nil {
				return nil, fmt.Errorf("%w: %s", ErrNotOAI, xmlReason(err))
			}
			page.ResumptionToken = s
		}
	}
	switch {
	case !sawRoot:
		return nil, fmt.Errorf("%w: the response holds no XML element", ErrNotOAI)
	case oaiErr != nil && oaiErr.Code == "noRecordsMatch":
		return &OAIPage{ResponseDate: page.ResponseDate, CompleteListSize: 0, Cursor: -1}, nil
	case oaiErr != nil:
		return nil, oaiErr
	case !sawList:
		return nil, fmt.Errorf("%w: the answer has no <ListRecords> element", ErrNotOAI)
	}
	return page, nil
}

// readOAIRecord reads a <record> element just opened.
func readOAIRecord(w *xmlWalker) (OAIRecord, error) {
	var r OAIRecord
	depth := len(w.path)
	for {
		tok, err := w.next()
		if err != nil {
			return r, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			rel := w.path[depth:]
			switch {
			case len(rel) == 1 && t.Name.Local == "header":
				r.Deleted = attr(t, "status") == "deleted"
			case len(rel) == 2 && rel[0] == "header":
				s, err := w.text(maxOAIValue)
				if err != nil {
					return r, err
				}
				switch t.Name.Local {
				case "identifier":
					r.Identifier = s
				case "datestamp":
					r.Datestamp, _ = parseW3CDate(s)
				case "setSpec":
					r.Sets = appendValue(r.Sets, s)
				}
			case len(rel) >= 3 && rel[0] == "metadata" && (t.Name.Space == dcNamespace || t.Name.Space == "dc"):
				s, err := w.text(maxOAIValue)
				if err != nil {
					return r, err
				}
				r.addDC(t.Name.Local, s)
			}
		case xml.EndElement:
			if len(w.path) < depth {
				return r, nil
			}
		}
	}
}

func (r *OAIRecord) addDC(name, v string) {
	switch name {
	case "title":
		r.Titles = appendValue(r.Titles, v)
	case "description":
		r.Descriptions = appendValue(r.Descriptions, v)
	case "creator":
		r.Creators = appendValue(r.Creators, v)
	case "date":
		r.Dates = appendValue(r.Dates, v)
	case "language":
		r.Languages = appendValue(r.Languages, v)
	case "identifier":
		r.Identifiers = appendValue(r.Identifiers, v)
	case "subject":
		r.Subjects = appendValue(r.Subjects, v)
	case "type":
		r.Types = appendValue(r.Types, v)
	case "publisher":
		r.Publishers = appendValue(r.Publishers, v)
	}
}

func appendValue(list []string, v string) []string {
	if v == "" || len(list) >= maxOAIValues {
		return list
	}
	return append(list, v)
}

// Links returns the record's dc:identifier values that are http(s) URLs,
// with DOIs (doi:10.… or a bare 10.…/…) turned into https://doi.org/
// links, in document order.
func (r *OAIRecord) Links() []string {
	var out []string
	for _, id := range r.Identifiers {
		id = strings.TrimSpace(id)
		low := strings.ToLower(id)
		switch {
		case strings.HasPrefix(low, "doi:"):
			id = "https://doi.org/" + strings.TrimSpace(id[4:])
		case strings.HasPrefix(low, "10.") && strings.Contains(id, "/") && !strings.ContainsAny(id, " \t"):
			id = "https://doi.org/" + id
		}
		if u := sitemapLoc(id); u != "" && !slices.Contains(out, u) {
			out = append(out, u)
		}
	}
	return out
}

// Input returns what the normalizer needs of the record: Key is the OAI
// identifier, URL the first of Links (empty when the record has none, for
// the caller to decide), Title the first title, Summary the descriptions,
// Language the first dc:language as an ISO 639-1 code when it reads as
// one, Authors the creators, Categories the subjects, Published the first
// readable dc:date and Updated the datestamp. SourceID and the source's
// defaults are for the caller to set.
func (r *OAIRecord) Input() normalizer.Input {
	in := normalizer.Input{
		Key:        r.Identifier,
		Authors:    r.Creators,
		Categories: r.Subjects,
		Updated:    r.Datestamp,
	}
	if links := r.Links(); len(links) > 0 {
		in.URL = links[0]
		in.BaseURL = in.URL
	}
	if len(r.Titles) > 0 {
		in.Title = r.Titles[0]
	}
	in.Summary = strings.Join(r.Descriptions, "\n\n")
	for _, l := range r.Languages {
		if code := languageCode(l); code != "" {
			in.Language = code
			break
		}
	}
	for _, d := range r.Dates {
		if t, _ := parseW3CDate(d); !t.IsZero() {
			in.Published = t
			break
		}
	}
	return in
}

// iso6392 maps the ISO 639-2 codes (bibliographic and terminological) of
// the EU's languages and a few neighbours to ISO 639-1.
var iso6392 = map[string]string{
	"bul": "bg", "ces": "cs", "cze": "cs", "dan": "da", "deu": "de", "ger": "de", "ell": "el", "gre": "el",
	"eng": "en", "spa": "es", "est": "et", "fin": "fi", "fra": "fr", "fre": "fr", "gle": "ga", "hrv": "hr",
	"hun": "hu", "ita": "it", "lit": "lt", "lav": "lv", "mlt": "mt", "nld": "nl", "dut": "nl", "pol": "pl",
	"por": "pt", "ron": "ro", "rum": "ro", "slk": "sk", "slo": "sk", "slv": "sl", "swe": "sv", "nor": "no",
	"nob": "no", "nno": "no", "isl": "is", "ice": "is", "tur": "tr", "ara": "ar", "ukr": "uk", "rus": "ru",
}

// languageCode reads "en", "en-GB", "eng" or "fre" as ISO 639-1; "" when
// it cannot.
func languageCode(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_"); i > 0 {
		s = s[:i]
	}
	switch len(s) {
	case 2:
		if s[0] >= 'a' && s[0] <= 'z' && s[1] >= 'a' && s[1] <= 'z' {
			return s
		}
	case 3:
		return iso6392[s]
	}
	return ""
}

// ListRecordsURL returns the ListRecords request for an OAI-PMH base URL:
// with a resumption token, the token alone (the protocol forbids other
// arguments with it); otherwise metadataPrefix=oai_dc and, unless from is
// zero, from as a UTC date. Day granularity is used because every
// repository must accept it; harvesting up to a day again is harmless
// since documents are upserted by key. Arguments already in base are
// kept. It returns "" when base is not an absolute http(s) URL.
func ListRecordsURL(base string, from time.Time, token string) string {
	u, err := url.Parse(strings.TrimSpace(base))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	q := u.Query()
	for _, k := range []string{"verb", "metadataPrefix", "from", "until", "set", "resumptionToken"} {
		if token != "" || k != "set" {
			q.Del(k)
		}
	}
	q.Set("verb", "ListRecords")
	if token != "" {
		q.Set("resumptionToken", token)
	} else {
		q.Set("metadataPrefix", "oai_dc")
		if !from.IsZero() {
			q.Set("from", from.UTC().Format("2006-01-02"))
		}
	}
	u.RawQuery = q.Encode()
	u.Fragment, u.RawFragment = "", ""
	return u.String()
}
