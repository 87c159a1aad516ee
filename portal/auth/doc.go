// Package auth holds the portal's security primitives that do not depend on
// pages: password hashing (argon2id, PHC strings), the CSRF tokens of forms,
// session cookies and rate limits. It stores nothing itself: sessions and
// password hashes live in the catalog, and the portal wires the two.
package auth
