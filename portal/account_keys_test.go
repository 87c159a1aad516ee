package portal

import (
	"testing"

	"github.com/ewsi/hub/catalog"
)

// TestAccountKeysExist checks the message keys that account pages build
// from vocabularies rather than write literally.
func TestAccountKeysExist(t *testing.T) {
	b := mustBundle(t)
	var keys []string
	for _, r := range catalog.Roles {
		keys = append(keys, "role."+string(r))
	}
	for _, o := range catalog.OrganisationTypes {
		keys = append(keys, "orgtype."+o.Slug)
	}
	for _, st := range []catalog.RegistrationState{catalog.RegistrationPending, catalog.RegistrationApproved, catalog.RegistrationRefused} {
		keys = append(keys, "sources.state."+string(st))
	}
	for _, st := range []string{"ok", "not_modified", "failed"} {
		keys = append(keys, "sources.run."+st)
	}
	for _, r := range []*refusal{errForbidden, errBadCSRF, errOrigin, errTooMany(0)} {
		keys = append(keys, r.key+".title", r.key+".text")
	}
	for _, m := range mailNames {
		keys = append(keys, "mail."+m+".subject", "mail."+m+".text")
	}
	for _, lang := range b.Languages() {
		loc := b.Locale(lang)
		for _, k := range keys {
			if !loc.Has(k) {
				t.Errorf("%s: %q is missing", lang, k)
			}
		}
	}
}
