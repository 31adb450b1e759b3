package fit

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
)

// maxObject is the largest contact record the reader accepts. Connect's
// records are a few kilobytes; a larger "object" is a file that is not
// contact records (or lost its framing), and would otherwise be buffered
// whole.
const maxObject = 1 << 20

// ReadOptions are the reader's choices.
type ReadOptions struct {
	// SkipBad counts and skips malformed records instead of stopping at
	// the first.
	SkipBad bool
	// DedupWindow is how many records' ids are kept to recognise
	// duplicates (see idSet); 0 is DefaultDedupWindow.
	DedupWindow int
}

// ReadStats counts what the reader saw.
type ReadStats struct {
	Files int
	// Records counts the records read, duplicates and skipped ones
	// included; Duplicates the records whose ContactId was seen before
	// (dropped); Bad the malformed records skipped (SkipBad).
	Records, Duplicates, Bad int64
	// FirstBad is the first malformed record's error, when Bad > 0.
	FirstBad string
}

// Reader streams contact records from files: JSON lines, or JSON objects
// one after another with or without newlines (as Amazon Connect's
// contact-record stream delivers them to S3 through Kinesis Data
// Firehose), each file plain or gzip-compressed (recognised by its magic
// bytes, not its name). Memory is a read buffer, the names of queues and
// agents, and the ids of the last half million or so records (for the
// duplicates the stream delivers): flat in the number of records.
type Reader struct {
	opt    ReadOptions
	Stats  ReadStats
	Queues []string
	Agents []string
	queues map[string]int
	agents map[string]int
	strs   map[string]string
	seen   idSet
	reps   []string
	rec    Record
	p      parser
}

// NewReader returns a reader.
func NewReader(opt ReadOptions) *Reader {
	r := &Reader{opt: opt, queues: map[string]int{}, agents: map[string]int{}, strs: map[string]string{}}
	r.p.rd = r
	r.seen.window = opt.DedupWindow
	r.p.rec = &r.rec
	return r
}

// replication notes a ccsim_replication attribute's value.
func (r *Reader) replication(b []byte) {
	if len(r.reps) < 2 && !slices.Contains(r.reps, string(b)) {
		r.reps = append(r.reps, string(b))
	}
}

// Replications reports whether the records come from more than one ccsim
// replication (ccsim run --reps N --records): each replication is the
// same period simulated again, so fitting them together would count
// every arrival N times over.
func (r *Reader) Replications() int { return len(r.reps) }

func (r *Reader) intern(b []byte) string {
	if s, ok := r.strs[string(b)]; ok {
		return s
	}
	if len(r.strs) > 10000 {
		return string(b)
	}
	s := string(b)
	r.strs[s] = s
	return s
}

func (r *Reader) queueIndex(b []byte) int {
	if i, ok := r.queues[string(b)]; ok {
		return i
	}
	r.Queues = append(r.Queues, string(b))
	r.queues[string(b)] = len(r.Queues) - 1
	return len(r.Queues) - 1
}

func (r *Reader) agentIndex(b []byte) int {
	if i, ok := r.agents[string(b)]; ok {
		return i
	}
	r.Agents = append(r.Agents, string(b))
	r.agents[string(b)] = len(r.Agents) - 1
	return len(r.Agents) - 1
}

// ReadFile reads one file, calling f with each record that is new (not a
// duplicate) and well formed. The record is reused: f must not keep it.
func (r *Reader) ReadFile(path string, f func(*Record) error) error {
	fh, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("contact records: %w", err)
	}
	defer fh.Close()
	return r.Read(path, fh, f)
}

// Read reads records from in, named name in errors.
func (r *Reader) Read(name string, in io.Reader, f func(*Record) error) error {
	r.Stats.Files++
	br := bufio.NewReaderSize(in, 256<<10)
	if magic, err := br.Peek(2); err == nil && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		defer zr.Close()
		br = bufio.NewReaderSize(zr, 256<<10)
	}
	fr := framer{in: br, buf: make([]byte, 0, 512<<10), line: 1}
	for {
		line, err := fr.start()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			var fe *frameError
			if errors.As(err, &fe) && r.opt.SkipBad {
				r.bad(fmt.Sprintf("%s:%d: %s", name, fe.line, fe.msg))
				continue
			}
			if errors.As(err, &fe) {
				return fmt.Errorf("%s:%d: %s (--skip-bad skips malformed records)", name, fe.line, fe.msg)
			}
			return fmt.Errorf("%s: %w", name, err)
		}
		r.Stats.Records++
		// Parse straight from the buffer; an object cut by the buffer's
		// end is parsed again once more input is in.
		for {
			r.p.b, r.p.i = fr.buf[fr.pos:], 0
			err = r.p.record()
			if err == nil || r.p.i < len(r.p.b) || fr.eof {
				break
			}
			if len(r.p.b) > maxObject {
				err = fmt.Errorf("an object longer than %d bytes: not a contact record (or a brace is missing)", maxObject)
				break
			}
			fr.fill()
		}
		if err != nil {
			obj := fr.buf[fr.pos:min(fr.pos+r.p.i, len(fr.buf))]
			l := line + bytes.Count(obj, nl)
			msg := fmt.Sprintf("%s:%d: malformed contact record: %v", name, l, err)
			if r.p.i >= len(r.p.b) && fr.eof {
				msg = fmt.Sprintf("%s:%d: the last object is cut off (the file ends inside it)", name, line)
			}
			if r.opt.SkipBad {
				r.bad(msg)
				fr.afterBad = true
				continue
			}
			return fmt.Errorf("%s (--skip-bad skips malformed records)", msg)
		}
		fr.line += bytes.Count(fr.buf[fr.pos:fr.pos+r.p.i], nl)
		fr.pos += r.p.i
		if r.rec.ID != 0 && !r.seen.add(r.rec.ID) {
			r.Stats.Duplicates++
			continue
		}
		if err := f(&r.rec); err != nil {
			return fmt.Errorf("%s:%d: %w", name, line, err)
		}
	}
}

var nl = []byte{'\n'}

func (r *Reader) bad(msg string) {
	if r.Stats.Bad == 0 {
		r.Stats.FirstBad = msg
	}
	r.Stats.Bad++
}

// framer holds the input between objects: JSON objects one after
// another, with or without whitespace between them.
type framer struct {
	in   *bufio.Reader
	buf  []byte
	pos  int
	line int
	eof  bool
	// afterBad is set when the last object was malformed: the next
	// object starts after the next newline.
	afterBad bool
}

type frameError struct {
	line int
	msg  string
}

func (e *frameError) Error() string { return fmt.Sprintf("line %d: %s", e.line, e.msg) }

// fill reads more input, keeping buf[pos:]; false at the end.
func (fr *framer) fill() bool {
	if fr.eof {
		return false
	}
	if fr.pos > 0 && fr.pos >= len(fr.buf)/2 {
		n := copy(fr.buf, fr.buf[fr.pos:])
		fr.buf = fr.buf[:n]
		fr.pos = 0
	}
	if len(fr.buf) == cap(fr.buf) {
		nb := make([]byte, len(fr.buf), 2*cap(fr.buf))
		copy(nb, fr.buf)
		fr.buf = nb
	}
	n, err := io.ReadAtLeast(fr.in, fr.buf[len(fr.buf):cap(fr.buf)], min(64<<10, cap(fr.buf)-len(fr.buf)))
	fr.buf = fr.buf[:len(fr.buf)+n]
	if err != nil {
		fr.eof = true
	}
	return n > 0
}

// start moves to the start of the next object, with at least 64 KiB of
// input after it when there is that much, and returns its line.
func (fr *framer) start() (int, error) {
	if fr.afterBad {
		fr.afterBad = false
		for {
			if j := bytes.IndexByte(fr.buf[fr.pos:], '\n'); j >= 0 {
				fr.pos += j + 1
				fr.line++
				break
			}
			fr.pos = len(fr.buf)
			if !fr.fill() {
				return 0, io.EOF
			}
		}
	}
	for {
		for fr.pos < len(fr.buf) {
			c := fr.buf[fr.pos]
			if c == '\n' {
				fr.line++
			} else if c != ' ' && c != '\t' && c != '\r' {
				goto found
			}
			fr.pos++
		}
		if !fr.fill() {
			return 0, io.EOF
		}
	}
found:
	if len(fr.buf)-fr.pos < 64<<10 && !fr.eof {
		fr.fill()
	}
	if fr.buf[fr.pos] != '{' {
		bad := fr.buf[fr.pos:min(fr.pos+20, len(fr.buf))]
		fr.afterBad = true
		return 0, &frameError{fr.line, fmt.Sprintf("expected a JSON object ({...}), found %q", bad)}
	}
	return fr.line, nil
}

// DefaultDedupWindow is how many recent records' ids the reader keeps
// for recognising duplicates, when ReadOptions.DedupWindow is 0.
const DefaultDedupWindow = 1 << 19

// idSet is a set of 64-bit id hashes in two generations of at most
// window ids each: when the current one fills, it becomes the old one and
// the old one is dropped. A duplicate is so recognised when it comes
// within window to 2 x window records of the first delivery, and memory
// stays flat (32 bytes per id of the window) however many records are
// read. Amazon Connect's stream redelivers a record minutes after the
// first delivery, a few thousand records later in a busy centre.
type idSet struct {
	cur, old idTable
	window   int
}

func (s *idSet) add(h uint64) bool {
	if s.window <= 0 {
		s.window = DefaultDedupWindow
	}
	if s.old.has(h) || !s.cur.add(h) {
		return false
	}
	if s.cur.n >= s.window {
		s.old, s.cur = s.cur, s.old
		s.cur.clear()
	}
	return true
}

// idTable is a set of 64-bit hashes: open addressing, linear probing,
// kept at most half full. Zero is the empty slot (hashID never returns 0).
type idTable struct {
	slots []uint64
	n     int
}

func (s *idTable) slot(h uint64) uint64 {
	return (h * 0x9E3779B97F4A7C15) >> 1 & uint64(len(s.slots)-1)
}

func (s *idTable) has(h uint64) bool {
	if len(s.slots) == 0 {
		return false
	}
	mask := uint64(len(s.slots) - 1)
	for i := s.slot(h); ; i = (i + 1) & mask {
		switch s.slots[i] {
		case 0:
			return false
		case h:
			return true
		}
	}
}

// add adds h and reports whether it was new.
func (s *idTable) add(h uint64) bool {
	if 2*(s.n+1) > len(s.slots) {
		s.grow()
	}
	mask := uint64(len(s.slots) - 1)
	for i := s.slot(h); ; i = (i + 1) & mask {
		switch s.slots[i] {
		case 0:
			s.slots[i] = h
			s.n++
			return true
		case h:
			return false
		}
	}
}

func (s *idTable) clear() {
	clear(s.slots)
	s.n = 0
}

func (s *idTable) grow() {
	old := s.slots
	s.slots = make([]uint64, max(1024, 2*len(old)))
	s.n = 0
	for _, h := range old {
		if h != 0 {
			s.add(h)
		}
	}
}
