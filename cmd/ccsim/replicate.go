package main

import (
	"context"
	"fmt"
	"github.com/ccsim/ccsim/analysis"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/ccsim/ccsim/reports"
	"github.com/ccsim/ccsim/sim"
	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// replication is how ccsim run runs the replications of a plan: in
// parallel with [analysis.Replicate], reporting progress, and optionally writing
// every contact record to a file.
type replication struct {
	plan    *sim.Plan
	reps    int
	workers int
	// records is the file to write every contact record to ("" for none).
	records string
	// files, when not nil, is the set of output files the records file
	// joins, all or nothing, for the caller to commit; when nil, run
	// writes the records file itself.
	files *reports.FileSet
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

// run runs the replications. With a records file, each replication
// streams its records to a temporary file of its own beside the records
// file, closed as soon as the replication ends (sim's Done hook); as each
// replication ends, it and any later ones already finished are appended,
// in replication order, to the records file and their temporary files
// removed. So the temporary files are those of the replications running
// or waiting for an earlier one, whatever --reps is. The records file
// itself is a temporary file too until it is committed
// ([reports.FileSet]), and every temporary file is removed on an error or
// cancellation.
func (r *replication) run(ctx context.Context) (*replicated, error) {
	out := &replicated{}
	collect := func(rep int) func(*sim.Record) {
		if !r.keep || rep != 0 {
			return nil
		}
		return func(rec *sim.Record) {
			if rec.ScriptID != "" {
				out.scripted = append(out.scripted, *rec)
			}
		}
	}
	var progress func(done, total int)
	if r.progress != nil {
		progress = func(done, _ int) { r.progress(done) }
	}
	if r.records == "" {
		res, err := analysis.Replicate(ctx, r.plan, analysis.ReplicateOptions{
			Reps: r.reps, Workers: r.workers, Records: collect, Progress: progress,
		})
		if err != nil {
			return nil, err
		}
		out.results = res
		return out, nil
	}

	files := r.files
	if files == nil {
		files = &reports.FileSet{}
		defer files.Abort()
	}
	dest, err := files.Create(r.records)
	if err != nil {
		return nil, fmt.Errorf("write records: %w", err)
	}
	dir, base := filepath.Split(r.records)
	if dir == "" {
		dir = "."
	}
	st := &recordStream{dest: dest, files: map[int]*recordFile{}}
	defer st.cleanup()

	// A write error cancels the replications and is reported instead of
	// the cancellation it caused.
	rctx, cancel := context.WithCancel(ctx)
	defer cancel()
	fail := func(err error) {
		st.mu.Lock()
		if st.err == nil {
			st.err = fmt.Errorf("write records: %w", err)
		}
		st.mu.Unlock()
		cancel()
	}
	res, err := analysis.Replicate(rctx, r.plan, analysis.ReplicateOptions{
		Reps: r.reps, Workers: r.workers, Progress: progress,
		// Each replication runs on one goroutine: its file and sink are
		// its own.
		Records: func(rep int) func(*sim.Record) {
			f, err := os.CreateTemp(dir, "."+base+".rep-*")
			if err != nil {
				fail(err)
				return nil
			}
			rf := &recordFile{f: f, w: reports.NewRecordWriter(f)}
			st.mu.Lock()
			st.files[rep] = rf
			st.mu.Unlock()
			also := collect(rep)
			return func(rec *sim.Record) {
				if also != nil {
					also(rec)
				}
				if rf.err == nil {
					if rf.err = rf.w.Write(rec); rf.err != nil {
						fail(rf.err)
					}
				}
			}
		},
		Done: func(rep int) {
			if err := st.done(rep); err != nil {
				fail(err)
			}
		},
	})
	st.mu.Lock()
	werr, next := st.err, st.next
	out.records = st.count
	st.mu.Unlock()
	if werr != nil {
		return nil, werr
	}
	if err != nil {
		return nil, err
	}
	if next != r.reps {
		return nil, fmt.Errorf("write records: %d of %d replications written", next, r.reps)
	}
	out.results = res
	if r.files == nil {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if err := files.Commit(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// recordStream appends the records of finished replications to the
// records file in replication order.
type recordStream struct {
	mu    sync.Mutex
	dest  io.Writer
	files map[int]*recordFile // by replication: running, or finished and waiting
	next  int                 // the first replication not yet appended
	count int                 // records appended
	err   error               // the first write error
}

// done closes the file of a finished replication, then appends every
// finished replication from the next one on.
func (st *recordStream) done(rep int) error {
	st.mu.Lock()
	rf := st.files[rep]
	st.mu.Unlock()
	if rf == nil {
		return nil // its file could not be created; the run is failing
	}
	err := rf.close()
	st.mu.Lock()
	defer st.mu.Unlock()
	rf.closed = true
	if err != nil {
		return err
	}
	for {
		rf := st.files[st.next]
		if rf == nil || !rf.closed {
			return nil
		}
		if err := appendFile(st.dest, rf.f.Name()); err != nil {
			return err
		}
		os.Remove(rf.f.Name())
		delete(st.files, st.next)
		st.count += rf.w.Count()
		st.next++
	}
}

// cleanup closes and removes the files of replications not appended.
func (st *recordStream) cleanup() {
	st.mu.Lock()
	defer st.mu.Unlock()
	for rep, rf := range st.files {
		if !rf.closed {
			rf.f.Close()
		}
		os.Remove(rf.f.Name())
		delete(st.files, rep)
	}
}

// recordFile is the temporary records file of one replication.
type recordFile struct {
	f   *os.File
	w   *reports.RecordWriter
	err error
	// closed is set, under the stream's lock, once the replication has
	// finished and its file is closed.
	closed bool
}

// close flushes and closes the file.
func (rf *recordFile) close() error {
	err := rf.err
	if err == nil {
		err = rf.w.Flush()
	}
	if cerr := rf.f.Close(); err == nil {
		err = cerr
	}
	return err
}

// appendFile copies the file at path to w.
func appendFile(w io.Writer, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(w, f)
	return err
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
