package sqlite

import (
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/ewsi/hub/catalog"
)

// Labels and the structured fields are JSON columns (migration 00020),
// and so are translations (migration 00023).
// Times inside them are stored in UTC, like every time of the catalog;
// the zone an event or deadline was announced in stays in TimeZone.

// jsonArray encodes a JSON array column (labels, translations); nil is
// stored as [].
func jsonArray[T any](v []T) string {
	if len(v) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(v) // plain strings and floats always marshal
	return string(b)
}

// arrayOf decodes the JSON array column named column; an empty array
// reads as nil.
func arrayOf[T any](column, s string) ([]T, error) {
	var v []T
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		return nil, fmt.Errorf("corrupt %s column: %w", column, err)
	}
	if len(v) == 0 {
		return nil, nil
	}
	return v, nil
}

// structuredJSON encodes d's Event, Funding and Legislation, nil (NULL)
// for each the document lacks.
func structuredJSON(d *catalog.Document) (event, funding, legislation any) {
	if e := d.Event; e != nil {
		c := *e
		c.Start, c.End, c.RegistrationDeadline = utc(c.Start), utc(c.End), utc(c.RegistrationDeadline)
		b, _ := json.Marshal(c) // times and strings always marshal
		event = string(b)
	}
	if f := d.Funding; f != nil {
		c := *f
		c.Opens, c.Deadline = utc(c.Opens), utc(c.Deadline)
		b, _ := json.Marshal(c)
		funding = string(b)
	}
	if l := d.Legislation; l != nil {
		c := *l
		c.Adopted, c.InForce = utc(c.Adopted), utc(c.InForce)
		b, _ := json.Marshal(c)
		legislation = string(b)
	}
	return event, funding, legislation
}

// setStructured decodes the JSON columns into d.
func setStructured(d *catalog.Document, event, funding, legislation sql.NullString) error {
	if event.Valid {
		d.Event = &catalog.Event{}
		if err := json.Unmarshal([]byte(event.String), d.Event); err != nil {
			return fmt.Errorf("corrupt event column: %w", err)
		}
	}
	if funding.Valid {
		d.Funding = &catalog.Funding{}
		if err := json.Unmarshal([]byte(funding.String), d.Funding); err != nil {
			return fmt.Errorf("corrupt funding column: %w", err)
		}
	}
	if legislation.Valid {
		d.Legislation = &catalog.Legislation{}
		if err := json.Unmarshal([]byte(legislation.String), d.Legislation); err != nil {
			return fmt.Errorf("corrupt legislation column: %w", err)
		}
	}
	return nil
}
