package postgres

// SetOneTier sets the most hits whose page is read in one statement
// (tieredHits); -1 reads every page by tiers.
func SetOneTier(s *Store, n int) { s.oneTier = n }
