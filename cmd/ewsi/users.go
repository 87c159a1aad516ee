package main

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/ewsi/hub/catalog"
)

const usersUsage = `Usage:
  ewsi users role [--data D | --db URL] EMAIL ROLE [COUNTRY…]   give a registered account a role:
      practitioner, source_owner, editor, country_coordinator (with its
      countries, such as FR BE) or administrator`

// users manages accounts from the command line; the first administrator
// is made this way, after registering in the portal.
func (e *env) users(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "role" {
		return fmt.Errorf("%w: ewsi users needs role\n%s", errUsage, usersUsage)
	}
	cfg, rest, err := e.load("users role", args[1:], nil)
	if err != nil {
		return err
	}
	if len(rest) < 2 {
		return fmt.Errorf("%w: ewsi users role takes an address and a role\n%s", errUsage, usersUsage)
	}
	role := catalog.Role(rest[1])
	if !role.Valid() {
		return fmt.Errorf("%w: %q is not a role\n%s", errUsage, rest[1], usersUsage)
	}
	var countries []string
	for _, c := range rest[2:] {
		countries = append(countries, strings.ToUpper(c))
	}
	if role == catalog.RoleCountryCoordinator && len(countries) == 0 {
		return fmt.Errorf("%w: a country coordinator needs at least one country\n%s", errUsage, usersUsage)
	}
	a, err := e.open(ctx, cfg)
	if err != nil {
		return err
	}
	defer a.close()
	u, err := a.store.UserByEmail(ctx, rest[0])
	if err != nil {
		return fmt.Errorf("no account uses %s: register it in the portal first (%w)", rest[0], err)
	}
	u.Role, u.Countries = role, slices.Compact(countries)
	if err := a.store.UpdateUser(ctx, u); err != nil {
		return fmt.Errorf("cannot change the role: %w", err)
	}
	fmt.Fprintf(e.stdout, "%s is now %s\n", u.Email, role)
	return nil
}
