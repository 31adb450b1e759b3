package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestREADME_examples runs the README's examples as a planner would type
// them and checks that they print what the README says they print. The
// README promises real output; this is what keeps it real when the code
// moves on.
//
// An example is a fenced block whose first line starts with "$ ": each
// "$ " line (with its "\" continuation lines) is a command for bash, run in
// one scratch directory for the whole README (so that a file one example
// writes, another reads) with a freshly built ccsim first on the PATH; the
// lines up to the next command are its expected output, stdout and stderr
// together, with lines left out marked as [matchOutput] reads them. "$ cat
// FILE" of a file that does not exist yet creates it from the lines shown,
// which is how the README hands a scenario file to the commands after it.
// A block preceded by "<!-- not run by the README test: REASON -->" is
// skipped, and the test logs why.
func TestREADME_examples(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every example of the README")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	blocks, err := readmeExamples(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	if len(blocks) < 10 {
		t.Fatalf("found %d examples in the README; the parser has lost them", len(blocks))
	}
	bin := t.TempDir()
	build := exec.Command(goBinary(t), "build", "-o", filepath.Join(bin, "ccsim"), ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	work := t.TempDir()
	// The examples name the repository's files as a reader in its root
	// would ("analysis/testdata/two-queues.yaml"); links keep them
	// readable without writing into the repository.
	for _, d := range []string{"analysis", "scenarios", "docs", "deploy"} {
		if err := os.Symlink(filepath.Join(root, d), filepath.Join(work, d)); err != nil {
			t.Fatal(err)
		}
	}
	readmeFixtures(t, root, work)
	env := append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"), "LC_ALL=C", "COLUMNS=100")
	ran := 0
	for _, b := range blocks {
		if b.skip != "" {
			t.Logf("README:%d not run: %s", b.line, b.skip)
			continue
		}
		for _, c := range b.cmds {
			if file, ok := strings.CutPrefix(c.text, "cat "); ok && !strings.ContainsAny(file, " |;<>") {
				if _, err := os.Stat(filepath.Join(work, file)); os.IsNotExist(err) {
					if err := os.WriteFile(filepath.Join(work, file), []byte(strings.Join(c.want, "\n")+"\n"), 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
			ran++
			sh := exec.Command("bash", "-c", c.text)
			sh.Dir, sh.Env = work, env
			start := time.Now()
			out, _ := sh.CombinedOutput() // a failing command's output is checked like any other
			if d := time.Since(start); d > 5*time.Second {
				t.Logf("README:%d took %.1f s: %s", c.line, d.Seconds(), c.text)
			}
			got := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
			if len(out) == 0 {
				got = nil
			}
			if at, ok := matchOutput(c.want, got); !ok {
				t.Errorf("README:%d: $ %s\nthe README's line %d of the output is not printed there; the README shows\n%sand the command printed (%d lines)\n%s",
					c.line, c.text, at+1, around(c.want, at), len(got), around(got, at))
			}
		}
	}
	t.Logf("ran %d commands of %d examples", ran, len(blocks))
}

// readmeBlock is one example of the README: its commands in order.
type readmeBlock struct {
	line int
	skip string
	cmds []readmeCmd
}

// readmeCmd is a command and the output the README shows for it.
type readmeCmd struct {
	line int
	text string
	want []string
}

// readmeExamples reads the examples out of the README (see
// TestREADME_examples for what counts as one).
func readmeExamples(path string) ([]readmeBlock, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var (
		blocks  []readmeBlock
		cur     *readmeBlock
		inFence bool
		indent  string // of the fence: a block in a list item is indented
		first   bool
		skip    string
		cont    bool // the previous command line ended in "\"
	)
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), " \t")
		if !inFence {
			if why, ok := strings.CutPrefix(line, "<!-- not run by the README test:"); ok {
				skip = strings.TrimSpace(strings.TrimSuffix(why, "-->"))
				continue
			}
			if t := strings.TrimLeft(line, " "); strings.HasPrefix(t, "```") {
				inFence, first, cur = true, true, nil
				indent = line[:len(line)-len(t)]
				continue
			}
			if line != "" {
				skip = ""
			}
			continue
		}
		if strings.HasPrefix(strings.TrimLeft(line, " "), "```") {
			inFence, skip = false, ""
			continue
		}
		line = strings.TrimPrefix(line, indent)
		if first {
			first = false
			if !strings.HasPrefix(line, "$ ") {
				continue // a file or an output shown alone, not an example
			}
			blocks = append(blocks, readmeBlock{line: n, skip: skip})
			cur = &blocks[len(blocks)-1]
		}
		if cur == nil {
			continue
		}
		switch {
		case cont:
			c := &cur.cmds[len(cur.cmds)-1]
			c.text += "\n" + line
			cont = strings.HasSuffix(line, `\`)
		case strings.HasPrefix(line, "$ "):
			cur.cmds = append(cur.cmds, readmeCmd{line: n, text: strings.TrimPrefix(line, "$ ")})
			cont = strings.HasSuffix(line, `\`)
		default:
			c := &cur.cmds[len(cur.cmds)-1]
			c.want = append(c.want, line)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if inFence {
		return nil, fmt.Errorf("%s: a code fence is never closed", path)
	}
	return blocks, nil
}

// matchOutput reports whether got is the output want shows, and if not,
// the index of the first line of want that could not be matched. A line of
// want starting with "..." stands for any run of lines (what follows the
// dots says what was left out); a line ending in "..." matches a line
// starting with what comes before the dots, and any lines after it.
func matchOutput(want, got []string) (int, bool) {
	trim := func(s string) string { return strings.TrimRight(s, " \t") }
	same := func(w, g string) bool {
		w, g = trim(w), trim(g)
		if head, ok := strings.CutSuffix(w, "..."); ok && len(head) > 0 {
			return strings.HasPrefix(g, head)
		}
		return w == g
	}
	var match func(w, g int) (int, bool)
	match = func(w, g int) (int, bool) {
		for w < len(want) {
			if strings.HasPrefix(strings.TrimSpace(want[w]), "...") {
				// The rest must match from some line on; the README's
				// elisions are few, so trying each start is cheap.
				best := w + 1
				for k := g; k <= len(got); k++ {
					at, ok := match(w+1, k)
					if ok {
						return 0, true
					}
					best = max(best, at)
				}
				return best, false
			}
			if g >= len(got) || !same(want[w], got[g]) {
				return w, false
			}
			if strings.HasSuffix(trim(want[w]), "...") {
				// The line's end and any lines after it are left out.
				for k := g + 1; k <= len(got); k++ {
					if _, ok := match(w+1, k); ok {
						return 0, true
					}
				}
				return w + 1, false
			}
			w, g = w+1, g+1
		}
		return w, g == len(got)
	}
	return match(0, 0)
}

// around returns lines [i-2, i+3) of lines, numbered, for a failure message.
func around(lines []string, i int) string {
	var b strings.Builder
	for k := max(i-2, 0); k < min(i+3, len(lines)); k++ {
		fmt.Fprintf(&b, "%4d| %s\n", k+1, lines[k])
	}
	return b.String()
}

// readmeFixtures writes the files the README's examples take as given
// (what a planner would have from elsewhere): the planning week's forecast
// as "planning-week-forecast.csv", and "logged-in.csv", the agents logged
// in over the four weeks of history that "Calibrating from history" fits,
// as a workforce management tool would export them: the planning week's
// staffing plan, week after week.
func readmeFixtures(t *testing.T, root, work string) {
	t.Helper()
	builtin := filepath.Join(root, "scenarios", "builtin")
	forecast, err := os.ReadFile(filepath.Join(builtin, "planning-week-forecast.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(work, "planning-week-forecast.csv"), forecast, 0o644); err != nil {
		t.Fatal(err)
	}
	plan, err := os.ReadFile(filepath.Join(builtin, "planning-week-staffing.csv"))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("interval_start,agents\n")
	for week := range 4 {
		for _, line := range strings.Split(string(plan), "\n") {
			at, agents, ok := strings.Cut(line, ",")
			if !ok || strings.HasPrefix(line, "#") || at == "interval_start" {
				continue
			}
			ts, err := time.Parse("2006-01-02 15:04", at)
			if err != nil {
				t.Fatalf("planning-week-staffing.csv: %v", err)
			}
			fmt.Fprintf(&b, "%s,%s\n", ts.AddDate(0, 0, 7*week).Format("2006-01-02 15:04"), agents)
		}
	}
	if err := os.WriteFile(filepath.Join(work, "logged-in.csv"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// goBinary is the go command that runs the tests (skipping without one).
func goBinary(t *testing.T) string {
	t.Helper()
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	return gobin
}
