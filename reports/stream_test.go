package reports_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ccsim/ccsim/analysis"
	"github.com/ccsim/ccsim/reports"
	"github.com/ccsim/ccsim/scenarios"
	"github.com/ccsim/ccsim/sim"
)

// compile compiles a built-in scenario.
func compile(t *testing.T, name string) *sim.Plan {
	t.Helper()
	l, err := scenarios.Resolve(name)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := sim.Compile(l.Scenario)
	if err != nil {
		t.Fatal(err)
	}
	return plan
}

// dirNames lists the names in dir.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// replicateTo runs reps replications of plan on workers, streaming their
// records to path as ccsim run does, and commits the records file unless
// ctx is cancelled. It returns the results and the records written.
func replicateTo(ctx context.Context, plan *sim.Plan, reps, workers int, path string, progress func(done int)) ([]*sim.Result, int, error) {
	var set reports.FileSet
	defer set.Abort()
	rctx, cancel := context.WithCancel(ctx)
	defer cancel()
	st, err := reports.NewRecordStream(&set, path, reps, cancel)
	if err != nil {
		return nil, 0, err
	}
	defer st.Close()
	opt := analysis.ReplicateOptions{Reps: reps, Workers: workers, Records: st.Sink, Done: st.Done}
	if progress != nil {
		opt.Progress = func(done, _ int) { progress(done) }
	}
	res, err := analysis.Replicate(rctx, plan, opt)
	if err := st.Finish(err); err != nil {
		return nil, 0, err
	}
	if err := ctx.Err(); err != nil {
		return nil, 0, err
	}
	if err := set.Commit(); err != nil {
		return nil, 0, err
	}
	return res, st.Count(), nil
}

func TestRecordStream_identicalWhateverTheWorkers(t *testing.T) {
	// The records file is the same byte for byte whether the
	// replications run one at a time or several at once and finish out
	// of order, and so are the results.
	plan := compile(t, "mmc-abandon")
	dir := t.TempDir()
	var files [3][]byte
	var results [3][]*sim.Result
	for i, workers := range []int{1, 2, 5} {
		path := filepath.Join(dir, fmt.Sprintf("r%d.jsonl", i))
		res, n, err := replicateTo(t.Context(), plan, 5, workers, path, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(res) != 5 || n == 0 {
			t.Fatalf("%d workers: %d results, %d records; want 5 and some", workers, len(res), n)
		}
		results[i] = res
		if files[i], err = os.ReadFile(path); err != nil {
			t.Fatal(err)
		}
		if got := bytes.Count(files[i], []byte("\n")); got != n {
			t.Errorf("%d workers: file has %d lines, %d records counted", workers, got, n)
		}
	}
	for i := 1; i < len(files); i++ {
		if !bytes.Equal(files[0], files[i]) {
			t.Errorf("records written by %d workers differ from those written by one", []int{1, 2, 5}[i])
		}
	}
	for rep := range 5 {
		for i := 1; i < len(results); i++ {
			if a, b := results[0][rep], results[i][rep]; a.Rep != rep || b.Rep != rep || a.Contacts() != b.Contacts() {
				t.Errorf("replication %d: results %d (%d contacts) and %d (%d contacts)", rep, a.Rep, a.Contacts(), b.Rep, b.Contacts())
			}
		}
	}
	if got := dirNames(t, dir); len(got) != 3 {
		t.Errorf("directory holds %q, want the three records files only", got)
	}
}

func TestRecordStream_filesCloseWithTheirReplication(t *testing.T) {
	// A finished replication's file is closed and appended to the
	// records file at once: during a run one worker has at most one
	// replication file beside the records file's own temporary.
	plan := compile(t, "mmc")
	dir := t.TempDir()
	path := filepath.Join(dir, "records.jsonl")
	var most int
	progress := func(int) {
		n := 0
		for _, name := range dirNames(t, dir) {
			if strings.HasPrefix(name, ".records.jsonl.rep-") {
				n++
			}
		}
		most = max(most, n)
	}
	if _, _, err := replicateTo(t.Context(), plan, 4, 1, path, progress); err != nil {
		t.Fatal(err)
	}
	if most != 0 {
		t.Errorf("%d replication files left between replications, want every finished one appended", most)
	}
	if got := dirNames(t, dir); len(got) != 1 || got[0] != "records.jsonl" {
		t.Errorf("directory holds %q, want records.jsonl only", got)
	}
}

func TestRecordStream_interruptedMidway(t *testing.T) {
	plan := compile(t, "mmc")
	dir := t.TempDir()
	path := filepath.Join(dir, "records.jsonl")
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var during []string
	progress := func(done int) {
		if done == 2 {
			// Ctrl-C after the second replication, its records
			// appended to the records file's temporary.
			during = dirNames(t, dir)
			cancel()
		}
	}
	res, _, err := replicateTo(ctx, plan, 6, 1, path, progress)
	if !errors.Is(err, context.Canceled) || res != nil {
		t.Fatalf("replicateTo() = %v, %v; want context.Canceled", res, err)
	}
	if len(during) != 1 || !strings.HasPrefix(during[0], ".records.jsonl.tmp-") {
		t.Errorf("directory held %q during the run, want the records file's temporary, holding two replications", during)
	}
	if got := dirNames(t, dir); len(got) != 0 {
		t.Errorf("directory holds %q after Ctrl-C, want nothing (no records file, no temporary files)", got)
	}
}

func TestRecordStream_writeErrorStopsTheRun(t *testing.T) {
	// The directory of the records file goes away once the stream has
	// started: no replication can create its file. The error stops the
	// replications and is reported instead of the cancellation it caused.
	plan := compile(t, "mmc")
	dir := filepath.Join(t.TempDir(), "out")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var set reports.FileSet
	defer set.Abort()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	stopped := false
	st, err := reports.NewRecordStream(&set, filepath.Join(dir, "records.jsonl"), 3, func() { stopped = true; cancel() })
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	_, err = analysis.Replicate(ctx, plan, analysis.ReplicateOptions{Reps: 3, Workers: 1, Records: st.Sink, Done: st.Done})
	err = st.Finish(err)
	if err == nil || !strings.HasPrefix(err.Error(), "write records: ") || errors.Is(err, context.Canceled) {
		t.Errorf("Finish() = %v, want the write error", err)
	}
	if !stopped {
		t.Errorf("the write error did not stop the replications")
	}
	if n := st.Count(); n != 0 {
		t.Errorf("%d records counted, want none", n)
	}
}

func TestRecordStream_missingReplication(t *testing.T) {
	// A run that ends without every replication appended is an error,
	// not a short records file.
	var set reports.FileSet
	defer set.Abort()
	dir := t.TempDir()
	st, err := reports.NewRecordStream(&set, filepath.Join(dir, "records.jsonl"), 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	st.Sink(0)(&sim.Record{})
	st.Sink(1)
	st.Done(0)
	if err := st.Finish(nil); err == nil || err.Error() != "write records: 1 of 2 replications written" {
		t.Errorf("Finish() = %v, want 1 of 2 replications written", err)
	}
	if n := st.Count(); n != 1 {
		t.Errorf("%d records counted, want 1", n)
	}
	st.Close()
	set.Abort()
	if got := dirNames(t, dir); len(got) != 0 {
		t.Errorf("directory holds %q, want nothing", got)
	}
}
