package scenarios_test

import (
	"encoding"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/scenarios"
)

// base is a small valid scenario. Tests edit it line by line, so the line
// numbers in their expectations are the ones shown here.
var base = strings.Join([]string{
	/* 1 */ "name: t",
	/* 2 */ "horizon: 8h",
	/* 3 */ "queues:",
	/* 4 */ "  - name: Q",
	/* 5 */ "  - name: CBQ",
	/* 6 */ "routing_profiles:",
	/* 7 */ "  - name: P",
	/* 8 */ "    queues:",
	/* 9 */ "      - queue: Q",
	/* 10 */ "      - queue: CBQ",
	/* 11 */ "agents:",
	/* 12 */ "  - name: a",
	/* 13 */ "    profile: P",
	/* 14 */ "contact_types:",
	/* 15 */ "  - name: c",
	/* 16 */ "    queue: Q",
	/* 17 */ "    per_hour: 10",
	/* 18 */ "    talk: 5m",
	/* 19 */ "    callback:",
	/* 20 */ "      queue: CBQ",
	/* 21 */ "      initial_delay: 99s",
}, "\n") + "\n"

// edit returns base with line n (1-based) replaced by text, which may hold
// several lines or none.
func edit(t *testing.T, n int, text string) string {
	t.Helper()
	return editLines(t, n, n, text)
}

// editLines returns base with lines from to to (1-based, inclusive)
// replaced by text.
func editLines(t *testing.T, from, to int, text string) string {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(base, "\n"), "\n")
	if from < 1 || to > len(lines) || from > to {
		t.Fatalf("editLines: no lines %d to %d", from, to)
	}
	lines = append(lines[:from-1], append([]string{text}, lines[to:]...)...)
	return strings.Join(lines, "\n") + "\n"
}

func TestParse_Base(t *testing.T) {
	s, err := scenarios.Parse("t.yaml", []byte(base))
	if err != nil {
		t.Fatalf("Parse(base) = %v", err)
	}
	if got, want := s.ContactTypes[0].Callback.InitialDelay, 99*model.Second; got != want {
		t.Errorf("initial_delay = %v, want %v", got, want)
	}
}

func TestParse_Errors(t *testing.T) {
	for _, tt := range []struct {
		name   string
		input  func(t *testing.T) string
		prefix string // the exact start of one line of the error
		phrase string // a key phrase of that line's message
	}{{
		name:   "UnknownField",
		input:  func(t *testing.T) string { return edit(t, 17, "    per_huor: 10") },
		prefix: "f.yaml:17: contact_types[0]: ",
		phrase: `unknown field "per_huor" (allowed: name, queue, per_hour, `, // the list goes on
	}, {
		name:   "UnknownFieldSuggestion",
		input:  func(t *testing.T) string { return edit(t, 17, "    per_huor: 10") },
		prefix: "f.yaml:17: contact_types[0]: ",
		phrase: `; did you mean "per_hour"?`,
	}, {
		name:   "UnknownTopLevelField",
		input:  func(t *testing.T) string { return edit(t, 2, "horizon: 8h\ncolour: blue") },
		prefix: "f.yaml:3: ",
		phrase: `unknown field "colour" (allowed: name, description, start, time_zone, horizon,`,
	}, {
		// A scripted booking beyond Genesys Cloud's 30 days is refused
		// as a drawn one (agent_callbacks.delay) is.
		name: "ScriptedBookingBeyond30Days",
		input: func(t *testing.T) string {
			return editLines(t, 19, 21, "    agent_callbacks: {share: 0, delay: 1d}\n"+
				"script:\n"+
				"  - {id: a, type: c, at: 60s, book_callback: 31d}")
		},
		prefix: "f.yaml:21: script[0].book_callback: ",
		phrase: "books a callback 31d ahead (allowed: up to 30d, Genesys Cloud's limit for scheduled callbacks)",
	}, {
		name:   "WrongTypeNumber",
		input:  func(t *testing.T) string { return edit(t, 4, "  - name: Q\n    max_size: \"abc\"") },
		prefix: "f.yaml:5: queues[0].max_size: ",
		phrase: `expected a whole number, got "abc"`,
	}, {
		name:   "WrongTypeList",
		input:  func(t *testing.T) string { return editLines(t, 8, 10, "    queues: {queue: Q}") },
		prefix: "f.yaml:8: routing_profiles[0].queues: ",
		phrase: "expected a list, got a mapping",
	}, {
		name:   "WrongTypeMapping",
		input:  func(t *testing.T) string { return editLines(t, 19, 21, "    callback: yes") },
		prefix: "f.yaml:19: contact_types[0].callback: ",
		phrase: `expected a mapping with fields offer_after,`,
	}, {
		name:   "WrongTypeFloat",
		input:  func(t *testing.T) string { return edit(t, 17, "    per_hour: .nan") },
		prefix: "f.yaml:17: contact_types[0].per_hour: ",
		phrase: `expected a number, got ".nan"`,
	}, {
		name:   "WrongTypeTime",
		input:  func(t *testing.T) string { return edit(t, 2, "horizon: 8h\nstart: 3 June 2024") },
		prefix: "f.yaml:3: start: ",
		phrase: "expected a date and time such as 2024-06-03T11:30:00Z (RFC 3339), or 2024-06-03 11:30 with time_zone",
	}, {
		name:   "StartWithoutOffset",
		input:  func(t *testing.T) string { return edit(t, 2, "horizon: 8h\nstart: 2024-06-03 11:30") },
		prefix: "f.yaml:3: start: ",
		phrase: `"2024-06-03 11:30" has no offset (allowed: an offset, as in 2024-06-03T00:00:00+02:00 or ...Z, or a time_zone to read it in)`,
	}, {
		name:   "BadDuration",
		input:  func(t *testing.T) string { return edit(t, 2, "horizon: 8") },
		prefix: "f.yaml:2: horizon: ",
		phrase: "missing or unknown unit",
	}, {
		name:   "NullDuration",
		input:  func(t *testing.T) string { return edit(t, 2, "horizon:") },
		prefix: "f.yaml:2: horizon: ",
		phrase: "has no value (expected a duration",
	}, {
		name:   "NegativeDuration",
		input:  func(t *testing.T) string { return edit(t, 21, "      initial_delay: -5s") },
		prefix: "f.yaml:21: contact_types[0].callback.initial_delay: ",
		phrase: `"-5s": negative durations are not allowed`,
	}, {
		name:   "InitialDelayOver3Days",
		input:  func(t *testing.T) string { return edit(t, 21, "      initial_delay: 4d") },
		prefix: "f.yaml:21: contact_types[0].callback.initial_delay: ",
		phrase: "4d is out of range (allowed: 1s to 3d",
	}, {
		name:   "InitialDelayExplicitZero",
		input:  func(t *testing.T) string { return edit(t, 21, "      initial_delay: 0s") },
		prefix: "f.yaml:21: contact_types[0].callback.initial_delay: ",
		phrase: "0s is out of range",
	}, {
		name: "RetryOnUnknownOutcome",
		input: func(t *testing.T) string {
			return edit(t, 21, "      initial_delay: 99s\n      retry_on:\n        - no_answer\n        - engaged")
		},
		prefix: "f.yaml:24: contact_types[0].callback.retry_on[1]: ",
		phrase: `unknown outcome "engaged" (allowed: no_answer, busy, invalid;`,
	}, {
		name: "RetryOnFlowList",
		input: func(t *testing.T) string {
			return edit(t, 21, "      initial_delay: 99s\n      retry_on: [no_answer, voicemail]")
		},
		prefix: "f.yaml:22: contact_types[0].callback.retry_on[1]: ",
		phrase: "answered and voicemail are not failed dials",
	}, {
		name:   "UnknownQueue",
		input:  func(t *testing.T) string { return edit(t, 16, "    queue: Nope") },
		prefix: "f.yaml:16: contact_types[0].queue: ",
		phrase: `unknown queue "Nope" (defined: Q, CBQ)`,
	}, {
		name:   "AgentWithoutProfile",
		input:  func(t *testing.T) string { return edit(t, 13, "    count: 2") },
		prefix: "f.yaml:12: agents[0].profile: ",
		phrase: "is required: every agent needs a routing profile",
	}, {
		name:   "CallbackQueueUnserved",
		input:  func(t *testing.T) string { return edit(t, 10, "        priority: 2") },
		prefix: "f.yaml:20: contact_types[0].callback.queue: ",
		phrase: `no agent serves callback queue "CBQ"`,
	}, {
		name:   "MissingTalk",
		input:  func(t *testing.T) string { return edit(t, 18, "") },
		prefix: "f.yaml:15: contact_types[0].talk: ",
		phrase: "is required",
	}, {
		name:   "MissingHorizon",
		input:  func(t *testing.T) string { return edit(t, 2, "") },
		prefix: "f.yaml: horizon: ",
		phrase: "must be set to a positive duration",
	}, {
		name:   "DistMappingWithoutKind",
		input:  func(t *testing.T) string { return edit(t, 18, "    talk: {mean: 5m, sd: 2m}") },
		prefix: "f.yaml:18: contact_types[0].talk.dist: ",
		phrase: "is required when parameters are given (allowed: deterministic, exponential,",
	}, {
		name:   "DistBlockMappingLine",
		input:  func(t *testing.T) string { return edit(t, 18, "    talk:\n      dist: lognormal\n      mean: 5m") },
		prefix: "f.yaml:18: contact_types[0].talk.sd: ",
		phrase: "must be positive for a lognormal distribution",
	}, {
		name:   "SyntaxError",
		input:  func(t *testing.T) string { return edit(t, 16, "    queue: Q: R") },
		prefix: "f.yaml:16: ",
		phrase: "YAML syntax error: mapping values are not allowed in this context",
	}, {
		name:   "SyntaxErrorUnclosedFlow",
		input:  func(t *testing.T) string { return edit(t, 18, "    talk: {dist: exponential, mean: 5m") },
		prefix: "f.yaml:18: ",
		phrase: "YAML syntax error: ",
	}, {
		name:   "Empty",
		input:  func(t *testing.T) string { return "" },
		prefix: "f.yaml: ",
		phrase: "the scenario is empty",
	}, {
		name:   "OnlyComments",
		input:  func(t *testing.T) string { return "# nothing yet\n\n" },
		prefix: "f.yaml: ",
		phrase: "the scenario is empty",
	}, {
		name:   "EmptyDocument",
		input:  func(t *testing.T) string { return "---\n" },
		prefix: "f.yaml",
		phrase: "the scenario is empty",
	}, {
		name:   "NotAMapping",
		input:  func(t *testing.T) string { return "- a\n- b\n" },
		prefix: "f.yaml:1: ",
		phrase: "expected a mapping with fields name, description,",
	}, {
		name:   "DuplicateKey",
		input:  func(t *testing.T) string { return edit(t, 18, "    talk: 5m\n    talk: 6m") },
		prefix: "f.yaml:19: contact_types[0].talk: ",
		phrase: "is given twice (first on line 18)",
	}, {
		name:   "Alias",
		input:  func(t *testing.T) string { return edit(t, 18, "    talk: &t 5m\n    acw: *t") },
		prefix: "f.yaml:19: contact_types[0].acw: ",
		phrase: "YAML aliases (*t) are not supported",
	}, {
		name:   "MergeKey",
		input:  func(t *testing.T) string { return edit(t, 13, "    profile: P\n    <<: {count: 2}") },
		prefix: "f.yaml:14: agents[0]: ",
		phrase: "YAML merge keys (<<) are not supported",
	}, {
		name:   "TwoDocuments",
		input:  func(t *testing.T) string { return base + "---\nname: u\n" },
		prefix: "f.yaml:22: ",
		phrase: "a second YAML document starts here",
	}, {
		name:   "BadTimeOfDay",
		input:  func(t *testing.T) string { return edit(t, 13, "    profile: P\n    shifts:\n      - start: \"25:00\"") },
		prefix: "f.yaml:15: agents[0].shifts[0].start: ",
		phrase: "not a time of day",
	}, {
		name: "UnknownPacingBasis",
		input: func(t *testing.T) string {
			return edit(t, 21, "      initial_delay: 99s\n      mode: customer_first\n      pacing_basis: online")
		},
		prefix: "f.yaml:23: contact_types[0].callback.pacing_basis: ",
		phrase: `unknown pacing basis "online" (allowed: idle, the queue's idle agents not yet claimed; logged_in, `,
	}, {
		name: "SlotAskOutsideHours",
		input: func(t *testing.T) string {
			src := edit(t, 21, "      initial_delay: 99s\n      slots: {ahead: 1h}\nscript:\n  - {id: a, at: \"00:10\", callback_after: 10s, slot_ask: \"18:00\"}")
			return strings.Replace(src, "  - name: CBQ\n", "  - name: CBQ\n    hours: [{days: [mon, tue], open: \"09:00\", close: \"17:00\"}]\n", 1)
		},
		prefix: "f.yaml:25: script[0].slot_ask: ",
		phrase: `asks to be called at 2024-06-03 18:00:00, outside queue "CBQ"'s hours of operation (allowed: a time when it is open, mon, tue 09:00-17:00, in a clock hour open from its start)`,
	}, {
		name: "ShiftEndBeforeStart",
		input: func(t *testing.T) string {
			return edit(t, 13, "    profile: P\n    shifts:\n      - start: 2h\n        end: 1h")
		},
		prefix: "f.yaml:16: agents[0].shifts[0].end: ",
		phrase: "must be after the shift start",
	}} {
		t.Run(tt.name, func(t *testing.T) {
			s, err := scenarios.Parse("f.yaml", []byte(tt.input(t)))
			if err == nil {
				t.Fatalf("Parse() = %+v, want an error", s)
			}
			if !errors.Is(err, model.ErrInvalid) {
				t.Errorf("errors.Is(err, model.ErrInvalid) = false for %v", err)
			}
			var perr *scenarios.Error
			if !errors.As(err, &perr) {
				t.Fatalf("error is %T, want *scenarios.Error", err)
			}
			for _, line := range strings.Split(err.Error(), "\n") {
				if strings.HasPrefix(line, tt.prefix) && strings.Contains(line[len(tt.prefix):], tt.phrase) {
					return
				}
			}
			t.Errorf("error has no line starting %q containing %q; got:\n%v", tt.prefix, tt.phrase, err)
		})
	}
}

// TestParse_SyntaxErrorLines checks the line given for YAML syntax errors,
// which go-yaml reports 0-based for some and leaves out for others.
func TestParse_SyntaxErrorLines(t *testing.T) {
	for _, tt := range []struct {
		name  string
		input string
		want  string
	}{
		{"UnclosedFlowMapping", "a: 1\nb: 2\nc: {d: 1\n", "f.yaml:3: YAML syntax error: did not find expected ',' or '}'"},
		{"UnclosedFlowSequence", "a: 1\nb: 2\nc: [d, 1\n", "f.yaml:3: YAML syntax error: did not find expected ',' or ']'"},
		{"MappingInScalar", "a: 1\nb: 2\nc: d: e\n", "f.yaml:3: YAML syntax error: mapping values are not allowed in this context"},
		{"MissingColon", "a: 1\nb: 2\nc 2\nd: 3\n", "f.yaml:3: YAML syntax error: could not find expected ':'"},
		{"KeyAfterList", "- a\nb: 1\n", "f.yaml:2: YAML syntax error: did not find expected '-' indicator"},
		{"ListAfterKeys", "a: 1\nb: 2\n- c\n", "f.yaml:3: YAML syntax error: did not find expected key"},
		{"FirstLine", "c: d: e\n", "f.yaml:1: YAML syntax error: mapping values are not allowed in this context"},
		{"ControlCharacter", "name: a\nhorizon: 8h\x00\n", "f.yaml:2: YAML syntax error: control characters are not allowed"},
		{"Latin1", "name: a\n\ndescription: caf\xe9\n", "f.yaml:3: YAML syntax error: the text is not valid UTF-8 (incomplete UTF-8 octet sequence): save the file as UTF-8"},
		{"UnknownAnchor", "name: a\nhorizon: *h\n", "f.yaml:2: YAML syntax error: unknown anchor 'h' referenced"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := scenarios.Parse("f.yaml", []byte(tt.input))
			if err == nil {
				t.Fatal("Parse() succeeded, want a syntax error")
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("Parse() error = %q, want %q", got, tt.want)
			}
			if !errors.Is(err, model.ErrInvalid) {
				t.Errorf("errors.Is(err, model.ErrInvalid) = false for %v", err)
			}
		})
	}
}

func TestParse_CollectsAllDecodeProblems(t *testing.T) {
	in := edit(t, 17, "    per_hour: lots\n    colour: red")
	_, err := scenarios.Parse("f.yaml", []byte(in))
	var perr *scenarios.Error
	if !errors.As(err, &perr) {
		t.Fatalf("Parse() error = %v, want *scenarios.Error", err)
	}
	if got, want := len(perr.Problems), 2; got != want {
		t.Fatalf("got %d problems, want %d:\n%v", got, want, err)
	}
	if got, want := perr.Problems[0].Line, 17; got != want {
		t.Errorf("first problem line = %d, want %d", got, want)
	}
	if got, want := perr.Problems[1].Line, 18; got != want {
		t.Errorf("second problem line = %d, want %d", got, want)
	}
}

func TestParse_Defaults(t *testing.T) {
	s, err := scenarios.Parse("dir/peak.v2.yaml", []byte(edit(t, 1, "# no name")))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := s.Name, "peak.v2"; got != want {
		t.Errorf("Name = %q, want %q", got, want)
	}
	if got, want := s.Seed, uint64(1); got != want {
		t.Errorf("Seed = %d, want %d", got, want)
	}
	if got, want := s.RoutingProfiles[0].Queues[1].Priority, 1; got != want {
		t.Errorf("routing_profiles[0].queues[1].priority = %d, want %d (the default)", got, want)
	}
	if got, want := s.Agents[0].Count, 1; got != want {
		t.Errorf("agents[0].count = %d, want %d (the default)", got, want)
	}
	cb := s.ContactTypes[0].Callback
	if got, want := cb.RetryInterval, 10*model.Minute; got != want {
		t.Errorf("callback.retry_interval = %v, want %v (the default)", got, want)
	}
	if got, want := cb.InitialDelay, 99*model.Second; got != want {
		t.Errorf("callback.initial_delay = %v, want %v (from the file)", got, want)
	}
}

// TestParse_DistMappingReplacesDefault checks that a distribution written
// as a mapping replaces the whole default, not just the fields it names.
func TestParse_DistMappingReplacesDefault(t *testing.T) {
	in := edit(t, 21, "      initial_delay: 99s\n      voicemail_time: {dist: uniform, min: 10s, max: 20s}")
	s, err := scenarios.Parse("f.yaml", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	got := s.ContactTypes[0].Callback.VoicemailTime
	want := model.Dist{Kind: model.Uniform, Min: 10 * model.Second, Max: 20 * model.Second}
	if got.Kind != want.Kind || got.Mean != want.Mean || got.Min != want.Min || got.Max != want.Max {
		t.Errorf("voicemail_time = %+v, want %+v", got, want)
	}
}

func TestParse_NullPointerStaysNil(t *testing.T) {
	s, err := scenarios.Parse("f.yaml", []byte(editLines(t, 19, 21, "    callback:")))
	if err != nil {
		t.Fatal(err)
	}
	if cb := s.ContactTypes[0].Callback; cb != nil {
		t.Errorf("callback = %+v, want nil", cb)
	}
}

func TestParseWithWarnings(t *testing.T) {
	l, err := scenarios.ParseWithWarnings("f.yaml", []byte(edit(t, 21, "      initial_delay: 99s\n      max_retries: 12")))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(l.Warnings), 1; got != want {
		t.Fatalf("got %d warnings, want %d: %q", got, want, l.Warnings)
	}
	if got, want := l.Warnings[0], "f.yaml:22: contact_types[0].callback.max_retries: 12 retries"; !strings.HasPrefix(got, want) {
		t.Errorf("warning = %q, want prefix %q", got, want)
	}
}

func TestError_Error(t *testing.T) {
	err := &scenarios.Error{File: "f.yaml", Problems: []*scenarios.Problem{
		{Path: "queues[0].name", Line: 4, Msg: "is required"},
		{Path: "horizon", Msg: "must be set"},
		{Line: 9, Msg: "YAML syntax error: oops"},
		{Msg: "the scenario is empty"},
		{File: "plan.csv", Line: 14, Path: "column 2 (offered)", Msg: `"12a" is not a number`},
		{File: "plan.csv", Msg: "the file is empty"},
	}}
	want := "f.yaml:4: queues[0].name: is required\n" +
		"f.yaml: horizon: must be set\n" +
		"f.yaml:9: YAML syntax error: oops\n" +
		"f.yaml: the scenario is empty\n" +
		`plan.csv:14: column 2 (offered): "12a" is not a number` + "\n" +
		"plan.csv: the file is empty"
	if got := err.Error(); got != want {
		t.Errorf("Error() =\n%s\nwant\n%s", got, want)
	}
	if !errors.Is(err, model.ErrInvalid) {
		t.Error("errors.Is(err, model.ErrInvalid) = false")
	}
}

// TestParse_UTF16 reads a file saved as UTF-16 with a byte order mark, as
// Windows Notepad's "Unicode" encoding writes it.
func TestParse_UTF16(t *testing.T) {
	utf16le := func(s string) []byte {
		b := []byte{0xff, 0xfe}
		for _, u := range utf16.Encode([]rune(s)) {
			b = append(b, byte(u), byte(u>>8))
		}
		return b
	}
	if _, err := scenarios.Parse("f.yaml", utf16le(base)); err != nil {
		t.Errorf("Parse(UTF-16 base) = %v", err)
	}
	_, err := scenarios.Parse("f.yaml", utf16le(edit(t, 16, "    queue: Q: R")))
	if want := "f.yaml:16: YAML syntax error: mapping values are not allowed in this context"; err == nil || err.Error() != want {
		t.Errorf("Parse(UTF-16 with a syntax error) = %v, want %s", err, want)
	}
}

// TestParse_AllModelFieldsDecodable walks every field a scenario file can
// set and checks that the decoder supports its type, so that a new field in
// package model cannot reach users as a decoder panic.
// Fields tagged yaml:"-" are reported too, except those the loader fills
// itself (the plans read from the files a scenario names). Unexported
// fields (a checked scenario's mark) are not data and no file sets them.
func TestParse_AllModelFieldsDecodable(t *testing.T) {
	loaderFilled := map[string]bool{"ForecastPlan": true, "StaffingPlan": true, "RosterShifts": true, "RosterAgents": true}
	textUnmarshaler := reflect.TypeFor[encoding.TextUnmarshaler]()
	seen := map[reflect.Type]bool{}
	var walk func(path string, typ reflect.Type)
	walk = func(path string, typ reflect.Type) {
		switch {
		case typ == reflect.TypeFor[time.Time]():
			return
		case typ.Kind() == reflect.Pointer:
			walk(path, typ.Elem())
			return
		case typ.Kind() == reflect.Slice:
			walk(path+"[]", typ.Elem())
			return
		}
		if seen[typ] {
			return
		}
		seen[typ] = true
		switch typ.Kind() {
		case reflect.Struct:
			for i := range typ.NumField() {
				f := typ.Field(i)
				if !f.IsExported() {
					continue // not data: no file sets it, no decoder can
				}
				name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
				if name == "-" && loaderFilled[f.Name] {
					continue
				}
				if name == "" || name == "-" {
					if !reflect.PointerTo(typ).Implements(textUnmarshaler) {
						t.Errorf("%s.%s has no yaml tag, so no file can set it", path, f.Name)
					}
					continue
				}
				walk(path+"."+name, f.Type)
			}
		case reflect.String, reflect.Bool, reflect.Int, reflect.Int64, reflect.Uint64, reflect.Float64:
		default:
			if !reflect.PointerTo(typ).Implements(textUnmarshaler) {
				t.Errorf("%s: the decoder does not support %s", path, typ)
			}
		}
	}
	walk("scenario", reflect.TypeFor[model.Scenario]())
}

// TestParse_AliasBomb checks that a "billion laughs" document, whose
// aliases would expand to 10^9 strings, is rejected without expanding it.
func TestParse_AliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString(`x0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]` + "\n")
	for i := 1; i <= 8; i++ {
		fmt.Fprintf(&b, "x%d: &a%d [", i, i)
		for j := range 10 {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "*a%d", i-1)
		}
		b.WriteString("]\n")
	}
	b.WriteString("queues: [*a8, *a8, *a8]\n")
	_, err := scenarios.Parse("bomb.yaml", []byte(b.String()))
	if err == nil || !strings.Contains(err.Error(), "bomb.yaml:10: queues[0]: YAML aliases (*a8) are not supported") {
		t.Errorf("Parse(bomb) = %v, want an alias error", err)
	}
}

// TestParse_errorsBounded: a scenario with a thousand bad references lists
// the first hundred and says there are more; a huge value quoted back in a
// message is cut to a few hundred bytes.
func TestParse_errorsBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("name: many\nhorizon: 1h\nqueues: [{name: Q}]\nrouting_profiles: [{name: P, queues: [{queue: Q}]}]\n" +
		"agents: [{name: a, count: 2, profile: P}]\ncontact_types:\n")
	for i := range 1000 {
		fmt.Fprintf(&b, "  - {name: c%d, queue: Nope%d, per_hour: 1, talk: 1m}\n", i, i)
	}
	_, err := scenarios.Parse("many.yaml", []byte(b.String()))
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != model.MaxErrors+1 || !strings.Contains(lines[len(lines)-1], "only the first 100 are listed") ||
		!strings.HasPrefix(lines[0], "many.yaml:7: contact_types[0].queue") {
		t.Errorf("%d lines, first %q, last %q; want %d problems in line order, then the note", len(lines), lines[0], lines[len(lines)-1], model.MaxErrors)
	}

	huge := strings.Repeat("x", 10<<20)
	src := "name: big\nhorizon: 1h\nqueues: [{name: Q}]\nrouting_profiles: [{name: P, queues: [{queue: Q}]}]\n" +
		"agents: [{name: a, count: 2, profile: P}]\ncontact_types: [{name: c, queue: " + huge + ", per_hour: 1, talk: 1m}]\n"
	_, err = scenarios.Parse("big.yaml", []byte(src))
	if err == nil || len(err.Error()) > 1000 || !strings.Contains(err.Error(), "more bytes)") {
		t.Errorf("error of %d bytes, want a cut message under 1000 bytes", len(err.Error()))
	}
}
