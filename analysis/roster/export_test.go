package roster

// Pack packs r's shifts into weekly lines, for tests of rosters built by
// hand.
func (r *Roster) Pack() { r.pack() }
