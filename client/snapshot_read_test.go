package client

import (
	"strings"
	"testing"
)

// ReadSnapshot refuses a document whose items are not JSON objects (null,
// an array, missing) or not JSON at all, and reads a well-formed one.
func TestReadSnapshotChecksTheObjects(t *testing.T) {
	doc := func(object string) string {
		return `{"format":"` + SnapshotFormat + `","items":[{"kind":"vpc","region":"cn-hangzhou"` + object + `}]}`
	}
	if s, err := ReadSnapshot(strings.NewReader(doc(`,"object":{"VpcId":"vpc-1"}`))); err != nil || len(s.Items) != 1 {
		t.Fatalf("a well-formed snapshot: %v", err)
	}
	for name, object := range map[string]string{
		"null": `,"object":null`, "array": `,"object":[1]`, "string": `,"object":"vpc-1"`, "missing": ``,
		"broken": `,"object":{"VpcId":}`, "unclosed": `,"object":{"VpcId":"vpc-1"`,
	} {
		if _, err := ReadSnapshot(strings.NewReader(doc(object))); err == nil {
			t.Errorf("%s: an item whose object is %q was read", name, object)
		}
	}
}
