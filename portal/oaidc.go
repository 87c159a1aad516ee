package portal

import (
	"net/http"

	"github.com/ewsi/hub/catalog"
)

// oaiDC is an oai_dc record: unqualified Dublin Core. The element names
// carry their prefixes literally, bound by the attributes on oai_dc:dc,
// because encoding/xml would otherwise redeclare a default namespace on
// every element.
type oaiDC struct {
	XMLNSOAIDC     string    `xml:"xmlns:oai_dc,attr"`
	XMLNSDC        string    `xml:"xmlns:dc,attr"`
	SchemaLocation string    `xml:"xsi:schemaLocation,attr"`
	Titles         []dcValue `xml:"dc:title"`
	Creators       []dcValue `xml:"dc:creator"`
	Subjects       []dcValue `xml:"dc:subject"`
	Descriptions   []dcValue `xml:"dc:description"`
	Publishers     []dcValue `xml:"dc:publisher"`
	Dates          []dcValue `xml:"dc:date"`
	Types          []dcValue `xml:"dc:type"`
	Identifiers    []dcValue `xml:"dc:identifier"`
	Languages      []dcValue `xml:"dc:language"`
	Coverage       []dcValue `xml:"dc:coverage"`
}

// dcValue is one Dublin Core element, with the language of its text
// when it is the document's own.
type dcValue struct {
	Lang  string `xml:"xml:lang,attr,omitempty"`
	Value string `xml:",chardata"`
}

// newOAIDC describes a document in oai_dc. Vocabulary terms (themes,
// type, countries) are given by their English names; identifiers are
// the original address and the document's page on the hub.
func (s *Server) newOAIDC(r *http.Request, d *catalog.Document, src catalog.Source) oaiDC {
	dc := oaiDC{
		XMLNSOAIDC:     oaiDCNamespace,
		XMLNSDC:        dcNamespace,
		SchemaLocation: oaiDCNamespace + " " + oaiDCSchema,
		Titles:         []dcValue{{Lang: d.Language, Value: d.Title}},
	}
	for _, a := range d.Authors {
		dc.Creators = append(dc.Creators, dcValue{Value: a})
	}
	en := s.bundle.Locale("en")
	for _, t := range d.Themes {
		dc.Subjects = append(dc.Subjects, dcValue{Lang: "en", Value: en.ThemeName(t)})
	}
	if d.Summary != "" {
		dc.Descriptions = append(dc.Descriptions, dcValue{Lang: d.Language, Value: d.Summary})
	}
	switch {
	case src.Publisher != "":
		dc.Publishers = append(dc.Publishers, dcValue{Value: src.Publisher})
	case src.Name != "":
		dc.Publishers = append(dc.Publishers, dcValue{Value: src.Name})
	}
	if !d.Published.IsZero() {
		dc.Dates = append(dc.Dates, dcValue{Value: d.Published.UTC().Format(oaiDayFormat)})
	}
	if d.ContentType != "" {
		dc.Types = append(dc.Types, dcValue{Lang: "en", Value: en.TypeName(d.ContentType)})
	}
	if d.URL != "" {
		dc.Identifiers = append(dc.Identifiers, dcValue{Value: d.URL})
	}
	dc.Identifiers = append(dc.Identifiers, dcValue{Value: s.absURL(r, documentPath("en", d.ID))})
	if d.Language != "" {
		dc.Languages = append(dc.Languages, dcValue{Value: d.Language})
	}
	for _, c := range d.Countries {
		dc.Coverage = append(dc.Coverage, dcValue{Lang: "en", Value: en.CountryName(c)})
	}
	return dc
}
