package reports_test

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"runtime"
	rtmetrics "runtime/metrics"
	"testing"
	"time"

	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/reports"
	"github.com/ccsim/ccsim/scenarios"
	"github.com/ccsim/ccsim/sim"
)

// BenchmarkRecordsYear streams every contact record of the planning week
// stretched to 4 and to 52 weeks into a file, and reports records/s and
// the peak heap in use while it runs. Records are written as contacts
// finish and never held, so the peak heap is the same for a month and a
// year.
func BenchmarkRecordsYear(b *testing.B) {
	for _, weeks := range []int{4, 52} {
		b.Run(map[int]string{4: "4weeks", 52: "52weeks"}[weeks], func(b *testing.B) {
			s, err := scenarios.Load("planning-week")
			if err != nil {
				b.Fatal(err)
			}
			s.Horizon = model.Duration(weeks) * 7 * model.Day
			p, err := sim.Compile(s)
			if err != nil {
				b.Fatal(err)
			}
			path := filepath.Join(b.TempDir(), "records.jsonl")
			var records int64
			var peak uint64
			for b.Loop() {
				f, err := os.Create(path)
				if err != nil {
					b.Fatal(err)
				}
				w := reports.NewRecordWriter(bufio.NewWriter(f))
				stop := samplePeakHeap(&peak)
				_, err = p.Run(context.Background(), sim.Options{Records: func(r *sim.Record) {
					if werr := w.Write(r); werr != nil {
						b.Fatal(werr)
					}
					records++
				}})
				if err == nil {
					err = w.Flush()
				}
				stop()
				if cerr := f.Close(); err == nil {
					err = cerr
				}
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
		})
	}
}

// samplePeakHeap records the largest heap seen every millisecond until
// stop is called (runtime/metrics does not stop the world).
func samplePeakHeap(peak *uint64) (stop func()) {
	runtime.GC()
	done, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		sample := []rtmetrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			rtmetrics.Read(sample)
			*peak = max(*peak, sample[0].Value.Uint64())
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	return func() { close(done); <-finished }
}

// BenchmarkRecordWriter measures the record writer alone: records of the
// planning week (inbound contacts and callback legs), built once, written
// one per op to a file, and reports records/s and allocations per record.
// The file is rewound after each pass over the records, so that it stays
// the size of one pass.
func BenchmarkRecordWriter(b *testing.B) {
	s, err := scenarios.Load("planning-week")
	if err != nil {
		b.Fatal(err)
	}
	var recs []sim.Record
	const most = 100_000
	if _, err := sim.Run(context.Background(), s, sim.Options{Records: func(r *sim.Record) {
		if len(recs) < most {
			recs = append(recs, *r)
		}
	}}); err != nil {
		b.Fatal(err)
	}
	f, err := os.Create(filepath.Join(b.TempDir(), "records.jsonl"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	w := reports.NewRecordWriter(f)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	mallocs := ms.Mallocs
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if err := w.Write(&recs[i]); err != nil {
			b.Fatal(err)
		}
		if i++; i == len(recs) {
			i = 0
			if err := w.Flush(); err != nil {
				b.Fatal(err)
			}
			if _, err := f.Seek(0, 0); err != nil {
				b.Fatal(err)
			}
		}
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "records/s")
	b.ReportMetric(float64(ms.Mallocs-mallocs)/float64(b.N), "allocs/record")
}
