// Package concepts is the hub's one multilingual controlled vocabulary of
// integration concepts: what a document about the integration of migrants
// talks about ("labour market integration", "insertion professionnelle",
// "berufliche Integration", "inserimento lavorativo"…), which theme,
// sub-theme or content type each concept signals, and the labels of the
// themes, content types and countries in the interface languages.
//
// The normalizer classifies documents with Match; the search engines will
// expand queries across languages with Equivalents; the portal shows
// ThemeLabel, TypeLabel and CountryLabel. Keeping all of it here means a
// synonym added once serves all three.
//
// Matching works on text folded by catalog/analysis (case and diacritics
// removed). A label matches consecutive words; each word of a label
// tolerates inflection by a simple, documented rule per language (see
// stem.go); a label word ending in "*" matches any word starting with it,
// for German and Dutch compounds ("integrationskurs*" matches
// "Integrationskursen" and "Integrationskursträger").
//
// It does not decide a document's labels: weighing hits from titles,
// texts, feeds and sources into confidences is the normalizer's job. It
// imports only the standard library and catalog/analysis.
package concepts
