package model

// Index maps the names of a scenario's queues, routing profiles and
// contact types to their positions, so that resolving every reference of
// a scenario takes time linear in its size: [Scenario.QueueIndex] and its
// kin scan their lists, which made validating 100,000 queues take minutes.
// An index describes the scenario as it was when built; build another
// after renaming or adding elements.
type Index struct {
	queues, profiles, types map[string]int
}

// NewIndex indexes the names of s. With duplicate names (which Validate
// refuses), the first element of a name wins, as with QueueIndex.
func NewIndex(s *Scenario) *Index {
	first := func(n int, name func(int) string) map[string]int {
		m := make(map[string]int, n)
		for i := range n {
			if _, dup := m[name(i)]; !dup {
				m[name(i)] = i
			}
		}
		return m
	}
	return &Index{
		queues:   first(len(s.Queues), func(i int) string { return s.Queues[i].Name }),
		profiles: first(len(s.RoutingProfiles), func(i int) string { return s.RoutingProfiles[i].Name }),
		types:    first(len(s.ContactTypes), func(i int) string { return s.ContactTypes[i].Name }),
	}
}

func lookup(m map[string]int, name string) int {
	if i, ok := m[name]; ok {
		return i
	}
	return -1
}

// Queue returns the index of the named queue, or -1.
func (x *Index) Queue(name string) int { return lookup(x.queues, name) }

// Profile returns the index of the named routing profile, or -1.
func (x *Index) Profile(name string) int { return lookup(x.profiles, name) }

// Type returns the index of the named contact type, or -1.
func (x *Index) Type(name string) int { return lookup(x.types, name) }
