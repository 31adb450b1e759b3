package scenarios_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ccsim/ccsim/scenarios"
)

// Issue 15, item 3: inputs are read with a size limit.
func TestReadFile_limit(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, make([]byte, scenarios.MaxFileSize+1), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := scenarios.ReadFile(big)
	if !errors.Is(err, scenarios.ErrTooLarge) || !strings.Contains(err.Error(), big+" is larger than 64 MiB") {
		t.Errorf("ReadFile(%d bytes) = %v", scenarios.MaxFileSize+1, err)
	}
	if _, err := scenarios.LoadFile(big); !errors.Is(err, scenarios.ErrTooLarge) {
		t.Errorf("LoadFile: %v", err)
	}
	ok := filepath.Join(dir, "ok.yaml")
	if err := os.WriteFile(ok, []byte("name: x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if data, err := scenarios.ReadFile(ok); err != nil || string(data) != "name: x\n" {
		t.Errorf("ReadFile(small) = %q, %v", data, err)
	}
}

// Issue 15, item 4: a grid or a variants file of more than MaxVariants is
// refused before it is built.
func TestVariants_bounded(t *testing.T) {
	var a, b []string
	for i := range 1000 {
		a, b = append(a, fmt.Sprint(i)), append(b, fmt.Sprint(i))
	}
	if _, err := scenarios.Grid([]string{"x", "y"}, [][]string{a, b}); err == nil || !strings.Contains(err.Error(), "at most 10000 variants") {
		t.Errorf("Grid(1000 x 1000) = %v", err)
	}
	var most []string
	for i := range scenarios.MaxVariants - 1 {
		most = append(most, fmt.Sprint(i))
	}
	if vs, err := scenarios.Grid([]string{"x"}, [][]string{most}); err != nil || len(vs) != scenarios.MaxVariants {
		t.Errorf("Grid(%d values): %d variants, %v; want %d with the baseline", len(most), len(vs), err, scenarios.MaxVariants)
	}
	if _, err := scenarios.Grid([]string{"x"}, [][]string{append(most, "last")}); err == nil {
		t.Errorf("Grid(%d values): no error", len(most)+1)
	}
	var src strings.Builder
	for i := range scenarios.MaxVariants + 1 {
		fmt.Fprintf(&src, "- {name: v%d, set: {seed: %d}}\n", i, i)
	}
	if _, err := scenarios.ParseVariants("v.yaml", []byte(src.String())); err == nil || !strings.Contains(err.Error(), "at most 10000 can be compared") {
		t.Errorf("ParseVariants(10001) = %v", err)
	}
}
