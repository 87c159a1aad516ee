package harvester

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/ewsi/hub/catalog"
)

func latin1(s string) []byte {
	b, err := charmap.ISO8859_1.NewEncoder().Bytes([]byte(s))
	if err != nil {
		panic(err)
	}
	return b
}

func TestToUTF8(t *testing.T) {
	utf16le, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(`<?xml version="1.0" encoding="UTF-16"?><t>Ça été</t>`))
	cp1252, _ := charmap.Windows1252.NewEncoder().Bytes([]byte("“Intégration” – 2026"))
	koi8, _ := charmap.KOI8R.NewEncoder().Bytes([]byte("Интеграция"))
	tests := []struct {
		name, contentType string
		body              []byte
		want, enc         string
	}{
		{"XML declaration wins over a wrong header", "application/rss+xml; charset=utf-8",
			latin1(`<?xml version="1.0" encoding="ISO-8859-1"?><t>Intégration à Génève</t>`),
			`<?xml version="1.0" encoding="UTF-8"?><t>Intégration à Génève</t>`, "windows-1252"},
		{"valid UTF-8 wins over a wrong Latin-1 label", "text/xml; charset=iso-8859-1",
			[]byte(`<?xml version="1.0" encoding="ISO-8859-1"?><t>Intégration</t>`),
			`<?xml version="1.0" encoding="UTF-8"?><t>Intégration</t>`, "utf-8"},
		{"UTF-16 with a byte-order mark", "", utf16le,
			`<?xml version="1.0" encoding="UTF-8"?><t>Ça été</t>`, "utf-16le"},
		{"UTF-8 byte-order mark removed", "", []byte("\xEF\xBB\xBF<t>é</t>"), "<t>é</t>", "utf-8"},
		{"header charset without declaration", "text/plain; charset=KOI8-R", koi8, "Интеграция", "koi8-r"},
		{"meta charset of an HTML page", "text/html",
			append([]byte(`<html><head><meta charset="iso-8859-15"></head><body>`), latin1("déjà")...),
			`<html><head><meta charset="iso-8859-15"></head><body>déjà`, "iso-8859-15"},
		{"no label at all: Windows-1252", "", cp1252, "“Intégration” – 2026", "windows-1252"},
		{"unknown label falls back", "text/xml", latin1(`<?xml version="1.0" encoding="x-nonsense"?><t>é</t>`),
			`<?xml version="1.0" encoding="UTF-8"?><t>é</t>`, "windows-1252"},
	}
	for _, tt := range tests {
		got, enc := ToUTF8(tt.body, tt.contentType)
		if string(got) != tt.want || enc != tt.enc {
			t.Errorf("%s: ToUTF8 = %q (%s), want %q (%s)", tt.name, got, enc, tt.want, tt.enc)
		}
	}
}

// TestWrongHeaderCharsetDoesNotGarbleFeed harvests a Latin-1 feed that
// declares its encoding, served with a header claiming UTF-8.
func TestWrongHeaderCharsetDoesNotGarbleFeed(t *testing.T) {
	feed := latin1(`<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>Ville</title>` +
		`<item><title>Intégration des réfugiés à Genève</title><link>https://ville.example/a</link>` +
		`<description>Les cours de français pour les nouveaux arrivants commencent en septembre à la mairie.</description></item></channel></rss>`)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		w.Write(feed)
	}))
	defer srv.Close()
	store := newStore(t)
	h := newHarvester(t, store)
	id := addSource(t, store, catalog.Source{URL: srv.URL + "/feed"})
	o, err := h.HarvestSource(context.Background(), id)
	if err != nil || o.Err != "" || o.New != 1 {
		t.Fatalf("harvest: %+v, %v", o, err)
	}
	d, err := store.DocumentByKey(context.Background(), id, "https://ville.example/a")
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "Intégration des réfugiés à Genève" {
		t.Errorf("title %q, want it decoded from ISO-8859-1", d.Title)
	}
}

func FuzzToUTF8(f *testing.F) {
	f.Add([]byte(`<?xml version="1.0" encoding="ISO-8859-1"?><t>`+"\xe9"+`</t>`), "text/xml; charset=utf-8")
	f.Add([]byte("\xFF\xFE<\x00t\x00>\x00"), "")
	f.Add([]byte("\xEF\xBB\xBF<t/>"), "text/xml")
	f.Add([]byte(`<meta charset="shift_jis">`+"\x82\xa0"), "text/html")
	f.Add([]byte("  <?xml encoding='koi8-r'?>\xc1"), "text/plain; charset=\"bogus\"")
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		out, enc := ToUTF8(body, contentType)
		if !utf8.Valid(out) {
			t.Fatalf("ToUTF8(%q, %q) = %q (%s): not UTF-8", body, contentType, out, enc)
		}
		if enc == "" {
			t.Fatalf("no encoding named for %q", body)
		}
		if utf8.Valid(body) && len(body) > 0 && body[0] != 0xEF && body[0] != 0xFE && body[0] != 0xFF {
			if again, _ := ToUTF8(out, contentType); string(again) != string(out) {
				t.Fatalf("UTF-8 output not stable: %q then %q", out, again)
			}
		}
	})
}
