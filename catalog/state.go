package catalog

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// DocumentState is where a document stands in the editorial workflow.
// Search, feeds and the open interfaces show only published documents
// whose embargo, if any, has passed.
type DocumentState string

// Document states.
const (
	// StateDraft is a submission its contributor has not sent yet.
	StateDraft DocumentState = "draft"
	// StatePending waits in the review queue.
	StatePending DocumentState = "pending"
	// StatePublished is public (once its embargo has passed).
	StatePublished DocumentState = "published"
	// StateRefused was turned down by an editor, with a reason.
	StateRefused DocumentState = "refused"
	// StateArchived was public and is withdrawn, kept for the record.
	StateArchived DocumentState = "archived"
)

// DocumentStates lists every state in the order of the workflow.
var DocumentStates = []DocumentState{StateDraft, StatePending, StatePublished, StateRefused, StateArchived}

// Valid reports whether st is a known state.
func (st DocumentState) Valid() bool { return slices.Contains(DocumentStates, st) }

// InitialState is the state a new harvested item takes from its source's
// trust: trusted sources publish at once, blocked ones are refused, the
// others wait for review.
func InitialState(t Trust) DocumentState {
	switch t {
	case TrustTrusted:
		return StatePublished
	case TrustBlocked:
		return StateRefused
	}
	return StatePending
}

// Visible reports whether a document in state st with embargo until
// (zero for none) is public at now.
func Visible(st DocumentState, until, now time.Time) bool {
	return st == StatePublished && (until.IsZero() || !until.After(now))
}

// MaxReasonLength bounds an editor's reason for a refusal.
const MaxReasonLength = 2000

// StateChange is an editor's decision on one or more documents, applied
// together (the bulk actions of the review queue).
type StateChange struct {
	IDs      []int64
	State    DocumentState
	Reason   string    // required when refusing; shown to contributors
	Embargo  time.Time // publishing only: not public before; zero for none
	EditorID int64     // who decided
}

// Validate checks a change before a store applies it, trimming Reason.
// Errors wrap ErrInvalid and name the field.
func (c *StateChange) Validate() error {
	c.Reason = strings.TrimSpace(c.Reason)
	if len(c.IDs) == 0 {
		return fmt.Errorf("%w: ids: no document chosen", ErrInvalid)
	}
	if !c.State.Valid() {
		return fmt.Errorf("%w: state: unknown state %q", ErrInvalid, c.State)
	}
	if c.State == StateRefused && c.Reason == "" {
		return fmt.Errorf("%w: reason: a refusal needs a reason", ErrInvalid)
	}
	if utf8.RuneCountInString(c.Reason) > MaxReasonLength {
		return fmt.Errorf("%w: reason: longer than %d characters", ErrInvalid, MaxReasonLength)
	}
	if !c.Embargo.IsZero() && c.State != StatePublished {
		return fmt.Errorf("%w: embargo: only a published document has an embargo", ErrInvalid)
	}
	return nil
}

// ReviewQuery selects documents of the review queue. Zero fields do not
// filter.
type ReviewQuery struct {
	State       DocumentState // StatePending when empty
	SourceID    int64
	ContentType string
	Theme       string
	Country     string
	Language    string
	// OlderThan keeps documents harvested at least this long ago.
	OlderThan time.Duration
	// InCountries limits a country coordinator to documents of one of
	// these countries; empty means every document.
	InCountries []string
	Limit       int // 50 when <= 0, at most 500
	Offset      int
}

// Normalize sets the defaults of q.
func (q *ReviewQuery) Normalize() {
	if q.State == "" {
		q.State = StatePending
	}
	if q.Limit <= 0 {
		q.Limit = 50
	}
	q.Limit = min(q.Limit, 500)
	q.Offset = max(q.Offset, 0)
}
