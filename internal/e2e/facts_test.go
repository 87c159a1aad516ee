package e2e

import (
	"context"
	"strings"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/fixtureweb"
	"github.com/ewsi/hub/portal"
)

// factsCatalog adds the fixture web's event and funding facts to the
// documents of a catalog that does not store them yet. The normalizer
// reads these facts and the stores will persist them (other slices of the
// work); until both have landed, the calendar and funding pages would
// show every event and call without a date. Documents that already carry
// Event or Funding are returned as they are, so this wrapper becomes a
// no-op, and can go, once the real data flows.
type factsCatalog struct {
	portal.Catalog
	items map[string]fixtureweb.Item // by absolute URL
}

func withFacts(c portal.Catalog, base string) portal.Catalog {
	f := &factsCatalog{Catalog: c, items: map[string]fixtureweb.Item{}}
	for _, it := range fixtureweb.Items() {
		f.items[strings.TrimRight(base, "/")+it.Path] = it
	}
	return f
}

func (f *factsCatalog) Document(ctx context.Context, id int64) (*catalog.Document, error) {
	d, err := f.Catalog.Document(ctx, id)
	if err != nil {
		return nil, err
	}
	it, ok := f.items[d.URL]
	if !ok {
		return d, nil
	}
	if d.Event == nil && it.Event != nil {
		d.Event = &catalog.Event{
			Start:                it.Event.Start,
			End:                  it.Event.End,
			TimeZone:             it.Event.Start.Location().String(),
			Location:             it.Event.Location,
			Online:               it.Event.Online,
			RegistrationDeadline: it.Event.RegistrationDeadline,
		}
	}
	if d.Funding == nil && it.Funding != nil {
		d.Funding = &catalog.Funding{
			Programme:         it.Funding.Programme,
			CallID:            it.Funding.CallID,
			Deadline:          it.Funding.Deadline,
			TimeZone:          it.Funding.Deadline.Location().String(),
			Budget:            float64(it.Funding.Budget),
			Currency:          "EUR",
			EligibleCountries: it.Countries,
		}
	}
	return d, nil
}
