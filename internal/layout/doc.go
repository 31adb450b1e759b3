// Package layout holds no code: its test checks the import rules between
// ccsim's packages (issue 9, "One room per idea"), so that `go test ./...`
// and `make test` fail when a package reaches into a room it must not.
//
// The rules, on the packages' own (non-test) imports:
//
//   - model (plain data, defaults, validation) uses the standard library
//     only;
//   - sim (the engine) imports only model, the standard library, gonum
//     and its own subpackages (sim/...);
//   - sim/kernel (the virtual clock and event heap) knows nothing of
//     contact centres: the standard library only;
//   - erlang imports only the standard library and gonum;
//   - analysis never imports reports or cmd/..., even indirectly;
//   - reports never imports cmd/..., even indirectly;
//   - nothing in model, sim, erlang or analysis depends, directly or
//     not, on the presentation libraries cobra, tablewriter, go-echarts
//     or excelize.
//
// A rule about a package that does not exist yet applies as soon as it
// does. Tests may import more (sim's tests read built-in scenarios through
// the scenarios package): the rules are about what ships in each package.
package layout
