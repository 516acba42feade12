package model

import "testing"

func TestGARules(t *testing.T) {
	for _, ok := range []string{"10", "90", "100", "200", "1000"} {
		if err := CheckGABandwidth(ok); err != nil {
			t.Errorf("CheckGABandwidth(%s) = %v", ok, err)
		}
	}
	for _, bad := range []string{"", "5", "15", "110", "1100", "ten"} {
		if CheckGABandwidth(bad) == nil {
			t.Errorf("CheckGABandwidth(%q) accepted", bad)
		}
	}
	if CheckGAServiceLocation("europe") != nil || CheckGAServiceLocation("mars") == nil {
		t.Error("service location list not applied")
	}
	cases := []struct {
		ga, loc, backend string
		ok               bool
	}{
		{"ap-southeast-1", "china-mainland", "cn-hangzhou", true},
		{"cn-hangzhou", "china-mainland", "cn-hangzhou", false}, // same region
		{"ap-southeast-1", "china-mainland", "cn-hongkong", false},
		{"cn-hangzhou", "asia-pacific", "cn-hongkong", true},
		{"cn-hangzhou", "europe", "eu-central-1", true},
		{"cn-hangzhou", "north-america", "eu-central-1", false},
	}
	for _, c := range cases {
		if err := CheckGABackendRegion(c.ga, c.loc, c.backend); (err == nil) != c.ok {
			t.Errorf("CheckGABackendRegion(%s, %s, %s) = %v, want ok=%v", c.ga, c.loc, c.backend, err, c.ok)
		}
	}
}
