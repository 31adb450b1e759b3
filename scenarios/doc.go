// Package scenarios reads scenario files and holds the scenarios shipped
// with ccsim.
//
// A scenario is written by a capacity planner, not a programmer, so a
// mistake in it must be reported the way a compiler reports one: the file,
// the line, the field and what is wrong, for every problem at once, e.g.
//
//	peak.yaml:14: contact_types[0].callback.initial_delay: 4d is out of range (allowed: 1s to 3d)
//
// That is why [Parse] walks the YAML node tree itself instead of using the
// YAML library's struct decoder: it needs the line of every field, and it
// applies each type's Defaults method before reading the file's values over
// them, so that an explicit but invalid value (such as initial_delay: 0s)
// reaches validation instead of being mistaken for "not set".
//
// The loader is where a scenario is normalized and validated, once
// ([model.Scenario.Check]): every scenario it returns, each --set variant
// included, is marked checked, and sim.Compile does not check it again.
//
// Decoding is strict. Unknown or repeated keys, values of the wrong type,
// more than one YAML document, and YAML aliases (which could otherwise
// expand exponentially) are all errors: a misspelt setting that was
// silently ignored would make a capacity plan quietly wrong.
//
// A scenario may take its traffic from a forecast and its staff from a
// staffing plan: CSV files, one row per interval, as workforce management
// tools export them, named by contact_types[i].forecast and
// agents[i].staffing and read relative to the scenario file (see
// [ReadForecast] and [ReadStaffing] for their format). Their problems are
// reported the same way, with the CSV file's name and line and the column:
//
//	peak-forecast.csv:14: column 2 (offered): "12a" is not a number
//
// An agent group may instead take its agents from a roster
// (agents[i].roster): a CSV file with one agent's shift per row, breaks
// included (see [ReadRoster]), checked the same way.
//
// The built-in scenarios (see [Names]) are embedded in the binary. They are
// small documented examples and validation cases for the engine, and a
// starting point for writing one's own.
package scenarios
