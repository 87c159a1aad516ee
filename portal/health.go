package portal

import (
	"context"
	"io"
	"net/http"
)

// handleHealthCheck answers 200 "ok" when the catalog answers a ping, 503
// otherwise.
func (s *Server) handleHealthCheck(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), pingTimeout)
	defer cancel()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if err := s.catalog.Ping(ctx); err != nil {
		s.log.Warn("health check failed", "err", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		io.WriteString(w, "unavailable")
		return
	}
	io.WriteString(w, "ok")
}
