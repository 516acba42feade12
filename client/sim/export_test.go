package sim

import "slices"

// VSwitchIDs is the IDs of the VSwitches the simulator holds in regions,
// read from its state: what a listing of them must return (for the tests of
// package sim_test).
func (s *Server) VSwitchIDs(regions ...string) map[string]bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]bool{}
	for _, r := range s.st.byID {
		if r.Kind == kindVSwitch && slices.Contains(regions, r.Region) {
			out[r.ID] = true
		}
	}
	return out
}
