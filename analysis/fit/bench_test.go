package fit_test

import (
	"bytes"
	"context"
	"io"
	"runtime"
	"testing"

	"github.com/ccsim/ccsim/analysis/fit"
	"github.com/ccsim/ccsim/reports"
	"github.com/ccsim/ccsim/scenarios"
	"github.com/ccsim/ccsim/sim"
)

// baseRecords simulates one week of the round trip's known centre (about
// 17,900 records) as JSON lines.
func baseRecords(b *testing.B) []byte {
	b.Helper()
	s, err := scenarios.LoadFile("../../cmd/ccsim/testdata/fit/known.yaml")
	if err != nil {
		b.Fatal(err)
	}
	s.Horizon = 7 * 24 * 3600 * 1000
	p, err := sim.Compile(s)
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	w := reports.NewRecordWriter(&buf)
	if _, err := p.Run(context.Background(), sim.Options{Records: func(r *sim.Record) { _ = w.Write(r) }}); err != nil {
		b.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// copies is a reader of n records: the base records over and over, each
// copy's contact ids made its own by writing the copy number into their
// first group (ccsim's replication), as if each were another week.
type copies struct {
	base, buf, cur []byte
	idAt           []int
	perCopy        int
	left, k        int
}

func newCopies(base []byte, n int) *copies {
	c := &copies{base: base, buf: make([]byte, len(base)), left: n, perCopy: bytes.Count(base, []byte{'\n'})}
	marker := []byte("-0000-4000-8000-")
	for i := 0; ; {
		j := bytes.Index(base[i:], marker)
		if j < 0 {
			break
		}
		c.idAt = append(c.idAt, i+j-8)
		i += j + len(marker)
	}
	return c
}

func (c *copies) Read(p []byte) (int, error) {
	if len(c.cur) == 0 {
		if c.left <= 0 {
			return 0, io.EOF
		}
		c.k++
		c.cur = c.buf
		copy(c.cur, c.base)
		const hex = "0123456789abcdef"
		for _, at := range c.idAt {
			for d := range 8 {
				c.cur[at+d] = hex[(c.k>>(4*(7-d)))&15]
			}
		}
		if c.left < c.perCopy {
			// The last copy: only the records still wanted.
			end, n := 0, 0
			for n < c.left {
				end += bytes.IndexByte(c.cur[end:], '\n') + 1
				n++
			}
			c.cur = c.cur[:end]
		}
		c.left -= c.perCopy
	}
	n := copy(p, c.cur)
	c.cur = c.cur[n:]
	return n, nil
}

// BenchmarkFit reads and fits 1 and 10 million contact records on one
// goroutine, reporting records per second, the peak heap in use beyond
// the generator's own buffers (sampled every 100,000 records; garbage not
// yet collected included) and the peak live heap (after a collection
// every million records), to show that memory does not grow with the
// number of records: the windows of recent ids (duplicates, callback
// links) fill within the first million or so and stay that size. The generator
// (a copy of 12 MB of records per 17,900) is counted in the time.
//
//	go test ./analysis/fit -run XXX -bench Fit -benchtime 1x
func BenchmarkFit(b *testing.B) {
	base := baseRecords(b)
	for _, tc := range []struct {
		name string
		n    int
	}{{"1M", 1_000_000}, {"3M", 3_000_000}, {"10M", 10_000_000}} {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				gen := newCopies(base, tc.n)
				runtime.GC()
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				baseline, peak := ms.HeapInuse, ms.HeapInuse
				liveBase, live := ms.HeapAlloc, ms.HeapAlloc
				cpu0 := cpuTime()
				rd := fit.NewReader(fit.ReadOptions{})
				ft := fit.NewFitter(rd, fit.Options{})
				n := 0
				err := rd.Read("gen", gen, func(r *fit.Record) error {
					n++
					if n%100_000 == 0 {
						runtime.ReadMemStats(&ms)
						peak = max(peak, ms.HeapInuse)
					}
					if n%1_000_000 == 0 {
						runtime.GC()
						runtime.ReadMemStats(&ms)
						live = max(live, ms.HeapAlloc)
					}
					return ft.Add(r)
				})
				if err != nil {
					b.Fatal(err)
				}
				if _, err := ft.Finish(); err != nil {
					b.Fatal(err)
				}
				if rd.Stats.Records != int64(tc.n) || rd.Stats.Duplicates != 0 {
					b.Fatalf("%d records, %d duplicates; want %d and 0", rd.Stats.Records, rd.Stats.Duplicates, tc.n)
				}
				b.ReportMetric(float64(tc.n)/b.Elapsed().Seconds(), "records/s")
				if cpu := cpuTime() - cpu0; cpu > 0 {
					// The forced collections run on other threads: CPU
					// time includes them.
					b.ReportMetric(float64(tc.n)/cpu.Seconds(), "records/cpu-s")
				}
				b.ReportMetric(float64(peak-baseline)/(1<<20), "peak-heap-MB")
				b.ReportMetric(float64(live-liveBase)/(1<<20), "peak-live-MB")
			}
		})
	}
}
