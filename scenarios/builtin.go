package scenarios

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"

	"github.com/ccsim/ccsim/model"
)

// builtinFS holds the built-in scenarios and the forecast and staffing
// plans they name.
//
//go:embed builtin/*.yaml builtin/*.csv
var builtinFS embed.FS

// ErrNotFound is wrapped by the error [Load] and [Resolve] return for a
// name that is neither a built-in scenario nor (for Resolve) a file.
var ErrNotFound = errors.New("no such scenario")

// Loaded is a parsed, valid scenario with where it came from and its
// warnings.
type Loaded struct {
	// Scenario is normalized, valid and marked checked
	// ([model.Scenario.Check]), so sim.Compile does not check it again.
	// A caller that changes it must keep it so, or check it again.
	Scenario *model.Scenario
	// File is the name used in messages: the path for a file,
	// "builtin/NAME.yaml" for a built-in.
	File string
	// Builtin is true for a scenario embedded in ccsim.
	Builtin bool
	// Warnings are settings that are valid but probably mistaken, each
	// formatted FILE:LINE: PATH: MSG.
	Warnings []string
}

// Info names and describes a built-in scenario.
type Info struct {
	// Name is what [Load] and [Resolve] accept.
	Name string
	// Description is the first line of the scenario's description.
	Description string
}

// Names returns the names of the built-in scenarios, sorted.
func Names() []string {
	entries, err := builtinFS.ReadDir("builtin")
	if err != nil {
		panic("scenarios: reading embedded built-ins: " + err.Error())
	}
	var names []string
	for _, e := range entries {
		if n, ok := strings.CutSuffix(e.Name(), ".yaml"); ok && !e.IsDir() {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	return names
}

// IsBuiltin reports whether name is the name of a built-in scenario.
func IsBuiltin(name string) bool { return slices.Contains(Names(), name) }

// Load returns the built-in scenario with the given name.
func Load(name string) (*model.Scenario, error) {
	l, err := loadBuiltin(name, nil)
	if err != nil {
		return nil, err
	}
	return l.Scenario, nil
}

// Source returns the YAML text of the built-in scenario with the given
// name, comments included, e.g. as a template for a new scenario.
func Source(name string) ([]byte, error) {
	if !IsBuiltin(name) {
		return nil, fmt.Errorf("%w: %q is not a built-in scenario (built-ins: %s)", ErrNotFound, name, strings.Join(Names(), ", "))
	}
	return builtinFS.ReadFile(path.Join("builtin", name+".yaml"))
}

// Files returns the files of the built-in scenario with the given name,
// keyed by file name: NAME.yaml and the forecast and staffing-plan files
// it names. Written together into one directory they make a scenario file
// that runs like the built-in, a starting point for one's own plan.
func Files(name string) (map[string][]byte, error) {
	l, err := loadBuiltin(name, nil)
	if err != nil {
		return nil, err
	}
	names := []string{name + ".yaml"}
	for _, ct := range l.Scenario.ContactTypes {
		if ct.Forecast != "" {
			names = append(names, ct.Forecast)
		}
	}
	for _, g := range l.Scenario.Agents {
		if g.Staffing != "" {
			names = append(names, g.Staffing)
		}
	}
	files := map[string][]byte{}
	for _, n := range names {
		data, err := builtinFS.ReadFile(path.Join("builtin", n))
		if err != nil {
			return nil, err
		}
		files[n] = data
	}
	return files, nil
}

func loadBuiltin(name string, sets []Set) (*Loaded, error) {
	if !IsBuiltin(name) {
		return nil, fmt.Errorf("%w: %q is not a built-in scenario (built-ins: %s)", ErrNotFound, name, strings.Join(Names(), ", "))
	}
	l, err := parseFSWith(builtinFS, path.Join("builtin", name+".yaml"), sets)
	if err != nil {
		return nil, err
	}
	l.Builtin = true
	return l, nil
}

// LoadFile reads and parses the scenario file at path. An unreadable file
// gives an error that names it; a bad scenario gives an [*Error].
func LoadFile(path string) (*model.Scenario, error) {
	l, err := loadFile(path, nil)
	if err != nil {
		return nil, err
	}
	return l.Scenario, nil
}

func loadFile(path string, sets []Set) (*Loaded, error) {
	data, err := ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read scenario file: %w", err)
	}
	return ParseWith(path, data, sets)
}

// Resolve loads the scenario a command line names: the built-in scenario
// called arg if there is one, otherwise the file at path arg. (To read a
// file that has a built-in's name, write it as a path, e.g. ./mmc.)
// If neither exists the error wraps [ErrNotFound] and the [fs.ErrNotExist]
// of looking for the file, and lists the built-ins.
func Resolve(arg string) (*Loaded, error) { return ResolveWith(arg, nil) }

// ResolveWith is [Resolve] with fields replaced by sets before the
// scenario is decoded and validated (see [Set]).
func ResolveWith(arg string, sets []Set) (*Loaded, error) {
	if IsBuiltin(arg) {
		return loadBuiltin(arg, sets)
	}
	if _, err := os.Stat(arg); errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w: %w", ErrNotFound, &neitherError{arg: arg, stat: err})
	}
	return loadFile(arg, sets)
}

// neitherError says that a scenario argument names neither a built-in
// scenario nor a file, listing the built-ins, and wraps the error of
// looking for the file ([fs.ErrNotExist]).
type neitherError struct {
	arg  string
	stat error
}

func (e *neitherError) Error() string {
	return fmt.Sprintf("%q is neither a built-in scenario (%s) nor a file", e.arg, strings.Join(Names(), ", "))
}

func (e *neitherError) Unwrap() error { return e.stat }

// Describe lists the built-in scenarios with the first line of each one's
// description, sorted by name, for "ccsim scenarios" and shell completion.
func Describe() []Info {
	var infos []Info
	for _, name := range Names() {
		info := Info{Name: name}
		if s, err := Load(name); err != nil {
			// Tests keep every built-in valid; say so rather than
			// hide it if one is not.
			info.Description = "(invalid: " + firstLine(err.Error()) + ")"
		} else {
			info.Description = firstLine(s.Description)
		}
		infos = append(infos, info)
	}
	return infos
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	line, _, _ := strings.Cut(s, "\n")
	return strings.TrimSpace(line)
}
