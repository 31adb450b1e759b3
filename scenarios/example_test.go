package scenarios_test

import (
	"fmt"
	"strings"

	"github.com/ccsim/ccsim/scenarios"
)

func ExampleParse() {
	const sales = `horizon: 8h
queues:
  - name: Sales
routing_profiles:
  - name: Sales
    queues: [{queue: Sales}]
agents:
  - name: alice
    count: 12
    profile: Sales
contact_types:
  - name: call
    queue: Sales
    per_hour: 120
    talk: {dist: lognormal, mean: 5m, sd: 2m}
    callback:
      initial_delay: 4d
`
	// Every problem is reported with its file, line and field.
	_, err := scenarios.Parse("plans/sales.yaml", []byte(sales))
	fmt.Println(err)

	// Fixed, the scenario is named after its file, and the callback's
	// queue defaults to the contact type's.
	s, err := scenarios.Parse("plans/sales.yaml", []byte(strings.Replace(sales, "4d", "2m", 1)))
	if err != nil {
		fmt.Println(err)
		return
	}
	cb := s.ContactTypes[0].Callback
	fmt.Println(s.Name, s.Agents[0].Count, cb.InitialDelay, cb.Queue, cb.RetryInterval)
	// Output:
	// plans/sales.yaml:17: contact_types[0].callback.initial_delay: 4d is out of range (allowed: 1s to 3d, i.e. 259200s)
	// sales 12 2m Sales 10m
}
