package portal

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/google/go-cmp/cmp"
)

// Test-side view of a response, read with namespaces: every element of
// the envelope must be in the OAI-PMH namespace and every record's
// metadata in oai_dc with Dublin Core elements.
type oaiTestResponse struct {
	XMLName      xml.Name `xml:"http://www.openarchives.org/OAI/2.0/ OAI-PMH"`
	ResponseDate string   `xml:"http://www.openarchives.org/OAI/2.0/ responseDate"`
	Request      struct {
		URL   string     `xml:",chardata"`
		Attrs []xml.Attr `xml:",any,attr"`
	} `xml:"http://www.openarchives.org/OAI/2.0/ request"`
	Errors []struct {
		Code string `xml:"code,attr"`
		Text string `xml:",chardata"`
	} `xml:"http://www.openarchives.org/OAI/2.0/ error"`
	Identify *struct {
		RepositoryName    string   `xml:"http://www.openarchives.org/OAI/2.0/ repositoryName"`
		BaseURL           string   `xml:"http://www.openarchives.org/OAI/2.0/ baseURL"`
		ProtocolVersion   string   `xml:"http://www.openarchives.org/OAI/2.0/ protocolVersion"`
		AdminEmail        []string `xml:"http://www.openarchives.org/OAI/2.0/ adminEmail"`
		EarliestDatestamp string   `xml:"http://www.openarchives.org/OAI/2.0/ earliestDatestamp"`
		DeletedRecord     string   `xml:"http://www.openarchives.org/OAI/2.0/ deletedRecord"`
		Granularity       string   `xml:"http://www.openarchives.org/OAI/2.0/ granularity"`
	} `xml:"http://www.openarchives.org/OAI/2.0/ Identify"`
	ListMetadataFormats *struct {
		Formats []struct {
			Prefix    string `xml:"http://www.openarchives.org/OAI/2.0/ metadataPrefix"`
			Schema    string `xml:"http://www.openarchives.org/OAI/2.0/ schema"`
			Namespace string `xml:"http://www.openarchives.org/OAI/2.0/ metadataNamespace"`
		} `xml:"http://www.openarchives.org/OAI/2.0/ metadataFormat"`
	} `xml:"http://www.openarchives.org/OAI/2.0/ ListMetadataFormats"`
	ListSets *struct {
		Sets []struct {
			Spec string `xml:"http://www.openarchives.org/OAI/2.0/ setSpec"`
			Name string `xml:"http://www.openarchives.org/OAI/2.0/ setName"`
		} `xml:"http://www.openarchives.org/OAI/2.0/ set"`
	} `xml:"http://www.openarchives.org/OAI/2.0/ ListSets"`
	GetRecord *struct {
		Record oaiTestRecord `xml:"http://www.openarchives.org/OAI/2.0/ record"`
	} `xml:"http://www.openarchives.org/OAI/2.0/ GetRecord"`
	ListIdentifiers *struct {
		Headers []oaiTestHeader `xml:"http://www.openarchives.org/OAI/2.0/ header"`
		Token   *oaiTestToken   `xml:"http://www.openarchives.org/OAI/2.0/ resumptionToken"`
	} `xml:"http://www.openarchives.org/OAI/2.0/ ListIdentifiers"`
	ListRecords *struct {
		Records []oaiTestRecord `xml:"http://www.openarchives.org/OAI/2.0/ record"`
		Token   *oaiTestToken   `xml:"http://www.openarchives.org/OAI/2.0/ resumptionToken"`
	} `xml:"http://www.openarchives.org/OAI/2.0/ ListRecords"`
}

type oaiTestHeader struct {
	Identifier string   `xml:"http://www.openarchives.org/OAI/2.0/ identifier"`
	Datestamp  string   `xml:"http://www.openarchives.org/OAI/2.0/ datestamp"`
	SetSpecs   []string `xml:"http://www.openarchives.org/OAI/2.0/ setSpec"`
}

type oaiTestRecord struct {
	Header   oaiTestHeader `xml:"http://www.openarchives.org/OAI/2.0/ header"`
	Metadata struct {
		DC struct {
			Elements []struct {
				XMLName xml.Name
				Lang    string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
				Value   string `xml:",chardata"`
			} `xml:",any"`
		} `xml:"http://www.openarchives.org/OAI/2.0/oai_dc/ dc"`
	} `xml:"http://www.openarchives.org/OAI/2.0/ metadata"`
}

type oaiTestToken struct {
	Value            string `xml:",chardata"`
	ExpirationDate   string `xml:"expirationDate,attr"`
	CompleteListSize string `xml:"completeListSize,attr"`
	Cursor           string `xml:"cursor,attr"`
}

// dc returns the values of the Dublin Core element name, as "lang|value"
// when the element has a language.
func (r oaiTestRecord) dc(name string) []string {
	var out []string
	for _, e := range r.Metadata.DC.Elements {
		if e.XMLName.Space != dcNamespace {
			continue
		}
		if e.XMLName.Local == name {
			v := e.Value
			if e.Lang != "" {
				v = e.Lang + "|" + v
			}
			out = append(out, v)
		}
	}
	return out
}

// oaiRequest serves one OAI-PMH request (GET, or POST when form is set),
// checks what every response must be, validates it against the schema
// and decodes it.
func oaiRequest(t *testing.T, h http.Handler, args string, form bool) oaiTestResponse {
	t.Helper()
	var req *http.Request
	if form {
		req = httptest.NewRequest(http.MethodPost, "/oai", strings.NewReader(args))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	} else {
		req = httptest.NewRequest(http.MethodGet, "/oai?"+args, nil)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("%s: status %d: %s", args, rec.Code, rec.Body)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "text/xml; charset=utf-8" {
		t.Errorf("%s: Content-Type %q", args, ct)
	}
	validateOAISchema(t, rec.Body.Bytes())
	var resp oaiTestResponse
	if err := xml.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
		t.Fatalf("%s: %v\n%s", args, err, rec.Body)
	}
	if _, err := time.Parse(oaiTimeFormat, resp.ResponseDate); err != nil {
		t.Errorf("%s: responseDate %q", args, resp.ResponseDate)
	}
	if resp.Request.URL != "http://example.com/oai" {
		t.Errorf("%s: request URL %q", args, resp.Request.URL)
	}
	return resp
}

// validateOAISchema validates a response against the OAI-PMH and oai_dc
// schemas in testdata/oai.
func validateOAISchema(t *testing.T, body []byte) {
	t.Helper()
	validateXMLSchema(t, body, "testdata/oai/responses.xsd")
}

// requestAttrs returns the attributes of the request element.
func (r oaiTestResponse) requestAttrs() map[string]string {
	m := map[string]string{}
	for _, a := range r.Request.Attrs {
		m[a.Name.Local] = a.Value
	}
	return m
}

func (r oaiTestResponse) errorCodes() []string {
	var out []string
	for _, e := range r.Errors {
		out = append(out, e.Code)
		if strings.TrimSpace(e.Text) == "" {
			out = append(out, "(no message)")
		}
	}
	return out
}

func TestOAISchemaRejectsInvalid(t *testing.T) {
	if _, err := exec.LookPath("xmllint"); err != nil {
		t.Skip("xmllint not installed")
	}
	// The validator is worth something only if it refuses what it should.
	bad := `<?xml version="1.0"?><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2026-01-01T00:00:00Z</responseDate>` +
		`<request>http://x.example/oai</request><ListSets></ListSets></OAI-PMH>`
	f := filepath.Join(t.TempDir(), "bad.xml")
	os.WriteFile(f, []byte(bad), 0o600)
	if err := exec.Command("xmllint", "--noout", "--nonet", "--schema", "testdata/oai/responses.xsd", f).Run(); err == nil {
		t.Error("an empty ListSets validated")
	}
}

func TestOAIIdentify(t *testing.T) {
	for _, form := range []bool{false, true} {
		s, err := New(Options{Catalog: newFakeCatalog(), AdminEmail: "oai@ewsi.example"})
		if err != nil {
			t.Fatal(err)
		}
		resp := oaiRequest(t, s.Handler(), "verb=Identify", form)
		id := resp.Identify
		if id == nil {
			t.Fatalf("no Identify: %+v", resp)
		}
		if id.RepositoryName != "EWSI Hub" || id.BaseURL != "http://example.com/oai" || id.ProtocolVersion != "2.0" ||
			!slices.Equal(id.AdminEmail, []string{"oai@ewsi.example"}) || id.EarliestDatestamp != "1900-01-01T00:00:00Z" ||
			id.DeletedRecord != "no" || id.Granularity != "YYYY-MM-DDThh:mm:ssZ" {
			t.Errorf("Identify %+v", *id)
		}
		if got := resp.requestAttrs(); !cmp.Equal(got, map[string]string{"verb": "Identify"}) {
			t.Errorf("request attributes %v", got)
		}
	}
}

func TestOAIListMetadataFormatsAndSets(t *testing.T) {
	h := newTestServer(t, newFakeCatalog(), nil)
	for _, args := range []string{"verb=ListMetadataFormats", "verb=ListMetadataFormats&identifier=oai:example.com:1"} {
		resp := oaiRequest(t, h, args, false)
		if resp.ListMetadataFormats == nil || len(resp.ListMetadataFormats.Formats) != 1 {
			t.Fatalf("%s: %+v", args, resp)
		}
		f := resp.ListMetadataFormats.Formats[0]
		if f.Prefix != "oai_dc" || f.Schema != oaiDCSchema || f.Namespace != oaiDCNamespace {
			t.Errorf("%s: format %+v", args, f)
		}
	}
	resp := oaiRequest(t, h, "verb=ListSets", false)
	if resp.ListSets == nil {
		t.Fatalf("no ListSets: %+v", resp)
	}
	specs := map[string]string{}
	for _, set := range resp.ListSets.Sets {
		if set.Name == "" {
			t.Errorf("set %s has no name", set.Spec)
		}
		specs[set.Spec] = set.Name
	}
	for _, spec := range []string{"theme", "theme:active-citizenship", "theme:economic-participation:employment",
		"theme:tools-techniques", "type", "type:event", "type:tender", "country", "country:DE", "country:EU", "country:CH"} {
		if _, ok := specs[spec]; !ok {
			t.Errorf("no set %s", spec)
		}
	}
	want := 1 + countThemes() + 1 + len(catalog.ContentTypes) + 1 + len(catalog.Countries)
	if len(specs) != want || len(resp.ListSets.Sets) != want {
		t.Errorf("%d sets (%d distinct), want %d", len(resp.ListSets.Sets), len(specs), want)
	}
}

func TestOAIGetRecord(t *testing.T) {
	h := newTestServer(t, withEvent(newFakeCatalog()), nil)
	resp := oaiRequest(t, h, "verb=GetRecord&identifier=oai:example.com:5&metadataPrefix=oai_dc", false)
	if resp.GetRecord == nil {
		t.Fatalf("no GetRecord: %+v", resp)
	}
	rec := resp.GetRecord.Record
	wantHeader := oaiTestHeader{Identifier: "oai:example.com:5", Datestamp: "2026-10-01T09:00:00Z",
		SetSpecs: []string{"theme:active-citizenship", "theme:active-citizenship:political-participation", "type:event", "country:BE", "country:EU"}}
	if diff := cmp.Diff(wantHeader, rec.Header); diff != "" {
		t.Errorf("header (-want +got)\n%s", diff)
	}
	for _, tt := range []struct {
		element string
		want    []string
	}{
		{"title", []string{"en|European Integration Forum, 2026"}},
		{"creator", []string{"DG HOME"}},
		{"subject", []string{"en|Active citizenship", "en|Political participation"}},
		{"description", []string{"en|Civil society meets the Commission; all welcome."}},
		{"publisher", []string{"Integration events"}},
		{"date", []string{"2026-10-01"}},
		{"type", []string{"en|Event"}},
		{"identifier", []string{"https://events.example/forum-2026", "http://example.com/en/documents/5"}},
		{"language", []string{"en"}},
		{"coverage", []string{"en|Belgium", "en|European Union"}},
	} {
		if got := rec.dc(tt.element); !slices.Equal(got, tt.want) {
			t.Errorf("dc:%s = %q, want %q", tt.element, got, tt.want)
		}
	}
	if got := resp.requestAttrs(); !cmp.Equal(got, map[string]string{"verb": "GetRecord", "identifier": "oai:example.com:5", "metadataPrefix": "oai_dc"}) {
		t.Errorf("request attributes %v", got)
	}
	// The publisher is the source's publisher when it has one.
	resp = oaiRequest(t, h, "verb=GetRecord&identifier=oai:example.com:1&metadataPrefix=oai_dc", false)
	if got := resp.GetRecord.Record.dc("publisher"); !slices.Equal(got, []string{"MPG"}) {
		t.Errorf("publisher %q", got)
	}
}

func TestOAIErrors(t *testing.T) {
	cat := newFakeCatalog()
	h := newTestServer(t, cat, nil)
	tests := []struct {
		args     string
		code     string
		withArgs bool // the request element keeps the arguments
	}{
		{"", "badVerb", false},
		{"verb=Dance", "badVerb", false},
		{"verb=Identify&verb=ListSets", "badVerb", false},
		{"verb=Identify&set=x", "badArgument", false},
		{"verb=%zz", "badArgument", false},
		{"verb=GetRecord&identifier=oai:example.com:1", "badArgument", false},
		{"verb=GetRecord&metadataPrefix=oai_dc", "badArgument", false},
		{"verb=GetRecord&identifier=oai:example.com:1&metadataPrefix=oai_dc&metadataPrefix=oai_dc", "badArgument", false},
		{"verb=GetRecord&identifier=oai:example.com:1&metadataPrefix=marc21", "cannotDisseminateFormat", true},
		{"verb=GetRecord&identifier=oai:example.com:99&metadataPrefix=oai_dc", "idDoesNotExist", true},
		{"verb=GetRecord&identifier=oai:example.com:4&metadataPrefix=oai_dc", "idDoesNotExist", true}, // undated
		{"verb=GetRecord&identifier=oai:elsewhere.example:1&metadataPrefix=oai_dc", "idDoesNotExist", true},
		{"verb=GetRecord&identifier=oai:example.com:01&metadataPrefix=oai_dc", "idDoesNotExist", true},
		{"verb=GetRecord&identifier=http://example.com/en/documents/1&metadataPrefix=oai_dc", "idDoesNotExist", true},
		{"verb=ListMetadataFormats&identifier=oai:example.com:99", "idDoesNotExist", true},
		{"verb=ListSets&resumptionToken=abc", "badResumptionToken", true},
		{"verb=ListRecords", "badArgument", false},
		{"verb=ListIdentifiers&metadataPrefix=oai_dc&from=2026-13-01", "badArgument", false},
		{"verb=ListIdentifiers&metadataPrefix=oai_dc&from=2026-01-01T00:00:00", "badArgument", false},
		{"verb=ListIdentifiers&metadataPrefix=oai_dc&until=2026-01-01T00:00:00+01:00", "badArgument", false},
		{"verb=ListIdentifiers&metadataPrefix=oai_dc&from=2026-01-01&until=2026-12-31T00:00:00Z", "badArgument", false},
		{"verb=ListIdentifiers&metadataPrefix=oai_dc&from=2026-12-01&until=2026-01-01", "badArgument", false},
		{"verb=ListIdentifiers&metadataPrefix=oai_dc&set=theme:astrology", "badArgument", false},
		{"verb=ListIdentifiers&metadataPrefix=oai_dc&set=type:news:extra", "badArgument", false},
		{"verb=ListRecords&metadataPrefix=mods", "cannotDisseminateFormat", true},
		{"verb=ListRecords&metadataPrefix=oai+dc", "badArgument", false},
		{"verb=ListRecords&metadataPrefix=oai_dc&from=2030-01-01", "noRecordsMatch", true},
		{"verb=ListRecords&metadataPrefix=oai_dc&until=1950-01-01", "noRecordsMatch", true},
		{"verb=ListRecords&metadataPrefix=oai_dc&set=type:tender", "noRecordsMatch", true},
		{"verb=ListRecords&resumptionToken=not-a-token", "badResumptionToken", true},
		{"verb=ListRecords&resumptionToken=" + (oaiToken{Version: 1, Verb: "ListRecords", Prefix: "oai_dc", Cursor: 1, Size: 3, Expires: 1}).encode(), "badResumptionToken", true},
		{"verb=ListRecords&resumptionToken=" + (oaiToken{Version: 1, Verb: "ListIdentifiers", Prefix: "oai_dc", Cursor: 1, Size: 3, Expires: 1 << 40}).encode(), "badResumptionToken", true},
		{"verb=ListRecords&resumptionToken=" + (oaiToken{Version: 1, Verb: "ListRecords", Prefix: "oai_dc", Cursor: 1, Size: 3, Expires: 1 << 40, Set: "theme:x"}).encode(), "badResumptionToken", true},
		{"verb=ListRecords&metadataPrefix=oai_dc&resumptionToken=abc", "badArgument", false},
	}
	for _, tt := range tests {
		t.Run(tt.args, func(t *testing.T) {
			resp := oaiRequest(t, h, tt.args, false)
			if got := resp.errorCodes(); len(got) == 0 || !slices.Contains(got, tt.code) || slices.Contains(got, "(no message)") {
				t.Errorf("errors %v, want %s with a message", got, tt.code)
			}
			if got := resp.requestAttrs(); (len(got) > 0) != tt.withArgs {
				t.Errorf("request attributes %v; want them: %v", got, tt.withArgs)
			}
		})
	}
}

// manyDocuments is a catalog of n dated documents, several sharing each
// publication time, so that pages split groups of equal datestamps.
func manyDocuments(n int) *fakeCatalog {
	cat := newFakeCatalog()
	cat.docs = nil
	base := time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)
	for i := 1; i <= n; i++ {
		theme, ctype := "housing", "news"
		if i%3 == 0 {
			theme, ctype = "employment", "report"
		}
		cat.docs = append(cat.docs, catalog.Document{ID: int64(i), SourceID: 1, URL: fmt.Sprintf("https://mpg.example/%d", i),
			Title: fmt.Sprintf("Document %d", i), Language: "en", Themes: []string{theme}, ContentType: ctype,
			Published: base.Add(time.Duration(i/7) * 24 * time.Hour)})
	}
	return cat
}

func TestOAIListPaging(t *testing.T) {
	const n = 333
	s, err := New(Options{Catalog: manyDocuments(n)})
	if err != nil {
		t.Fatal(err)
	}
	h := s.Handler()
	tests := []struct {
		verb, args string
		want       func(id int) bool
	}{
		{"ListIdentifiers", "", func(int) bool { return true }},
		{"ListRecords", "", func(int) bool { return true }},
		{"ListIdentifiers", "&set=theme:economic-participation", func(id int) bool { return id%3 == 0 }},
		{"ListRecords", "&set=type:news", func(id int) bool { return id%3 != 0 }},
		// Days 10 to 20 inclusive: ids 70 to 146.
		{"ListIdentifiers", "&from=2025-01-11&until=2025-01-21", func(id int) bool { return id/7 >= 10 && id/7 <= 20 }},
		{"ListIdentifiers", "&from=2025-01-11T12:00:00Z&until=2025-01-21T12:00:00Z", func(id int) bool { return id/7 >= 10 && id/7 <= 20 }},
		{"ListIdentifiers", "&from=2025-01-11T12:00:01Z", func(id int) bool { return id/7 > 10 }},
		{"ListIdentifiers", "&until=2025-01-21T11:59:59Z", func(id int) bool { return id/7 < 20 }},
	}
	for _, tt := range tests {
		t.Run(tt.verb+tt.args, func(t *testing.T) {
			var want []string
			for id := 1; id <= n; id++ {
				if tt.want(id) {
					want = append(want, "oai:example.com:"+strconv.Itoa(id))
				}
			}
			var got []string
			args := "verb=" + tt.verb + "&metadataPrefix=oai_dc" + tt.args
			for pages := 0; ; pages++ {
				if pages > n {
					t.Fatal("the list never ends")
				}
				resp := oaiRequest(t, h, args, pages%2 == 1)
				var headers []oaiTestHeader
				var tok *oaiTestToken
				switch {
				case resp.ListIdentifiers != nil:
					headers, tok = resp.ListIdentifiers.Headers, resp.ListIdentifiers.Token
				case resp.ListRecords != nil:
					for _, r := range resp.ListRecords.Records {
						headers = append(headers, r.Header)
						if r.dc("title")[0] != "en|Document "+strings.TrimPrefix(r.Header.Identifier, "oai:example.com:") {
							t.Errorf("record %s has title %q", r.Header.Identifier, r.dc("title"))
						}
					}
					tok = resp.ListRecords.Token
				default:
					t.Fatalf("page %d: %v", pages, resp.errorCodes())
				}
				for _, hd := range headers {
					got = append(got, hd.Identifier)
				}
				if tok == nil {
					if pages != 0 || len(want) > 100 {
						t.Fatalf("page %d has no resumptionToken", pages)
					}
					break
				}
				if tok.CompleteListSize != strconv.Itoa(len(want)) || tok.Cursor != strconv.Itoa(len(got)-len(headers)) {
					t.Errorf("page %d: completeListSize %s cursor %s, want %d and %d", pages, tok.CompleteListSize, tok.Cursor, len(want), len(got)-len(headers))
				}
				if tok.Value == "" {
					if tok.ExpirationDate != "" {
						t.Errorf("the last, empty token has an expirationDate")
					}
					break
				}
				if _, err := time.Parse(oaiTimeFormat, tok.ExpirationDate); err != nil {
					t.Errorf("expirationDate %q", tok.ExpirationDate)
				}
				args = "verb=" + tt.verb + "&resumptionToken=" + tok.Value
			}
			slices.SortFunc(got, func(a, b string) int { return strings.Compare(a, b) })
			slices.SortFunc(want, func(a, b string) int { return strings.Compare(a, b) })
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("identifiers (-want +got)\n%s", diff)
			}
		})
	}
}

func TestOAITokenExpires(t *testing.T) {
	s, err := New(Options{Catalog: manyDocuments(150)})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	s.now = func() time.Time { return now }
	resp := oaiRequest(t, s.Handler(), "verb=ListIdentifiers&metadataPrefix=oai_dc", false)
	tok := resp.ListIdentifiers.Token
	if tok == nil || tok.Value == "" || tok.ExpirationDate != "2026-11-27T12:00:00Z" {
		t.Fatalf("token %+v", tok)
	}
	now = now.Add(oaiTokenLifetime - time.Second)
	if resp := oaiRequest(t, s.Handler(), "verb=ListIdentifiers&resumptionToken="+tok.Value, false); resp.ListIdentifiers == nil {
		t.Errorf("a token about to expire is refused: %v", resp.errorCodes())
	}
	now = now.Add(2 * time.Second)
	if resp := oaiRequest(t, s.Handler(), "verb=ListIdentifiers&resumptionToken="+tok.Value, false); !slices.Equal(resp.errorCodes(), []string{"badResumptionToken"}) {
		t.Errorf("an expired token: %v", resp.errorCodes())
	}
	// The same token given to the other list verb is refused too.
	now = now.Add(-time.Hour)
	if resp := oaiRequest(t, s.Handler(), "verb=ListRecords&resumptionToken="+tok.Value, false); !slices.Equal(resp.errorCodes(), []string{"badResumptionToken"}) {
		t.Errorf("a ListIdentifiers token for ListRecords: %v", resp.errorCodes())
	}
}

func FuzzOAIToken(f *testing.F) {
	f.Add((oaiToken{Version: 1, Verb: "ListRecords", Prefix: "oai_dc", Cursor: 50, Size: 90, Until: 1, Skip: 3, Expires: 1 << 40}).encode())
	f.Add("")
	f.Add("e30")
	f.Fuzz(func(t *testing.T, raw string) {
		tok, err := decodeOAIToken(raw, "ListRecords", time.Unix(0, 0))
		if err != nil {
			if oe, ok := err.(*oaiError); !ok || oe.Code != "badResumptionToken" {
				t.Fatalf("error %v", err)
			}
			return
		}
		q, err := tok.query()
		if err != nil || q.Offset < 0 || q.Offset > catalog.MaxOffset || q.Sort != catalog.SortDate {
			t.Errorf("query %+v %v from token %+v", q, err, tok)
		}
	})
}
