package model

import (
	"errors"
	"fmt"
	"strings"
)

// ErrInvalid is wrapped by every validation error, so that callers can tell
// bad input (exit status 2) from a failure of the run itself.
var ErrInvalid = errors.New("invalid scenario")

// FieldError is one problem with one field of a scenario.
//
// Path names the field the way the scenario file spells it, e.g.
// "contact_types[0].callback.initial_delay". Line is the line of the file
// the field came from, when the scenario was read from a file (0 otherwise);
// the scenarios package fills it in.
type FieldError struct {
	Path string
	Line int
	Msg  string
}

func (e *FieldError) Error() string {
	if e.Path == "" {
		return e.Msg
	}
	return e.Path + ": " + e.Msg
}

// Unwrap makes every FieldError match [ErrInvalid].
func (e *FieldError) Unwrap() error { return ErrInvalid }

// Errors collects the problems found in one scenario, in the order found.
type Errors []*FieldError

// MaxErrors is how many problems one validation lists. A scenario of a
// hundred thousand bad references must not print megabytes of errors (one
// of 4.6 MB once printed 59 MB): past the first MaxErrors, the rest are
// counted in one last line.
const MaxErrors = 100

func (es *Errors) add(path, format string, args ...any) {
	switch n := len(*es); {
	case n < MaxErrors:
		*es = append(*es, &FieldError{Path: path, Msg: fmt.Sprintf(format, args...)})
	case n == MaxErrors:
		*es = append(*es, &FieldError{Msg: fmt.Sprintf("... and more problems: only the first %d are listed", MaxErrors)})
	}
}

// Err returns nil when there are no problems, else the collected errors.
func (es Errors) Err() error {
	if len(es) == 0 {
		return nil
	}
	return es
}

func (es Errors) Error() string {
	var b strings.Builder
	for i, e := range es {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Unwrap exposes the individual errors to [errors.Is] and [errors.As].
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}
