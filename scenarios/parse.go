package scenarios

import (
	"bytes"
	"encoding"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/ccsim/ccsim/model"
	"go.yaml.in/yaml/v3"
)

// Error reports everything wrong with one scenario file: syntax errors,
// decoding problems (unknown fields, values of the wrong type), problems
// in the forecast and staffing-plan files it names or, once all of that
// reads, the problems found by [model.Scenario.Validate].
//
// Each problem's Line is the line of its file it refers to (0 when there
// is no better place than the file as a whole).
type Error struct {
	// File is the file name as given to [Parse].
	File string
	// Problems lists the problems in the order of their lines. Those
	// of a plan file come at the line of the scenario field naming the
	// file, in the order of their own lines.
	Problems []*Problem
}

// Problem is one problem with a scenario: a field of the scenario file,
// like a [model.FieldError], or a cell or row of a forecast or
// staffing-plan file the scenario names.
type Problem struct {
	// File is the file the problem is in when that is not the scenario
	// file ([Error.File]): a forecast or staffing plan, named as the
	// scenario's directory joined with the name the scenario gives it.
	// Empty for the scenario file itself.
	File string
	// Line is the line of the file (0: the file as a whole).
	Line int
	// Path names what is wrong: a field of the scenario spelled as in
	// [model.FieldError] ("contact_types[0].callback.initial_delay"), a
	// column of a plan file ("column 2 (offered)"), or "" for the line
	// or file as a whole.
	Path string
	Msg  string
}

// Text formats the problem as FILE:LINE: PATH: MSG, with scenarioFile as
// FILE when the problem has no file of its own.
func (p *Problem) Text(scenarioFile string) string {
	file := scenarioFile
	if p.File != "" {
		file = p.File
	}
	return format(file, p.Line, p.Path, p.Msg)
}

// Error prints one line per problem, in the form FILE:LINE: PATH: MSG.
// ":LINE" is left out when the line is unknown and "PATH: " when the
// problem concerns the line or file as a whole. FILE is the plan file for
// a problem in one, e.g.
//
//	plans/week.yaml:31: agents[0].staffing: cannot read "staff.csv": plans/staff.csv does not exist
//	plans/week-forecast.csv:14: column 2 (offered): "12a" is not a number
func (e *Error) Error() string {
	var b strings.Builder
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.Text(e.File))
	}
	return b.String()
}

// Unwrap returns [model.ErrInvalid], so that errors.Is(err,
// model.ErrInvalid) tells a bad scenario from other failures.
func (e *Error) Unwrap() error { return model.ErrInvalid }

// format writes one problem or warning as FILE:LINE: PATH: MSG.
func format(file string, line int, path, msg string) string {
	var b strings.Builder
	b.WriteString(file)
	if line > 0 {
		if file != "" {
			b.WriteByte(':')
		} else {
			b.WriteString("line ")
		}
		b.WriteString(strconv.Itoa(line))
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	if path != "" {
		b.WriteString(path)
		b.WriteString(": ")
	}
	b.WriteString(clip(msg))
	return b.String()
}

// maxMessage is the longest problem message printed: a message quotes
// the value it refuses, and a 10 MB cell must not be echoed back whole.
const maxMessage = 400

// clip cuts msg to maxMessage bytes (on a rune boundary), saying how much
// was cut.
func clip(msg string) string {
	if len(msg) <= maxMessage {
		return msg
	}
	cut := maxMessage
	for cut > 0 && !utf8.RuneStart(msg[cut]) {
		cut--
	}
	return fmt.Sprintf("%s... (%d more bytes)", msg[:cut], len(msg)-cut)
}

// fieldProblem turns a decoding or validation problem into a Problem of
// the scenario file.
func fieldProblem(fe *model.FieldError) *Problem {
	return &Problem{Line: fe.Line, Path: fe.Path, Msg: fe.Msg}
}

// Parse reads a scenario from the YAML in data, reads the forecast and
// staffing-plan files it names (relative to the directory of file, on
// disk), fills its defaults, normalizes and validates it. file names the
// data in error messages and, when the scenario has no name, gives it one
// (its base name without extension).
//
// Every problem found is returned at once as an [*Error], which wraps
// [model.ErrInvalid]. A plan file that cannot be read is a problem of the
// field that names it.
func Parse(file string, data []byte) (*model.Scenario, error) {
	l, err := ParseWithWarnings(file, data)
	if err != nil {
		return nil, err
	}
	return l.Scenario, nil
}

// ParseWithWarnings is [Parse], also returning the scenario's warnings
// (settings that are valid but probably mistaken, from
// [model.Scenario.Warnings]), each formatted FILE:LINE: PATH: MSG like an
// error.
func ParseWithWarnings(file string, data []byte) (*Loaded, error) {
	return parseLoaded(file, data, osFiles{dir: filepath.Dir(file)}, nil)
}

// ParseWith is [ParseWithWarnings] with fields replaced by sets first.
func ParseWith(file string, data []byte, sets []Set) (*Loaded, error) {
	return parseLoaded(file, data, osFiles{dir: filepath.Dir(file)}, sets)
}

var scenarioType = reflect.TypeOf(model.Scenario{})

func parseLoaded(file string, data []byte, files planFiles, sets []Set) (*Loaded, error) {
	s, lines, err := parse(file, data, files, sets)
	if err != nil {
		return nil, err
	}
	l := &Loaded{Scenario: s, File: file}
	for _, w := range s.Warnings() {
		l.Warnings = append(l.Warnings, format(file, lines.lookup(w.Path), w.Path, w.Msg))
	}
	return l, nil
}

// parse decodes the scenario, reads its plan files, normalizes and
// validates it, returning it with the line of each field.
func parse(file string, data []byte, files planFiles, sets []Set) (*model.Scenario, lineMap, error) {
	root, perr := parseYAML(data)
	if perr != nil {
		return nil, nil, &Error{File: file, Problems: []*Problem{fieldProblem(perr)}}
	}
	changed, err := applySets(root, sets)
	if err != nil {
		return nil, nil, &Error{File: file, Problems: []*Problem{{Msg: err.Error()}}}
	}
	d := &decoder{lines: lineMap{}}
	s := new(model.Scenario)
	d.value(root, reflect.ValueOf(s).Elem(), "")
	if len(d.problems) > 0 {
		problems := make([]*Problem, len(d.problems))
		for i, fe := range d.problems {
			problems[i] = fromSet(fieldProblem(fe), changed)
		}
		return nil, nil, &Error{File: file, Problems: problems}
	}
	if p := loadZone(s, d.lines, d.naive["start"]); p != nil {
		return nil, nil, &Error{File: file, Problems: []*Problem{fromSet(p, changed)}}
	}
	// A plan that does not read stops here, as a field that does not
	// decode does: validating without it would only add confusion.
	if problems := readPlans(s, d.lines, files); len(problems) > 0 {
		return nil, nil, &Error{File: file, Problems: problems}
	}
	if problems := readSamples(s, d.lines, files); len(problems) > 0 {
		return nil, nil, &Error{File: file, Problems: problems}
	}
	if s.Name == "" && file != "" {
		base := filepath.Base(file)
		s.Name = strings.TrimSuffix(base, filepath.Ext(base))
	}
	// The one place a loaded scenario is normalized and validated: Check
	// marks it, so that sim.Compile does neither again.
	if err := s.Check(); err != nil {
		problems := d.checkProblems(err)
		for i, p := range problems {
			problems[i] = fromSet(p, changed)
		}
		// In line order; notes with neither line nor field (such as
		// "and more problems") last, after the problems they follow.
		var notes []*Problem
		problems = slices.DeleteFunc(problems, func(p *Problem) bool {
			if p.Line == 0 && p.Path == "" {
				notes = append(notes, p)
				return true
			}
			return false
		})
		sort.SliceStable(problems, func(i, j int) bool { return problems[i].Line < problems[j].Line })
		problems = append(problems, notes...)
		return nil, nil, &Error{File: file, Problems: problems}
	}
	return s, d.lines, nil
}

// yamlLine matches the position the YAML parser puts in its messages.
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parseYAML parses data as exactly one YAML document and returns its root
// node, or the one problem that stops decoding.
func parseYAML(data []byte) (*yaml.Node, *model.FieldError) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	err := decodeNode(dec, &doc)
	if errors.Is(err, io.EOF) {
		return nil, &model.FieldError{Msg: emptyMsg}
	}
	if err != nil {
		return nil, syntaxError(data, err)
	}
	var extra yaml.Node
	switch err := decodeNode(dec, &extra); {
	case err == nil:
		return nil, &model.FieldError{Line: extra.Line, Msg: "a second YAML document starts here: a scenario file holds exactly one (remove the \"---\")"}
	case !errors.Is(err, io.EOF):
		return nil, syntaxError(data, err)
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	if isNull(root) {
		return nil, &model.FieldError{Msg: emptyMsg}
	}
	return root, nil
}

const emptyMsg = "the scenario is empty (expected settings such as name, horizon, queues, routing_profiles, agents and contact_types)"

// decodeNode reads the next document into n. The YAML library reports its
// own errors by panicking and recovering; a panic that escapes it anyway is
// turned into an error here, so that no input can crash the caller.
func decodeNode(dec *yaml.Decoder, n *yaml.Node) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: the YAML parser failed on this input: %v", r)
		}
	}()
	return dec.Decode(n)
}

// parserProblems are the messages of go-yaml's parser (as opposed to its
// reader and scanner), which it reports with 0-based line numbers.
var parserProblems = map[string]bool{
	"did not find expected <stream-start>":   true,
	"did not find expected <document start>": true,
	"found undefined tag handle":             true,
	"did not find expected node content":     true,
	"did not find expected '-' indicator":    true,
	"did not find expected key":              true,
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found duplicate %TAG directive":         true,
}

// readerProblems are the messages of go-yaml's reader, which come without
// a line: the text is not valid UTF-8 or holds control characters.
var readerProblems = map[string]bool{
	"invalid leading UTF-8 octet":        true,
	"incomplete UTF-8 octet sequence":    true,
	"invalid trailing UTF-8 octet":       true,
	"invalid length of a UTF-8 sequence": true,
	"invalid Unicode character":          true,
	"incomplete UTF-16 character":        true,
	"unexpected low surrogate area":      true,
	"incomplete UTF-16 surrogate pair":   true,
	"expected low surrogate area":        true,
	"control characters are not allowed": true,
}

var unknownAnchor = regexp.MustCompile(`^unknown anchor '(.*)' referenced$`)

// syntaxError turns a YAML parser error into a problem with the best line
// that can be found for it.
func syntaxError(data []byte, err error) *model.FieldError {
	data = utf8Text(data)
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	switch m := yamlLine.FindStringSubmatch(err.Error()); {
	case m != nil:
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
		if parserProblems[msg] {
			line++
		}
	case readerProblems[msg]:
		line = badCharLine(data)
		if strings.Contains(msg, "UTF") || strings.Contains(msg, "Unicode") || strings.Contains(msg, "surrogate") {
			msg = "the text is not valid UTF-8 (" + msg + "): save the file as UTF-8"
		}
	case unknownAnchor.MatchString(msg):
		name := unknownAnchor.FindStringSubmatch(msg)[1]
		if i := bytes.Index(data, []byte("*"+name)); i >= 0 {
			line = 1 + bytes.Count(data[:i], []byte("\n"))
		}
	case !strings.Contains(msg, "alias") && !strings.Contains(msg, "anchor") && !strings.Contains(msg, "parser failed"):
		// The scanner and parser leave out the line when it is
		// the first.
		line = 1
	}
	if last := lastLine(data); line > last {
		// Errors at the end of the input point past its last line.
		line = max(last, 1)
	}
	return &model.FieldError{Line: line, Msg: "YAML syntax error: " + msg}
}

// lastLine returns the number of the last line of data that has any
// text, counting line breaks the way go-yaml does (\r\n, \r, \n, NEL,
// LS and PS).
func lastLine(data []byte) int {
	line, last := 1, 0
	for i := 0; i < len(data); i++ {
		switch {
		case data[i] == '\r' && i+1 < len(data) && data[i+1] == '\n':
			i++
			line++
		case data[i] == '\r' || data[i] == '\n':
			line++
		case bytes.HasPrefix(data[i:], []byte("\u0085")):
			i++
			line++
		case bytes.HasPrefix(data[i:], []byte("\u2028")), bytes.HasPrefix(data[i:], []byte("\u2029")):
			i += 2
			line++
		default:
			last = line
		}
	}
	return last
}

// utf8Text returns data as UTF-8 text, decoding it if it starts with a
// UTF-16 byte order mark (as go-yaml does), so that lines can be counted.
func utf8Text(data []byte) []byte {
	var order binary.ByteOrder
	switch {
	case bytes.HasPrefix(data, []byte("\xfe\xff")):
		order = binary.BigEndian
	case bytes.HasPrefix(data, []byte("\xff\xfe")):
		order = binary.LittleEndian
	default:
		return data
	}
	u := make([]uint16, 0, len(data)/2)
	for i := 2; i+1 < len(data); i += 2 {
		u = append(u, order.Uint16(data[i:]))
	}
	return []byte(string(utf16.Decode(u)))
}

// badCharLine returns the line of the first byte sequence that is not
// valid UTF-8 or is a control character YAML forbids, or 0.
func badCharLine(data []byte) int {
	line := 1
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		switch {
		case r == utf8.RuneError && size <= 1,
			r < 0x20 && r != '\t' && r != '\n' && r != '\r',
			r >= 0x7f && r <= 0x9f && r != 0x85,
			r == 0xfffe || r == 0xffff:
			return line
		case r == '\n':
			line++
		}
		data = data[size:]
	}
	return 0
}

// lineMap maps a field path, spelled as in [model.FieldError], to its line.
type lineMap map[string]int

// lookup returns the line of path, or of its longest recorded prefix
// ("contact_types[0].talk" falls back to "contact_types[0]"), or 0.
func (m lineMap) lookup(path string) int {
	for path != "" {
		if l, ok := m[path]; ok {
			return l
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			break
		}
		path = path[:i]
	}
	return 0
}

// record notes the line of path, keeping the first one seen.
func (m lineMap) record(path string, line int) {
	if _, ok := m[path]; !ok {
		m[path] = line
	}
}

// decoder walks a YAML node tree into Go values by reflection, collecting
// problems and the line of every field.
type decoder struct {
	lines    lineMap
	problems []*model.FieldError
	// naive holds the text of each time field written without an offset
	// (a local time, for time_zone to place), by path.
	naive map[string]string
}

func (d *decoder) fail(n *yaml.Node, path, format string, args ...any) {
	d.problems = append(d.problems, &model.FieldError{Path: path, Line: n.Line, Msg: fmt.Sprintf(format, args...)})
}

var (
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
	timeType            = reflect.TypeFor[time.Time]()
	durationType        = reflect.TypeFor[model.Duration]()
	distType            = reflect.TypeFor[model.Dist]()
	atType              = reflect.TypeFor[model.At]()
)

// defaulter is implemented by the model types that have defaults.
type defaulter interface{ Defaults() }

// value decodes n into v, the field at path.
func (d *decoder) value(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind == yaml.AliasNode {
		d.fail(n, path, "YAML aliases (*%s) are not supported: write the value out in full", n.Value)
		return
	}
	t := v.Type()
	if isNull(n) {
		switch t.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.String:
			v.SetZero()
		default:
			d.fail(n, path, "has no value (%s)", expectation(t))
		}
		return
	}
	if t.Kind() == reflect.Pointer {
		p := reflect.New(t.Elem())
		d.value(n, p.Elem(), path)
		v.Set(p)
		return
	}
	if t == timeType {
		d.time(n, v, path)
		return
	}
	if reflect.PointerTo(t).Implements(textUnmarshalerType) {
		switch {
		case n.Kind == yaml.ScalarNode:
			if err := v.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(n.Value)); err != nil {
				d.fail(n, path, "%v", err)
			}
		case n.Kind == yaml.MappingNode && t.Kind() == reflect.Struct && len(fieldsOf(t)) > 0:
			// The long form of a value with a scalar shorthand,
			// such as {dist: lognormal, mean: 5m, sd: 2m}.
			d.mapping(n, v, path)
		default:
			d.fail(n, path, "%s, got %s", expectation(t), describe(n))
		}
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			d.fail(n, path, "%s, got %s", expectation(t), describe(n))
			return
		}
		d.mapping(n, v, path)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			d.fail(n, path, "%s, got %s", expectation(t), describe(n))
			return
		}
		s := reflect.MakeSlice(t, len(n.Content), len(n.Content))
		for i, e := range n.Content {
			ep := fmt.Sprintf("%s[%d]", path, i)
			d.lines.record(ep, e.Line)
			d.value(e, s.Index(i), ep)
		}
		v.Set(s)
	case reflect.String, reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		if n.Kind != yaml.ScalarNode {
			d.fail(n, path, "%s, got %s", expectation(t), describe(n))
			return
		}
		d.scalar(n, v, path)
	default:
		panic("scenarios: cannot decode into a field of type " + t.String())
	}
}

// scalar decodes the scalar n into v, a string, bool or number.
func (d *decoder) scalar(n *yaml.Node, v reflect.Value, path string) {
	s := n.Value
	t := v.Type()
	switch t.Kind() {
	case reflect.String:
		v.SetString(s)
	case reflect.Bool:
		switch s {
		case "true", "True", "TRUE":
			v.SetBool(true)
		case "false", "False", "FALSE":
			v.SetBool(false)
		default:
			d.fail(n, path, "%s, got %q", expectation(t), s)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		i, err := strconv.ParseInt(strings.TrimSpace(s), 10, t.Bits())
		if err != nil {
			d.fail(n, path, "%s, got %q%s", expectation(t), s, rangeNote(err))
			return
		}
		v.SetInt(i)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		u, err := strconv.ParseUint(strings.TrimSpace(s), 10, t.Bits())
		if err != nil {
			d.fail(n, path, "%s, got %q%s", expectation(t), s, rangeNote(err))
			return
		}
		v.SetUint(u)
	case reflect.Float32, reflect.Float64:
		if model.IsFraction(path) {
			// A share: 0.4 or 40%, one parser for every file and flag.
			f, err := model.ParseFraction(s)
			if errors.Is(err, model.ErrFractionRange) && !strings.Contains(s, "%") {
				// A bare number out of range ("80", "-0.1"): the
				// validator refuses it beside every other problem
				// of the file, suggesting the percent form.
				if x, perr := strconv.ParseFloat(strings.TrimSpace(s), 64); perr == nil && !math.IsInf(x, 0) {
					f, err = x, nil
				}
			}
			if err != nil {
				d.fail(n, path, "%v", err)
				return
			}
			v.SetFloat(f)
			return
		}
		f, err := strconv.ParseFloat(strings.TrimSpace(s), t.Bits())
		if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			// Infinities and NaN have no meaning anywhere in a
			// scenario, so they are rejected here once and for all.
			d.fail(n, path, "%s, got %q", expectation(t), s)
			return
		}
		v.SetFloat(f)
	}
}

func rangeNote(err error) string {
	if errors.Is(err, strconv.ErrRange) {
		return " (out of range)"
	}
	return ""
}

// time decodes an RFC 3339 timestamp.
func (d *decoder) time(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.ScalarNode {
		d.fail(n, path, "%s, got %s", expectation(timeType), describe(n))
		return
	}
	t, err := time.Parse(time.RFC3339, strings.TrimSpace(n.Value))
	if err != nil {
		// A wall-clock time without an offset, read in time_zone once
		// the whole file is decoded (loadZone).
		for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02 15:04"} {
			if naive, err := time.ParseInLocation(layout, strings.TrimSpace(n.Value), time.UTC); err == nil {
				if d.naive == nil {
					d.naive = map[string]string{}
				}
				d.naive[path] = strings.TrimSpace(n.Value)
				v.Set(reflect.ValueOf(naive))
				return
			}
		}
		d.fail(n, path, "%s, got %q", expectation(timeType), n.Value)
		return
	}
	// time.Parse gives an offset the machine's own zone uses that zone,
	// daylight saving and all; the offset written is what counts.
	if _, off := t.Zone(); off == 0 {
		t = t.UTC()
	} else {
		t = t.In(time.FixedZone("UTC"+t.Format("-07:00"), off))
	}
	v.Set(reflect.ValueOf(t))
}

// mapping decodes the mapping n into the struct v. The struct is first
// reset and given its defaults, so that what the file says replaces the
// defaults and nothing else does.
func (d *decoder) mapping(n *yaml.Node, v reflect.Value, path string) {
	v.SetZero()
	if df, ok := v.Addr().Interface().(defaulter); ok {
		df.Defaults()
	}
	fields := fieldsOf(v.Type())
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.AliasNode {
			d.fail(k, path, "YAML aliases (*%s) are not supported: write the value out in full", k.Value)
			continue
		}
		if k.Kind != yaml.ScalarNode {
			d.fail(k, path, "expected a field name, got %s", describe(k))
			continue
		}
		if k.Value == "<<" {
			d.fail(k, path, "YAML merge keys (<<) are not supported: write the fields out in full")
			continue
		}
		f, ok := fields.find(k.Value)
		if !ok {
			d.fail(k, path, "unknown field %q (allowed: %s)%s", k.Value, fields.names(), fields.suggest(k.Value))
			continue
		}
		fp := k.Value
		if path != "" {
			fp = path + "." + k.Value
		}
		if first, dup := seen[k.Value]; dup {
			d.fail(k, fp, "is given twice (first on line %d)", first)
			continue
		}
		seen[k.Value] = k.Line
		if val.Kind == yaml.ScalarNode && !isNull(val) {
			d.lines.record(fp, val.Line)
		} else {
			d.lines.record(fp, k.Line)
		}
		d.value(val, v.FieldByIndex(f.index), fp)
	}
}

// field is a struct field that a scenario file can set.
type field struct {
	name  string
	index []int
}

type fieldList []field

// fieldsOf lists the fields of t that have a yaml tag, in declaration
// order. Fields without one (such as model.At's) cannot be set by name.
func fieldsOf(t reflect.Type) fieldList {
	var fs fieldList
	for i := range t.NumField() {
		sf := t.Field(i)
		name, _, _ := strings.Cut(sf.Tag.Get("yaml"), ",")
		if name == "" || name == "-" || !sf.IsExported() {
			continue
		}
		fs = append(fs, field{name: name, index: sf.Index})
	}
	return fs
}

func (fs fieldList) find(name string) (field, bool) {
	for _, f := range fs {
		if f.name == name {
			return f, true
		}
	}
	return field{}, false
}

func (fs fieldList) names() string {
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = f.name
	}
	return strings.Join(names, ", ")
}

// suggest proposes the allowed name closest to a misspelt one, if any is
// close enough to be a likely typo.
func (fs fieldList) suggest(name string) string {
	if len(name) > 64 {
		return ""
	}
	best, bestDist := "", 3
	for _, f := range fs {
		if dist := editDistance(strings.ToLower(name), f.name); dist < bestDist {
			best, bestDist = f.name, dist
		}
	}
	if best == "" || bestDist >= len(name) {
		return ""
	}
	return fmt.Sprintf("; did you mean %q?", best)
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// isNull reports whether n is an empty value, "~" or null.
func isNull(n *yaml.Node) bool {
	switch n.Kind {
	case 0:
		return true
	case yaml.ScalarNode:
		return n.ShortTag() == "!!null"
	case yaml.DocumentNode:
		return len(n.Content) == 0
	}
	return false
}

// describe names what the file gave, for "expected X, got Y" messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return strconv.Quote(n.Value)
	}
	return "something else"
}

// expectation says what a field of type t must hold.
func expectation(t reflect.Type) string {
	switch t {
	case durationType:
		return "expected a duration such as 90s, 5m or 1h30m"
	case distType:
		return "expected a duration such as 5m, or a distribution such as {dist: lognormal, mean: 5m, sd: 2m}"
	case atType:
		return `expected a time of day such as "11:35:00" or an offset from the start such as 90s`
	case timeType:
		return "expected a date and time such as 2024-06-03T11:30:00Z (RFC 3339), or 2024-06-03 11:30 with time_zone"
	}
	switch t.Kind() {
	case reflect.Pointer:
		return expectation(t.Elem())
	case reflect.Struct:
		if fs := fieldsOf(t); len(fs) > 0 {
			return "expected a mapping with fields " + fs.names()
		}
		return "expected a single value"
	case reflect.Slice:
		return "expected a list"
	case reflect.String:
		return "expected text"
	case reflect.Bool:
		return "expected true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "expected a whole number"
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "expected a whole number, 0 or more"
	case reflect.Float32, reflect.Float64:
		return "expected a number"
	}
	return "expected a value of type " + t.String()
}

// loadZone loads the scenario's time_zone from the tz database (the
// binary embeds one, time/tzdata, so that a machine without
// /usr/share/zoneinfo reads it too) and puts the start in it: midnight of
// the default start date there when the file gives no start, the local
// time naiveStart says when the start was written without an offset. It
// returns the problem of a zone that does not load, or of such a start.
func loadZone(s *model.Scenario, lines lineMap, naiveStart string) *Problem {
	name := s.TimeZone
	if name == "" {
		if naiveStart != "" {
			return &Problem{Line: lines.lookup("start"), Path: "start",
				Msg: fmt.Sprintf("%q has no offset (allowed: an offset, as in 2024-06-03T00:00:00+02:00 or ...Z, or a time_zone to read it in)", naiveStart)}
		}
		return nil
	}
	var loc *time.Location
	err := errors.New("not an IANA time zone name")
	if name != "Local" && strings.TrimSpace(name) == name {
		loc, err = time.LoadLocation(name)
	}
	if err != nil {
		return &Problem{Line: lines.lookup("time_zone"), Path: "time_zone",
			Msg: fmt.Sprintf("unknown time zone %q (allowed: an IANA tz database name such as Europe/Berlin, America/New_York or UTC)", name)}
	}
	switch {
	case naiveStart != "":
		t, msg := localTime(naiveStart, s.Start, loc)
		if msg != "" {
			return &Problem{Line: lines.lookup("start"), Path: "start", Msg: msg}
		}
		s.Start = t
	case s.Start.IsZero():
		y, m, d := model.DefaultStart.Date()
		s.Start = time.Date(y, m, d, 0, 0, 0, 0, loc)
	default:
		s.Start = s.Start.In(loc)
	}
	return nil
}

// checkProblems turns what a model Check returned into problems placed on
// the lines of the fields they name. Check documents model.Errors;
// anything else is still reported, without a place.
func (d *decoder) checkProblems(err error) []*Problem {
	var fes model.Errors
	if !errors.As(err, &fes) {
		fes = model.Errors{{Msg: err.Error()}}
	}
	problems := make([]*Problem, len(fes))
	for i, fe := range fes {
		p := fieldProblem(fe)
		p.Line = d.lines.lookup(p.Path)
		problems[i] = p
	}
	return problems
}
