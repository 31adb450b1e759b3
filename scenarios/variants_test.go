package scenarios_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/scenarios"
)

func TestGrid(t *testing.T) {
	got, err := scenarios.Grid([]string{"callback.max_retries", "callback.retry_interval"}, [][]string{{"0", "1"}, {"5m", "10m"}})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, v := range got {
		names = append(names, v.Name)
	}
	want := []string{"baseline", "max_retries=0 retry_interval=5m", "max_retries=0 retry_interval=10m",
		"max_retries=1 retry_interval=5m", "max_retries=1 retry_interval=10m"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("Grid names = %q, want %q", names, want)
	}
	if s := got[4].Sets; len(s) != 2 || s[0] != (scenarios.Set{Path: "callback.max_retries", Value: "1"}) {
		t.Errorf("last variant sets %v", s)
	}
}

func TestParseVariants(t *testing.T) {
	vs, err := scenarios.ParseVariants("v.yaml", []byte(`
- name: no retries
  set: {callback.max_retries: 0}
- name: patient redials
  set:
    callback.max_retries: 3
    callback.ring_time: {dist: uniform, min: 5s, max: 20s}
`))
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 3 || vs[0].Name != "baseline" || vs[2].Sets[1].Path != "callback.ring_time" ||
		!strings.Contains(vs[2].Sets[1].Value, "uniform") {
		t.Errorf("variants = %+v", vs)
	}
	for _, tc := range []struct{ src, phrase string }{
		{"name: x", "v.yaml:1: expected a list of variants"},
		{"- set: {a: 1}", "v.yaml:1: variant 1: name is required"},
		{"- name: a\n  set: {x: 1}\n- name: a\n  set: {y: 2}", "v.yaml:3: variant 2: duplicate name"},
		{"- name: a\n  sett: {x: 1}", `v.yaml:2: variant 1: unknown field "sett"`},
		{"- name: a\n  set: {x: 1}\n- name: b", "v.yaml:3: variant 2: no fields set"},
		{"- [", "YAML syntax error"},
	} {
		_, err := scenarios.ParseVariants("v.yaml", []byte(tc.src))
		if err == nil || !strings.Contains(err.Error(), tc.phrase) || !errors.Is(err, model.ErrInvalid) {
			t.Errorf("%q: err = %v, want %q", tc.src, err, tc.phrase)
		}
	}
}

func FuzzParseVariants(f *testing.F) {
	f.Add([]byte("- name: a\n  set: {callback.max_retries: 0}\n"))
	f.Add([]byte("- {name: b, set: {x: [1, 2]}}\n- name: c\n  set: {y: {a: 1}}"))
	f.Add([]byte("name: x"))
	f.Fuzz(func(t *testing.T, data []byte) {
		vs, err := scenarios.ParseVariants("f.yaml", data)
		if err == nil && (len(vs) == 0 || len(vs[0].Sets) != 0) {
			t.Fatalf("accepted variants without a baseline first: %+v", vs)
		}
	})
}
