package catalog

import (
	"errors"
	"testing"
)

func TestCorrectionValidate(t *testing.T) {
	ok := Correction{DocumentID: 1, Field: FieldContentType, OldValue: "news", NewValue: "event", Editor: "ed"}
	if err := ok.Validate(); err != nil {
		t.Errorf("valid correction: %v", err)
	}
	for name, c := range map[string]Correction{
		"no document":   {Field: FieldContentType, NewValue: "event", Editor: "ed"},
		"unknown field": {DocumentID: 1, Field: "title", NewValue: "x", Editor: "ed"},
		"no editor":     {DocumentID: 1, Field: FieldThemes, NewValue: "health"},
		"no change":     {DocumentID: 1, Field: FieldThemes, OldValue: "health", NewValue: "health", Editor: "ed"},
	} {
		if err := c.Validate(); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: %v, want ErrInvalid", name, err)
		}
	}
}

func TestSourceRuleValidate(t *testing.T) {
	for name, r := range map[string]SourceRule{
		"type by URL":      {SourceID: 1, URLPrefix: "https://x/events/", Field: FieldContentType, Value: "event"},
		"theme by keyword": {SourceID: 1, TitleKeyword: "Sprachkurs", Field: FieldThemes, Value: "language-competencies"},
		"remove country":   {SourceID: 1, URLPrefix: "https://x/", Field: FieldCountries, Value: "EU", Remove: true},
	} {
		if err := r.Validate(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	for name, r := range map[string]SourceRule{
		"no source":   {URLPrefix: "https://x/", Field: FieldContentType, Value: "event"},
		"no pattern":  {SourceID: 1, Field: FieldContentType, Value: "event"},
		"bad type":    {SourceID: 1, URLPrefix: "https://x/", Field: FieldContentType, Value: "blog"},
		"remove type": {SourceID: 1, URLPrefix: "https://x/", Field: FieldContentType, Value: "event", Remove: true},
		"bad theme":   {SourceID: 1, URLPrefix: "https://x/", Field: FieldThemes, Value: "cooking"},
		"bad country": {SourceID: 1, URLPrefix: "https://x/", Field: FieldCountries, Value: "XX"},
		"bad field":   {SourceID: 1, URLPrefix: "https://x/", Field: "title", Value: "x"},
	} {
		if err := r.Validate(); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: %v, want ErrInvalid", name, err)
		}
	}
}

func TestRulesFromCorrection(t *testing.T) {
	d := &Document{ID: 5, SourceID: 2}
	rs := RulesFromCorrection(Correction{ID: 9, DocumentID: 5, Field: FieldContentType, OldValue: "news",
		NewValue: "event", Editor: "ed"}, d, "https://x/agenda/", "")
	if len(rs) != 1 || rs[0].Value != "event" || rs[0].SourceID != 2 || rs[0].CorrectionID != 9 || rs[0].URLPrefix != "https://x/agenda/" {
		t.Errorf("type rule: %+v", rs)
	}
	rs = RulesFromCorrection(Correction{Field: FieldCountries, OldValue: "EU,FR", NewValue: "FR,BE"}, d, "", "Bruxelles")
	if len(rs) != 2 || rs[0].Value != "BE" || rs[0].Remove || rs[1].Value != "EU" || !rs[1].Remove {
		t.Errorf("country rules: %+v", rs)
	}
}

func TestHashCoversStructuredFields(t *testing.T) {
	d := Document{Title: "T", Text: "x"}
	h := d.Hash()
	d.Event = &Event{Location: "Lyon"}
	if d.Hash() == h {
		t.Error("an event does not change the hash")
	}
	h = d.Hash()
	d.Labels = []Label{{Kind: LabelType, Slug: "event", Confidence: 0.8}}
	if d.Hash() == h {
		t.Error("labels do not change the hash")
	}
	h = d.Hash()
	d.Labels[0].Confidence = 0.8001
	if d.Hash() != h {
		t.Error("noise below two decimals changes the hash")
	}
}

func TestApplyCorrection(t *testing.T) {
	d := &Document{ContentType: "news", Themes: []string{"social-cohesion", "housing"}, Countries: []string{"EU"},
		Labels: []Label{{Kind: LabelType, Slug: "news", Confidence: 0.7, From: "url"},
			{Kind: LabelSubTheme, Slug: "housing", Confidence: 0.8, From: "text"},
			{Kind: LabelCountry, Slug: "EU", Confidence: 0.7, From: "source"}}}
	ApplyCorrection(d, Correction{Field: FieldContentType, OldValue: "news", NewValue: "event"})
	if d.ContentType != "event" || d.Labels[0] != (Label{Kind: LabelType, Slug: "event", Confidence: 1, From: "editor"}) {
		t.Errorf("type: %q %+v", d.ContentType, d.Labels)
	}
	for _, l := range d.Labels {
		if l.Kind == LabelType && l.Slug == "news" && l.Confidence >= ConfidenceAssigned {
			t.Errorf("old type still assigned: %+v", l)
		}
	}
	ApplyCorrection(d, Correction{Field: FieldThemes, NewValue: "health,language-competencies"})
	want := []string{"social-cohesion", "health", "education-culture", "language-competencies"}
	if len(d.Themes) != len(want) {
		t.Fatalf("themes %v, want %v", d.Themes, want)
	}
	for i := range want {
		if d.Themes[i] != want[i] {
			t.Errorf("themes %v, want %v", d.Themes, want)
		}
	}
	ApplyCorrection(d, Correction{Field: FieldCountries, NewValue: "FR,BE"})
	n := 0
	for _, l := range d.Labels {
		if l.Kind == LabelCountry {
			n++
			if l.From != "editor" {
				t.Errorf("country label %+v", l)
			}
		}
		if l.Slug == "housing" {
			t.Errorf("removed sub-theme kept: %+v", l)
		}
	}
	if n != 2 {
		t.Errorf("%d country labels, want 2", n)
	}
}
