package scenarios_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/ccsim/ccsim/model"
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
	// plans/sales.yaml:17: contact_types[0].callback.initial_delay: 4d is out of range (allowed: 1s to 3d)
	// sales 12 2m Sales 10m
}

func ExampleReadForecast() {
	const forecast = `interval_start,offered,aht
2024-06-03 07:00,38.5,312
2024-06-03 07:30,52,5m10s
2024-06-03 08:00,12a,
2024-06-03 09:00,61,
`
	start := time.Date(2024, 6, 3, 7, 0, 0, 0, time.UTC)
	_, err := scenarios.ReadForecast("week.csv", []byte(forecast), start, 30*model.Minute)
	fmt.Println(err)

	plan, err := scenarios.ReadForecast("week.csv", []byte(forecast[:strings.Index(forecast, "2024-06-03 08:00")]), start, 30*model.Minute)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range plan.Rows {
		fmt.Println(r.Line, r.Offered, r.AHT)
	}
	// Output:
	// week.csv:4: column 2 (offered): "12a" is not a number
	// week.csv:5: column 1 (interval_start): 2024-06-03 09:00 UTC follows 2024-06-03 08:00 UTC (line 4), leaving a gap of 1 30m interval from 2024-06-03 08:30 UTC: give every interval a row, with 0 when closed
	// 2 38.5 5m12s
	// 3 52 5m10s
}
