package scenarios

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Set replaces one field of a scenario before it is decoded: what
// "ccsim compare --set" does for each variant. Path is the field's path as
// error messages spell it, with these extras:
//
//   - a list element may be picked by the value of its name field
//     (contact_types[sales]) or all at once (contact_types[*]);
//   - a path that does not start with a top-level field is tried under
//     every contact type: callback.max_retries means
//     contact_types[*].callback.max_retries (and contact types without a
//     callback are skipped, as long as one has it).
//
// Value is YAML: a scalar ("3", "10m", "true") or a flow mapping
// ("{dist: exponential, mean: 3m}"). The value then goes through the same
// decoding and validation as the file, so a wrong type or an out-of-range
// value is reported, naming the --set it came from.
type Set struct {
	Path  string
	Value string
}

func (s Set) String() string { return s.Path + "=" + s.Value }

// ParseSets reads "path=v1,v2,..." into the path and its values.
func ParseSets(arg string) (path string, values []string, err error) {
	path, list, ok := strings.Cut(arg, "=")
	path = strings.TrimSpace(path)
	if !ok || path == "" || strings.TrimSpace(list) == "" {
		return "", nil, fmt.Errorf("--set %q: want PATH=VALUE[,VALUE...], e.g. callback.max_retries=0,1,2", arg)
	}
	for _, v := range splitValues(list) {
		values = append(values, strings.TrimSpace(v))
	}
	return path, values, nil
}

// splitValues splits a comma-separated list, keeping commas inside
// braces or brackets ("{dist: uniform, min: 1s, max: 5s},10s").
func splitValues(s string) []string {
	var out []string
	depth, start := 0, 0
	for i, r := range s {
		switch r {
		case '{', '[':
			depth++
		case '}', ']':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, s[start:i])
				start = i + 1
			}
		}
	}
	return append(out, s[start:])
}

// segment is one step of a path: a mapping key, and for a list, which
// elements (an index, a name, or all).
type segment struct {
	key    string
	sel    string // "" for none
	hasSel bool
}

func parsePath(p string) ([]segment, error) {
	var segs []segment
	for _, part := range strings.Split(p, ".") {
		seg := segment{key: part}
		if i := strings.IndexByte(part, '['); i >= 0 {
			if !strings.HasSuffix(part, "]") || i == 0 {
				return nil, fmt.Errorf("%q is not a path step (want name or name[index], name[element name], name[*])", part)
			}
			seg.key, seg.sel, seg.hasSel = part[:i], part[i+1:len(part)-1], true
		}
		if seg.key == "" {
			return nil, fmt.Errorf("empty step in path %q", p)
		}
		segs = append(segs, seg)
	}
	return segs, nil
}

// applySets applies sets to the decoded YAML tree root. It returns the
// concrete paths each set changed (for naming the set in later errors),
// or an error for a path that leads nowhere.
func applySets(root *yaml.Node, sets []Set) (map[string]Set, error) {
	changed := map[string]Set{}
	for _, s := range sets {
		segs, err := parsePath(s.Path)
		if err != nil {
			return nil, fmt.Errorf("--set %s: %w", s, err)
		}
		var val yaml.Node
		if err := yaml.Unmarshal([]byte(s.Value), &val); err != nil || len(val.Content) != 1 {
			return nil, fmt.Errorf("--set %s: the value is not YAML", s)
		}
		value := val.Content[0]
		paths, err := setPath(root, segs, value, "")
		if err != nil && !topLevel(root, segs[0].key) {
			// Shorthand: the path under every contact type.
			ct := append([]segment{{key: "contact_types", sel: "*", hasSel: true}}, segs...)
			if p2, err2 := setPath(root, ct, value, ""); err2 == nil {
				paths, err = p2, nil
			}
		}
		if err != nil {
			return nil, fmt.Errorf("--set %s: %w", s, err)
		}
		for _, p := range paths {
			changed[p] = s
		}
	}
	return changed, nil
}

func topLevel(root *yaml.Node, key string) bool {
	for _, f := range fieldsOf(scenarioType) {
		if f.name == key {
			return true
		}
	}
	return false
}

// setPath sets value at segs under n (at is n's path) and returns the
// concrete paths set. With [*] it skips elements where the rest of the
// path leads nowhere, as long as one element takes the value.
func setPath(n *yaml.Node, segs []segment, value *yaml.Node, at string) ([]string, error) {
	if n.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s is not a mapping", orTop(at))
	}
	seg := segs[0]
	path := join(at, seg.key)
	var child *yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == seg.key {
			child = n.Content[i+1]
			break
		}
	}
	if len(segs) == 1 && !seg.hasSel {
		v := *value
		v.Line, v.Column = 0, 0
		if child != nil {
			v.Line, v.Column = child.Line, child.Column
			*child = v
		} else {
			n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: seg.key, Line: n.Line}, &v)
		}
		return []string{path}, nil
	}
	if child == nil {
		return nil, fmt.Errorf("%s has no %s", orTop(at), seg.key)
	}
	if !seg.hasSel {
		return setPath(child, segs[1:], value, path)
	}
	if child.Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("%s is not a list", path)
	}
	if len(segs) == 1 {
		return nil, fmt.Errorf("%s[%s]: set a field of the element, e.g. %s[%s].name", path, seg.sel, path, seg.sel)
	}
	var out []string
	var firstErr error
	for i, el := range child.Content {
		if !selected(el, i, seg.sel) {
			continue
		}
		p, err := setPath(el, segs[1:], value, fmt.Sprintf("%s[%d]", path, i))
		if err != nil {
			if seg.sel != "*" {
				return nil, err
			}
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		out = append(out, p...)
	}
	if len(out) == 0 {
		if firstErr != nil {
			return nil, firstErr
		}
		return nil, fmt.Errorf("%s has no element %q", path, seg.sel)
	}
	return out, nil
}

// selected reports whether list element el at index i matches sel: "*",
// its index, or the value of its name field.
func selected(el *yaml.Node, i int, sel string) bool {
	if sel == "*" {
		return true
	}
	if n, err := strconv.Atoi(sel); err == nil {
		return n == i
	}
	if el.Kind != yaml.MappingNode {
		return false
	}
	for j := 0; j+1 < len(el.Content); j += 2 {
		if el.Content[j].Value == "name" {
			return el.Content[j+1].Value == sel
		}
	}
	return false
}

func join(at, key string) string {
	if at == "" {
		return key
	}
	return at + "." + key
}

func orTop(at string) string {
	if at == "" {
		return "the scenario"
	}
	return at
}

// fromSet attributes a problem with a field a set changed to that set:
// the file's line would point at the value the set replaced.
func fromSet(p *Problem, changed map[string]Set) *Problem {
	// The most specific set first, in a fixed order.
	paths := make([]string, 0, len(changed))
	for path := range changed {
		paths = append(paths, path)
	}
	slices.SortFunc(paths, func(a, b string) int {
		if len(a) != len(b) {
			return len(b) - len(a)
		}
		return strings.Compare(a, b)
	})
	for _, path := range paths {
		s := changed[path]
		under := p.Path == path || strings.HasPrefix(p.Path, path+".") || strings.HasPrefix(p.Path, path+"[")
		// An unknown field is reported at the mapping it was added to.
		parent, key, _ := cutLast(path)
		added := p.Path == parent && strings.Contains(p.Msg, strconv.Quote(key))
		if under || added {
			p.File, p.Line = "--set "+s.String(), 0
			return p
		}
	}
	return p
}

// cutLast splits a path at its last dot.
func cutLast(path string) (parent, key string, ok bool) {
	i := strings.LastIndexByte(path, '.')
	if i < 0 {
		return "", path, false
	}
	return path[:i], path[i+1:], true
}
