package portal

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// validateXMLSchema validates body against the schema at xsd with
// xmllint, when it is installed; without it the test logs that only the
// structure was checked. CI installs it (Debian: libxml2-utils).
func validateXMLSchema(t *testing.T, body []byte, xsd string) {
	t.Helper()
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		t.Log("xmllint not installed (Debian: libxml2-utils); schema validation skipped, structure still checked")
		return
	}
	f := filepath.Join(t.TempDir(), "doc.xml")
	if err := os.WriteFile(f, body, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(xmllint, "--noout", "--nonet", "--schema", xsd, f).CombinedOutput()
	if err != nil {
		t.Errorf("does not validate against %s: %v\n%s\n%s", xsd, err, out, body)
	}
}
