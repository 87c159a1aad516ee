package search

import (
	"fmt"
	"strings"
	"testing"
)

// TestSnippetFar checks the passage around a match far into a long text,
// past the words a snippet lets go while looking for it, and near its
// start.
func TestSnippetFar(t *testing.T) {
	m := Token{Text: "target"}
	for _, at := range []int{0, 3, 6, 7, 31, 32, 33, 100, 4999} {
		w := make([]string, 5100)
		for i := range w {
			w[i] = fmt.Sprintf("w%d", i)
		}
		w[at] = "Target"
		text := strings.Join(w, " ")
		sn, ok := Snippet("en", text, m)
		if !ok {
			t.Fatalf("match at %d: no snippet", at)
		}
		want := w[max(at-6, 0)]
		if at <= 6 {
			want = w[0]
		}
		if !strings.HasPrefix(sn.Text, want+" ") {
			t.Errorf("match at %d: snippet starts %.20q, want with %q", at, sn.Text, want)
		}
		if len(sn.Marks) != 1 || sn.Text[sn.Marks[0].Start:sn.Marks[0].End] != "Target" {
			t.Errorf("match at %d: marks %v", at, sn.Marks)
		}
	}
	w := strings.Fields(strings.Repeat("word ", maxSnippetWords) + "target")
	if _, ok := Snippet("en", strings.Join(w, " "), m); ok {
		t.Errorf("a match past %d words made a snippet", maxSnippetWords)
	}
}
