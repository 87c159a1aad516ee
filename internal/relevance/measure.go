package relevance

import (
	"fmt"
	"io"
	"math"
	"sort"
	"text/tabwriter"
)

// Query is one judged query.
type Query struct {
	// Lang is the language the query is written in (en, fr or de); the
	// search is not told it, as the search box is not.
	Lang string
	Text string
	// Relevant grades documents by the path of their URL: 2 for a
	// document about what the query asks, 1 for one that treats it in
	// part. Documents not listed are not relevant.
	Relevant map[string]int
}

// Cutoff is the rank the measures look at.
const Cutoff = 10

// Score is the measures of one query.
type Score struct {
	Query        Query
	Recall, NDCG float64
	Found        []string // the first Cutoff keys returned, copies left out
}

// Measure scores the ranked keys a search returned for q: recall@Cutoff
// (the relevant documents among the first Cutoff, over the number of
// relevant documents or Cutoff, whichever is fewer) and
// nDCG@Cutoff with gains 2^grade-1. canonical maps the key of a copy to
// the key of the document it copies; a copy of a document already ranked
// is left out, as the portal shows a group of copies once.
func Measure(q Query, ranked []string, canonical map[string]string) Score {
	s := Score{Query: q}
	seen := map[string]bool{}
	for _, k := range ranked {
		if c, ok := canonical[k]; ok {
			k = c
		}
		if seen[k] {
			continue
		}
		seen[k] = true
		s.Found = append(s.Found, k)
		if len(s.Found) == Cutoff {
			break
		}
	}
	if len(q.Relevant) == 0 {
		return s
	}
	var dcg float64
	hits := 0
	for i, k := range s.Found {
		if g := q.Relevant[k]; g > 0 {
			hits++
			dcg += gain(g) / math.Log2(float64(i+2))
		}
	}
	grades := make([]int, 0, len(q.Relevant))
	for _, g := range q.Relevant {
		grades = append(grades, g)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(grades)))
	var ideal float64
	for i, g := range grades {
		if i == Cutoff {
			break
		}
		ideal += gain(g) / math.Log2(float64(i+2))
	}
	s.Recall = float64(hits) / float64(min(len(q.Relevant), Cutoff))
	s.NDCG = dcg / ideal
	return s
}

func gain(grade int) float64 { return math.Exp2(float64(grade)) - 1 }

// Mean is the mean measures of a group of queries.
type Mean struct {
	Queries      int
	Recall, NDCG float64
}

// Means returns the mean measures per query language, and over all
// queries under "all".
func Means(scores []Score) map[string]Mean {
	out := map[string]Mean{}
	add := func(k string, s Score) {
		m := out[k]
		m.Queries++
		m.Recall += s.Recall
		m.NDCG += s.NDCG
		out[k] = m
	}
	for _, s := range scores {
		add(s.Query.Lang, s)
		add("all", s)
	}
	for k, m := range out {
		m.Recall /= float64(m.Queries)
		m.NDCG /= float64(m.Queries)
		out[k] = m
	}
	return out
}

// WriteTable writes one line per query and the means per language.
func WriteTable(w io.Writer, scores []Score) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "lang\tquery\trelevant\trecall@%d\tnDCG@%d\n", Cutoff, Cutoff)
	for _, s := range scores {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%.2f\t%.2f\n", s.Query.Lang, s.Query.Text, len(s.Query.Relevant), s.Recall, s.NDCG)
	}
	fmt.Fprintln(tw, "\t\t\t\t")
	means := Means(scores)
	langs := make([]string, 0, len(means))
	for l := range means {
		langs = append(langs, l)
	}
	sort.Slice(langs, func(i, j int) bool { return langs[i] != "all" && (langs[j] == "all" || langs[i] < langs[j]) })
	for _, l := range langs {
		m := means[l]
		fmt.Fprintf(tw, "%s\t%s\t\t%.3f\t%.3f\n", l, fmt.Sprintf("mean of %d queries", m.Queries), m.Recall, m.NDCG)
	}
	return tw.Flush()
}
