package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestMakefile_npm: make run fetches ECharts with npm, and npm is
// installed where missing, as Chromium is: the Makefile's npm target is
// run with stand-ins for npm, apt-get and id on an otherwise empty PATH,
// down each of its paths (npm there; no apt-get; not root; root), and the
// ECharts rule is checked, dry, to ask for it first.
func TestMakefile_npm(t *testing.T) {
	mk, err := exec.LookPath("make")
	if err != nil {
		t.Skip("no make on this machine")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	// stub writes an executable script name into dir.
	stub := func(dir, name, body string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte("#!/bin/sh\n"+body+"\n"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name    string
		stubs   map[string]string // command: script body
		wantErr bool
		// wantOut is in make's output; wantLog what the apt-get stand-in
		// was asked, in order ("" for not run).
		wantOut string
		wantLog string
	}{
		{name: "npm there", stubs: map[string]string{"npm": "exit 0", "apt-get": `echo "$@" >>"$LOG"`, "id": "echo 0"}},
		{name: "no apt-get", stubs: map[string]string{"id": "echo 0"}, wantErr: true,
			wantOut: "npm is missing and there is no apt-get: install Node.js with its npm, then run make again"},
		{name: "not root", stubs: map[string]string{"apt-get": `echo "$@" >>"$LOG"`, "id": "echo 1000"}, wantErr: true,
			wantOut: "npm is missing: run 'sudo make npm', or apt-get install npm as root"},
		{name: "root", stubs: map[string]string{"apt-get": `echo "$@" >>"$LOG"`, "id": "echo 0"},
			wantOut: "installing Debian's npm to fetch ECharts", wantLog: "update\ninstall -y --no-install-recommends npm\n"},
		{name: "apt-get fails", stubs: map[string]string{"apt-get": `echo "$@" >>"$LOG"; exit 100`, "id": "echo 0"}, wantErr: true,
			wantLog: "update\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bin, tmp := t.TempDir(), t.TempDir()
			log := filepath.Join(tmp, "apt-get.log")
			for name, body := range tc.stubs {
				stub(bin, name, body)
			}
			cmd := exec.Command(mk, "--no-print-directory", "-s", "-C", root, "npm")
			cmd.Env = []string{"PATH=" + bin, "LOG=" + log, "HOME=" + tmp}
			out, err := cmd.CombinedOutput()
			if (err != nil) != tc.wantErr {
				t.Fatalf("make npm: %v, want an error %v; output:\n%s", err, tc.wantErr, out)
			}
			if !strings.Contains(string(out), tc.wantOut) {
				t.Errorf("output %q, want %q", out, tc.wantOut)
			}
			got, _ := os.ReadFile(log)
			if string(got) != tc.wantLog {
				t.Errorf("apt-get was asked %q, want %q", got, tc.wantLog)
			}
		})
	}

	// The ECharts rule (dry, into a fresh folder): npm first, then the
	// pinned package, checked against its digest.
	dir := t.TempDir()
	out, err := exec.Command(mk, "--no-print-directory", "-n", "-C", root, "ECHARTS_DIR="+dir, dir+"/echarts.min.js").CombinedOutput()
	if err != nil {
		t.Fatalf("make -n: %v\n%s", err, out)
	}
	s := string(out)
	npm, pack, sum := strings.Index(s, "apt-get install -y --no-install-recommends npm"), strings.Index(s, "npm pack echarts@"), strings.Index(s, "sha256sum -c")
	if npm < 0 || pack < npm || sum < pack {
		t.Errorf("the ECharts rule does not install npm where missing before it fetches and checks ECharts:\n%s", s)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a dry run wrote %d files", len(entries))
	}
}

// TestREADME_npm: the README says what make needs and what it installs,
// npm included, as the Makefile does it.
func TestREADME_npm(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := strings.Join(strings.Fields(string(b)), " ")
	for _, w := range []string{
		"npm and Chromium are installed with apt-get where missing when make runs as root",
		"otherwise it stops and says what to install",
	} {
		if !strings.Contains(readme, w) {
			t.Errorf("README does not say %q", w)
		}
	}
}
