// Package reports turns what the simulator produced into something a
// contact-centre planner reads or another program loads: contact records in
// Amazon Connect's JSON shape ([RecordWriter], and [RecordStream] for the
// records of parallel replications, in replication order), console and
// Markdown tables of one run ([SummaryTable], [RecordsTable], [CheckTable])
// and of the estimates over several replications ([EstimateTables],
// [IntervalTables], [SlotTables]), a self-contained HTML report with charts
// ([WriteHTML]), CSV tables ([CSVTables]), JSON documents of a run
// ([WriteJSON]) and of the estimates ([WriteSummaryJSON]), the closed-form
// Erlang B, C and A staffing figures ([ErlangTable], [WriteErlangJSON]),
// comparisons of variants ([CompareTables], [WriteCompareJSON],
// [CompareHTML]) and the comparison of simulated records with a documented
// example ([CheckTable]). [RunReport], [WriteComparison] and [WriteStaff]
// put together the whole report of a run, a comparison and a staffing
// search, in the tables or the JSON document [Format] asks for.
//
// It is presentation only: it reads [sim.Record], [sim.Result],
// [analysis.Summary], [analysis.Comparison], [analysis.CheckRow] and
// [erlang.Result] values, never runs the engine and judges nothing (the
// estimates, rankings and checks are package analysis's). Every output is
// deterministic (fixed key and row order, numbers pre-formatted
// with fixed precision) so that it can be kept in golden files and diffed
// between runs. Text is ASCII except for [PlusMinus], the "±" between an
// estimate and the half width of its confidence interval.
//
// Files are written with [WriteFileAtomic], or together with a [FileSet],
// so that an interrupted or failed run never leaves a half-written file
// behind.
package reports
