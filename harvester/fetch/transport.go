package fetch

import "net/http"

// Transport returns the client's transport, whose dialer refuses the
// addresses the Guard forbids, for HTTP machinery that builds its own
// requests (the crawler's colly collector) so that every request it
// makes, redirects and robots.txt included, passes the same guard. The
// transport carries no timeout on the whole request, body limit,
// User-Agent or redirect policy: those belong to the http.Client (or
// collector) that uses it. Do not modify it; it is shared with the
// client.
func (c *Client) Transport() http.RoundTripper {
	return c.http.Transport
}
