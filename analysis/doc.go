// Package analysis turns simulated replications into numbers with
// confidence intervals, and judges them.
//
// A single replication of a scenario ([sim.Plan.Run]) is one sample of a
// random process; what a planner needs is the expected figure and how sure
// it is. This package holds everything between the two:
//
//   - running replications in parallel, in an order that does not depend
//     on the number of cores ([Replicate]), and the items of a sweep of
//     variants, possibly split into shards run anywhere ([Items],
//     [RunItems], [Partial], [MergePartials]);
//   - reducing them to estimates, a mean with a Student t interval, per
//     metric, queue, agent group and interval of the cycle ([Summarize],
//     [Estimate]);
//   - summing the caller-scheduled callback slots booked ([SumSlots]);
//   - comparing variants on common random numbers, replication by
//     replication ([Compare]);
//   - judging them: against the scenario's goals ([Summary.TargetStatus]),
//     by an objective under constraints ([Rank]), and in a staffing search
//     of every agent group at once that starts from Erlang A and C per
//     queue and ends where every queue's intervals meet its targets in
//     simulation ([SearchCentre]; [SearchStaffing] for one group);
//   - checking one run's contact records against the values an example
//     documents ([Check]).
//
// Every judgement is made on the confidence interval's unfavourable bound,
// so that chance is not mistaken for success.
//
// The engine itself lives in package sim, the closed-form models in
// package erlang. This package neither runs a single replication's events
// nor formats anything: tables, charts and documents are package reports'.
package analysis
