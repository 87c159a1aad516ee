package portal

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ewsi/hub/catalog"
)

// The OAI-PMH 2.0 provider at /oai (GET and POST) lets other hubs harvest
// the catalog incrementally in oai_dc. Its datestamp is a document's
// publication date (the field Search filters on with From and Until), so
// a document the hub harvests late with an old date is only seen by a
// harvester that asks again from that date; documents without a date are
// not exposed. Deleted records are not tracked (deletedRecord "no").

const (
	oaiNamespace       = "http://www.openarchives.org/OAI/2.0/"
	oaiSchemaLocation  = oaiNamespace + " http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
	oaiDCPrefix        = "oai_dc"
	oaiDCNamespace     = "http://www.openarchives.org/OAI/2.0/oai_dc/"
	oaiDCSchema        = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
	dcNamespace        = "http://purl.org/dc/elements/1.1/"
	oaiTimeFormat      = "2006-01-02T15:04:05Z"
	oaiDayFormat       = "2006-01-02"
	oaiIdentifiersPage = 100 // headers per ListIdentifiers response
	oaiRecordsPage     = 50  // records per ListRecords response
	oaiTokenLifetime   = 24 * time.Hour
	maxOAIBody         = 8 << 10
)

// oaiPrefixPattern is the syntax of a metadataPrefix.
var oaiPrefixPattern = regexp.MustCompile(`^[A-Za-z0-9\-_.!~*'()]+$`)

// oaiEarliest is the earliest datestamp the provider promises: every
// list asks the catalog for documents published from then on, which also
// leaves out the undated ones.
var oaiEarliest = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)

// oaiResponse is the OAI-PMH element; exactly one of the verb elements or
// Errors is set.
type oaiResponse struct {
	XMLName             xml.Name                `xml:"http://www.openarchives.org/OAI/2.0/ OAI-PMH"`
	XSI                 string                  `xml:"xmlns:xsi,attr"`
	SchemaLocation      string                  `xml:"xsi:schemaLocation,attr"`
	ResponseDate        string                  `xml:"responseDate"`
	Request             oaiRequestEcho          `xml:"request"`
	Errors              []oaiError              `xml:"error"`
	Identify            *oaiIdentify            `xml:"Identify"`
	ListMetadataFormats *oaiListMetadataFormats `xml:"ListMetadataFormats"`
	ListSets            *oaiListSets            `xml:"ListSets"`
	GetRecord           *oaiGetRecord           `xml:"GetRecord"`
	ListIdentifiers     *oaiListIdentifiers     `xml:"ListIdentifiers"`
	ListRecords         *oaiListRecords         `xml:"ListRecords"`
}

// oaiRequestEcho repeats the request: the base URL and, unless the verb
// or arguments were refused, the arguments.
type oaiRequestEcho struct {
	BaseURL         string `xml:",chardata"`
	Verb            string `xml:"verb,attr,omitempty"`
	Identifier      string `xml:"identifier,attr,omitempty"`
	MetadataPrefix  string `xml:"metadataPrefix,attr,omitempty"`
	From            string `xml:"from,attr,omitempty"`
	Until           string `xml:"until,attr,omitempty"`
	Set             string `xml:"set,attr,omitempty"`
	ResumptionToken string `xml:"resumptionToken,attr,omitempty"`
}

// oaiError is one protocol error.
type oaiError struct {
	Code    string `xml:"code,attr"`
	Message string `xml:",chardata"`
}

func (e *oaiError) Error() string { return e.Code + ": " + e.Message }

func oaiErr(code, format string, args ...any) *oaiError {
	return &oaiError{Code: code, Message: fmt.Sprintf(format, args...)}
}

type oaiIdentify struct {
	RepositoryName    string   `xml:"repositoryName"`
	BaseURL           string   `xml:"baseURL"`
	ProtocolVersion   string   `xml:"protocolVersion"`
	AdminEmail        []string `xml:"adminEmail"`
	EarliestDatestamp string   `xml:"earliestDatestamp"`
	DeletedRecord     string   `xml:"deletedRecord"`
	Granularity       string   `xml:"granularity"`
}

type oaiListMetadataFormats struct {
	Formats []oaiMetadataFormat `xml:"metadataFormat"`
}

type oaiMetadataFormat struct {
	Prefix    string `xml:"metadataPrefix"`
	Schema    string `xml:"schema"`
	Namespace string `xml:"metadataNamespace"`
}

type oaiListSets struct {
	Sets []oaiSet `xml:"set"`
}

type oaiSet struct {
	Spec string `xml:"setSpec"`
	Name string `xml:"setName"`
}

type oaiGetRecord struct {
	Record oaiRecord `xml:"record"`
}

type oaiListIdentifiers struct {
	Headers []oaiHeader         `xml:"header"`
	Token   *oaiResumptionToken `xml:"resumptionToken"`
}

type oaiListRecords struct {
	Records []oaiRecord         `xml:"record"`
	Token   *oaiResumptionToken `xml:"resumptionToken"`
}

type oaiRecord struct {
	Header   oaiHeader    `xml:"header"`
	Metadata *oaiMetadata `xml:"metadata"`
}

type oaiHeader struct {
	Identifier string   `xml:"identifier"`
	Datestamp  string   `xml:"datestamp"`
	SetSpecs   []string `xml:"setSpec"`
}

type oaiMetadata struct {
	DC oaiDC `xml:"oai_dc:dc"`
}

// oaiResumptionToken continues an incomplete list; the last response of
// a list carries an empty one.
type oaiResumptionToken struct {
	Token            string `xml:",chardata"`
	ExpirationDate   string `xml:"expirationDate,attr,omitempty"`
	CompleteListSize int    `xml:"completeListSize,attr"`
	Cursor           int    `xml:"cursor,attr"`
}

// oaiArgs are the arguments each verb allows, true when required.
var oaiArgs = map[string]map[string]bool{
	"Identify":            {},
	"ListMetadataFormats": {"identifier": false},
	"ListSets":            {"resumptionToken": false},
	"GetRecord":           {"identifier": true, "metadataPrefix": true},
	"ListIdentifiers":     {"metadataPrefix": true, "from": false, "until": false, "set": false, "resumptionToken": false},
	"ListRecords":         {"metadataPrefix": true, "from": false, "until": false, "set": false, "resumptionToken": false},
}

// handleOAIRequest answers an OAI-PMH request, from the query string of a
// GET or the form body of a POST. Protocol errors are OAI-PMH responses
// with status 200, as the protocol wants; only catalog faults go through
// serveError.
func (s *Server) handleOAIRequest(w http.ResponseWriter, r *http.Request) error {
	raw := r.URL.RawQuery
	if r.Method == http.MethodPost {
		if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/x-www-form-urlencoded") {
			return s.writeOAI(w, r, oaiResponse{Errors: []oaiError{*oaiErr("badArgument", "a POST must be application/x-www-form-urlencoded")}})
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxOAIBody))
		if err != nil {
			return s.writeOAI(w, r, oaiResponse{Errors: []oaiError{*oaiErr("badArgument", "the request body is larger than %d bytes", maxOAIBody)}})
		}
		raw = string(body)
	}
	resp, err := s.oaiRespond(r, raw)
	if err != nil {
		return err
	}
	return s.writeOAI(w, r, resp)
}

// oaiRespond builds the response to the arguments in raw. It returns an
// error only for a failure of the catalog.
func (s *Server) oaiRespond(r *http.Request, raw string) (oaiResponse, error) {
	var resp oaiResponse
	args, err := url.ParseQuery(raw)
	if err != nil {
		resp.Errors = []oaiError{*oaiErr("badArgument", "the arguments are not correctly encoded")}
		return resp, nil
	}
	verbs := args["verb"]
	if len(verbs) != 1 {
		resp.Errors = []oaiError{*oaiErr("badVerb", "give exactly one verb")}
		return resp, nil
	}
	verb := verbs[0]
	allowed, ok := oaiArgs[verb]
	if !ok {
		resp.Errors = []oaiError{*oaiErr("badVerb", "%q is not an OAI-PMH verb", shorten(verb))}
		return resp, nil
	}
	var bad []oaiError
	for name, vals := range args {
		if name == "verb" {
			continue
		}
		if _, ok := allowed[name]; !ok {
			bad = append(bad, *oaiErr("badArgument", "%s does not take the argument %q", verb, shorten(name)))
		} else if len(vals) > 1 {
			bad = append(bad, *oaiErr("badArgument", "the argument %s is repeated", name))
		}
	}
	if args.Get("resumptionToken") != "" {
		if len(args) > 2 {
			bad = append(bad, *oaiErr("badArgument", "resumptionToken is an exclusive argument"))
		}
	} else {
		for name, required := range allowed {
			if required && args.Get(name) == "" {
				bad = append(bad, *oaiErr("badArgument", "%s requires the argument %s", verb, name))
			}
		}
	}
	if p := args.Get("metadataPrefix"); p != "" && !oaiPrefixPattern.MatchString(p) {
		bad = append(bad, *oaiErr("badArgument", "%q is not a metadata prefix", shorten(p)))
	}
	if len(bad) > 0 {
		slices.SortFunc(bad, func(a, b oaiError) int { return strings.Compare(a.Message, b.Message) })
		resp.Errors = bad
		return resp, nil
	}
	resp.Request = oaiRequestEcho{Verb: verb, Identifier: args.Get("identifier"), MetadataPrefix: args.Get("metadataPrefix"),
		From: args.Get("from"), Until: args.Get("until"), Set: args.Get("set"), ResumptionToken: args.Get("resumptionToken")}

	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	switch verb {
	case "Identify":
		resp.Identify = s.oaiIdentify(r)
	case "ListMetadataFormats":
		err = s.oaiListMetadataFormats(ctx, r, args.Get("identifier"), &resp)
	case "ListSets":
		if args.Get("resumptionToken") != "" {
			err = oaiErr("badResumptionToken", "the list of sets is given whole; there is nothing to resume")
		} else {
			resp.ListSets = &oaiListSets{Sets: oaiSets()}
		}
	case "GetRecord":
		err = s.oaiGetRecord(ctx, r, args.Get("identifier"), args.Get("metadataPrefix"), &resp)
	case "ListIdentifiers", "ListRecords":
		err = s.oaiList(ctx, r, verb, args, &resp)
	}
	var oe *oaiError
	if errors.As(err, &oe) {
		if oe.Code == "badArgument" {
			// The request echo leaves out arguments when they are refused.
			resp.Request = oaiRequestEcho{}
		}
		resp.Errors = []oaiError{*oe}
		resp.Identify, resp.ListMetadataFormats, resp.ListSets, resp.GetRecord, resp.ListIdentifiers, resp.ListRecords = nil, nil, nil, nil, nil, nil
		return resp, nil
	}
	return resp, err
}

// writeOAI stamps and writes a response.
func (s *Server) writeOAI(w http.ResponseWriter, r *http.Request, resp oaiResponse) error {
	resp.XSI = "http://www.w3.org/2001/XMLSchema-instance"
	resp.SchemaLocation = oaiSchemaLocation
	resp.ResponseDate = s.now().UTC().Format(oaiTimeFormat)
	resp.Request.BaseURL = s.absURL(r, "/oai")
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(resp); err != nil {
		return fmt.Errorf("oai: %w", err)
	}
	w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	_, err := buf.WriteTo(w)
	return err
}

func (s *Server) oaiIdentify(r *http.Request) *oaiIdentify {
	return &oaiIdentify{
		RepositoryName:    s.bundle.Locale("en").T("site.name"),
		BaseURL:           s.absURL(r, "/oai"),
		ProtocolVersion:   "2.0",
		AdminEmail:        []string{s.adminEmail(r)},
		EarliestDatestamp: oaiEarliest.Format(oaiTimeFormat),
		DeletedRecord:     "no",
		Granularity:       "YYYY-MM-DDThh:mm:ssZ",
	}
}

// adminEmail is Options.AdminEmail, or webmaster at the portal's host.
func (s *Server) adminEmail(r *http.Request) string {
	if s.admin != "" {
		return s.admin
	}
	host := s.oaiRepository(r)
	if !strings.Contains(host, ".") {
		host += ".localdomain"
	}
	return "webmaster@" + host
}

// oaiRepository is the repository identifier: the portal's host name.
func (s *Server) oaiRepository(r *http.Request) string {
	u, err := url.Parse(s.absURL(r, "/"))
	if err != nil || u.Hostname() == "" {
		return "localhost"
	}
	return u.Hostname()
}

// oaiIdentifier is the OAI identifier of document id.
func (s *Server) oaiIdentifier(r *http.Request, id int64) string {
	return "oai:" + s.oaiRepository(r) + ":" + strconv.FormatInt(id, 10)
}

// oaiDocumentID reads a document id from an OAI identifier of this
// repository.
func (s *Server) oaiDocumentID(r *http.Request, identifier string) (int64, bool) {
	rest, ok := strings.CutPrefix(identifier, "oai:"+s.oaiRepository(r)+":")
	if !ok {
		return 0, false
	}
	id, err := strconv.ParseInt(rest, 10, 64)
	return id, err == nil && id > 0 && strconv.FormatInt(id, 10) == rest
}

// oaiDocument fetches the document an identifier names, or returns
// idDoesNotExist.
func (s *Server) oaiDocument(ctx context.Context, r *http.Request, identifier string) (*catalog.Document, error) {
	id, ok := s.oaiDocumentID(r, identifier)
	if !ok {
		return nil, oaiErr("idDoesNotExist", "%q is not an identifier of this repository", shorten(identifier))
	}
	doc, err := s.publicDocument(ctx, id)
	if errors.Is(err, catalog.ErrNotFound) || err == nil && (doc.Published.Before(oaiEarliest)) {
		return nil, oaiErr("idDoesNotExist", "no record has the identifier %q", shorten(identifier))
	}
	if err != nil {
		return nil, fmt.Errorf("oai: document %d: %w", id, err)
	}
	return doc, nil
}

func (s *Server) oaiListMetadataFormats(ctx context.Context, r *http.Request, identifier string, resp *oaiResponse) error {
	if identifier != "" {
		if _, err := s.oaiDocument(ctx, r, identifier); err != nil {
			return err
		}
	}
	resp.ListMetadataFormats = &oaiListMetadataFormats{Formats: []oaiMetadataFormat{
		{Prefix: oaiDCPrefix, Schema: oaiDCSchema, Namespace: oaiDCNamespace},
	}}
	return nil
}

func (s *Server) oaiGetRecord(ctx context.Context, r *http.Request, identifier, prefix string, resp *oaiResponse) error {
	if prefix != oaiDCPrefix {
		return oaiErr("cannotDisseminateFormat", "the only metadata format is oai_dc, not %q", shorten(prefix))
	}
	doc, err := s.oaiDocument(ctx, r, identifier)
	if err != nil {
		return err
	}
	sources, err := s.catalog.Sources(ctx)
	if err != nil {
		return err
	}
	resp.GetRecord = &oaiGetRecord{Record: s.oaiRecord(r, doc, sourceNames(sources))}
	return nil
}

// oaiHeaderOf is the header of a document.
func (s *Server) oaiHeaderOf(r *http.Request, id int64, published time.Time, themes []string, ctype string, countries []string) oaiHeader {
	return oaiHeader{
		Identifier: s.oaiIdentifier(r, id),
		Datestamp:  published.UTC().Format(oaiTimeFormat),
		SetSpecs:   oaiSetSpecs(themes, ctype, countries),
	}
}

func (s *Server) oaiRecord(r *http.Request, d *catalog.Document, sources map[int64]catalog.Source) oaiRecord {
	return oaiRecord{
		Header:   s.oaiHeaderOf(r, d.ID, d.Published, d.Themes, d.ContentType, d.Countries),
		Metadata: &oaiMetadata{DC: s.newOAIDC(r, d, sources[d.SourceID])},
	}
}

// sourceNames indexes sources by id.
func sourceNames(sources []catalog.Source) map[int64]catalog.Source {
	m := make(map[int64]catalog.Source, len(sources))
	for _, src := range sources {
		m[src.ID] = src
	}
	return m
}

// oaiList answers ListIdentifiers and ListRecords, first pages and
// resumed ones alike.
func (s *Server) oaiList(ctx context.Context, r *http.Request, verb string, args url.Values, resp *oaiResponse) error {
	now := s.now()
	var tok oaiToken
	if raw := args.Get("resumptionToken"); raw != "" {
		var err error
		if tok, err = decodeOAIToken(raw, verb, now); err != nil {
			return err
		}
	} else {
		var err error
		if tok, err = newOAIToken(verb, args); err != nil {
			return err
		}
	}
	q, err := tok.query()
	if err != nil {
		return err
	}
	q.Limit = oaiIdentifiersPage
	if verb == "ListRecords" {
		q.Limit = oaiRecordsPage
	}
	res, err := s.catalog.Search(ctx, q)
	if err != nil {
		return err
	}
	if tok.Size == 0 {
		tok.Size = res.Total
	}
	if len(res.Hits) == 0 {
		if tok.Cursor == 0 {
			return oaiErr("noRecordsMatch", "no record matches these arguments")
		}
		// An empty list element is not valid OAI-PMH: the list shrank
		// under the harvester, who must start again.
		return oaiErr("badResumptionToken", "the list has changed since this token was issued; start again")
	}
	var next *oaiResumptionToken
	if more := res.Total - q.Offset - len(res.Hits); more > 0 && len(res.Hits) > 0 {
		nt := tok.after(res.Hits)
		if nt.Skip > catalog.MaxOffset {
			return fmt.Errorf("oai: more than %d records share the datestamp %s", catalog.MaxOffset, time.UnixMicro(nt.Until).UTC())
		}
		nt.Expires = now.Add(oaiTokenLifetime).Unix()
		next = &oaiResumptionToken{Token: nt.encode(), ExpirationDate: time.Unix(nt.Expires, 0).UTC().Format(oaiTimeFormat)}
	} else {
		next = &oaiResumptionToken{}
	}
	next.Cursor = tok.Cursor
	next.CompleteListSize = max(tok.Size, tok.Cursor+len(res.Hits))
	if tok.Cursor == 0 && next.Token == "" {
		next = nil // a complete list in one response needs no token
	}
	switch verb {
	case "ListIdentifiers":
		out := &oaiListIdentifiers{Token: next}
		for _, h := range res.Hits {
			out.Headers = append(out.Headers, s.oaiHeaderOf(r, h.ID, h.Published, h.Themes, h.ContentType, h.Countries))
		}
		resp.ListIdentifiers = out
	case "ListRecords":
		sources, err := s.catalog.Sources(ctx)
		if err != nil {
			return err
		}
		names := sourceNames(sources)
		out := &oaiListRecords{Token: next}
		for _, h := range res.Hits {
			doc, err := s.catalog.Document(ctx, h.ID)
			if errors.Is(err, catalog.ErrNotFound) {
				continue // removed since the search
			}
			if err != nil {
				return fmt.Errorf("oai: document %d: %w", h.ID, err)
			}
			out.Records = append(out.Records, s.oaiRecord(r, doc, names))
		}
		if len(out.Records) == 0 {
			return oaiErr("noRecordsMatch", "the matching records were removed while this list was read")
		}
		resp.ListRecords = out
	}
	return nil
}
