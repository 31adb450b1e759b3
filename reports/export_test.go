package reports

// LabelStep is labelStep, for the tests.
var LabelStep = labelStep

// SlotLabel and SlotPercent are slotLabel and slotPercent, for the tests.
var (
	SlotLabel   = slotLabel
	SlotPercent = slotPercent
)

// DiffText is diffText, for the tests.
var DiffText = diffText
