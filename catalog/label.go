package catalog

import "strconv"

// LabelKind says which vocabulary a Label's slug belongs to.
type LabelKind string

// The kinds of label a classifier assigns.
const (
	LabelTheme    LabelKind = "theme"     // a theme slug (Themes)
	LabelSubTheme LabelKind = "sub-theme" // a sub-theme slug (Themes[i].Sub)
	LabelType     LabelKind = "type"      // a content type slug (ContentTypes)
	LabelCountry  LabelKind = "country"   // a country code (Countries)
)

// Label is one classification of a document with the classifier's
// confidence in it.
type Label struct {
	Kind LabelKind
	Slug string
	// Confidence is in [0, 1]: 1 for what an editor or a source rule set,
	// otherwise how strongly the evidence supports the label.
	Confidence float64
	// From names the strongest evidence: "title", "text", "category",
	// "source", "schema", "url", "structured" (event or funding facts
	// found), "rule" (a source rule) or "editor".
	From string
}

// Confidence levels that the classifier and the portal share.
const (
	// ConfidenceAssigned is the least confidence of a label the classifier
	// assigns (copied to Themes, ContentType or Countries).
	ConfidenceAssigned = 0.5
	// ConfidenceCertain is the confidence of a label set by an editor or a
	// source rule.
	ConfidenceCertain = 1.0
)

// labelsKey writes labels for Document.Hash, confidences to two decimals
// so that noise in the last digits does not make an update.
func labelsKey(ls []Label) string {
	var b []byte
	for _, l := range ls {
		b = append(b, l.Kind...)
		b = append(b, ':')
		b = append(b, l.Slug...)
		b = append(b, ':')
		b = strconv.AppendFloat(b, l.Confidence, 'f', 2, 64)
		b = append(b, ':')
		b = append(b, l.From...)
		b = append(b, ';')
	}
	return string(b)
}
