// Package lang tells which language a text is written in. It wraps
// lingua-go, restricted to the languages the hub's sources publish in (the
// official EU languages lingua knows, Icelandic, Norwegian, Arabic, Turkish,
// Ukrainian, Russian, Albanian, Persian and Somali), and adds a small
// Maltese detector of its own, run first, because lingua has no Maltese
// model and would file Maltese as Italian. It also normalises declared
// language tags ("en-GB", "nb") to the codes the catalog stores.
//
// It does not decide between a detection and declared hints: the normalizer
// does that. Detection never fails; a text it cannot place yields "".
package lang
