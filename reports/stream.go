package reports

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

	"github.com/ccsim/ccsim/sim"
)

// RecordStream writes the contact records of replications 0 to reps-1,
// run in parallel and finishing in any order, to one records file in
// replication order, as [analysis.Replicate]'s hooks: [RecordStream.Sink]
// gives each replication the sink of a temporary file of its own beside
// the records file, and [RecordStream.Done], called as soon as the
// replication ends, closes that file and appends it, and any later
// replications already finished, to the records file, removing their
// temporary files. So the temporary files are those of the replications
// running or waiting for an earlier one, however many replications there
// are.
//
// The records file itself is a file of a [FileSet], written completely or
// not at all when the set is committed. [RecordStream.Close] (deferred by
// the caller) removes the temporary files of replications not appended,
// so that a failed or cancelled run leaves none behind.
type RecordStream struct {
	dest      io.Writer
	dir, base string
	reps      int
	stop      func()

	mu    sync.Mutex
	files map[int]*recordFile // by replication: running, or finished and waiting
	next  int                 // the first replication not yet appended
	count int                 // records appended
	err   error               // the first write error
}

// NewRecordStream starts the records file at path as part of set, for
// the records of replications 0 to reps-1. stop, when not nil, is called
// on the first write error: it should cancel the replications, whose
// error [RecordStream.Finish] then reports as the write error that
// caused it.
func NewRecordStream(set *FileSet, path string, reps int, stop func()) (*RecordStream, error) {
	dest, err := set.Create(path)
	if err != nil {
		return nil, fmt.Errorf("write records: %w", err)
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	return &RecordStream{dest: dest, dir: dir, base: base, reps: reps, stop: stop,
		files: map[int]*recordFile{}}, nil
}

// fail keeps the first write error and stops the replications.
func (st *RecordStream) fail(err error) {
	st.mu.Lock()
	if st.err == nil {
		st.err = fmt.Errorf("write records: %w", err)
	}
	st.mu.Unlock()
	if st.stop != nil {
		st.stop()
	}
}

// Sink returns the record sink of replication rep, writing to a
// temporary file of its own; nil if that file cannot be created (the
// error stops the run). Each replication's sink must be called from one
// goroutine at a time; sinks of different replications may run at once.
func (st *RecordStream) Sink(rep int) func(*sim.Record) {
	f, err := os.CreateTemp(st.dir, "."+st.base+".rep-*")
	if err != nil {
		st.fail(err)
		return nil
	}
	rf := &recordFile{f: f, w: NewRecordWriter(f)}
	st.mu.Lock()
	st.files[rep] = rf
	st.mu.Unlock()
	return func(rec *sim.Record) {
		if rf.err == nil {
			if rf.err = rf.w.Write(rec); rf.err != nil {
				st.fail(rf.err)
			}
		}
	}
}

// Done is called when replication rep has finished, after its sink's
// last record: it closes the replication's file, then appends every
// finished replication from the next one on to the records file.
func (st *RecordStream) Done(rep int) {
	if err := st.done(rep); err != nil {
		st.fail(err)
	}
}

func (st *RecordStream) done(rep int) error {
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

// Finish is called with the replications' error once they have ended. It
// returns the first write error, which is what cancelled the replications
// if it stopped them; else err; else an error if not every replication
// was appended.
func (st *RecordStream) Finish(err error) error {
	st.mu.Lock()
	werr, next := st.err, st.next
	st.mu.Unlock()
	if werr != nil {
		return werr
	}
	if err != nil {
		return err
	}
	if next != st.reps {
		return fmt.Errorf("write records: %d of %d replications written", next, st.reps)
	}
	return nil
}

// Count returns how many records have been appended to the records file.
func (st *RecordStream) Count() int {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.count
}

// Close closes and removes the temporary files of replications not
// appended. It may be called more than once.
func (st *RecordStream) Close() {
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
	w   *RecordWriter
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
