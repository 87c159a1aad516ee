package sqlite

// ForgetCounts empties s's cache of counts (see search.CountCache).
func ForgetCounts(s *Store) { s.counts.Clear() }
