package harvester

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/rss"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/normalizer"
)

// ErrNotAFeed means the bytes are not RSS, Atom or JSON Feed.
var ErrNotAFeed = errors.New("not a feed")

// MaxFeedItems bounds how many items one feed may give in one run.
const MaxFeedItems = 5000

// Feed is what ParseFeed found in a feed.
type Feed struct {
	Items []normalizer.Input
	// TTL is how long the feed says it may be cached (RSS <ttl>); zero
	// when it says nothing.
	TTL time.Duration
}

// ParseFeed parses an RSS, Atom or JSON feed fetched from feedURL into
// normaliser inputs, one per item, with the source's defaults as hints.
// body must be UTF-8 (see ToUTF8). Items get a key unique within the feed
// even when the feed reuses GUIDs. The error wraps ErrNotAFeed and carries
// the parser's reason.
func ParseFeed(body []byte, feedURL string, src *catalog.Source) (*Feed, error) {
	p := gofeed.NewParser()
	p.KeepOriginalFeed = true
	f, err := p.Parse(bytes.NewReader(body))
	if err != nil && isAtomEntry(body) {
		// An Atom entry document (RFC 4287 §4.1.2) is a feed of one.
		f, err = p.Parse(io.MultiReader(strings.NewReader(`<feed xmlns="http://www.w3.org/2005/Atom">`),
			bytes.NewReader(withoutXMLDecl(body)), strings.NewReader(`</feed>`)))
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %s", ErrNotAFeed, parseReason(err))
	}
	if f.FeedType == "json" && f.FeedVersion == "" {
		// Any JSON object parses; a JSON Feed names its version.
		return nil, fmt.Errorf("%w: JSON without a JSON Feed version", ErrNotAFeed)
	}
	out := &Feed{}
	if r, ok := f.OriginalFeed().(*rss.Feed); ok {
		if n, err := strconv.Atoi(strings.TrimSpace(r.TTL)); err == nil && n > 0 && n < 1<<20 {
			out.TTL = time.Duration(n) * time.Minute
		}
	}
	base, err := url.Parse(feedURL)
	if err != nil {
		base = nil
	}
	seen := make(map[string]bool, len(f.Items))
	for _, it := range f.Items {
		if it == nil {
			continue
		}
		if len(out.Items) == MaxFeedItems {
			break
		}
		in := normalizer.Input{
			SourceID:       src.ID,
			URL:            resolve(base, it.Link),
			Title:          it.Title,
			Summary:        it.Description,
			HTML:           it.Content,
			Language:       f.Language,
			SourceLanguage: src.Language,
			SourceCountry:  src.Country,
			Categories:     it.Categories,
		}
		if in.HTML == "" {
			in.HTML = it.Description
		}
		in.BaseURL = in.URL
		if in.BaseURL == "" {
			in.BaseURL = feedURL
		}
		if it.PublishedParsed != nil {
			in.Published = it.PublishedParsed.UTC()
		}
		if it.UpdatedParsed != nil {
			in.Updated = it.UpdatedParsed.UTC()
		}
		for _, a := range it.Authors {
			if a != nil && a.Name != "" {
				in.Authors = append(in.Authors, a.Name)
			}
		}
		in.Key = itemKey(it, in.URL, seen)
		if in.Key == "" {
			continue // nothing identifies it: no GUID, no link, no title
		}
		out.Items = append(out.Items, in)
	}
	return out, nil
}

// itemKey picks the item's identity: its GUID, else its link; when the
// feed reuses one (a broken feed may give every item the same GUID), the
// link, then a hash of link, title, description and content, keep items
// apart. An item with none of these has no identity and no content.
func itemKey(it *gofeed.Item, link string, seen map[string]bool) string {
	for _, k := range []string{strings.TrimSpace(it.GUID), link} {
		if k != "" && !seen[k] {
			seen[k] = true
			return k
		}
	}
	if link == "" && it.Title == "" && it.Description == "" && it.Content == "" {
		return ""
	}
	sum := sha256.Sum256([]byte(link + "\x00" + it.Title + "\x00" + it.Description + "\x00" + it.Content))
	k := "sha256:" + hex.EncodeToString(sum[:12])
	if seen[k] {
		return ""
	}
	seen[k] = true
	return k
}

// isAtomEntry reports whether body's root element is an Atom <entry>.
func isAtomEntry(body []byte) bool {
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = false
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil } // ToUTF8 ran
	for range 64 {
		tok, err := d.Token()
		if err != nil {
			return false
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se.Name.Local == "entry" && se.Name.Space == "http://www.w3.org/2005/Atom"
		}
	}
	return false
}

// withoutXMLDecl drops a leading XML declaration, so body can be wrapped.
func withoutXMLDecl(body []byte) []byte {
	t := bytes.TrimLeft(body, " \t\r\n")
	if bytes.HasPrefix(t, []byte("<?xml")) {
		if i := bytes.Index(t, []byte("?>")); i >= 0 {
			return t[i+2:]
		}
	}
	return body
}

func resolve(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" || base == nil {
		return ref
	}
	u, err := base.Parse(ref)
	if err != nil {
		return ref
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return ""
	}
	return u.String()
}

// parseReason shortens gofeed's errors to what a source owner can act on.
func parseReason(err error) string {
	if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
		return "the content is not RSS, Atom or JSON Feed"
	}
	msg := err.Error()
	if len(msg) > 300 {
		msg = msg[:300] + "…"
	}
	return msg
}
