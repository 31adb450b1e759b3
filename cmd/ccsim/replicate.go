package main

import (
	"context"
	"fmt"
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

// recordBatch is how many replications at most write their records at
// once. Each has a temporary file open and a write buffer until its batch
// ends, so batches bound the open files and the memory whatever --reps is.
const recordBatch = 64

// replication is how ccsim run runs the replications of a plan: in
// parallel with [sim.Replicate], reporting progress, and optionally writing
// every contact record to a file.
type replication struct {
	plan    *sim.Plan
	reps    int
	workers int
	// records is the file to write every contact record to ("" for none).
	records string
	// keep collects the records of the scripted contacts of the first
	// replication, for the records table and the documented checks.
	keep bool
	// progress, when not nil, is told how many replications are done.
	progress func(done int)
	// batch is how many replications at most write records at once
	// (0: recordBatch, or four per worker if that is more).
	batch int
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
// file; once all have finished, the temporary files are concatenated in
// replication order into the records file, which is written atomically
// ([reports.WriteFileAtomic]). The temporary files are removed on every
// path, and on an error or cancellation the records file is not written.
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
	progress := func(offset int) func(done, total int) {
		if r.progress == nil {
			return nil
		}
		return func(done, _ int) { r.progress(offset + done) }
	}
	if r.records == "" {
		res, err := sim.Replicate(ctx, r.plan, sim.ReplicateOptions{
			Reps: r.reps, Workers: r.workers, Records: collect, Progress: progress(0),
		})
		if err != nil {
			return nil, err
		}
		out.results = res
		return out, nil
	}

	dir, base := filepath.Split(r.records)
	if dir == "" {
		dir = "."
	}
	tmps := make([]string, r.reps) // by replication; "" until created
	defer func() {
		for _, p := range tmps {
			if p != "" {
				os.Remove(p)
			}
		}
	}()

	// A write error cancels the replications and is reported instead of
	// the cancellation it caused.
	rctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mu   sync.Mutex
		werr error
	)
	fail := func(err error) {
		mu.Lock()
		if werr == nil {
			werr = fmt.Errorf("write records: %w", err)
		}
		mu.Unlock()
		cancel()
	}

	batch := r.batch
	if batch <= 0 {
		batch = max(recordBatch, 4*r.workers)
	}
	for first := 0; first < r.reps; first += batch {
		n := min(batch, r.reps-first)
		files := make([]*recordFile, n)
		res, err := sim.Replicate(rctx, r.plan, sim.ReplicateOptions{
			Reps: n, First: first, Workers: r.workers, Progress: progress(first),
			// Each replication runs on one goroutine: its file and sink
			// are its own.
			Records: func(rep int) func(*sim.Record) {
				f, err := os.CreateTemp(dir, "."+base+".rep-*")
				if err != nil {
					fail(err)
					return nil
				}
				tmps[rep] = f.Name()
				rf := &recordFile{f: f, w: reports.NewRecordWriter(f)}
				files[rep-first] = rf
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
		})
		for _, rf := range files {
			if rf == nil {
				continue
			}
			if cerr := rf.close(); cerr != nil && err == nil {
				fail(cerr)
			}
			out.records += rf.w.Count()
		}
		if werr != nil {
			return nil, werr
		}
		if err != nil {
			return nil, err
		}
		out.results = append(out.results, res...)
	}

	err := reports.WriteFileAtomic(r.records, func(w io.Writer) error {
		for _, p := range tmps {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := appendFile(w, p); err != nil {
				return fmt.Errorf("write records: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// recordFile is the temporary records file of one replication.
type recordFile struct {
	f   *os.File
	w   *reports.RecordWriter
	err error
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
