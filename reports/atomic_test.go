package reports_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/ccsim/ccsim/reports"
)

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "records.jsonl")
	if err := reports.WriteFileAtomic(path, func(w io.Writer) error {
		_, err := io.WriteString(w, "one\n")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(path); err != nil || string(got) != "one\n" {
		t.Fatalf("ReadFile = %q, %v; want %q", got, err, "one\n")
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := fi.Mode().Perm(), os.FileMode(0o644); got != want {
		t.Errorf("mode = %v, want %v", got, want)
	}
	assertOnlyFiles(t, dir, "records.jsonl")
}

func TestWriteFileAtomic_failingWriterLeavesNoFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "records.jsonl")
	boom := errors.New("boom")
	err := reports.WriteFileAtomic(path, func(w io.Writer) error {
		if _, err := io.WriteString(w, "half a rec"); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("WriteFileAtomic() = %v, want the writer's error", err)
	}
	assertOnlyFiles(t, dir)
}

func TestWriteFileAtomic_failingWriterKeepsOldFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "records.jsonl")
	if err := os.WriteFile(path, []byte("old\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := reports.WriteFileAtomic(path, func(w io.Writer) error {
		io.WriteString(w, "new")
		return errors.New("boom")
	})
	if err == nil {
		t.Fatal("WriteFileAtomic() = nil, want the writer's error")
	}
	if got, _ := os.ReadFile(path); string(got) != "old\n" {
		t.Errorf("file holds %q after a failed write, want the old content", got)
	}
	assertOnlyFiles(t, dir, "records.jsonl")

	// A successful rewrite keeps the existing file's mode.
	if err := reports.WriteFileAtomic(path, func(w io.Writer) error {
		_, err := io.WriteString(w, "new\n")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("Stat = %v, %v; want mode 0600 kept", fi.Mode(), err)
	}
}

func TestWriteFileAtomic_missingDirectory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "no", "such", "dir", "f")
	called := false
	err := reports.WriteFileAtomic(path, func(io.Writer) error { called = true; return nil })
	if err == nil || called {
		t.Errorf("WriteFileAtomic() = %v (writer called: %v), want an error before writing", err, called)
	}
}

// assertOnlyFiles fails unless dir holds exactly the named files.
func assertOnlyFiles(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if len(got) != len(names) {
		t.Fatalf("directory holds %q, want %q", got, names)
	}
	for i := range names {
		if got[i] != names[i] {
			t.Fatalf("directory holds %q, want %q", got, names)
		}
	}
}
