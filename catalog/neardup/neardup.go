// Package neardup finds near-duplicate texts — one article republished by
// another publisher with small changes — without comparing every pair. A
// text's signature is a MinHash of its word shingles; the signature is cut
// into bands that a store indexes, so documents sharing a band are the
// only candidates, and a candidate is a near-duplicate when the signatures
// estimate a Jaccard similarity of at least MinSimilarity.
//
// With Bands bands of Rows values, a pair of texts with similarity s
// becomes a candidate with probability 1 − (1 − s^Rows)^Bands: 0.94 at
// s = 0.5, 0.99 at 0.6, 0.02 at 0.1. On the fixture web the republished
// copies score 0.62 and 0.69 against their originals, and no other pair
// of same-language items above 0.05. It does not decide which
// copy is the original, nor compare languages: callers do.
package neardup

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash/fnv"
	"strings"

	"github.com/ewsi/hub/catalog/analysis"
)

// Parameters of signatures and bands.
const (
	// ShingleWords is how many consecutive folded words make a shingle.
	ShingleWords = 3
	// MinWords is the fewest words a text needs for a signature: shorter
	// texts are too short to call near-duplicates.
	MinWords = 40
	// MaxWords bounds the words read.
	MaxWords = 5000
	// Size is the number of MinHash values of a signature.
	Size = Bands * Rows
	// Bands and Rows: the signature is cut into Bands bands of Rows
	// values each.
	Bands = 21
	Rows  = 3
	// MinSimilarity is the least estimated Jaccard similarity of
	// near-duplicates.
	MinSimilarity = 0.5
)

// Signature is the MinHash signature of one text.
type Signature [Size]uint32

// seeds are the Size hash functions: h_i(x) = upper 32 bits of
// (x XOR seed_i) × mult_i, from a fixed splitmix64 sequence so that
// signatures never change between runs or builds.
var seeds, mults = func() (s, m [Size]uint64) {
	x := uint64(0x9E3779B97F4A7C15)
	next := func() uint64 {
		x += 0x9E3779B97F4A7C15
		z := x
		z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
		z = (z ^ (z >> 27)) * 0x94D049BB133111EB
		return z ^ (z >> 31)
	}
	for i := range s {
		s[i] = next()
		m[i] = next() | 1
	}
	return s, m
}()

// Of returns the signature of text and true, or false when the text has
// fewer than MinWords words.
func Of(text string) (Signature, bool) { return OfWords(analysis.Tokens(text)) }

// OfWords is Of of a text whose folded words (analysis.Tokens) are words:
// a caller that has them already need not split the text again.
func OfWords(words []string) (Signature, bool) {
	var sig Signature
	if len(words) > MaxWords {
		words = words[:MaxWords]
	}
	if len(words) < MinWords {
		return sig, false
	}
	for i := range sig {
		sig[i] = ^uint32(0)
	}
	for i := 0; i+ShingleWords <= len(words); i++ {
		x := shingleHash(words[i : i+ShingleWords])
		for j := range sig {
			if v := uint32(((x ^ seeds[j]) * mults[j]) >> 32); v < sig[j] {
				sig[j] = v
			}
		}
	}
	return sig, true
}

// FNV-1a, 64 bits (hash/fnv), written out so that a shingle is hashed
// without joining its words into a new string.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// shingleHash returns the FNV-1a hash of the words joined by spaces.
func shingleHash(words []string) uint64 {
	h := uint64(fnvOffset)
	for i, w := range words {
		if i > 0 {
			h = (h ^ ' ') * fnvPrime
		}
		for k := 0; k < len(w); k++ {
			h = (h ^ uint64(w[k])) * fnvPrime
		}
	}
	return h
}

// Similarity estimates the Jaccard similarity of the two texts' shingle
// sets: the share of equal values.
func Similarity(a, b Signature) float64 {
	n := 0
	for i := range a {
		if a[i] == b[i] {
			n++
		}
	}
	return float64(n) / Size
}

// BandKeys returns one key per band: a hash of the band's values with the
// band number in its top bits, so that one index holds every band.
func BandKeys(s Signature) [Bands]int64 {
	var out [Bands]int64
	var buf [4 * Rows]byte
	for b := 0; b < Bands; b++ {
		for r := 0; r < Rows; r++ {
			binary.LittleEndian.PutUint32(buf[4*r:], s[b*Rows+r])
		}
		h := fnv.New64a()
		h.Write(buf[:])
		out[b] = int64(b)<<58 | int64(h.Sum64()>>6)
	}
	return out
}

// Bytes encodes s for storage; Parse decodes it.
func (s Signature) Bytes() []byte {
	out := make([]byte, 4*Size)
	for i, v := range s {
		binary.LittleEndian.PutUint32(out[4*i:], v)
	}
	return out
}

// Parse decodes a signature stored with Bytes; false when b has the wrong
// length.
func Parse(b []byte) (Signature, bool) {
	var s Signature
	if len(b) != 4*Size {
		return s, false
	}
	for i := range s {
		s[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	return s, true
}

// TextHash returns the hex SHA-256 of text's folded words: equal for two
// copies of a text that differ only in case, accents, punctuation or
// spacing, "" for a text without words.
func TextHash(text string) string { return WordsHash(analysis.Tokens(text)) }

// WordsHash is TextHash of a text whose folded words (analysis.Tokens) are
// words.
func WordsHash(words []string) string {
	if len(words) == 0 {
		return ""
	}
	sum := sha256.Sum256([]byte(strings.Join(words, " ")))
	return hex.EncodeToString(sum[:])
}
