package sim

// seedRegion opens the services: in the demo, traffic mirroring in every
// region except cn-shanghai, and IP address pools not at all (the feature
// is account-wide, seed 004, so the demo leaves it for the user to open);
// in the large dataset a deterministic random half of the regions for
// traffic mirroring and the account's IP address pools when any region's
// draw says so; nothing when empty.
func seedRegion(d *seedCtx) error {
	open := func(svc, region string) {
		d.st.mustAdd(kindService, region, &serviceState{Region: region, Service: svc, Status: svcOpened})
	}
	switch d.dataset {
	case DatasetDemo:
		for _, r := range d.regions {
			if r.ID != "cn-shanghai" {
				open(svcTrafficMirror, r.ID)
			}
		}
	case DatasetLarge:
		pool := ""
		for _, r := range d.regions {
			if d.rng.IntN(2) == 0 {
				open(svcTrafficMirror, r.ID)
			}
			// One draw per region, as before the feature was account-wide,
			// so that the rest of the dataset stays the same.
			if d.rng.IntN(2) == 0 && pool == "" {
				pool = r.ID
			}
		}
		if pool != "" {
			open(svcIPPool, pool)
		}
	}
	return nil
}
