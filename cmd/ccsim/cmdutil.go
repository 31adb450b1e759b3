package main

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"
)

// iostreams are where commands write: program output to Out, warnings
// and progress to ErrOut. Tests use buffers.
type iostreams struct {
	Out    io.Writer
	ErrOut io.Writer
	// ErrTTY is true when ErrOut is a terminal: progress bars are drawn
	// only there.
	ErrTTY bool
}

// usageError is a mistake on the command line: an unknown command or
// flag, a missing argument, a bad flag value. It exits with status 2 and
// prints a hint on where to find help.
type usageError struct {
	err  error
	hint string
}

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

// newUsageError wraps err as a usage error of cmd.
func newUsageError(cmd *cobra.Command, err error) error {
	return &usageError{err: err, hint: fmt.Sprintf("Run '%s --help' for usage.", cmd.CommandPath())}
}

// usageArgs turns the errors of a cobra positional-argument check into
// usage errors.
func usageArgs(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := check(cmd, args); err != nil {
			return newUsageError(cmd, err)
		}
		return nil
	}
}

// enumValue is a string flag that accepts only the given values. A bad
// value is reported when the flags are parsed, as a usage error.
type enumValue struct {
	p       *string
	allowed []string
}

func newEnumValue(p *string, value string, allowed []string) *enumValue {
	*p = value
	return &enumValue{p: p, allowed: allowed}
}

func (e *enumValue) Set(s string) error {
	if !slices.Contains(e.allowed, s) {
		return fmt.Errorf("valid values are %s", strings.Join(e.allowed, ", "))
	}
	*e.p = s
	return nil
}

func (e *enumValue) String() string { return *e.p }
func (e *enumValue) Type() string   { return "string" }

// enumFlag adds a flag accepting only allowed values, listed in the help
// and completed by the shell.
func enumFlag(cmd *cobra.Command, p *string, name, value string, allowed []string, usage string) {
	usage = fmt.Sprintf("%s: {%s}", usage, strings.Join(allowed, "|"))
	cmd.Flags().Var(newEnumValue(p, value, allowed), name, usage)
	if err := cmd.RegisterFlagCompletionFunc(name, cobra.FixedCompletions(allowed, cobra.ShellCompDirectiveNoFileComp)); err != nil {
		panic("ccsim: " + err.Error()) // a programming error: the flag was just added
	}
}

// output is one file or directory a command writes, named by its flag.
type output struct{ flag, path string }

// distinctOutputs refuses two outputs on one path: the later would
// overwrite the earlier (run --html X --records X wrote the report over the
// records and exited 0). Paths are compared cleaned and absolute.
func distinctOutputs(outs ...output) error {
	seen := map[string]string{}
	for _, o := range outs {
		if o.path == "" {
			continue
		}
		p, err := filepath.Abs(o.path)
		if err != nil {
			return err
		}
		if flag, ok := seen[p]; ok {
			return fmt.Errorf("--%s and --%s both write %s: give each output its own path", flag, o.flag, o.path)
		}
		seen[p] = o.flag
	}
	return nil
}

// inputError is bad input that is not a scenario: a partial result file,
// a shard given by flag or by the cluster's environment. It exits with
// status 2, like a bad scenario, but does not call itself one.
type inputError struct{ err error }

func (e *inputError) Error() string { return e.err.Error() }
func (e *inputError) Unwrap() error { return e.err }

// badInput marks err as bad input (exit status 2).
func badInput(err error) error { return &inputError{err: err} }
