package reports

import (
	"embed"
	"errors"
)

// assets holds the ECharts library the HTML report inlines: README.md
// (committed), and echarts/echarts.min.js, LICENSE and NOTICE, which
// `make assets` fetches from the npm registry, digest-checked, into the
// git-ignored folder reports/assets/echarts.
//
//go:embed assets
var assets embed.FS

// EChartsVersion is the version of the ECharts library embedded in the
// HTML report: the last 5.x, which go-echarts v2 targets.
const EChartsVersion = "5.6.0"

// ErrNoECharts is returned when the binary was built without the ECharts
// library.
var ErrNoECharts = errors.New("the HTML report needs ECharts, which this binary was built without: " +
	"run `make assets` (or `make build`) and rebuild")

// EChartsJS returns the embedded echarts.min.js.
func EChartsJS() ([]byte, error) {
	b, err := assets.ReadFile("assets/echarts/echarts.min.js")
	if err != nil {
		return nil, ErrNoECharts
	}
	return b, nil
}

// EChartsNotice returns the embedded ECharts NOTICE file, which the
// Apache License asks redistributions to carry.
func EChartsNotice() ([]byte, error) {
	b, err := assets.ReadFile("assets/echarts/NOTICE")
	if err != nil {
		return nil, ErrNoECharts
	}
	return b, nil
}
