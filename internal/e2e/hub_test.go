package e2e

import (
	"context"
	"crypto/rand"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"net/netip"
	"path/filepath"
	"strings"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/sqlite"
	"github.com/ewsi/hub/fixtureweb"
	"github.com/ewsi/hub/harvester"
	"github.com/ewsi/hub/harvester/fetch"
	"github.com/ewsi/hub/mailer"
	"github.com/ewsi/hub/normalizer"
	"github.com/ewsi/hub/portal"
)

// hub is a running portal over a catalog harvested from the fixture web,
// built the way `ewsi demo` builds it, without the queue: each feed is
// harvested once, in order, before the portal serves. Event and funding
// facts are what the normalizer finds and the store keeps: the calendar
// and funding pages show the real pipeline's output.
type hub struct {
	URL   string // the portal, without trailing slash
	store *sqlite.Store
	close []func()
}

func (h *hub) Close() {
	for i := len(h.close) - 1; i >= 0; i-- {
		h.close[i]()
	}
}

// startHub harvests the fixture web's feeds into a SQLite catalog in dir
// and serves the portal over it.
func startHub(dir string) (*hub, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	h := &hub{}
	web, err := fixtureweb.Start("127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("fixture web: %w", err)
	}
	h.close = append(h.close, func() { web.Close() })
	store, err := sqlite.Open(ctx, filepath.Join(dir, "catalog.db"))
	if err != nil {
		h.Close()
		return nil, err
	}
	h.store = store
	h.close = append(h.close, func() { store.Close() })
	norm, err := normalizer.New(normalizer.Options{})
	if err != nil {
		h.Close()
		return nil, err
	}
	ap, err := netip.ParseAddrPort(strings.TrimPrefix(web.URL(), "http://"))
	if err != nil {
		h.Close()
		return nil, err
	}
	client := fetch.New(fetch.Options{AllowPrivate: []netip.Prefix{netip.PrefixFrom(ap.Addr(), ap.Addr().BitLen())}})
	hv := harvester.New(store, client, norm, nil)
	for _, src := range fixtureweb.Sources(web.URL()) {
		if src.Kind != catalog.KindFeed {
			continue // the demo harvests feeds only, so do the tests
		}
		if err := store.CreateSource(ctx, &src); err != nil {
			h.Close()
			return nil, fmt.Errorf("source %s: %w", src.URL, err)
		}
		o, err := hv.HarvestSource(ctx, src.ID)
		if err != nil {
			h.Close()
			return nil, fmt.Errorf("harvest %s: %w", src.URL, err)
		}
		if o.Err != "" {
			h.Close()
			return nil, fmt.Errorf("harvest %s: %s", src.URL, o.Err)
		}
	}
	// Accounts on, mail to an outbox, so that members' pages can be
	// checked too.
	outbox, err := mailer.NewOutbox(filepath.Join(dir, "outbox"), "hub@ewsi.example")
	if err != nil {
		h.Close()
		return nil, err
	}
	key := make([]byte, 32)
	rand.Read(key)
	srv, err := portal.New(portal.Options{
		Catalog:  store,
		Logger:   slog.New(slog.DiscardHandler),
		Accounts: &portal.AccountOptions{Store: store, Mail: outboxMail{outbox}, Key: key},
	})
	if err != nil {
		h.Close()
		return nil, err
	}
	ts := httptest.NewServer(srv.Handler())
	h.close = append(h.close, ts.Close)
	h.URL = ts.URL
	return h, nil
}

// outboxMail delivers the portal's mail to the outbox at once.
type outboxMail struct{ o *mailer.Outbox }

func (m outboxMail) Enqueue(ctx context.Context, msg mailer.Message) error { return m.o.Send(ctx, msg) }
