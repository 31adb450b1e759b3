package scenarios

import (
	"bytes"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Variant is one setting of a scenario to compare: a name and the fields
// it changes. The baseline has no sets.
type Variant struct {
	Name string
	Sets []Set
}

// MaxVariants is the most variants one comparison makes, the baseline
// included: each is a scenario parsed, checked and compiled before
// anything runs, and a grid of a million would never start.
const MaxVariants = 10000

// Grid expands --set flags into every combination of their values, in
// order (the last flag varying fastest), after a baseline that changes
// nothing. Each variant is named by its settings, e.g.
// "max_retries=0 retry_interval=5m". A grid of more than [MaxVariants]
// is refused before it is built.
func Grid(paths []string, values [][]string) ([]Variant, error) {
	n := 1
	for i := range paths {
		if n *= max(len(values[i]), 1); n >= MaxVariants {
			return nil, fmt.Errorf("--set: the %d flags make more than %d combinations of values (at most %d variants are compared at once, the baseline included): compare fewer values", len(paths), MaxVariants-1, MaxVariants)
		}
	}
	out := []Variant{{Name: "baseline"}}
	combos := [][]Set{nil}
	for i, p := range paths {
		var next [][]Set
		for _, c := range combos {
			for _, v := range values[i] {
				next = append(next, append(append([]Set(nil), c...), Set{Path: p, Value: v}))
			}
		}
		combos = next
	}
	for _, c := range combos {
		if len(c) == 0 {
			continue
		}
		names := make([]string, len(c))
		for i, s := range c {
			names[i] = shortPath(s.Path) + "=" + s.Value
		}
		out = append(out, Variant{Name: strings.Join(names, " "), Sets: c})
	}
	return out, nil
}

// shortPath is a path's last step, for names.
func shortPath(p string) string {
	if i := strings.LastIndexByte(p, '.'); i >= 0 {
		return p[i+1:]
	}
	return p
}

// ParseVariants reads a variants file: a YAML list of named variants, each
// with the fields it sets, e.g.
//
//   - name: no retries
//     set: {callback.max_retries: 0}
//   - name: patient redials
//     set:
//     callback.max_retries: 3
//     callback.retry_interval: 30m
//
// A baseline that changes nothing comes first unless the file lists one
// with no sets. Problems are reported as FILE:LINE: message.
func ParseVariants(file string, data []byte) ([]Variant, error) {
	var root yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&root); err != nil {
		return nil, &Error{File: file, Problems: []*Problem{{Msg: "YAML syntax error: " + err.Error()}}}
	}
	list := &root
	if list.Kind == yaml.DocumentNode && len(list.Content) == 1 {
		list = list.Content[0]
	}
	var problems []*Problem
	bad := func(n *yaml.Node, format string, args ...any) {
		problems = append(problems, &Problem{Line: n.Line, Msg: fmt.Sprintf(format, args...)})
	}
	if list.Kind != yaml.SequenceNode || len(list.Content) == 0 {
		bad(list, "expected a list of variants, each with a name and the fields it sets")
		return nil, &Error{File: file, Problems: problems}
	}
	if len(list.Content) > MaxVariants {
		bad(list, "%d variants: at most %d can be compared at once", len(list.Content), MaxVariants)
		return nil, &Error{File: file, Problems: problems}
	}
	var out []Variant
	names := map[string]int{}
	hasBaseline := false
	for i, el := range list.Content {
		if el.Kind != yaml.MappingNode {
			bad(el, "variant %d: expected a mapping with name and set", i+1)
			continue
		}
		var v Variant
		for j := 0; j+1 < len(el.Content); j += 2 {
			k, val := el.Content[j], el.Content[j+1]
			switch k.Value {
			case "name":
				if val.Kind != yaml.ScalarNode || val.Value == "" {
					bad(val, "variant %d: name must be a non-empty text", i+1)
				}
				v.Name = val.Value
			case "set":
				if val.Kind != yaml.MappingNode {
					bad(val, "variant %d: set must map field paths to values, e.g. {callback.max_retries: 0}", i+1)
					continue
				}
				for m := 0; m+1 < len(val.Content); m += 2 {
					path, value := val.Content[m], val.Content[m+1]
					out, err := yaml.Marshal(value)
					if err != nil || path.Value == "" {
						bad(path, "variant %d: cannot read the value of %q", i+1, path.Value)
						continue
					}
					v.Sets = append(v.Sets, Set{Path: path.Value, Value: strings.TrimSpace(string(out))})
				}
			default:
				bad(k, "variant %d: unknown field %q (allowed: name, set)", i+1, k.Value)
			}
		}
		if v.Name == "" {
			bad(el, "variant %d: name is required", i+1)
		} else if j, dup := names[v.Name]; dup {
			bad(el, "variant %d: duplicate name %q (also variant %d)", i+1, v.Name, j+1)
		}
		names[v.Name] = i
		if len(v.Sets) == 0 {
			if hasBaseline || i > 0 {
				bad(el, "variant %d: no fields set; only the first variant may be the unchanged baseline", i+1)
			}
			hasBaseline = true
		}
		out = append(out, v)
	}
	if len(problems) > 0 {
		return nil, &Error{File: file, Problems: problems}
	}
	if !hasBaseline {
		out = append([]Variant{{Name: "baseline"}}, out...)
	}
	return out, nil
}
