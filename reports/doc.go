// Package reports turns what the simulator produced into something a
// contact-centre planner reads or another program loads: contact records in
// Amazon Connect's JSON shape ([RecordWriter]), console and Markdown tables
// ([SummaryTable], [RecordsTable], [CheckTable]), a JSON document of a run
// ([WriteJSON]), and the comparison of simulated records with a documented
// example ([Check]).
//
// It is presentation only: it reads [sim.Record] and [sim.Result] values
// and never runs the engine. Every output is deterministic (fixed key and
// row order, numbers pre-formatted with fixed precision, ASCII only) so that
// it can be kept in golden files and diffed between runs.
//
// Files are written with [WriteFileAtomic], so that an interrupted or failed
// run never leaves a half-written file behind.
package reports
