package scenarios_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/scenarios"
)

// TestParse_Shares checks that every way of writing a share in a scenario
// file gives the same scenario: 0.4, 40% and 40 %.
func TestParse_Shares(t *testing.T) {
	for _, tt := range []struct {
		name     string
		line     int    // the line of base to replace
		template string // with SHARE standing for the value
	}{
		{"targets", 2, "horizon: 8h\ntargets: {service_level: SHARE, abandon_rate: 5%}"},
		{"shrinkage", 13, "    profile: P\n    shrinkage: SHARE"},
		{"accept_probability", 21, "      initial_delay: 99s\n      accept_probability: SHARE"},
		{"accept curve point", 21, "      initial_delay: 99s\n      accept: {curve: table, points: [{wait: 0s, p: 1}, {wait: 5m, p: SHARE}]}"},
		{"dial answer", 21, "      initial_delay: 99s\n      dial: {answer: SHARE, no_answer: 60%}"},
		{"redial", 18, "    talk: 5m\n    redial: {after_abandon: SHARE}"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var want *model.Scenario
			for _, share := range []string{"0.4", "40%", "40 %", `"40%"`, "0.40"} {
				s, err := scenarios.Parse("f.yaml", []byte(edit(t, tt.line, strings.ReplaceAll(tt.template, "SHARE", share))))
				if err != nil {
					t.Fatalf("%s: %v", share, err)
				}
				if want == nil {
					want = s
				} else if !reflect.DeepEqual(s, want) {
					t.Errorf("%s reads differently from 0.4", share)
				}
			}
		})
	}
}

// TestParse_ShareErrors checks that a share above 1 or 100 % is refused
// with the file, line and field, and what to write instead.
func TestParse_ShareErrors(t *testing.T) {
	for _, tt := range []struct {
		line       int
		text, want string
	}{
		{2, "horizon: 8h\ntargets: {service_level: 80}",
			`f.yaml:3: targets.service_level: 80 is out of range (allowed: 0 to 1, a fraction (0.8 or 80%)); for 80 percent write 80%`},
		{21, "      initial_delay: 99s\n      accept_probability: 140%",
			`f.yaml:22: contact_types[0].callback.accept_probability: "140%" is more than 100%`},
		{13, "    profile: P\n    shrinkage: -10%", `f.yaml:14: agents[0].shrinkage: "-10%" is negative`},
		{13, "    profile: P\n    shrinkage: -0.1", `f.yaml:14: agents[0].shrinkage: -0.1 is out of range (allowed: 0 up to (not including) 1, a fraction (0.8 or 80%))`},
		{13, "    profile: P\n    shrinkage: 30 percent", `f.yaml:14: agents[0].shrinkage: "30 percent": not a share: write a fraction such as 0.8 or a percentage such as 80%`},
		// Out of a field's own narrower range: the validator's message.
		{13, "    profile: P\n    shrinkage: 100%", `f.yaml:14: agents[0].shrinkage: 1 is out of range (allowed: 0 up to (not including) 1, a fraction (0.8 or 80%))`},
	} {
		_, err := scenarios.Parse("f.yaml", []byte(edit(t, tt.line, tt.text)))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s:\ngot  %v\nwant %s", tt.text, err, tt.want)
		}
	}
}

// TestResolveWith_SetShare checks --set and variants, which go through
// the same decoder: --set targets.service_level=85% is 0.85.
func TestResolveWith_SetShare(t *testing.T) {
	for _, v := range []string{"85%", "0.85"} {
		l, err := scenarios.ResolveWith("callback-types", []scenarios.Set{{Path: "targets.service_level", Value: v}, {Path: "agents[0].shrinkage", Value: "30 %"}})
		if err != nil {
			t.Fatal(err)
		}
		if got := l.Scenario.Targets.ServiceLevel; got != 0.85 {
			t.Errorf("--set targets.service_level=%s: %v, want 0.85", v, got)
		}
		if got := l.Scenario.Agents[0].Shrinkage; got != 0.3 {
			t.Errorf("--set agents[0].shrinkage=30 %%: %v, want 0.3", got)
		}
	}
	_, err := scenarios.ResolveWith("callback-types", []scenarios.Set{{Path: "targets.service_level", Value: "85"}})
	if err == nil || !strings.Contains(err.Error(), `for 85 percent write 85%`) {
		t.Errorf("--set targets.service_level=85: %v, want the percent form suggested", err)
	}
}

// TestParse_EveryShareIsAFraction walks the schema: every number a file
// can set is either a share (a "fraction" in model.Bounds, read by
// model.ParseFraction) or listed here as something else, so that a new
// share cannot be added that takes 0.4 but refuses 40%.
func TestParse_EveryShareIsAFraction(t *testing.T) {
	notShares := map[string]bool{"contact_types[].per_hour": true}
	var walk func(path string, typ reflect.Type, depth int)
	walk = func(path string, typ reflect.Type, depth int) {
		if depth > 12 || typ == reflect.TypeFor[time.Time]() {
			return
		}
		switch typ.Kind() {
		case reflect.Pointer:
			walk(path, typ.Elem(), depth)
		case reflect.Slice:
			walk(path+"[]", typ.Elem(), depth)
		case reflect.Struct:
			for i := range typ.NumField() {
				f := typ.Field(i)
				name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
				if !f.IsExported() || name == "" || name == "-" {
					continue
				}
				p := name
				if path != "" {
					p = path + "." + name
				}
				walk(p, f.Type, depth+1)
			}
		case reflect.Float32, reflect.Float64:
			// A distribution's shape (gamma, Weibull) is not a share.
			if !model.IsFraction(path) && !notShares[path] && !strings.HasSuffix(path, ".shape") {
				t.Errorf("%s is a number that is not a fraction in model.Bounds: add it there, or to notShares", path)
			}
		}
	}
	walk("", reflect.TypeFor[model.Scenario](), 0)
}
