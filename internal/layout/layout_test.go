package layout

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/ccsim/ccsim"

// pkg is one package of the build graph, as go list describes it.
type pkg struct {
	ImportPath string
	Standard   bool
	Imports    []string // direct imports
	Deps       []string // every package it depends on, directly or not
}

// graph maps import paths to packages: the module's and all they depend on.
type graph map[string]*pkg

// loadGraph lists the module's packages and everything they depend on.
func loadGraph(t *testing.T) graph {
	t.Helper()
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the layout test runs go list: %v", err)
	}
	cmd := exec.Command(goCmd, "list", "-deps", "-json=ImportPath,Standard,Imports,Deps", module+"/...")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.Bytes())
	}
	g := graph{}
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p pkg
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("reading go list output: %v", err)
		}
		g[p.ImportPath] = &p
	}
	return g
}

// in reports whether path is the package dir of the module or one below it.
func in(path, dir string) bool {
	full := module + "/" + dir
	return path == full || strings.HasPrefix(path, full+"/")
}

// under reports whether path is the package prefix or one below it.
func under(path, prefix string) bool {
	return path == prefix || strings.HasPrefix(path, prefix+"/")
}

const gonum = "gonum.org/v1/gonum"

// presentation are the libraries only reports and cmd/ccsim may use.
var presentation = []string{
	"github.com/spf13/cobra",
	"github.com/olekukonko/tablewriter",
	"github.com/go-echarts/go-echarts",
	"github.com/xuri/excelize",
}

// rule is one import rule: the packages it applies to (the module's dirs,
// with their subpackages), and whether it allows a dependency.
type rule struct {
	dirs []string
	// deep applies the rule to every dependency, not only to direct
	// imports.
	deep bool
	// allowed reports whether from may depend on path; the reason is
	// printed with a violation.
	allowed func(g graph, from, path string) bool
	reason  string
}

func std(g graph, path string) bool { p := g[path]; return p != nil && p.Standard }

var rules = []rule{
	{
		dirs: []string{"model"}, deep: true,
		allowed: func(g graph, from, path string) bool { return std(g, path) || in(path, "model") },
		reason:  "model uses the standard library only",
	},
	{
		dirs: []string{"sim"},
		allowed: func(g graph, from, path string) bool {
			return std(g, path) || in(path, "model") || in(path, "sim") || under(path, gonum)
		},
		reason: "sim imports only model, the standard library, gonum and its own subpackages",
	},
	{
		dirs:    []string{"sim/kernel"},
		allowed: func(g graph, from, path string) bool { return std(g, path) || in(path, "sim/kernel") },
		reason:  "sim/kernel, the clock and event heap, uses the standard library only",
	},
	{
		dirs: []string{"erlang"},
		allowed: func(g graph, from, path string) bool {
			return std(g, path) || in(path, "erlang") || under(path, gonum)
		},
		reason: "erlang imports only the standard library and gonum",
	},
	{
		dirs: []string{"analysis"}, deep: true,
		allowed: func(g graph, from, path string) bool { return !in(path, "reports") && !in(path, "cmd") },
		reason:  "analysis never imports reports or cmd",
	},
	{
		dirs: []string{"reports"}, deep: true,
		allowed: func(g graph, from, path string) bool { return !in(path, "cmd") },
		reason:  "reports never imports cmd",
	},
	{
		dirs: []string{"model", "sim", "erlang", "analysis"}, deep: true,
		allowed: func(g graph, from, path string) bool {
			return !slices.ContainsFunc(presentation, func(p string) bool { return under(path, p) })
		},
		reason: "model, sim, erlang and analysis use no presentation library (cobra, tablewriter, go-echarts, excelize)",
	},
}

// violations checks every rule on every package of the module in g and
// returns one line per forbidden dependency, naming it and, for an
// indirect one, the chain of imports that brings it in. Of what a
// forbidden package brings along only the package itself is reported,
// not each of its own dependencies.
func violations(g graph) []string {
	var out []string
	paths := make([]string, 0, len(g))
	for p := range g {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	for _, r := range rules {
		for _, from := range paths {
			if !slices.ContainsFunc(r.dirs, func(d string) bool { return in(from, d) }) {
				continue
			}
			deps := g[from].Imports
			if r.deep {
				deps = g[from].Deps
			}
			bad := map[string]bool{}
			for _, dep := range deps {
				bad[dep] = !r.allowed(g, from, dep)
			}
			for _, dep := range deps {
				if !bad[dep] || !entersFrom(g, from, dep, bad) {
					continue
				}
				msg := fmt.Sprintf("%s imports %s", from, dep)
				if chain := importChain(g, from, dep); len(chain) > 2 {
					msg = fmt.Sprintf("%s depends on %s (%s)", from, dep, strings.Join(chain, " -> "))
				}
				out = append(out, msg+": "+r.reason)
			}
		}
	}
	return out
}

// entersFrom reports whether dep is imported by from or by a dependency of
// from that is not bad: whether it is where the forbidden part of from's
// dependencies starts.
func entersFrom(g graph, from, dep string, bad map[string]bool) bool {
	if slices.Contains(g[from].Imports, dep) {
		return true
	}
	for p, isBad := range bad {
		if !isBad && g[p] != nil && slices.Contains(g[p].Imports, dep) {
			return true
		}
	}
	return false
}

// importChain returns a shortest chain of direct imports from one package
// to another, both included, or nil.
func importChain(g graph, from, to string) []string {
	prev := map[string]string{from: ""}
	queue := []string{from}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		if cur == to {
			var chain []string
			for p := to; p != ""; p = prev[p] {
				chain = append(chain, p)
			}
			slices.Reverse(chain)
			return chain
		}
		if g[cur] == nil {
			continue
		}
		for _, next := range g[cur].Imports {
			if _, seen := prev[next]; !seen {
				prev[next] = cur
				queue = append(queue, next)
			}
		}
	}
	return nil
}

// TestImportRules checks the rules of the package documentation on the
// module as it is.
func TestImportRules(t *testing.T) {
	g := loadGraph(t)
	// The rules name packages by path: if these moved, the rules would
	// silently check nothing.
	for _, dir := range []string{"model", "sim", "scenarios", "reports", "cmd/ccsim"} {
		if g[module+"/"+dir] == nil {
			t.Fatalf("package %s/%s is missing: update the layout rules", module, dir)
		}
	}
	for _, v := range violations(g) {
		t.Error(v)
	}
}

// TestImportRulesCatch checks that the rules report what they forbid, on
// a made-up module that breaks each of them.
func TestImportRulesCatch(t *testing.T) {
	m := func(dir string) string { return module + "/" + dir }
	g := graph{}
	add := func(path string, std bool, imports ...string) {
		g[path] = &pkg{ImportPath: path, Standard: std, Imports: imports}
	}
	add("fmt", true)
	add("github.com/spf13/cobra", false, "fmt")
	add("github.com/olekukonko/tablewriter", false)
	add("go.yaml.in/yaml/v3", false)
	add(gonum+"/mat", false)
	add(m("model"), false, "fmt", "go.yaml.in/yaml/v3")
	add(m("sim"), false, "fmt", m("model"), m("sim/kernel"), gonum+"/mat", m("scenarios"))
	add(m("sim/kernel"), false, m("model"), "github.com/olekukonko/tablewriter")
	add(m("scenarios"), false, m("model"), "go.yaml.in/yaml/v3")
	add(m("erlang"), false, gonum+"/mat", m("model"))
	add(m("analysis"), false, m("sim"), m("reports"))
	add(m("reports"), false, m("sim"), m("cmd/ccsim/ui"))
	add(m("cmd/ccsim/ui"), false, "github.com/spf13/cobra")
	// Deps is every package reachable by imports, as go list gives it.
	for _, p := range g {
		for _, d := range reachable(g, p.ImportPath) {
			if d != p.ImportPath {
				p.Deps = append(p.Deps, d)
			}
		}
		slices.Sort(p.Deps)
	}
	got := violations(g)
	want := []string{
		m("model") + " imports go.yaml.in/yaml/v3: model uses the standard library only",
		m("sim") + " imports " + m("scenarios") + ": sim imports only model",
		m("erlang") + " imports " + m("model") + ": erlang imports only the standard library and gonum",
		m("analysis") + " imports " + m("reports") + ": analysis never imports reports or cmd",
		m("reports") + " imports " + m("cmd/ccsim/ui") + ": reports never imports cmd",
		m("sim/kernel") + " imports github.com/olekukonko/tablewriter: sim imports only model",
		m("sim/kernel") + " imports " + m("model") + ": sim/kernel, the clock and event heap, uses the standard library only",
		m("sim/kernel") + " imports github.com/olekukonko/tablewriter: sim/kernel, the clock and event heap",
		m("sim/kernel") + " imports github.com/olekukonko/tablewriter: model, sim, erlang and analysis use no presentation library",
		m("analysis") + " depends on github.com/olekukonko/tablewriter (" + m("analysis") + " -> " + m("sim") + " -> " + m("sim/kernel") + " -> github.com/olekukonko/tablewriter): model, sim, erlang and analysis use no presentation library",
		m("sim") + " depends on github.com/olekukonko/tablewriter (" + m("sim") + " -> " + m("sim/kernel") + " -> github.com/olekukonko/tablewriter): model, sim, erlang and analysis use no presentation library",
		m("analysis") + " depends on github.com/spf13/cobra (" + m("analysis") + " -> " + m("reports") + " -> " + m("cmd/ccsim/ui") + " -> github.com/spf13/cobra): model, sim, erlang and analysis use no presentation library",
	}
	for _, w := range want {
		if !slices.ContainsFunc(got, func(v string) bool { return strings.HasPrefix(v, w) }) {
			t.Errorf("missing violation %q", w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("got %d violations, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
}

// reachable lists the packages reachable from path by imports, path
// included.
func reachable(g graph, path string) []string {
	seen := map[string]bool{path: true}
	queue := []string{path}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		for _, next := range g[cur].Imports {
			if !seen[next] {
				seen[next] = true
				queue = append(queue, next)
			}
		}
	}
	var out []string
	for p := range seen {
		out = append(out, p)
	}
	return out
}
