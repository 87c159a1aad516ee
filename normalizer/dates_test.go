package normalizer

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	cet := time.FixedZone("", 3600)
	for _, tc := range []struct {
		in   string
		lang string
		want time.Time
	}{
		{"2026-11-26T10:30:00+01:00", "", time.Date(2026, 11, 26, 10, 30, 0, 0, cet)},
		{"2026-11-26T10:30:00.123Z", "", time.Date(2026, 11, 26, 10, 30, 0, 123e6, time.UTC)},
		{"2026-11-26T10:30+0100", "", time.Date(2026, 11, 26, 10, 30, 0, 0, cet)},
		{"2026-11-26", "", time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)},
		{"Thu, 26 Nov 2026 10:30:00 +0100", "", time.Date(2026, 11, 26, 10, 30, 0, 0, cet)},
		{"26 novembre 2026", "fr", time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)},
		{"26. November 2026", "de", time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)},
		{"26. März 2026", "de", time.Date(2026, 3, 26, 0, 0, 0, 0, time.UTC)},
		{"26 Νοεμβρίου 2026", "el", time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)},
		{"3 Μαΐου 2026", "el", time.Date(2026, 5, 3, 0, 0, 0, 0, time.UTC)},
		{"26 listopada 2026", "pl", time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)},
		{"26 novembre 2026, 14:30", "it", time.Date(2026, 11, 26, 14, 30, 0, 0, time.UTC)},
		{"26 ta' Novembru 2026", "mt", time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)},
		{"1 ta’ Ġunju 2026", "mt", time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)},
		{"26 ноември 2026 г.", "bg", time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)},
		{"26 de noviembre de 2026", "es", time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)},
		{"26 de março de 2026", "pt", time.Date(2026, 3, 26, 0, 0, 0, 0, time.UTC)},
		{"November 26, 2026", "en", time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)},
		{"Posted 22 November 2026 in News", "", time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)},
		{"26.11.2026", "", time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)},
		{"2026. november 26.", "hu", time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)},
		{"2026 m. lapkričio 26 d.", "lt", time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)},
		{"26. listopadu 2026", "cs", time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)},
		{"26 listopada 2026 in 2026 13 things", "", time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)},
		{"26/11/2026 · News Agency", "", time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)},
		{"listopad 2026", "pl", time.Time{}}, // no day
		{"31 November 2026", "en", time.Time{}},
		// The one finder gives publication dates the zones and times event dates had.
		{"26 November 2026, 14:30 CET", "en", time.Date(2026, 11, 26, 13, 30, 0, 0, time.UTC)},
		{"26.11.2026 um 9 h 30", "de", time.Date(2026, 11, 26, 9, 30, 0, 0, time.UTC)},
		{"26.11.2026 – 14.12.2026", "", time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)}, // a second date, not 14:12
		{"26 Frobnember 2026", "en", time.Time{}},
		{"1 January 1900", "en", time.Time{}},
		{"", "", time.Time{}},
		{"tomorrow", "", time.Time{}},
	} {
		var got time.Time
		if tc.lang == "" {
			got = parseDate(tc.in)
		} else {
			got = visibleDate(tc.in, tc.lang)
		}
		if !got.Equal(tc.want) {
			t.Errorf("date of %q (%s) = %v, want %v", tc.in, tc.lang, got, tc.want)
		}
		if !got.IsZero() && got.Location() != time.UTC {
			t.Errorf("date of %q is in %v, want UTC", tc.in, got.Location())
		}
	}
}
