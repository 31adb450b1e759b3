package main

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ccsim/ccsim/scenarios"
)

var updateDigests = flag.Bool("update-digests", false, "rewrite testdata/outputs.sha256 from this build's outputs")

// digestFile pins every output a user can see: for each built-in scenario,
// the table and JSON summaries, the CSV tables, the contact records and the
// HTML report; and the compare, staff and erlang commands. A refactoring
// must leave every one byte-identical; a change of model must update the
// digests in its own commit and say why (go test ./cmd/ccsim -run
// TestOutputsUnchanged -update-digests).
//
// Digests rather than whole files, because a week of contact records is
// tens of megabytes; the golden files under reports/testdata show what the
// formats look like, this file shows that nothing moved.
const digestFile = "testdata/outputs.sha256"

func TestOutputsUnchanged(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every built-in scenario through the CLI")
	}
	got := map[string]string{}
	add := func(name string, b []byte) {
		sum := sha256.Sum256(b)
		got[name] = hex.EncodeToString(sum[:])
	}
	addFile := func(name, path string) {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		add(name, b)
	}
	cli := func(name string, args ...string) {
		code, out, errOut := runCLI(t, args...)
		if code != exitOK && code != exitError {
			t.Fatalf("ccsim %s: exit status %d\n%s", strings.Join(args, " "), code, errOut)
		}
		add(name, []byte(fmt.Sprintf("exit %d\n%s", code, out)))
	}
	for _, name := range scenarios.Names() {
		dir := t.TempDir()
		base := []string{"run", name, "--reps", "2", "--workers", "1", "--quiet"}
		cli(name+"/table", base...)
		cli(name+"/json", append(base, "--format", "json")...)
		html, records, tables := filepath.Join(dir, "r.html"), filepath.Join(dir, "r.jsonl"), filepath.Join(dir, "csv")
		connect, wide, book := filepath.Join(dir, "connect.csv"), filepath.Join(dir, "wide.csv"), filepath.Join(dir, "r.xlsx")
		cli(name+"/files", append(base, "--html", html, "--records", records, "--csv", tables, "--connect-csv", connect,
			"--csv-wide", wide, "--xlsx", book)...)
		addFile(name+"/records.jsonl", records)
		addFile(name+"/connect.csv", connect)
		addFile(name+"/intervals_wide.csv", wide)
		addFile(name+"/workbook.xlsx", book)
		addFile(name+"/report.html", html)
		entries, err := os.ReadDir(tables)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			addFile(name+"/csv/"+e.Name(), filepath.Join(tables, e.Name()))
		}
	}
	dir := t.TempDir()
	cmpHTML := filepath.Join(dir, "c.html")
	cmp := []string{"compare", "callback-types", "--set", "callback.max_retries=0,2", "--reps", "3", "--workers", "1", "--quiet"}
	cli("compare/table", cmp...)
	cli("compare/json", append(cmp, "--format", "json", "--html", cmpHTML)...)
	addFile("compare/report.html", cmpHTML)
	var parts []string
	for k := 0; k < 2; k++ {
		part := filepath.Join(dir, fmt.Sprintf("part-%d.json", k))
		cli(fmt.Sprintf("compare/shard-%d", k), append(cmp, "--shard", fmt.Sprintf("%d/2", k), "--partial", part)...)
		parts = append(parts, part)
	}
	cli("merge/json", append([]string{"merge", "--format", "json"}, parts...)...)
	plan := filepath.Join(dir, "plan.csv")
	cli("staff/table", "staff", "mmc-abandon", "--target", "80/20", "--reps", "4", "--workers", "1", "--quiet", "--out", plan)
	addFile("staff/plan.csv", plan)
	cli("erlang/c", "erlang", "c", "--volume", "100", "--aht", "180s", "--target-sl", "80%")
	cli("erlang/a", "erlang", "a", "--volume", "100", "--aht", "180s", "--patience", "120s", "--agents", "10", "--format", "json")
	erlangPlan := filepath.Join(dir, "erlang.csv")
	forecast := "../../scenarios/builtin/planning-week-forecast.csv"
	cli("erlang/forecast", "erlang", "c", "--forecast", forecast, "--target-sl", "80%", "--max-occupancy", "85%", "--shrinkage", "30%", "--csv", erlangPlan)
	addFile("erlang/forecast.csv", erlangPlan)
	cli("erlang/forecast-json", "erlang", "a", "--forecast", forecast, "--patience", "2m", "--target-sl", "80%", "--format", "json")

	if *updateDigests {
		var b strings.Builder
		for _, k := range slices.Sorted(mapKeys(got)) {
			fmt.Fprintf(&b, "%s  %s\n", got[k], k)
		}
		if err := os.WriteFile(digestFile, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want := readDigests(t)
	for _, k := range slices.Sorted(mapKeys(want)) {
		switch g, ok := got[k]; {
		case !ok:
			t.Errorf("%s: no longer produced", k)
		case g != want[k]:
			t.Errorf("%s: output changed (sha256 %s, want %s)", k, g[:12], want[k][:12])
		}
	}
	for _, k := range slices.Sorted(mapKeys(got)) {
		if _, ok := want[k]; !ok {
			t.Errorf("%s: new output with no digest in %s", k, digestFile)
		}
	}
}

func readDigests(t *testing.T) map[string]string {
	t.Helper()
	f, err := os.Open(digestFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		sum, name, ok := strings.Cut(sc.Text(), "  ")
		if !ok {
			t.Fatalf("%s: malformed line %q", digestFile, sc.Text())
		}
		m[name] = sum
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return m
}

func mapKeys(m map[string]string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}
