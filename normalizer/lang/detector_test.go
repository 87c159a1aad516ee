package lang

import (
	"fmt"
	"os"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// testDetector is built once per test binary: loading the models takes
// about half a second.
var testDetector = sync.OnceValue(func() *Detector { return New(Options{Preload: true}) })

// TestAccuracy detects every sentence of the accuracy set and logs the
// table (go test -v -run Accuracy). Every language must be right on every
// sentence but one; Maltese, Greek and Bulgarian on all of them.
func TestAccuracy(t *testing.T) {
	d := testDetector()
	codes := make([]string, 0, len(sentences))
	for c := range sentences {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	if diff := cmp.Diff(Supported(), codes); diff != "" {
		t.Errorf("the accuracy set does not cover exactly the supported languages (-supported +set):\n%s", diff)
	}
	var table strings.Builder
	fmt.Fprintf(&table, "\n%-4s %5s %9s  %s\n", "lang", "right", "confident", "wrong answers")
	right, total := 0, 0
	for _, want := range codes {
		ss := sentences[want]
		if len(ss) < 5 {
			t.Errorf("%s: %d sentences, want at least 5", want, len(ss))
		}
		ok, sure := 0, 0
		var wrong []string
		for _, s := range ss {
			if n := utf8.RuneCountInString(s); n < 60 {
				t.Errorf("%s: sentence of %d characters, want 60 or more: %q", want, n, s)
			}
			got, confident := d.Detect(s)
			if got == want {
				ok++
			} else {
				wrong = append(wrong, got)
			}
			if confident {
				sure++
			}
		}
		right += ok
		total += len(ss)
		fmt.Fprintf(&table, "%-4s %2d/%-2d %6d/%-2d  %s\n", want, ok, len(ss), sure, len(ss), strings.Join(wrong, " "))
		minimum := len(ss) - 1
		if want == "mt" || want == "el" || want == "bg" {
			minimum = len(ss)
		}
		if ok < minimum {
			t.Errorf("%s: %d of %d right, want at least %d (wrong: %v)", want, ok, len(ss), minimum, wrong)
		}
	}
	fmt.Fprintf(&table, "all  %d/%d (%.1f%%)\n", right, total, 100*float64(right)/float64(total))
	t.Log(table.String())
}

// TestMalteseIsNotItalian checks both directions of the confusion the
// Maltese detector exists for, and that a few Maltese names in another
// language do not make it Maltese.
func TestMalteseIsNotItalian(t *testing.T) {
	d := testDetector()
	for _, s := range sentences["mt"] {
		if got, _ := d.Detect(s); got != "mt" {
			t.Errorf("Detect(%q) = %q, want mt", s, got)
		}
	}
	for code, ss := range sentences {
		if code == "mt" {
			continue
		}
		for _, s := range ss {
			if mt, _ := maltese(s); mt {
				t.Errorf("%s sentence taken for Maltese: %q", code, s)
			}
		}
	}
	for _, s := range []string{
		"The Ħamrun Spartans played in Il-Belt Valletta on Saturday in front of a large crowd of supporters.",
		"Il comune di Valletta ha firmato un accordo con il governo per l'integrazione dei migranti nel paese.",
		"Żłobek miejski w Warszawie przyjmuje dzieci cudzoziemców na tych samych zasadach co inne dzieci.",
	} {
		if got, _ := d.Detect(s); got == "mt" {
			t.Errorf("Detect(%q) = mt", s)
		}
	}
}

func TestDetectEdgeCases(t *testing.T) {
	d := testDetector()
	for _, tc := range []struct {
		text          string
		want          string
		wantConfident bool
	}{
		{"", "", false},
		{"   \n\t 12345 !!! ---", "", false},
		{"Hello", "", false},       // any guess, but not a confident one
		{"Integration", "", false}, // a word of many languages
		{"Ο δήμος", "el", true},    // Greek has a script of its own
		{strings.Repeat("Die Stadt bietet kostenlose Deutschkurse an. ", 500), "de", true},
	} {
		got, confident := d.Detect(tc.text)
		if tc.want == "" && confident {
			t.Errorf("Detect(%.40q) = %q, confident; want no confident answer", tc.text, got)
		}
		if tc.want != "" && (got != tc.want || confident != tc.wantConfident) {
			t.Errorf("Detect(%.40q) = %q, %v; want %q, %v", tc.text, got, confident, tc.want, tc.wantConfident)
		}
	}
}

func TestOthers(t *testing.T) {
	d := testDetector()
	en, fr, de := sentences["en"], sentences["fr"], sentences["de"]
	join := func(ss ...string) string { return strings.Join(ss, " ") }
	for _, tc := range []struct {
		name    string
		paras   []string
		primary string
		want    []string
	}{
		{"one language", []string{join(en[0], en[1]), join(en[2], en[3]), join(en[4], en[0])}, "en", nil},
		{"English and French halves", []string{join(en[0], en[1]), join(en[2], en[3]),
			join(fr[0], fr[1]), join(fr[2], fr[3])}, "en", []string{"fr"}},
		{"three languages", []string{join(en[0], en[1]), join(fr[0], fr[1]), join(de[0], de[1]),
			join(de[2], de[3])}, "en", []string{"de", "fr"}},
		{"a short quote is not a mix", []string{join(en[0], en[1], en[2], en[3]), join(en[4], en[1], en[2]),
			join(en[3], en[0], en[4]), join(en[2], en[3], en[1]), "Liberté, égalité, fraternité."}, "en", nil},
		{"too little text", []string{"Hello there.", "Bonjour à tous."}, "en", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, d.Others(tc.paras, tc.primary)); diff != "" {
				t.Errorf("Others (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNormalize(t *testing.T) {
	for tag, want := range map[string]string{
		"en": "en", "EN": "en", "en-GB": "en", "en_US": "en", "de-AT": "de", "fr-CA": "fr",
		"nb": "no", "nn": "no", "no": "no", "nb-NO": "no", "mt": "mt", "el": "el", "ga-IE": "ga",
		"pt-BR": "pt", "zh-Hant-TW": "zh", "fil": "fil", "iw": "he", " sv ": "sv",
		"": "", "und": "", "mul": "", "zxx": "", "not a tag": "", "x-klingon": "",
		strings.Repeat("a", 100): "",
	} {
		if got := Normalize(tag); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", tag, got, want)
		}
	}
}

// TestMemory reports what the detector keeps resident once its models are
// loaded (go test -v -run Memory). It only logs: the figure depends on the
// garbage collector's state.
func TestMemory(t *testing.T) {
	testDetector()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	status, _ := os.ReadFile("/proc/self/status")
	rss := ""
	for _, l := range strings.Split(string(status), "\n") {
		if strings.HasPrefix(l, "VmRSS:") || strings.HasPrefix(l, "VmHWM:") {
			rss += " " + strings.Join(strings.Fields(l), " ")
		}
	}
	t.Logf("heap in use after GC: %d MiB;%s", m.HeapInuse>>20, rss)
}

func BenchmarkDetect(b *testing.B) {
	d := testDetector()
	text := strings.Join(sentences["de"], " ") + " " + strings.Join(sentences["de"], " ")
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		d.Detect(text)
	}
}
