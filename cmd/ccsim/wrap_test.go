package main

import (
	"errors"
	"io/fs"
	"path/filepath"
	"testing"

	"github.com/ccsim/ccsim/model"
)

// TestErrors_BothCausesInspectable: an input error says it is invalid
// input (exit status 2) and keeps its cause, for errors.Is and errors.As.
func TestErrors_BothCausesInspectable(t *testing.T) {
	s := &model.Scenario{Name: "s", Agents: []model.AgentGroup{{Name: "agent"}}}
	err := applyStaffing(s, []string{"agent=" + filepath.Join(t.TempDir(), "missing.csv")})
	if !errors.Is(err, model.ErrInvalid) || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("applyStaffing with a missing file: %v; want both ErrInvalid and fs.ErrNotExist", err)
	}
	if _, _, err := parseTarget("80/x"); !errors.Is(err, model.ErrDurationSyntax) {
		t.Errorf("parseTarget(80/x): %v; want the duration syntax error kept", err)
	}
}
