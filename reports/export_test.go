package reports

import "github.com/ccsim/ccsim/analysis"

// LabelStep is labelStep, for the tests.
var LabelStep = labelStep

// SlotLabel and SlotPercent are slotLabel and slotPercent, for the tests.
var (
	SlotLabel   = slotLabel
	SlotPercent = slotPercent
)

// DiffText is diffText, for the tests.
var DiffText = diffText

// GridOf is gridOf's layout, for the tests: the labels across and down,
// the setting down the side, and the variant in each cell.
func GridOf(c *analysis.Comparison) (xs, ys []string, xName, yName string, cell [][]int, ok bool) {
	g := gridOf(c)
	if g == nil {
		return nil, nil, "", "", nil, false
	}
	return g.xs, g.ys, g.xName, g.yName, g.cell, true
}
