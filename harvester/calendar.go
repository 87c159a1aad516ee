package harvester

import (
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/harvester/kinds"
)

// ParseCalendar parses an iCalendar file fetched from calURL into
// normaliser inputs, one per event occurrence (see kinds.ParseICalAt),
// each with its event as a hint and the source's defaults. Cancelled
// events are left out, so that they are missed, and in time marked gone,
// like items a feed no longer shows. The error wraps kinds.ErrNotICal or
// kinds.ErrTooLarge and carries the parser's reason.
func ParseCalendar(body []byte, calURL string, src *catalog.Source, now time.Time) (*Feed, error) {
	events, err := kinds.ParseICalAt(body, calURL, now)
	if err != nil {
		return nil, err
	}
	out := &Feed{}
	for _, ev := range events {
		if ev.Status == "CANCELLED" {
			continue
		}
		in := ev.Input
		in.SourceID = src.ID
		in.SourceLanguage, in.SourceCountry = src.Language, src.Country
		in.Event = ev.Event
		if in.SchemaType == "" {
			in.SchemaType = "Event"
		}
		out.Items = append(out.Items, in)
	}
	return out, nil
}
