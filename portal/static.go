package portal

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"strings"
)

//go:embed static
var staticFiles embed.FS

// stylesheetPath returns the style sheet's address with a version taken
// from its content, so browsers may cache it for long and still see a new
// release at once.
func stylesheetPath() (string, error) {
	css, err := staticFiles.ReadFile("static/style.css")
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(css)
	return "/static/style.css?v=" + hex.EncodeToString(sum[:6]), nil
}

// staticHandler serves the embedded files under /static/.
func staticHandler() http.Handler {
	files := http.FileServerFS(mustSub(staticFiles, "static"))
	h := http.StripPrefix("/static/", files)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/") {
			http.NotFound(w, r) // no directory listings
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=86400")
		h.ServeHTTP(w, r)
	})
}

func mustSub(fsys fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(fsys, dir)
	if err != nil {
		// fs.Sub fails only on an invalid path, which dir is not.
		panic(err)
	}
	return sub
}
