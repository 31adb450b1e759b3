package main

// The shipped deployment files are checked against the code that will
// run them: the Kubernetes Indexed Job (deploy/kubernetes/sweep-job.yaml),
// the image it names (Dockerfile) and the Slurm array script
// (deploy/slurm/sweep.sbatch). Their ccsim command lines are parsed by
// ccsim's own commands, and the shard each pod or array task would run is
// computed by the shard code from the environment the scheduler gives it.
// deploy/slurm/test.sh (make test-slurm) runs the Slurm script for real.

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// k8sJob is the part of a batch/v1 Job these tests read.
type k8sJob struct {
	APIVersion string `yaml:"apiVersion"`
	Kind       string `yaml:"kind"`
	Metadata   struct {
		Name string `yaml:"name"`
	} `yaml:"metadata"`
	Spec struct {
		Suspend        bool   `yaml:"suspend"`
		CompletionMode string `yaml:"completionMode"`
		Completions    *int   `yaml:"completions"`
		Parallelism    *int   `yaml:"parallelism"`
		Template       struct {
			Spec struct {
				Containers []k8sContainer `yaml:"containers"`
			} `yaml:"spec"`
		} `yaml:"template"`
	} `yaml:"spec"`
}

type k8sContainer struct {
	Name    string   `yaml:"name"`
	Image   string   `yaml:"image"`
	Command []string `yaml:"command"`
	Args    []string `yaml:"args"`
	Env     []struct {
		Name  string `yaml:"name"`
		Value string `yaml:"value"`
	} `yaml:"env"`
	VolumeMounts []struct {
		Name      string `yaml:"name"`
		MountPath string `yaml:"mountPath"`
	} `yaml:"volumeMounts"`
}

// readJobs reads every Job of a multi-document manifest, by name.
func readJobs(t *testing.T, file string) map[string]k8sJob {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	jobs := map[string]k8sJob{}
	dec := yaml.NewDecoder(f)
	for {
		var j k8sJob
		if err := dec.Decode(&j); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if j.APIVersion != "batch/v1" || j.Kind != "Job" {
			t.Fatalf("%s: %s %s %q, want only batch/v1 Jobs", file, j.APIVersion, j.Kind, j.Metadata.Name)
		}
		jobs[j.Metadata.Name] = j
	}
	return jobs
}

// k8sVar matches what Kubernetes expands in a container's command and
// args: $(NAME) when NAME is in the container's env, and $$ for $.
var k8sVar = regexp.MustCompile(`\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)`)

func k8sExpand(s string, env map[string]string) string {
	return k8sVar.ReplaceAllStringFunc(s, func(m string) string {
		if m == "$$" {
			return "$"
		}
		if v, ok := env[m[2:len(m)-1]]; ok {
			return v
		}
		return m
	})
}

// dockerImage is what the Dockerfile's final stage says of the binary.
type dockerImage struct {
	base       string   // the final FROM
	entrypoint []string // ENTRYPOINT, exec form
	binary     string   // where COPY --from puts the built binary
	build      string   // the RUN that builds it
}

func readDockerfile(t *testing.T, file string) dockerImage {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	// One instruction per logical line: join continuations.
	text := strings.ReplaceAll(string(data), "\\\n", " ")
	var img dockerImage
	var built string // the -o of the go build
	for line := range strings.Lines(text) {
		line = strings.TrimSpace(line)
		word, rest, _ := strings.Cut(line, " ")
		rest = strings.TrimSpace(rest)
		switch strings.ToUpper(word) {
		case "FROM":
			img.base = strings.Fields(rest)[0]
			img.entrypoint, img.binary = nil, ""
		case "RUN":
			if m := regexp.MustCompile(`go build .*-o (\S+)`).FindStringSubmatch(rest); m != nil {
				img.build, built = rest, m[1]
			}
		case "COPY":
			f := strings.Fields(rest)
			if len(f) == 3 && strings.HasPrefix(f[0], "--from=") && f[1] == built {
				img.binary = f[2]
			}
		case "ENTRYPOINT":
			if err := json.Unmarshal([]byte(rest), &img.entrypoint); err != nil {
				t.Fatalf("%s: ENTRYPOINT %s: want the exec form, [\"/path/to/ccsim\"]: %v", file, rest, err)
			}
		}
	}
	return img
}

// parsedCLI is a ccsim command line as the real commands parse it.
type parsedCLI struct {
	compare *compareOptions
	merge   *mergeOptions
}

// parseCLI parses argv (after "ccsim") with ccsim's command tree, its
// compare and merge commands stopping short of running.
func parseCLI(t *testing.T, argv []string) parsedCLI {
	t.Helper()
	streams := &iostreams{Out: io.Discard, ErrOut: io.Discard}
	root := newRootCmd(streams)
	var got parsedCLI
	for _, c := range slices.Clone(root.Commands()) {
		if c.Name() == "compare" || c.Name() == "merge" {
			root.RemoveCommand(c)
		}
	}
	root.AddCommand(
		newCmdCompare(streams, func(o *compareOptions) error { got.compare = o; return nil }),
		newCmdMerge(streams, func(o *mergeOptions) error { got.merge = o; return nil }),
	)
	root.SetArgs(argv)
	if err := root.Execute(); err != nil {
		t.Fatalf("ccsim %s: %v", strings.Join(argv, " "), err)
	}
	if got.compare == nil && got.merge == nil {
		t.Fatalf("ccsim %s: neither compare nor merge", strings.Join(argv, " "))
	}
	return got
}

// checkShard checks that a parsed compare is a shard, K of N, writing its
// own part, in the environment env, and that its variants load.
func checkShard(t *testing.T, where string, o *compareOptions, env map[string]string, k, n int) {
	t.Helper()
	if o.Partial == "" || o.Shard != "" {
		t.Fatalf("%s: want --partial FILE and the shard from the scheduler (no --shard); got --partial %q --shard %q", where, o.Partial, o.Shard)
	}
	o.Env = func(name string) string { return env[name] }
	gk, gn, err := shardOf(o.Shard, o.Env)
	if err != nil || gk != k || gn != n {
		t.Errorf("%s: shard %d/%d (%v), want %d/%d", where, gk, gn, err, k, n)
	}
	if k == 0 {
		if _, err := loadSweep(t.Context(), o); err != nil {
			t.Errorf("%s: the sweep does not load: %v", where, err)
		}
	}
}

func TestDeploy_KubernetesJob(t *testing.T) {
	jobs := readJobs(t, "../../deploy/kubernetes/sweep-job.yaml")
	img := readDockerfile(t, "../../Dockerfile")

	// The image: a static binary in distroless static or scratch, whose
	// path is the entrypoint.
	if !strings.HasPrefix(img.base, "gcr.io/distroless/static") && img.base != "scratch" {
		t.Errorf("Dockerfile: final stage FROM %s, want gcr.io/distroless/static... or scratch", img.base)
	}
	if !strings.Contains(img.build, "CGO_ENABLED=0") {
		t.Errorf("Dockerfile: the go build (%q) must set CGO_ENABLED=0: the final image has no libc", img.build)
	}
	if img.binary == "" || !slices.Equal(img.entrypoint, []string{img.binary}) {
		t.Errorf("Dockerfile: ENTRYPOINT %q, want the copied binary [%q]", img.entrypoint, img.binary)
	}
	// command runs the image's binary; args are ccsim's.
	argv := func(job string, c k8sContainer) []string {
		t.Helper()
		if !slices.Equal(c.Command, img.entrypoint) {
			t.Fatalf("%s: command %q, want the image's binary %q (there is no shell in the image)", job, c.Command, img.entrypoint)
		}
		return c.Args
	}

	sweep, ok := jobs["ccsim-sweep"]
	if !ok {
		t.Fatal("no Job ccsim-sweep")
	}
	s := sweep.Spec
	if s.CompletionMode != "Indexed" {
		t.Errorf("ccsim-sweep: completionMode %q, want Indexed (it sets JOB_COMPLETION_INDEX)", s.CompletionMode)
	}
	if s.Completions == nil || *s.Completions < 1 {
		t.Fatal("ccsim-sweep: completions, the number of shards, must be set")
	}
	n := *s.Completions
	if s.Parallelism != nil && (*s.Parallelism < 1 || *s.Parallelism > n) {
		t.Errorf("ccsim-sweep: parallelism %d, want 1 to completions (%d)", *s.Parallelism, n)
	}
	if len(s.Template.Spec.Containers) != 1 {
		t.Fatalf("ccsim-sweep: %d containers, want 1", len(s.Template.Spec.Containers))
	}
	c := s.Template.Spec.Containers[0]
	env := map[string]string{}
	for _, e := range c.Env {
		env[e.Name] = e.Value
	}
	if _, ok := env["JOB_COMPLETION_INDEX"]; ok {
		t.Error("ccsim-sweep: env sets JOB_COMPLETION_INDEX: the Job controller sets it, and does not when the manifest does")
	}
	if env["JOB_COMPLETIONS"] != strconv.Itoa(n) {
		t.Errorf("ccsim-sweep: env JOB_COMPLETIONS = %q, want completions, %d", env["JOB_COMPLETIONS"], n)
	}
	mount := ""
	for _, m := range c.VolumeMounts {
		mount = m.MountPath
	}
	var parts []string
	for k := range n {
		env["JOB_COMPLETION_INDEX"] = strconv.Itoa(k)
		var args []string
		for _, a := range argv("ccsim-sweep", c) {
			args = append(args, k8sExpand(a, env))
		}
		where := fmt.Sprintf("ccsim-sweep pod %d: ccsim %s", k, strings.Join(args, " "))
		o := parseCLI(t, args).compare
		if o == nil {
			t.Fatalf("%s: not ccsim compare", where)
		}
		checkShard(t, where, o, env, k, n)
		if mount == "" || !strings.HasPrefix(o.Partial, mount+"/") {
			t.Errorf("%s: --partial %s is not on the shared volume (%q)", where, o.Partial, mount)
		}
		parts = append(parts, o.Partial)
	}
	slices.Sort(parts)
	if len(slices.Compact(slices.Clone(parts))) != n {
		t.Errorf("ccsim-sweep: the %d pods do not write %d different parts: %q", n, n, parts)
	}

	merge, ok := jobs["ccsim-sweep-merge"]
	if !ok {
		t.Fatal("no Job ccsim-sweep-merge")
	}
	if !merge.Spec.Suspend {
		t.Error("ccsim-sweep-merge: not suspended: applying the file would start it at once, before the parts exist, and it would fail")
	}
	if len(merge.Spec.Template.Spec.Containers) != 1 {
		t.Fatalf("ccsim-sweep-merge: %d containers, want 1", len(merge.Spec.Template.Spec.Containers))
	}
	mc := merge.Spec.Template.Spec.Containers[0]
	if mc.Image != c.Image {
		t.Errorf("ccsim-sweep-merge: image %s, want the sweep's, %s", mc.Image, c.Image)
	}
	m := parseCLI(t, argv("ccsim-sweep-merge", mc)).merge
	if m == nil {
		t.Fatal("ccsim-sweep-merge: not ccsim merge")
	}
	if got := slices.Sorted(slices.Values(m.Parts)); !slices.Equal(got, parts) {
		t.Errorf("ccsim-sweep-merge: merges %q, want the sweep's parts %q", got, parts)
	}
}

// shellWords splits a shell command line into words, removing quotes and
// expanding $NAME and ${NAME} from env (enough for sweep.sbatch; a glob
// stays as it is).
func shellWords(t *testing.T, line string, env map[string]string) []string {
	t.Helper()
	var words []string
	var w strings.Builder
	inWord, quote := false, byte(0)
	for i := 0; i < len(line); i++ {
		ch := line[i]
		switch {
		case quote == '\'' && ch != '\'':
			w.WriteByte(ch)
		case ch == '\'' || ch == '"':
			switch quote {
			case 0:
				quote, inWord = ch, true
			case ch:
				quote = 0
			default:
				w.WriteByte(ch)
			}
		case ch == '$':
			m := regexp.MustCompile(`^\$(\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))`).FindStringSubmatch(line[i:])
			if m == nil {
				t.Fatalf("cannot read %q at %q", line, line[i:])
			}
			name := m[2] + m[3]
			v, ok := env[name]
			if !ok {
				t.Fatalf("%q: $%s is not set in a Slurm array task", line, name)
			}
			w.WriteString(v)
			inWord = true
			i += len(m[0]) - 1
		case quote == 0 && (ch == ' ' || ch == '\t'):
			if inWord {
				words, inWord = append(words, w.String()), false
				w.Reset()
			}
		case quote == 0 && strings.IndexByte("|&;<>()`\\", ch) >= 0:
			t.Fatalf("%q: %q is more shell than this test reads", line, ch)
		default:
			w.WriteByte(ch)
			inWord = true
		}
	}
	if quote != 0 {
		t.Fatalf("%q: unclosed quote", line)
	}
	if inWord {
		words = append(words, w.String())
	}
	return words
}

func TestDeploy_SlurmScript(t *testing.T) {
	const file = "../../deploy/slurm/sweep.sbatch"
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.ReplaceAll(string(data), "\\\n", " ")
	sbatch := map[string]string{}
	var compareLines, mergeLines []string
	directives := true
	for line := range strings.Lines(text) {
		line = strings.TrimSpace(line)
		if opt, ok := strings.CutPrefix(line, "#SBATCH "); ok && directives {
			name, value, _ := strings.Cut(strings.TrimSpace(opt), "=")
			sbatch[name] = value
			continue
		}
		if strings.HasPrefix(line, "#") {
			// The merge is in a comment, as the --wrap of a dependent job.
			if m := regexp.MustCompile(`'(ccsim merge [^'>]*)`).FindStringSubmatch(line); m != nil {
				mergeLines = append(mergeLines, m[1])
			}
			continue
		}
		if line != "" {
			directives = false // sbatch reads no #SBATCH after the first command
		}
		if strings.HasPrefix(line, "ccsim ") {
			compareLines = append(compareLines, line)
		}
	}

	a, b, ok := strings.Cut(sbatch["--array"], "-")
	first, err1 := strconv.Atoi(a)
	last, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || last < first {
		t.Fatalf("#SBATCH --array=%s: this test reads only a range A-B", sbatch["--array"])
	}
	n := last - first + 1
	// Slurm opens --output before the script runs: its directory must be
	// one that exists at submission, not one the script creates.
	if out := sbatch["--output"]; path.Dir(out) != "." {
		t.Errorf("#SBATCH --output=%s: in a directory the script would have to create first; every task fails at launch without it", out)
	}
	if len(compareLines) != 1 || len(mergeLines) != 1 {
		t.Fatalf("want one ccsim compare line and one ccsim merge in a comment; got %q and %q", compareLines, mergeLines)
	}

	var parts []string
	for k := range n {
		env := map[string]string{
			"SLURM_ARRAY_TASK_ID":    strconv.Itoa(first + k),
			"SLURM_ARRAY_TASK_MIN":   strconv.Itoa(first),
			"SLURM_ARRAY_TASK_MAX":   strconv.Itoa(last),
			"SLURM_ARRAY_TASK_COUNT": strconv.Itoa(n),
		}
		words := shellWords(t, compareLines[0], env)
		where := fmt.Sprintf("array task %d: %s", first+k, strings.Join(words, " "))
		o := parseCLI(t, words[1:]).compare
		if o == nil {
			t.Fatalf("%s: not ccsim compare", where)
		}
		checkShard(t, where, o, env, k, n)
		parts = append(parts, o.Partial)
	}
	if len(slices.Compact(slices.Sorted(slices.Values(parts)))) != n {
		t.Errorf("the %d array tasks do not write %d different parts: %q", n, n, parts)
	}

	m := parseCLI(t, shellWords(t, mergeLines[0], nil)[1:]).merge
	if m == nil {
		t.Fatalf("%q: not ccsim merge", mergeLines[0])
	}
	// The merge names the parts by a glob: it must take every part.
	for _, p := range parts {
		matched := false
		for _, g := range m.Parts {
			if ok, _ := filepath.Match(g, p); ok {
				matched = true
			}
		}
		if !matched {
			t.Errorf("%q does not merge %s", mergeLines[0], p)
		}
	}
}
