// Package model holds ccsim's domain types: the scenario schema (queues,
// routing profiles, agents, contact types, callback settings, scripts), the
// duration and distribution types scenarios are written in, and validation.
//
// It is plain data and rules, on purpose: no clock, no randomness, no I/O
// and nothing beyond the standard library, so that the parser, the engine
// and the reports can all agree on one vocabulary. The semantics follow
// docs/domain.md (Amazon Connect queued callbacks, with Genesys Cloud where
// Connect is silent).
package model
