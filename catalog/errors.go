package catalog

import "errors"

// Errors returned by every store. Callers test them with errors.Is; stores
// wrap them with the detail (which id, which field).
var (
	// ErrNotFound: the requested record does not exist.
	ErrNotFound = errors.New("not found")
	// ErrInvalid: the input breaks a rule of the domain (bad URL, empty title…).
	ErrInvalid = errors.New("invalid input")
	// ErrConflict: the record already exists (same source URL, same key).
	ErrConflict = errors.New("already exists")
)
