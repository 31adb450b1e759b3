package reports

// LabelStep is labelStep, for the tests.
var LabelStep = labelStep
