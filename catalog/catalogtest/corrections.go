package catalogtest

import (
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/google/go-cmp/cmp"
)

func mustGetDocument(t testing.TB, s Store, id int64) *catalog.Document {
	t.Helper()
	d, err := s.Document(t.Context(), id)
	if err != nil {
		t.Fatalf("Document(%d): %v", id, err)
	}
	return d
}

func testCorrections(t *testing.T, open func(t *testing.T) Store) {
	t.Run("RecordAppliesAndLists", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		src := mustSource(t, s, feed("https://news.example/feed"))
		other := mustSource(t, s, feed("https://other.example/feed"))
		d := mustUpsert(t, s, fullDocument(src.ID), catalog.Created)
		o := mustUpsert(t, s, doc(other.ID, "o"), catalog.Created)

		c1 := catalog.Correction{DocumentID: d.ID, Field: catalog.FieldContentType, OldValue: "report",
			NewValue: "research", Editor: "editor-fr", At: t0}
		if err := s.RecordCorrection(ctx, &c1); err != nil {
			t.Fatalf("RecordCorrection: %v", err)
		}
		if c1.ID <= 0 {
			t.Errorf("ID = %d, want > 0", c1.ID)
		}
		c2 := catalog.Correction{DocumentID: d.ID, Field: catalog.FieldThemes, OldValue: "social-inclusion,social-cohesion",
			NewValue: "social-cohesion,housing", Editor: "editor-fr", At: t0.Add(time.Hour)}
		if err := s.RecordCorrection(ctx, &c2); err != nil {
			t.Fatalf("RecordCorrection: %v", err)
		}
		c3 := catalog.Correction{DocumentID: o.ID, Field: catalog.FieldCountries, NewValue: "BE", Editor: "ed"}
		if err := s.RecordCorrection(ctx, &c3); err != nil {
			t.Fatalf("RecordCorrection: %v", err)
		}
		checkUTC(t, "At defaulted", c3.At)

		got := mustGetDocument(t, s, d.ID)
		if got.ContentType != "research" || !cmp.Equal(got.Themes, []string{"social-cohesion", "housing"}) {
			t.Errorf("document after corrections: type %q themes %v", got.ContentType, got.Themes)
		}
		if got.ContentHash != d.ContentHash {
			t.Errorf("a correction changed the content hash, so an unchanged re-harvest would undo it")
		}
		if og := mustGetDocument(t, s, o.ID); !cmp.Equal(og.Countries, []string{"BE"}) {
			t.Errorf("countries %v, want [BE]", og.Countries)
		}
		editor := 0
		for _, l := range got.Labels {
			if l.From == "editor" && l.Confidence == catalog.ConfidenceCertain {
				editor++
			}
			if l.Slug == "social-inclusion" {
				t.Errorf("label of a removed sub-theme kept: %+v", l)
			}
		}
		if editor != 3 { // research, social-cohesion, housing
			t.Errorf("%d labels from the editor, want 3: %+v", editor, got.Labels)
		}

		list, err := s.CorrectionsForSource(ctx, src.ID, 0)
		if err != nil {
			t.Fatalf("CorrectionsForSource: %v", err)
		}
		if diff := cmp.Diff([]catalog.Correction{c2, c1}, list); diff != "" {
			t.Errorf("CorrectionsForSource (-want +got):\n%s", diff)
		}
		if one, _ := s.CorrectionsForSource(ctx, src.ID, 1); len(one) != 1 || one[0].ID != c2.ID {
			t.Errorf("limit 1: %+v", one)
		}
		if none, err := s.CorrectionsForSource(ctx, 9999, 0); err != nil || len(none) != 0 {
			t.Errorf("unknown source: %v, %v", none, err)
		}
	})

	t.Run("RecordErrors", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		src := mustSource(t, s, feed("https://news.example/feed"))
		d := mustUpsert(t, s, doc(src.ID, "a"), catalog.Created)
		wantErr(t, "unknown document", s.RecordCorrection(ctx, &catalog.Correction{DocumentID: 9999,
			Field: catalog.FieldContentType, NewValue: "news", Editor: "ed"}), catalog.ErrNotFound)
		wantErr(t, "unknown field", s.RecordCorrection(ctx, &catalog.Correction{DocumentID: d.ID,
			Field: "title", NewValue: "x", Editor: "ed"}), catalog.ErrInvalid)
		wantErr(t, "no editor", s.RecordCorrection(ctx, &catalog.Correction{DocumentID: d.ID,
			Field: catalog.FieldContentType, NewValue: "news"}), catalog.ErrInvalid)
		wantErr(t, "NUL byte", s.RecordCorrection(ctx, &catalog.Correction{DocumentID: d.ID,
			Field: catalog.FieldContentType, NewValue: "news\x00", Editor: "ed"}), catalog.ErrInvalid)
	})

	t.Run("RulesFromCorrections", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		src := mustSource(t, s, feed("https://news.example/feed"))
		d := mustUpsert(t, s, fullDocument(src.ID), catalog.Created)
		c := catalog.Correction{DocumentID: d.ID, Field: catalog.FieldThemes, OldValue: "social-inclusion,social-cohesion",
			NewValue: "social-cohesion,housing", Editor: "editor-fr"}
		if err := s.RecordCorrection(ctx, &c); err != nil {
			t.Fatal(err)
		}
		rules := catalog.RulesFromCorrection(c, &d, "https://news.example/2024/", "")
		if len(rules) != 2 || rules[0].Value != "housing" || rules[0].Remove || rules[1].Value != "social-inclusion" || !rules[1].Remove {
			t.Fatalf("RulesFromCorrection = %+v", rules)
		}
		for i := range rules {
			if err := s.AddSourceRule(ctx, &rules[i]); err != nil {
				t.Fatalf("AddSourceRule: %v", err)
			}
		}
		typeRule := catalog.SourceRule{SourceID: src.ID, TitleKeyword: "appel à projets", Field: catalog.FieldContentType,
			Value: "funding", CreatedBy: "ed", CreatedAt: t0}
		if err := s.AddSourceRule(ctx, &typeRule); err != nil {
			t.Fatalf("AddSourceRule: %v", err)
		}
		got, err := s.SourceRules(ctx, src.ID)
		if err != nil {
			t.Fatalf("SourceRules: %v", err)
		}
		if len(got) != 3 {
			t.Fatalf("SourceRules = %+v, want 3", got)
		}
		if got[0].CorrectionID != c.ID || got[0].URLPrefix != "https://news.example/2024/" || got[0].ID != rules[0].ID {
			t.Errorf("first rule %+v", got[0])
		}
		checkUTC(t, "CreatedAt", got[0].CreatedAt)
		if diff := cmp.Diff(typeRule, got[2]); diff != "" {
			t.Errorf("third rule (-want +got):\n%s", diff)
		}
		if err := s.DeleteSourceRule(ctx, got[1].ID); err != nil {
			t.Fatalf("DeleteSourceRule: %v", err)
		}
		if after, _ := s.SourceRules(ctx, src.ID); len(after) != 2 {
			t.Errorf("after delete: %d rules", len(after))
		}
		wantErr(t, "delete unknown", s.DeleteSourceRule(ctx, 9999), catalog.ErrNotFound)
		wantErr(t, "unknown source", s.AddSourceRule(ctx, &catalog.SourceRule{SourceID: 9999, URLPrefix: "https://x/",
			Field: catalog.FieldContentType, Value: "news"}), catalog.ErrNotFound)
		wantErr(t, "no pattern", s.AddSourceRule(ctx, &catalog.SourceRule{SourceID: src.ID,
			Field: catalog.FieldContentType, Value: "news"}), catalog.ErrInvalid)
		wantErr(t, "unknown theme", s.AddSourceRule(ctx, &catalog.SourceRule{SourceID: src.ID, URLPrefix: "https://x/",
			Field: catalog.FieldThemes, Value: "gardening"}), catalog.ErrInvalid)
	})
}
