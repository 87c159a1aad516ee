package normalizer

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ewsi/hub/fixtureweb"
)

// corpusSentences gathers sentences of known language from every text the
// project wrote in several languages: the fixture web's items, the
// articles of the extraction set and the labelled texts. None of them was
// written for the language detector, so they test it on prose it has not
// been tuned on.
func corpusSentences(t *testing.T) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	add := func(lang, text string) {
		for _, s := range sentences(text) {
			if utf8.RuneCountInString(s) >= 60 && !otherLanguage(s) {
				out[lang] = append(out[lang], s)
			}
		}
	}
	for _, it := range fixtureweb.Items() {
		add(it.Language, it.Title+". "+it.Text)
	}
	f, err := os.Open(filepath.Join("testdata", "extract", "articles.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	lang := ""
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "=== "):
			if fs := strings.Fields(line); len(fs) >= 3 {
				lang = fs[2]
			}
		case strings.HasPrefix(line, "#"), strings.HasPrefix(line, "|"), lang == "":
		default:
			add(lang, strings.TrimLeft(line, "->~ "))
		}
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "labelled", "*", "*.txt"))
	for _, p := range files {
		d := readLabelled(t, p, "")
		if l := labelledLanguage(t, p); l != "" {
			add(l, strings.NewReplacer("<p>", " ", "</p>", " ").Replace(d.in.HTML))
		}
	}
	return out
}

// otherLanguage reports sentences whose truth is not their text's label:
// quoted speech in another language, and the English passage of a
// bilingual Maltese article. They are left out rather than counted
// against the detector; each was read and checked by hand.
func otherLanguage(s string) bool {
	for _, prefix := range []string{
		"« Les villes sont en première ligne", // French quote in an English item
		"„Integration gelingt vor Ort",        // German quote in an English item
		"A new programme launched by the Integration Agency",
		"It includes training for managers and information sessions",
		"Interested companies can contact the Agency until",
	} {
		if strings.HasPrefix(s, prefix) {
			return true
		}
	}
	return false
}

// labelledLanguage reads the "lang:" line of a labelled text.
func labelledLanguage(t *testing.T, path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "lang:"); ok {
			return strings.TrimSpace(v)
		}
		if line == "---" {
			break
		}
	}
	return ""
}

// sentences splits text at sentence ends and line breaks.
func sentences(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		start := 0
		for i := 0; i < len(line); i++ {
			c := line[i]
			if (c == '.' || c == '!' || c == '?' || c == ';') && (i+1 == len(line) || line[i+1] == ' ') {
				out = append(out, strings.TrimSpace(line[start:i+1]))
				start = i + 1
			}
		}
		if s := strings.TrimSpace(line[start:]); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// TestLanguageAccuracyOnCorpus measures detection per language on every
// sentence of 60+ characters in the project's own multilingual texts and
// fails when a language with enough sentences falls under 97%.
func TestLanguageAccuracyOnCorpus(t *testing.T) {
	n := mustNormalizer(t)
	set := corpusSentences(t)
	langs := make([]string, 0, len(set))
	for l := range set {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	var table strings.Builder
	fmt.Fprintf(&table, "%-4s %9s  %s\n", "lang", "right", "wrong answers")
	total, right := 0, 0
	for _, l := range langs {
		ok := 0
		wrong := map[string]int{}
		for _, s := range set[l] {
			got, _ := n.DetectLanguage(s)
			if got == l {
				ok++
			} else {
				wrong[got]++
			}
		}
		total += len(set[l])
		right += ok
		fmt.Fprintf(&table, "%-4s %4d/%-4d  %v\n", l, ok, len(set[l]), wrong)
		if acc := float64(ok) / float64(len(set[l])); len(set[l]) >= 10 && acc < 0.97 {
			t.Errorf("%s: %.1f%% of %d sentences, want at least 97%%", l, 100*acc, len(set[l]))
		}
	}
	fmt.Fprintf(&table, "all  %d/%d (%.1f%%)", right, total, 100*float64(right)/float64(total))
	t.Log("\n" + table.String())
	if total < 500 {
		t.Errorf("only %d sentences in the corpus", total)
	}
}
