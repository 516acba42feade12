package sim

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"regexp"
	"strings"
)

// Format=XML (a common parameter of seed 003 §1.2: "JSON (默认值) | XML";
// the console always sends JSON) turns the JSON document of an answer into
// the API's XML (§1.3): a root element named after the response,
// <ActionName>Response (an error answers <Error>), each
// object field an element, and a list as its element repeated —
// "Vpcs":{"Vpc":[a,b]} is <Vpcs><Vpc>a</Vpc><Vpc>b</Vpc></Vpcs>. Field
// order is kept.

const xmlContentType = "text/xml;charset=utf-8"

// wantsXML reports whether a request asked for XML.
func wantsXML(params map[string]string) bool {
	return strings.EqualFold(strings.TrimSpace(params["Format"]), "XML")
}

// xmlName matches what may be an element name; anything else (a tag key
// with a space, say) is kept as a <member name="…"> element.
var xmlName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.-]*$`)

// jsonToXML renders a JSON object body as an XML document under root.
func jsonToXML(body []byte, root string) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var b bytes.Buffer
	b.WriteString(xml.Header)
	if err := xmlValue(&b, dec, root); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("sim: trailing data after the JSON body")
	}
	return b.Bytes(), nil
}

// xmlValue writes the next JSON value as <name>…</name>; a list writes one
// element per item.
func xmlValue(b *bytes.Buffer, dec *json.Decoder, name string) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); ok && d == '[' {
		for dec.More() {
			if err := xmlValue(b, dec, name); err != nil {
				return err
			}
		}
		_, err := dec.Token() // ]
		return err
	}
	openXML(b, name)
	switch t := tok.(type) {
	case json.Delim: // '{'
		for dec.More() {
			kt, err := dec.Token()
			if err != nil {
				return err
			}
			key, _ := kt.(string)
			if err := xmlValue(b, dec, key); err != nil {
				return err
			}
		}
		if _, err := dec.Token(); err != nil { // }
			return err
		}
	case string:
		_ = xml.EscapeText(b, []byte(t))
	case json.Number:
		b.WriteString(t.String())
	case bool:
		if t {
			b.WriteString("true")
		} else {
			b.WriteString("false")
		}
	case nil:
	}
	closeXML(b, name)
	return nil
}

func openXML(b *bytes.Buffer, name string) {
	if xmlName.MatchString(name) && !strings.HasPrefix(strings.ToLower(name), "xml") {
		b.WriteString("<" + name + ">")
		return
	}
	b.WriteString(`<member name="`)
	_ = xml.EscapeText(b, []byte(name))
	b.WriteString(`">`)
}

func closeXML(b *bytes.Buffer, name string) {
	if xmlName.MatchString(name) && !strings.HasPrefix(strings.ToLower(name), "xml") {
		b.WriteString("</" + name + ">")
		return
	}
	b.WriteString("</member>")
}
