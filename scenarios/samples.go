package scenarios

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"reflect"
	"strconv"
	"strings"
	"unicode"

	"github.com/ccsim/ccsim/model"
)

// readSamples loads the samples of every empirical distribution that names
// a file: one sample per line, as seconds ("312", "312.5") or a duration
// ("5m12s"); blank lines and lines starting with # are skipped, and so is
// a first line of text (a header such as "aht_seconds"). Files are read
// like forecasts, relative to the scenario.
func readSamples(s *model.Scenario, lines lineMap, files planFiles) []*Problem {
	var problems []*Problem
	walkDists(reflect.ValueOf(s).Elem(), "", func(path string, d *model.Dist) {
		if d.File == "" {
			return
		}
		field := path + ".file"
		file, data, err := files.read(d.File)
		if errors.Is(err, fs.ErrNotExist) {
			err = fmt.Errorf("%s does not exist", file)
		}
		if err != nil {
			line := lines.lookup(field)
			problems = append(problems, &Problem{Line: line, Path: field, Msg: fmt.Sprintf("cannot read %q: %v", d.File, err)})
			return
		}
		samples, ps := parseSamples(file, data)
		if len(ps) > 0 {
			problems = append(problems, ps...)
			return
		}
		if len(samples) == 0 {
			problems = append(problems, &Problem{File: file, Msg: "the file has no samples: want one duration or number of seconds per line"})
			return
		}
		d.Samples = samples
	})
	return problems
}

// parseSamples reads a samples file.
func parseSamples(file string, data []byte) ([]model.Duration, []*Problem) {
	var out []model.Duration
	var problems []*Problem
	sc := bufio.NewScanner(bytes.NewReader(lineEndings(data)))
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	first := true
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\ufeff"))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if v, err := strconv.ParseFloat(line, 64); err == nil {
			if v < 0 || math.IsNaN(v) || math.IsInf(v, 0) || v > 30*86400 {
				problems = append(problems, &Problem{File: file, Line: n, Msg: fmt.Sprintf("%q is not a duration from 0 to 30 days in seconds", line)})
			} else {
				out = append(out, model.Duration(math.Round(v*1000)))
			}
		} else if d, derr := model.ParseDuration(line); derr == nil {
			out = append(out, d)
		} else if !(first && strings.IndexFunc(line, unicode.IsLetter) >= 0 && strings.IndexFunc(line, unicode.IsDigit) < 0) {
			problems = append(problems, &Problem{File: file, Line: n, Msg: fmt.Sprintf("%q is not a number of seconds or a duration (e.g. 312 or 5m12s)", line)})
		}
		first = false
		if len(problems) >= 10 {
			break
		}
	}
	if err := sc.Err(); err != nil {
		problems = append(problems, &Problem{File: file, Msg: err.Error()})
	}
	return out, problems
}

// walkDists calls f with every model.Dist in v and its path, spelled as
// in error messages.
func walkDists(v reflect.Value, path string, f func(path string, d *model.Dist)) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			walkDists(v.Elem(), path, f)
		}
	case reflect.Slice:
		for i := range v.Len() {
			walkDists(v.Index(i), fmt.Sprintf("%s[%d]", path, i), f)
		}
	case reflect.Struct:
		if v.Type() == distType {
			f(path, v.Addr().Interface().(*model.Dist))
			return
		}
		for _, fl := range fieldsOf(v.Type()) {
			walkDists(v.FieldByIndex(fl.index), join(path, fl.name), f)
		}
	}
}
