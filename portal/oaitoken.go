package portal

import (
	"encoding/base64"
	"encoding/json"
	"net/url"
	"time"

	"github.com/ewsi/hub/catalog"
)

// oaiToken is the state of a list harvest, carried by the harvester in
// the resumption token so the server keeps none. Lists are read newest
// first; each page asks for the documents published at or before Until,
// skipping the Skip ones at exactly Until that earlier pages returned.
// Paging by a moving date bound instead of an offset reaches every
// record however long the list (offsets stop at catalog.MaxOffset), and
// a document added meanwhile with a newer date never shifts the pages.
//
// A token is base64url JSON: opaque to harvesters, checked in full when
// it comes back, and worthless to forge, since it can only ask for what
// the arguments could.
type oaiToken struct {
	Version int    `json:"v"`
	Verb    string `json:"verb"`
	Prefix  string `json:"p"`
	Set     string `json:"s,omitempty"`
	From    int64  `json:"f,omitempty"` // Unix µs, inclusive; 0 when open
	Until   int64  `json:"u,omitempty"` // Unix µs, inclusive; 0 when open
	Skip    int    `json:"k,omitempty"`
	Cursor  int    `json:"c,omitempty"` // records returned before this page
	Size    int    `json:"n,omitempty"` // completeListSize, from the first page
	Expires int64  `json:"e,omitempty"` // Unix seconds
}

const oaiTokenVersion = 1

// newOAIToken reads the arguments of a first list request.
func newOAIToken(verb string, args url.Values) (oaiToken, error) {
	t := oaiToken{Version: oaiTokenVersion, Verb: verb, Prefix: args.Get("metadataPrefix"), Set: args.Get("set")}
	from, fromDay, err := parseOAIDate(args.Get("from"), false)
	if err != nil {
		return t, oaiErr("badArgument", "from %q is not a UTC date (YYYY-MM-DD) or time (YYYY-MM-DDThh:mm:ssZ)", shorten(args.Get("from")))
	}
	until, untilDay, err := parseOAIDate(args.Get("until"), true)
	if err != nil {
		return t, oaiErr("badArgument", "until %q is not a UTC date (YYYY-MM-DD) or time (YYYY-MM-DDThh:mm:ssZ)", shorten(args.Get("until")))
	}
	if !from.IsZero() && !until.IsZero() {
		if fromDay != untilDay {
			return t, oaiErr("badArgument", "from and until must have the same granularity")
		}
		if from.After(until) {
			return t, oaiErr("badArgument", "from is later than until")
		}
	}
	if !from.IsZero() {
		t.From = from.UnixMicro()
	}
	if !until.IsZero() {
		t.Until = until.UnixMicro()
	}
	if t.Prefix != oaiDCPrefix {
		return t, oaiErr("cannotDisseminateFormat", "the only metadata format is oai_dc, not %q", shorten(t.Prefix))
	}
	if t.Set != "" {
		if _, ok := oaiSetFilter(t.Set); !ok {
			return t, oaiErr("badArgument", "there is no set %q; ListSets lists them", shorten(t.Set))
		}
	}
	return t, nil
}

// parseOAIDate reads a datestamp argument in either granularity, saying
// whether it was a day. A day as an upper bound means its last instant;
// a time as an upper bound means the last instant of its second, since
// datestamps are shown to the second.
func parseOAIDate(s string, upper bool) (time.Time, bool, error) {
	if s == "" {
		return time.Time{}, false, nil
	}
	if t, err := time.Parse(oaiDayFormat, s); err == nil && len(s) == len(oaiDayFormat) {
		if upper {
			t = t.Add(24*time.Hour - time.Microsecond)
		}
		return t, true, nil
	}
	t, err := time.Parse(oaiTimeFormat, s)
	if err != nil || len(s) != len(oaiTimeFormat) {
		return time.Time{}, false, errBadDate
	}
	if upper {
		t = t.Add(time.Second - time.Microsecond)
	}
	return t, false, nil
}

var errBadDate = oaiErr("badArgument", "bad date")

func (t oaiToken) encode() string {
	b, _ := json.Marshal(t)
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodeOAIToken reads a token back for verb, refusing with
// badResumptionToken one that is malformed, expired, or for another verb.
func decodeOAIToken(raw, verb string, now time.Time) (oaiToken, error) {
	var t oaiToken
	bad := oaiErr("badResumptionToken", "the resumption token is not valid; start the list again")
	if len(raw) > 1024 {
		return t, bad
	}
	b, err := base64.RawURLEncoding.DecodeString(raw)
	if err != nil || json.Unmarshal(b, &t) != nil {
		return t, bad
	}
	if t.Version != oaiTokenVersion || t.Verb != verb || t.Prefix != oaiDCPrefix ||
		t.Skip < 0 || t.Skip > catalog.MaxOffset || t.Cursor <= 0 || t.Size <= 0 ||
		(t.From != 0 && t.Until != 0 && t.From > t.Until) {
		return t, bad
	}
	if t.Set != "" {
		if _, ok := oaiSetFilter(t.Set); !ok {
			return t, bad
		}
	}
	if t.Expires == 0 || now.Unix() > t.Expires {
		return t, oaiErr("badResumptionToken", "the resumption token has expired; start the list again")
	}
	return t, nil
}

// query is the catalog query of the token's page; the caller sets Limit.
func (t oaiToken) query() (catalog.Query, error) {
	q := catalog.Query{Sort: catalog.SortDate, Offset: t.Skip, From: oaiEarliest}
	if t.From != 0 {
		q.From = time.UnixMicro(t.From).UTC()
		if q.From.Before(oaiEarliest) {
			q.From = oaiEarliest
		}
	}
	if t.Until != 0 {
		q.Until = time.UnixMicro(t.Until).UTC()
	}
	if t.Set != "" {
		f, _ := oaiSetFilter(t.Set)
		q.Themes, q.ContentTypes, q.Countries = f.Themes, f.ContentTypes, f.Countries
	}
	return q, nil
}

// after returns the token of the page that follows hits (newest first).
func (t oaiToken) after(hits []catalog.Hit) oaiToken {
	n := t
	n.Cursor = t.Cursor + len(hits)
	last := hits[len(hits)-1].Published.UnixMicro()
	same := 0
	for _, h := range hits {
		if h.Published.UnixMicro() == last {
			same++
		}
	}
	if t.Until == last {
		same += t.Skip
	}
	n.Until, n.Skip = last, same
	return n
}
