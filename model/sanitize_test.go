package model

import (
	"encoding/json"
	"strings"
	"testing"
)

// A name or ID from a hostile endpoint cannot carry a terminal control
// sequence into the console (breadcrumbs and form titles show them raw).
func TestDecodeNeutralizesControlSequences(t *testing.T) {
	k := Default().MustLookup("vpc")
	raw := json.RawMessage(`{"VpcId":"vpc-1\u001b]52;c;ZXZpbA==\u0007","VpcName":"a\u001b[2J\u009bb\\u001bc","Status":"Available","Description":"tab\tok"}`)
	raw = json.RawMessage(strings.Replace(string(raw), `\u009b`, "\u009b", 1)) // a literal UTF-8 C1 too
	o, err := k.Decode("cn-hangzhou", raw)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{o.ID, o.Name} {
		if strings.ContainsAny(s, "\x1b\x07\u009b") {
			t.Errorf("a control character survived: %q", s)
		}
	}
	if o.ID != "vpc-1\uFFFD]52;c;ZXZpbA==\uFFFD" {
		t.Errorf("ID %q", o.ID)
	}
	// An escaped backslash followed by u001b is text, not a control.
	if o.Name != "a\uFFFD[2J\uFFFDb\\u001bc" {
		t.Errorf("name %q", o.Name)
	}
	// The value rebuilt from Raw (dropped once cells exist) is clean too.
	if v := (&Object{Kind: k, Raw: o.Raw}).Val().(*Vpc); v.VpcId != o.ID || v.VpcName != o.Name {
		t.Errorf("rebuilt from Raw: ID %q, name %q", v.VpcId, v.VpcName)
	}
	if string(o.Raw) != string(raw) {
		t.Error("Raw is the API's own bytes (describe and -o json escape on the way out)")
	}
	v := o.Value.(*Vpc)
	if v.Description != "tab\tok" {
		t.Errorf("a tab is kept: %q", v.Description)
	}
}

func BenchmarkDecodeClean(b *testing.B) {
	k := Default().MustLookup("vpc")
	raw := json.RawMessage(`{"VpcId":"vpc-bp1rd5qqebk0otbfdnufp","VpcName":"prod-core","Status":"Available","CidrBlock":"10.0.0.0/16","Description":"the main VPC"}`)
	for b.Loop() {
		_, _ = k.Decode("cn-hangzhou", raw)
	}
}
