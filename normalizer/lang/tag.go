package lang

import (
	"strings"

	"golang.org/x/text/language"
)

// Normalize turns a declared language tag ("en-GB", "EN", "de_AT", "nb",
// "fil") into the code the catalog stores: ISO 639-1 where one exists, else
// ISO 639-3, lower case. Norwegian in any written form ("nb", "nn", "no")
// becomes "no", as the detector reports it. It returns "" for an empty,
// undetermined ("und", "mul") or malformed tag.
func Normalize(tag string) string {
	tag = strings.TrimSpace(tag)
	if tag == "" || len(tag) > 64 {
		return ""
	}
	t, err := language.Parse(strings.ReplaceAll(tag, "_", "-"))
	if err != nil {
		return ""
	}
	base, conf := t.Base()
	if conf < language.High {
		return ""
	}
	code := base.String()
	switch code {
	case "und", "mul", "zxx", "mis":
		return ""
	case "nb", "nn":
		return "no"
	}
	return code
}
