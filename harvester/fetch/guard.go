package fetch

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"syscall"
)

// ErrForbiddenAddress is returned when a fetch would connect to an address
// the hub must not reach (loopback, private, link-local, …).
var ErrForbiddenAddress = errors.New("address not allowed")

// forbidden lists the networks a registered URL must never reach: they
// belong to us or to nobody. Checked at dial time, after DNS resolution,
// so redirects and DNS rebinding are covered too.
var forbidden = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),      // "this" network, unspecified
	netip.MustParsePrefix("10.0.0.0/8"),     // private
	netip.MustParsePrefix("100.64.0.0/10"),  // carrier-grade NAT
	netip.MustParsePrefix("127.0.0.0/8"),    // loopback
	netip.MustParsePrefix("169.254.0.0/16"), // link-local, cloud metadata
	netip.MustParsePrefix("172.16.0.0/12"),  // private
	netip.MustParsePrefix("192.0.0.0/24"),   // IETF protocol assignments
	netip.MustParsePrefix("192.168.0.0/16"), // private
	netip.MustParsePrefix("198.18.0.0/15"),  // benchmarking
	netip.MustParsePrefix("224.0.0.0/4"),    // multicast
	netip.MustParsePrefix("240.0.0.0/4"),    // reserved, broadcast
	netip.MustParsePrefix("::/128"),         // unspecified
	netip.MustParsePrefix("::1/128"),        // loopback
	netip.MustParsePrefix("64:ff9b::/96"),   // NAT64 can wrap any IPv4
	netip.MustParsePrefix("fc00::/7"),       // unique local
	netip.MustParsePrefix("fe80::/10"),      // link-local
	netip.MustParsePrefix("ff00::/8"),       // multicast
}

// Guard decides which addresses a fetch may connect to.
type Guard struct {
	// Allow lists networks reachable although forbidden (tests, the demo's
	// fixture web, an intranet the operator trusts).
	Allow []netip.Prefix
}

// Check returns ErrForbiddenAddress (wrapped) for an address in a
// forbidden network that Allow does not list.
func (g Guard) Check(addr netip.Addr) error {
	addr = addr.Unmap()
	for _, p := range g.Allow {
		if p.Contains(addr) {
			return nil
		}
	}
	for _, p := range forbidden {
		if p.Contains(addr) {
			return fmt.Errorf("%w: %s is a private or reserved address", ErrForbiddenAddress, addr)
		}
	}
	return nil
}

// control is a net.Dialer Control function: it runs after resolution, on
// the very address being connected.
func (g Guard) control(network, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return fmt.Errorf("%w: %s", ErrForbiddenAddress, address)
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return fmt.Errorf("%w: %s", ErrForbiddenAddress, address)
	}
	return g.Check(a)
}
