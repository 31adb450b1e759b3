package scenarios_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"reflect"
	"testing"
	"unicode/utf16"

	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/scenarios"
)

// FuzzParse checks that no input crashes the parser, that every failure is
// a well-formed [*scenarios.Error], and that whatever Parse accepts is
// valid and already normalized.
func FuzzParse(f *testing.F) {
	for _, name := range scenarios.Names() {
		src, err := scenarios.Source(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	for _, s := range []string{
		base,
		"",
		"---\n",
		"name: [\n",
		"horizon: -5s\n",
		"horizon: 8h\nhorizon: 9h\n",
		"a: &a [*a, *a]\nb: *a\n",
		"queues: &q [{name: Q}]\nrouting_profiles: [{name: P, queues: *q}]\n",
		"<<: {horizon: 8h}\n",
		"contact_types: [{talk: {dist: weibull, mean: 5m, shape: .inf}}]\n",
		"start: 2024-06-03T11:30:00+02:00\nhorizon: 1h\n",
		"script: [{id: x, at: \"23:59:59\", callback_after: 1ms}]\n",
		"agents: [{name: a, shifts: [{start: \"11:39\", end: 7d}]}]\n",
		"\xff\xfeh\x00",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := scenarios.Parse("fuzz.yaml", data)
		if err != nil {
			checkError(t, data, err)
			return
		}
		if err := s.Validate(); err != nil {
			t.Fatalf("Parse accepted a scenario that Validate rejects: %v", err)
		}
		// Normalize must be idempotent on what Parse returns, and
		// parsing must be deterministic.
		s2, err := scenarios.Parse("fuzz.yaml", data)
		if err != nil {
			t.Fatalf("second Parse failed: %v", err)
		}
		s2.Normalize()
		if !reflect.DeepEqual(s, s2) {
			t.Fatalf("Normalize changed a parsed scenario:\n%+v\n%+v", s, s2)
		}
		if err := s2.Validate(); err != nil {
			t.Fatalf("Validate after a second Normalize: %v", err)
		}
	})
}

func checkError(t *testing.T, data []byte, err error) {
	t.Helper()
	if !errors.Is(err, model.ErrInvalid) {
		t.Fatalf("error does not match model.ErrInvalid: %v", err)
	}
	var perr *scenarios.Error
	if !errors.As(err, &perr) {
		t.Fatalf("error is %T, want *scenarios.Error: %v", err, err)
	}
	if len(perr.Problems) == 0 {
		t.Fatal("*scenarios.Error with no problems")
	}
	// An upper bound on the lines of data: go-yaml breaks lines at \n,
	// \r\n, a lone \r, NEL, LS and PS.
	// UTF-16 input (with a byte order mark) is decoded first.
	text := data
	if bytes.HasPrefix(data, []byte("\xfe\xff")) || bytes.HasPrefix(data, []byte("\xff\xfe")) {
		order := binary.ByteOrder(binary.BigEndian)
		if data[0] == 0xff {
			order = binary.LittleEndian
		}
		var u []uint16
		for i := 2; i+1 < len(data); i += 2 {
			u = append(u, order.Uint16(data[i:]))
		}
		text = []byte(string(utf16.Decode(u)))
	}
	lines := 1
	for _, brk := range []string{"\n", "\r", "\u0085", "\u2028", "\u2029"} {
		lines += bytes.Count(text, []byte(brk))
	}
	for _, p := range perr.Problems {
		if p.Msg == "" {
			t.Errorf("problem with no message: %+v", p)
		}
		if p.Line < 0 || p.Line > lines {
			t.Errorf("problem line %d outside the input's %d lines: %v", p.Line, lines, p)
		}
	}
	if perr.Error() == "" {
		t.Error("empty error message")
	}
}
