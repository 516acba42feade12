package client

import (
	"strings"
	"testing"
)

// TestScrubMasksSslVpnKeyMaterial: an SSL-VPN client key (a PEM block with
// spaces and escaped newlines) and the client configuration that embeds it
// are masked whole wherever a string passes the scrubber (logs, error
// snippets), in JSON as the API answers them.
func TestScrubMasksSslVpnKeyMaterial(t *testing.T) {
	body := `{"SslVpnClientCertId":"vsc-1","ClientKey":"-----BEGIN RSA PRIVATE KEY-----\nQUJDREVGR0hJSktM\n-----END RSA PRIVATE KEY-----\n",` +
		`"ClientConfig":"client\ndev tun\n<key>\n-----BEGIN RSA PRIVATE KEY-----\nQUJDREVGR0hJSktM\n</key>\n","Name":"alice"}`
	got := Scrub(body)
	for _, leak := range []string{"QUJDREVGR0hJSktM", "PRIVATE KEY", "dev tun"} {
		if strings.Contains(got, leak) {
			t.Errorf("%q survives the scrubber: %s", leak, got)
		}
	}
	for _, kept := range []string{`"ClientKey":"****"`, `"ClientConfig":"****"`, `"Name":"alice"`, `"SslVpnClientCertId":"vsc-1"`} {
		if !strings.Contains(got, kept) {
			t.Errorf("want %s in %s", kept, got)
		}
	}
}
