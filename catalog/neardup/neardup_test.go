package neardup

import (
	"hash/fnv"
	"strings"
	"testing"
)

const text = `The city council has opened registrations for its free evening language classes for newly arrived
residents. The classes, run with the adult learning centre, start on 2 September and take place twice a week in
three neighbourhood libraries. Childcare is available during the classes, and participants who work shifts can
switch between groups. The council says the classes are open to everyone who has moved to the city in the last
three years, whatever their residence status.`

func TestSignatures(t *testing.T) {
	a, ok := Of(text)
	if !ok {
		t.Fatal("no signature for a text of 70 words")
	}
	if again, _ := Of(text); again != a {
		t.Error("signatures differ between runs")
	}
	edited, _ := Of("Republished with permission. " + strings.Replace(text, "three neighbourhood libraries", "three libraries", 1))
	if s := Similarity(a, edited); s < MinSimilarity {
		t.Errorf("similarity of a lightly edited copy = %.2f, want >= %.2f", s, MinSimilarity)
	}
	other, _ := Of(strings.Repeat("Employers report a shortage of skilled workers in construction and care. ", 6))
	if s := Similarity(a, other); s > 0.2 {
		t.Errorf("similarity of unrelated texts = %.2f", s)
	}
	shared := 0
	ka, ke := BandKeys(a), BandKeys(edited)
	for i := range ka {
		if ka[i] == ke[i] {
			shared++
		}
	}
	if shared == 0 {
		t.Error("a near-duplicate shares no band: it would never be a candidate")
	}
	if _, ok := Of("too short"); ok {
		t.Error("a short text got a signature")
	}
	back, ok := Parse(a.Bytes())
	if !ok || back != a {
		t.Error("Bytes/Parse do not round-trip")
	}
	if _, ok := Parse([]byte{1, 2, 3}); ok {
		t.Error("Parse accepted a short slice")
	}
}

func TestTextHash(t *testing.T) {
	if TextHash("Hello, World!") != TextHash("hello world") {
		t.Error("case and punctuation change the text hash")
	}
	if TextHash("hello world") == TextHash("hello there") {
		t.Error("different texts share a hash")
	}
	if TextHash(" ... ") != "" {
		t.Error("a text without words has a hash")
	}
}

// BenchmarkSignature is the cost of one document's signature at upsert.
func BenchmarkSignature(b *testing.B) {
	long := strings.Repeat(text+" ", 10) // about 700 words
	b.ReportAllocs()
	for b.Loop() {
		Of(long)
	}
}

// TestShingleHash checks that a shingle hashes as FNV-1a of its words
// joined by spaces, as signatures stored before were computed.
func TestShingleHash(t *testing.T) {
	for _, words := range [][]string{{"a", "b", "c"}, {"intégration", "des", "réfugiés"}, {"", "x", ""}} {
		h := fnv.New64a()
		h.Write([]byte(strings.Join(words, " ")))
		if got, want := shingleHash(words), h.Sum64(); got != want {
			t.Errorf("shingleHash(%q) = %x, want %x", words, got, want)
		}
	}
}
