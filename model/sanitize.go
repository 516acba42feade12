package model

import "bytes"

// neutralizeControls makes a raw JSON item from the network safe to show:
// a control character written as a JSON escape (\u001b ESC, \u009b CSI and
// the other C0 and C1 controls except tab and newline) or as UTF-8 (the C1
// range, which some terminals obey) becomes U+FFFD. Every string decoded
// from the item — IDs and names in breadcrumbs and form titles included —
// then carries no terminal control sequence. An item without a backslash
// or a C1 lead byte is returned as it is, at the cost of two scans.
func neutralizeControls(raw []byte) []byte {
	if bytes.IndexByte(raw, '\\') < 0 && bytes.IndexByte(raw, 0xC2) < 0 {
		return raw
	}
	var out []byte
	last := 0
	flush := func(i int, repl string) {
		if out == nil {
			out = make([]byte, 0, len(raw))
		}
		out = append(out, raw[last:i]...)
		out = append(out, repl...)
	}
	for i := 0; i < len(raw); i++ {
		switch raw[i] {
		case '\\':
			if i+1 >= len(raw) {
				continue
			}
			if raw[i+1] != 'u' || i+6 > len(raw) {
				i++ // an escaped character (\\, \", \n …): skip it whole
				continue
			}
			if c, ok := hex4(raw[i+2 : i+6]); ok && isControl(c) {
				flush(i, `\ufffd`)
				last = i + 6
			}
			i += 5
		case 0xC2:
			if i+1 < len(raw) && raw[i+1] >= 0x80 && raw[i+1] <= 0x9F {
				flush(i, "\uFFFD")
				last = i + 2
				i++
			}
		}
	}
	if out == nil {
		return raw
	}
	return append(out, raw[last:]...)
}

func isControl(c rune) bool {
	return (c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7f && c <= 0x9f)
}

func hex4(b []byte) (rune, bool) {
	var r rune
	for _, c := range b {
		r <<= 4
		switch {
		case c >= '0' && c <= '9':
			r |= rune(c - '0')
		case c >= 'a' && c <= 'f':
			r |= rune(c-'a') + 10
		case c >= 'A' && c <= 'F':
			r |= rune(c-'A') + 10
		default:
			return 0, false
		}
	}
	return r, true
}
