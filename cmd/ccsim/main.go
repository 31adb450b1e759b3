// Command ccsim simulates an inbound contact centre, with Amazon Connect
// style queued callbacks, for capacity planning. Run "ccsim help" for the
// commands.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"
	"strings"
	"syscall"
	// The tz database, embedded (about 450 KB), so that a scenario's
	// time_zone loads on a machine without /usr/share/zoneinfo (a
	// scratch or distroless image). It is imported here, not by the
	// scenarios package that loads zones: the Go documentation says it
	// "should normally be imported by a program's main package, not by a
	// library", and model stays free of I/O. The system's database is
	// still preferred when there is one.
	_ "time/tzdata"

	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/scenarios"
)

// Exit statuses. They are mapped from errors in one place, [exitCode].
const (
	exitOK    = 0 // success
	exitError = 1 // the run failed, or documented checks failed
	exitUsage = 2 // bad input: command line or scenario
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	stopProfile := startProfile(os.Getenv("CCSIM_CPUPROFILE"), os.Stderr)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stopProfile()
	stop()
	os.Exit(code)
}

// startProfile starts a CPU profile of the whole process into file, when
// file is not empty (CCSIM_CPUPROFILE, for "go tool pprof"): what a user
// waits for includes loading, compiling and reporting, which in-process
// benchmarks leave out. It returns the function that stops and writes it.
func startProfile(file string, stderr io.Writer) func() {
	if file == "" {
		return func() {}
	}
	f, err := os.Create(file)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintf(stderr, "ccsim: CCSIM_CPUPROFILE: %v\n", err)
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			fmt.Fprintf(stderr, "ccsim: CCSIM_CPUPROFILE: %v\n", err)
		}
	}
}

// run executes the command line args and returns the exit status. Program
// output goes to stdout; errors, printed once as "ccsim: MESSAGE", and
// warnings go to stderr.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	root := newRootCmd(&iostreams{Out: stdout, ErrOut: stderr, ErrTTY: isTerminal(stderr)})
	if args == nil {
		args = []string{} // cobra reads os.Args when given nil
	}
	root.SetArgs(args)
	_, err := root.ExecuteContextC(ctx)
	if err == nil {
		return exitOK
	}
	msg := err.Error()
	if errors.Is(err, context.Canceled) {
		msg = "interrupted"
	}
	fmt.Fprintf(stderr, "ccsim: %s\n", strings.TrimRight(msg, "\n"))
	var ue *usageError
	if errors.As(err, &ue) && ue.hint != "" {
		fmt.Fprintln(stderr, ue.hint)
	}
	return exitCode(err)
}

// exitCode maps an error to the exit status: 2 for bad input (a usage
// error, an invalid scenario, a scenario that does not exist, an input
// file over the size limit), 1 for anything else, including failed
// documented checks, a run refused for its cost and interruption.
func exitCode(err error) int {
	var ue *usageError
	var ie *inputError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ue), errors.As(err, &ie), errors.Is(err, model.ErrInvalid), errors.Is(err, scenarios.ErrNotFound),
		errors.Is(err, scenarios.ErrTooLarge):
		return exitUsage
	default:
		return exitError
	}
}
