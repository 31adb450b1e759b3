package main

import (
	"context"
	"github.com/ccsim/ccsim/analysis"
	"io"
	"os"
	"time"

	"github.com/ccsim/ccsim/reports"
	"github.com/ccsim/ccsim/sim"
	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// replication is how ccsim run runs the replications of a plan: in
// parallel with [analysis.Replicate], reporting progress, and optionally
// streaming every contact record to a file ([reports.RecordStream]).
type replication struct {
	plan    *sim.Plan
	reps    int
	workers int
	// records is the file to write every contact record to ("" for none),
	// joining files, the set of output files written all or nothing, for
	// the caller to commit.
	records string
	files   *reports.FileSet
	// keep collects the records of the scripted contacts of the first
	// replication, for the records table and the documented checks.
	keep bool
	// progress, when not nil, is told how many replications are done.
	progress func(done int)
}

// replicated is what the replications produced.
type replicated struct {
	results []*sim.Result
	// scripted are the records of the scripted contacts of replication 0
	// (when keep was set), in the order they ended.
	scripted []sim.Record
	// records is how many records were written to the records file.
	records int
}

// run runs the replications. Every temporary file of the records is
// removed on an error or cancellation.
func (r *replication) run(ctx context.Context) (*replicated, error) {
	out := &replicated{}
	// A write error cancels the replications and is reported instead of
	// the cancellation it caused.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var st *reports.RecordStream
	if r.records != "" {
		var err error
		if st, err = reports.NewRecordStream(r.files, r.records, r.reps, cancel); err != nil {
			return nil, err
		}
		defer st.Close()
	}
	opt := analysis.ReplicateOptions{Reps: r.reps, Workers: r.workers,
		// Each replication runs on one goroutine: its sinks are its own.
		Records: func(rep int) func(*sim.Record) {
			var sink func(*sim.Record)
			if st != nil {
				sink = st.Sink(rep)
			}
			if !r.keep || rep != 0 {
				return sink
			}
			return func(rec *sim.Record) {
				if rec.ScriptID != "" {
					out.scripted = append(out.scripted, *rec)
				}
				if sink != nil {
					sink(rec)
				}
			}
		},
	}
	if st != nil {
		opt.Done = st.Done
	}
	if r.progress != nil {
		opt.Progress = func(done, _ int) { r.progress(done) }
	}
	res, err := analysis.Replicate(ctx, r.plan, opt)
	if st != nil {
		err = st.Finish(err)
		out.records = st.Count()
	}
	if err != nil {
		return nil, err
	}
	out.results = res
	return out, nil
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// progressBar draws the replications done on io.ErrOut when it is a
// terminal and quiet is not set; otherwise it draws nothing. Call done
// when the replications end: it clears the bar.
type progressBar struct {
	bar *progressbar.ProgressBar
}

func newProgressBar(io *iostreams, quiet bool, total int) *progressBar {
	if quiet || !io.ErrTTY || total < 1 {
		return &progressBar{}
	}
	return &progressBar{bar: progressbar.NewOptions(total,
		progressbar.OptionSetWriter(io.ErrOut),
		progressbar.OptionSetDescription("replications"),
		progressbar.OptionShowCount(),
		progressbar.OptionSetWidth(30),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetRenderBlankState(true),
	)}
}

// set shows done replications finished; nil when there is no bar.
func (p *progressBar) set() func(done int) {
	if p.bar == nil {
		return nil
	}
	return func(done int) { _ = p.bar.Set(done) }
}

// done clears the bar.
func (p *progressBar) done() {
	if p.bar == nil {
		return
	}
	if !p.bar.IsFinished() {
		_ = p.bar.Clear()
	}
	_ = p.bar.Exit()
}
