// Package erlang provides the closed-form queueing models contact centres
// staff with, and the fewest agents that meet a target under them.
//
// Three models are provided:
//
//   - Erlang B ([B]): a loss system. A caller who finds every agent busy
//     is turned away; there is no queue.
//   - Erlang C ([C], [CModel]): callers queue and wait as long as it
//     takes. With an offered load at or above the number of agents the
//     queue grows without bound.
//   - Erlang A ([AModel], Palm's M/M/n+M): callers queue, but each hangs
//     up after an exponentially distributed patience. It is stable at any
//     load, and is what to use when callers abandon.
//
// [AgentsFor] and [FewestAgents] search the agent counts for the first that
// meets a service-level (and abandonment) target.
//
// Every model assumes a steady state: Poisson arrivals at a constant rate,
// exponentially distributed handle times, identical agents who are always
// logged in, and one queue served first come, first served. A real centre
// breaks each assumption (its forecast changes every half hour, handle
// times are skewed, callers take callbacks, agents take breaks), which is
// why ccsim simulates: the formulas give the first estimate of a staffing
// plan, and check the simulator in the cases they describe exactly.
//
// Rates are per second, times in seconds, offered load in Erlangs (arrival
// rate times mean handle time), probabilities and occupancy fractions in
// [0, 1]. Figures are computed from their formulas, not read from tables;
// Erlang A's infinite sums are cut off where their terms no longer change
// the result in floating point.
//
// The package only evaluates formulas: it neither simulates nor formats,
// and depends on the standard library alone.
package erlang
