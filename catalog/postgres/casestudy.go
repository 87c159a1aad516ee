package postgres

import (
	"encoding/json"
	"fmt"

	"github.com/ewsi/hub/catalog"
)

// A case study's template fields are a JSON column (migration 00050),
// like the other structured fields; its contributor a plain column.

// caseStudyJSON encodes d's case study, nil (NULL) when it has none.
func caseStudyJSON(d *catalog.Document) any {
	c := d.CaseStudy
	if c == nil {
		return nil
	}
	v := *c
	v.Started, v.Ended = utc(v.Started), utc(v.Ended)
	b, _ := json.Marshal(v) // strings, times and floats always marshal
	return string(b)
}

// caseStudyOf decodes the case_study column; NULL reads as nil.
func caseStudyOf(b []byte) (*catalog.CaseStudy, error) {
	if b == nil {
		return nil, nil
	}
	var c catalog.CaseStudy
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, fmt.Errorf("corrupt case_study column: %w", err)
	}
	return &c, nil
}

// nullID stores an optional reference: 0 as NULL.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
