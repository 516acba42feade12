package sim

// seedRegion opens the per-region services: in the demo, traffic mirroring
// everywhere except cn-shanghai and IP address pools in a few regions; in the
// large dataset a deterministic random half of each; nothing when empty.
func seedRegion(d *seedCtx) error {
	open := func(svc, region string) {
		d.st.mustAdd(kindService, region, &serviceState{Region: region, Service: svc, Status: svcOpened})
	}
	switch d.dataset {
	case DatasetDemo:
		pools := map[string]bool{"cn-hangzhou": true, "cn-beijing": true, "ap-southeast-1": true}
		for _, r := range d.regions {
			if r.ID != "cn-shanghai" {
				open(svcTrafficMirror, r.ID)
			}
			if pools[r.ID] {
				open(svcIPPool, r.ID)
			}
		}
	case DatasetLarge:
		for _, r := range d.regions {
			if d.rng.IntN(2) == 0 {
				open(svcTrafficMirror, r.ID)
			}
			if d.rng.IntN(2) == 0 {
				open(svcIPPool, r.ID)
			}
		}
	}
	return nil
}
