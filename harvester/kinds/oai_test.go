package kinds

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// oaiDoc wraps inner in an OAI-PMH envelope.
func oaiDoc(inner string) []byte {
	return []byte(`<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<responseDate>2026-11-26T10:00:00Z</responseDate>
<request verb="ListRecords" metadataPrefix="oai_dc">https://repo.example/oai</request>
` + inner + `</OAI-PMH>`)
}

func oaiRecord(id, datestamp, title string) string {
	return `<record><header><identifier>` + id + `</identifier><datestamp>` + datestamp + `</datestamp><setSpec>migration</setSpec></header>
<metadata><oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:title>` + title + `</dc:title><dc:creator>Nowak, Anna</dc:creator><dc:language>eng</dc:language>
<dc:identifier>https://repo.example/record/` + id + `</dc:identifier></oai_dc:dc></metadata></record>`
}

func TestParseOAI(t *testing.T) {
	page, err := ParseOAI(oaiDoc(`<ListRecords>
<record><header><identifier>oai:repo.example:1</identifier><datestamp>2026-11-20T08:15:00Z</datestamp><setSpec>migration</setSpec><setSpec>reports</setSpec></header>
<metadata><oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">
 <dc:title xml:lang="en">Labour market integration of refugees &amp; migrants</dc:title>
 <dc:title xml:lang="de">Arbeitsmarktintegration</dc:title>
 <dc:creator>Nowak, Anna</dc:creator><dc:creator>Rossi, Marco</dc:creator>
 <dc:subject>employment</dc:subject><dc:subject>refugees</dc:subject>
 <dc:description>A study of <![CDATA[<b>ten</b>]]> cities.</dc:description>
 <dc:publisher>IRC</dc:publisher>
 <dc:date>2026-10</dc:date>
 <dc:type>report</dc:type>
 <dc:identifier>urn:nbn:at:1234</dc:identifier>
 <dc:identifier>doi:10.1234/abc.5</dc:identifier>
 <dc:identifier>https://repo.example/record/1</dc:identifier>
 <dc:language>ger</dc:language>
</oai_dc:dc></metadata></record>
<record><header status="deleted"><identifier>oai:repo.example:2</identifier><datestamp>2026-11-21</datestamp></header></record>
<record><header><datestamp>2026-11-21</datestamp></header></record>
<resumptionToken completeListSize="120" cursor="0" expirationDate="2026-11-27T10:00:00Z">tok/2?x=1&amp;y</resumptionToken>
</ListRecords>`))
	if err != nil {
		t.Fatal(err)
	}
	want := &OAIPage{
		ResponseDate:     time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC),
		ResumptionToken:  "tok/2?x=1&y",
		CompleteListSize: 120,
		Cursor:           0,
		Records: []OAIRecord{
			{
				Identifier: "oai:repo.example:1", Datestamp: time.Date(2026, 11, 20, 8, 15, 0, 0, time.UTC),
				Sets:         []string{"migration", "reports"},
				Titles:       []string{"Labour market integration of refugees & migrants", "Arbeitsmarktintegration"},
				Descriptions: []string{"A study of <b>ten</b> cities."},
				Creators:     []string{"Nowak, Anna", "Rossi, Marco"},
				Dates:        []string{"2026-10"},
				Languages:    []string{"ger"},
				Identifiers:  []string{"urn:nbn:at:1234", "doi:10.1234/abc.5", "https://repo.example/record/1"},
				Subjects:     []string{"employment", "refugees"},
				Types:        []string{"report"},
				Publishers:   []string{"IRC"},
			},
			{Identifier: "oai:repo.example:2", Datestamp: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC), Deleted: true},
		},
	}
	if diff := cmp.Diff(want, page); diff != "" {
		t.Errorf("ParseOAI (-want +got):\n%s", diff)
	}
	r := page.Records[0]
	if diff := cmp.Diff([]string{"https://doi.org/10.1234/abc.5", "https://repo.example/record/1"}, r.Links()); diff != "" {
		t.Errorf("Links (-want +got):\n%s", diff)
	}
	in := r.Input()
	if in.Key != "oai:repo.example:1" || in.URL != "https://doi.org/10.1234/abc.5" || in.Title != want.Records[0].Titles[0] ||
		in.Language != "de" || in.Summary != "A study of <b>ten</b> cities." || len(in.Authors) != 2 || len(in.Categories) != 2 ||
		!in.Published.Equal(time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)) || !in.Updated.Equal(r.Datestamp) {
		t.Errorf("Input = %+v", in)
	}
}

func TestParseOAIAnswers(t *testing.T) {
	tests := []struct {
		name    string
		body    []byte
		records int
		token   string
		err     error
		code    string
		msg     string
	}{
		{"last page has an empty token", oaiDoc(`<ListRecords>` + oaiRecord("oai:r:9", "2026-11-01", "t") + `<resumptionToken completeListSize="1" cursor="0"/></ListRecords>`), 1, "", nil, "", ""},
		{"noRecordsMatch is an empty page", oaiDoc(`<error code="noRecordsMatch">No records since 2026-11-25</error>`), 0, "", nil, "", ""},
		{"badArgument", oaiDoc(`<error code="badArgument">from has the wrong granularity</error>`), 0, "", nil, "badArgument", "badArgument: from has the wrong granularity"},
		{"badResumptionToken", oaiDoc(`<error code="badResumptionToken"/>`), 0, "", nil, "badResumptionToken", "may have expired"},
		{"cannotDisseminateFormat", oaiDoc(`<error code="cannotDisseminateFormat">no</error>`), 0, "", nil, "cannotDisseminateFormat", "Dublin Core"},
		{"Identify answer", oaiDoc(`<Identify><repositoryName>r</repositoryName></Identify>`), 0, "", ErrNotOAI, "", "no <ListRecords>"},
		{"HTML page", []byte(`<!DOCTYPE html><html><body>Login</body></html>`), 0, "", ErrNotOAI, "", "<html>"},
		{"empty", nil, 0, "", ErrNotOAI, "", "no XML element"},
		{"cut off", oaiDoc(`<ListRecords>` + oaiRecord("oai:r:1", "2026-11-01", "t"))[:300], 0, "", ErrNotOAI, "", "ends before"},
		{"deeply nested", oaiDoc(`<ListRecords><record><metadata>` + strings.Repeat("<x>", 100) + strings.Repeat("</x>", 100) + `</metadata></record></ListRecords>`), 0, "", ErrNotOAI, "", "nested more than"},
		{"too large", make([]byte, MaxOAIBytes+1), 0, "", ErrTooLarge, "", "more than"},
		{"entities are not expanded",
			[]byte(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY xxe SYSTEM "file:///etc/passwd">]>` +
				string(oaiDoc(`<ListRecords>` + oaiRecord("oai:r:1", "2026-11-01", "&b;&xxe;") + `</ListRecords>`))[len(`<?xml version="1.0" encoding="UTF-8"?>`):]),
			1, "", nil, "", ""},
		{"ISO-8859-1 declared", []byte("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><OAI-PMH><ListRecords>" + oaiRecord("oai:r:1", "2026-11-01", "Int\xe9gration") + "</ListRecords></OAI-PMH>"), 1, "", nil, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, err := ParseOAI(tt.body)
			var oe *OAIError
			switch {
			case tt.code != "":
				if !errors.As(err, &oe) || oe.Code != tt.code || page != nil {
					t.Fatalf("got %v, %v; want OAI error %s", page, err, tt.code)
				}
			case tt.err != nil:
				if !errors.Is(err, tt.err) || page != nil {
					t.Fatalf("got %v, %v; want %v", page, err, tt.err)
				}
			default:
				if err != nil {
					t.Fatal(err)
				}
				if len(page.Records) != tt.records || page.ResumptionToken != tt.token {
					t.Fatalf("%d records, token %q; want %d, %q", len(page.Records), page.ResumptionToken, tt.records, tt.token)
				}
				for _, r := range page.Records {
					if len(r.Titles) > 0 && (strings.Contains(r.Titles[0], "root:") || len(r.Titles[0]) > 100) {
						t.Errorf("entity expanded: %q", r.Titles[0])
					}
					if strings.Contains(tt.name, "ISO") && r.Titles[0] != "Intégration" {
						t.Errorf("title %q", r.Titles[0])
					}
				}
			}
			if tt.msg != "" && !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("message %q does not say %q", err, tt.msg)
			}
		})
	}
}

func TestParseOAIIsBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("<ListRecords>")
	for i := range MaxOAIRecords + 10 {
		b.WriteString(oaiRecord(fmt.Sprintf("oai:r:%d", i), "2026-11-01", "t"))
	}
	b.WriteString("</ListRecords>")
	page, err := ParseOAI(oaiDoc(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Records) != MaxOAIRecords || !page.Truncated {
		t.Errorf("%d records, truncated %v", len(page.Records), page.Truncated)
	}
	many := "<ListRecords><record><header><identifier>oai:r:1</identifier></header><metadata><dc xmlns=\"" + dcNamespace + "\">" +
		strings.Repeat("<subject>s</subject>", 1000) + "<title>" + strings.Repeat("t", 1<<20) + "</title></dc></metadata></record></ListRecords>"
	page, err = ParseOAI(oaiDoc(many))
	if err != nil {
		t.Fatal(err)
	}
	if r := page.Records[0]; len(r.Subjects) != maxOAIValues || len(r.Titles[0]) != maxOAIValue {
		t.Errorf("%d subjects, title of %d bytes", len(r.Subjects), len(r.Titles[0]))
	}
}

func TestListRecordsURL(t *testing.T) {
	from := time.Date(2026, 11, 25, 23, 30, 0, 0, time.FixedZone("", -2*3600)) // 2026-11-26 in UTC
	tests := []struct {
		base  string
		from  time.Time
		token string
		want  string
	}{
		{"https://repo.example/oai", time.Time{}, "", "https://repo.example/oai?metadataPrefix=oai_dc&verb=ListRecords"},
		{"https://repo.example/oai", from, "", "https://repo.example/oai?from=2026-11-26&metadataPrefix=oai_dc&verb=ListRecords"},
		{"https://repo.example/oai?set=migration&verb=Identify", from, "", "https://repo.example/oai?from=2026-11-26&metadataPrefix=oai_dc&set=migration&verb=ListRecords"},
		{"https://repo.example/oai?set=migration", from, "a b/c&d=", "https://repo.example/oai?resumptionToken=a+b%2Fc%26d%3D&verb=ListRecords"},
		{"ftp://repo.example/oai", from, "", ""},
		{"not a url", from, "", ""},
	}
	for _, tt := range tests {
		if got := ListRecordsURL(tt.base, tt.from, tt.token); got != tt.want {
			t.Errorf("ListRecordsURL(%q, %s, %q) = %q, want %q", tt.base, tt.from, tt.token, got, tt.want)
		}
	}
}

// TestOAIHarvestTwoPages walks a repository of two pages linked by a
// resumption token, as the harvester will.
func TestOAIHarvestTwoPages(t *testing.T) {
	var requests []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests = append(requests, r.URL.RawQuery)
		q := r.URL.Query()
		w.Header().Set("Content-Type", "text/xml; charset=utf-8")
		switch {
		case q.Get("verb") != "ListRecords":
			w.Write(oaiDoc(`<error code="badVerb">unknown verb</error>`))
		case q.Get("resumptionToken") == "page-2":
			if len(q) != 2 {
				w.Write(oaiDoc(`<error code="badArgument">resumptionToken is exclusive</error>`))
				return
			}
			w.Write(oaiDoc(`<ListRecords>` + oaiRecord("oai:r:3", "2026-11-22", "Three") + `<resumptionToken completeListSize="3" cursor="2"/></ListRecords>`))
		case q.Get("metadataPrefix") == "oai_dc" && q.Get("from") == "2026-11-20":
			w.Write(oaiDoc(`<ListRecords>` + oaiRecord("oai:r:1", "2026-11-20", "One") + oaiRecord("oai:r:2", "2026-11-21", "Two") +
				`<resumptionToken completeListSize="3" cursor="0">page-2</resumptionToken></ListRecords>`))
		default:
			w.Write(oaiDoc(`<error code="noRecordsMatch"/>`))
		}
	}))
	defer srv.Close()

	from := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	var titles []string
	token := ""
	for range 10 {
		body := mustGet(t, ListRecordsURL(srv.URL+"/oai", from, token))
		page, err := ParseOAI(body)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range page.Records {
			titles = append(titles, r.Titles[0])
		}
		if token = page.ResumptionToken; token == "" {
			break
		}
	}
	if diff := cmp.Diff([]string{"One", "Two", "Three"}, titles); diff != "" {
		t.Errorf("titles (-want +got):\n%s", diff)
	}
	if len(requests) != 2 {
		t.Errorf("%d requests: %v", len(requests), requests)
	}
	// Nothing new since a later date: an empty page, not an error.
	page, err := ParseOAI(mustGet(t, ListRecordsURL(srv.URL+"/oai", from.AddDate(0, 0, 10), "")))
	if err != nil || len(page.Records) != 0 || page.ResumptionToken != "" {
		t.Errorf("noRecordsMatch: %+v, %v", page, err)
	}
}
