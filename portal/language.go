package portal

import (
	"net/http"
	"strconv"
	"strings"

	"golang.org/x/text/language"
)

// negotiate picks the interface language for an Accept-Language header,
// honouring q-values; English when nothing acceptable is offered.
func (s *Server) negotiate(header string) string {
	_, i, conf := s.matcher.Match(acceptedTags(header)...)
	if conf == language.No {
		return s.langs[0]
	}
	return s.langs[i]
}

// acceptedTags parses an Accept-Language header into tags, most preferred
// first, leaving out ranges with q=0. A header that x/text refuses as a
// whole (one bad range spoils it) is read range by range instead, keeping
// the good ones.
func acceptedTags(header string) []language.Tag {
	if tags, _, err := language.ParseAcceptLanguage(header); err == nil {
		return tags
	}
	type weighted struct {
		tag language.Tag
		q   float64
	}
	var ws []weighted
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err != nil || f < 0 || f > 1 {
				continue
			}
			q = f
		}
		tag, err := language.Parse(strings.TrimSpace(name))
		if err != nil || q == 0 {
			continue
		}
		ws = append(ws, weighted{tag, q})
	}
	// Stable insertion sort by descending q: headers are short.
	for i := 1; i < len(ws); i++ {
		for j := i; j > 0 && ws[j].q > ws[j-1].q; j-- {
			ws[j], ws[j-1] = ws[j-1], ws[j]
		}
	}
	tags := make([]language.Tag, len(ws))
	for i, w := range ws {
		tags[i] = w.tag
	}
	return tags
}

func newMatcher(langs []string) language.Matcher {
	tags := make([]language.Tag, len(langs))
	for i, l := range langs {
		tags[i] = language.Make(l)
	}
	return language.NewMatcher(tags)
}

// pathLanguage returns the interface language a path starts with.
func (s *Server) pathLanguage(path string) (string, bool) {
	first, _, _ := strings.Cut(strings.TrimPrefix(path, "/"), "/")
	for _, l := range s.langs {
		if first == l {
			return l, true
		}
	}
	return "", false
}

// handleRootRedirect sends / to the home page in the browser's language.
func (s *Server) handleRootRedirect(w http.ResponseWriter, r *http.Request) {
	w.Header().Add("Vary", "Accept-Language")
	http.Redirect(w, r, "/"+s.negotiate(r.Header.Get("Accept-Language"))+"/", http.StatusSeeOther)
}
