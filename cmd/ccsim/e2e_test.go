package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	cdppage "github.com/chromedp/cdproto/page"
	cdpruntime "github.com/chromedp/cdproto/runtime"
)

// screenshotOut, when set, is where the end-to-end test copies its
// screenshot of the planning-week report (make screenshot: docs/report.png).
var screenshotOut = flag.String("screenshot", "", "copy the browser test's screenshot of the planning-week report to `FILE`")

// compareScreenshotOut, when set, is where the browser test of the
// comparison page copies its screenshot.
var compareScreenshotOut = flag.String("compare-screenshot", "", "copy the browser test's screenshot of the comparison page to `FILE`")

// chromiumPath returns the Chromium to test the HTML report with:
// $CCSIM_CHROMIUM if set, else Debian's /usr/bin/chromium or chromium on
// the PATH. Without one the test is skipped, unless CCSIM_E2E is set (make test
// sets it), which makes it a failure: CI must really run it.
func chromiumPath(t *testing.T) string {
	t.Helper()
	required := os.Getenv("CCSIM_E2E") != ""
	if testing.Short() && !required {
		t.Skip("browser test skipped in -short mode (CCSIM_E2E=1 runs it)")
	}
	// An explicit $CCSIM_CHROMIUM is the only one tried.
	candidates := []string{"/usr/bin/chromium"}
	if p := os.Getenv("CCSIM_CHROMIUM"); p != "" {
		candidates = []string{p}
	} else if p, err := exec.LookPath("chromium"); err == nil {
		candidates = append(candidates, p)
	}
	for _, p := range candidates {
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p
		}
	}
	msg := "Chromium not found (tried " + strings.Join(candidates, ", ") + "): " +
		"install Debian's chromium with `make chromium` to run the browser test of the HTML report"
	if required {
		t.Fatal(msg + "; CCSIM_E2E is set, so the test must run")
	}
	t.Skip(msg + " (set CCSIM_E2E=1 to make this a failure)")
	return ""
}

// renderedChart is what the page says of one chart once drawn.
type renderedChart struct {
	ID       string   `json:"id"`
	Instance bool     `json:"instance"`
	SVG      bool     `json:"svg"`
	Paths    int      `json:"paths"`
	Texts    []string `json:"texts"`
	X        float64  `json:"x"`
	Y        float64  `json:"y"`
	W        float64  `json:"w"`
	H        float64  `json:"h"`
}

// pageState is the state of a report page.
type pageState struct {
	Charts  []renderedChart `json:"charts"`
	Width   float64         `json:"width"`
	Height  float64         `json:"height"`
	Text    string          `json:"text"`
	Pwned   any             `json:"pwned"`
	URLs    []string        `json:"urls"`
	Scripts int             `json:"scripts"`
}

// pageStateJS reads every chart's element: whether ECharts has an
// instance on it, its SVG and how many paths it drew, its texts and its
// place on the page; and the page's size, text, every URL in a src or href
// attribute, and the canary an injected script would set.
const pageStateJS = `JSON.parse(JSON.stringify((() => {
  const charts = Array.from(document.querySelectorAll(".plot")).map(el => {
    const svg = el.querySelector("svg");
    const r = el.getBoundingClientRect();
    return {
      id: el.id,
      instance: !!(window.echarts && echarts.getInstanceByDom(el)),
      svg: !!svg,
      paths: svg ? svg.querySelectorAll("path").length : 0,
      texts: svg ? Array.from(svg.querySelectorAll("text")).map(t => t.textContent) : [],
      x: r.left + window.scrollX, y: r.top + window.scrollY, w: r.width, h: r.height,
    };
  });
  const urls = Array.from(document.querySelectorAll("[src],[href]")).map(e => e.getAttribute("src") || e.getAttribute("href"));
  return {charts, urls, width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight,
    text: document.body.innerText, pwned: window.__pwned === undefined ? null : window.__pwned,
    scripts: document.scripts.length};
})()))`

// loadReport opens a report in a new tab of b and waits until every
// chart has drawn something.
func loadReport(t *testing.T, ctx context.Context, b *browser, path string) (*tab, pageState) {
	t.Helper()
	p, err := b.newTab()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.setViewport(ctx, 1280, 900); err != nil {
		t.Fatal(err)
	}
	if err := p.navigate(ctx, "file://"+path); err != nil {
		t.Fatal(err)
	}
	var st pageState
	for {
		if err := p.eval(ctx, pageStateJS, &st); err != nil {
			t.Fatal(err)
		}
		drawn := len(st.Charts) > 0
		for _, c := range st.Charts {
			drawn = drawn && c.Paths > 0
		}
		if drawn {
			return p, st
		}
		select {
		case <-ctx.Done():
			t.Fatalf("charts not drawn in time: %+v", st.Charts)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// pageStateOf reads the state of a page.
func pageStateOf(ctx context.Context, p *tab) (pageState, error) {
	var st pageState
	err := p.eval(ctx, pageStateJS, &st)
	return st, err
}

// checkQuiet fails if the page requested anything but the file itself
// (and data: URLs), logged an error or threw an exception.
func checkQuiet(t *testing.T, p *tab) {
	t.Helper()
	for _, msg := range noise(p) {
		t.Error(msg)
	}
}

// noise lists what the page of p did that an offline report must not:
// requests for anything but the file itself (and data: URLs), errors and
// warnings logged, exceptions and dialogs.
func noise(p *tab) []string {
	var out []string
	for _, ev := range p.eventsSoFar() {
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			if u := e.Request.URL; !strings.HasPrefix(u, "file://") && !strings.HasPrefix(u, "data:") && u != "about:blank" {
				out = append(out, "the page requested "+u)
			}
		case *cdpruntime.EventExceptionThrown:
			d, _ := json.Marshal(e.ExceptionDetails)
			out = append(out, fmt.Sprintf("the page threw: %s", d))
		case *cdpruntime.EventConsoleAPICalled:
			if e.Type == "error" || e.Type == "warning" || e.Type == "assert" {
				args, _ := json.Marshal(e.Args)
				out = append(out, fmt.Sprintf("console %s: %s", e.Type, args))
			}
		case *cdplog.EventEntryAdded:
			if l := e.Entry.Level; l == "error" || l == "warning" {
				out = append(out, fmt.Sprintf("browser log %s: %s %s", l, e.Entry.Text, e.Entry.URL))
			}
		case *cdppage.EventJavascriptDialogOpening:
			out = append(out, fmt.Sprintf("the page opened a dialog: %s %q", e.Type, e.Message))
		}
	}
	return out
}

// openOffline checks that the page at path names no URL to load anything
// from, starts Chromium (its output is logged if the test fails, and it is
// stopped with the test) and loads the page.
func openOffline(t *testing.T, chromium, path string) (context.Context, *browser, *tab, pageState) {
	t.Helper()
	html, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Offline by construction: no URL to load anything from.
	if m := regexp.MustCompile(`(?i)\s(src|href)\s*=\s*["']?(https?:)?//`).Find(html); m != nil {
		t.Errorf("the page loads %q", m)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 90*time.Second)
	t.Cleanup(cancel)
	b := startBrowser(t, chromium)
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("chromium's output:\n%s", tail(b.output.String(), 4000))
		}
	})
	p, st := loadReport(t, ctx, b, path)
	return ctx, b, p, st
}

// screenshot takes a screenshot of the whole page.
func screenshot(t *testing.T, ctx context.Context, p *tab, st pageState) (image.Image, []byte) {
	t.Helper()
	data, err := p.screenshot(ctx, cdppage.Viewport{Width: st.Width, Height: st.Height, Scale: 1})
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("screenshot is not a PNG: %v", err)
	}
	return img, data
}

// inkStats counts, in rect r of img, the pixels that are not the card's
// white background, and those within tol of colour want on each channel.
func inkStats(img image.Image, r image.Rectangle, want [3]int, tol int) (ink, match, total int) {
	r = r.Intersect(img.Bounds())
	abs := func(x int) int {
		if x < 0 {
			return -x
		}
		return x
	}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			c := [3]int{int(cr >> 8), int(cg >> 8), int(cb >> 8)}
			total++
			if c[0] < 245 || c[1] < 245 || c[2] < 245 {
				ink++
			}
			if abs(c[0]-want[0]) <= tol && abs(c[1]-want[1]) <= tol && abs(c[2]-want[2]) <= tol {
				match++
			}
		}
	}
	return ink, match, total
}

// TestE2E_htmlReport builds the HTML report of the planning week (two
// replications) with ccsim run --html, opens it from disk in headless
// Chromium with networking off, and checks that every chart is drawn, that
// the page fetched nothing and logged no error, and that a screenshot of
// each chart shows its series; then that names full of markup in a
// scenario show as text and run nothing.
func TestE2E_htmlReport(t *testing.T) {
	chromium := chromiumPath(t)
	dir := t.TempDir()
	report := filepath.Join(dir, "planning-week.html")
	// Two replications are enough to test; the README's picture has the
	// scenario's own ten, for narrower confidence bands.
	reps := "2"
	if *screenshotOut != "" {
		reps = "10"
	}
	if code, _, errOut := runCLI(t, "run", "planning-week", "--reps", reps, "--html", report, "--quiet"); code != exitOK {
		t.Fatalf("ccsim run: exit status %d; stderr:\n%s", code, errOut)
	}
	ctx, b, p, st := openOffline(t, chromium, report)
	wantCharts := []string{"service_level", "volumes", "occupancy", "heatmap_service_level", "heatmap_occupancy", "queue_service_1", "queue_service_2", "queue_1", "queue_2", "waits", "callback_outcomes"}
	var got []string
	for _, c := range st.Charts {
		got = append(got, c.ID)
	}
	if !slices.Equal(got, wantCharts) {
		t.Errorf("charts %q, want %q", got, wantCharts)
	}
	// Each chart: an ECharts instance, an SVG with its title and enough
	// paths for axes and data, and a screenshot region inked with its
	// main series' colour.
	want := map[string]struct {
		title  string
		colour [3]int // of a series drawn in it
		paths  int
	}{
		"service_level":     {"Service level SL(20s) per interval", [3]int{0x2f, 0x6f, 0xb3}, 20},
		"volumes":           {"Contacts per interval", [3]int{0xb8, 0xc9, 0xdd}, 100},
		"occupancy":         {"Agent occupancy and agents logged in per interval", [3]int{0x6a, 0x3d, 0x9a}, 100},
		"queue_1":           {"Queue Inbound: contacts In queue and Scheduled", [3]int{0x2f, 0x6f, 0xb3}, 20},
		"queue_2":           {"Queue Callbacks: contacts In queue and Scheduled", [3]int{0xe0, 0x8a, 0x1e}, 20},
		"waits":             {"Wait before answer", [3]int{0x2f, 0x6f, 0xb3}, 8},
		"callback_outcomes": {"Callback attempt outcomes, per replication", [3]int{0xe0, 0x8a, 0x1e}, 5},
	}
	img, data := screenshot(t, ctx, p, st)
	for _, c := range st.Charts {
		w, ok := want[c.ID]
		if !ok {
			continue
		}
		if !c.Instance || !c.SVG {
			t.Errorf("chart %s: ECharts instance %v, SVG %v; want both", c.ID, c.Instance, c.SVG)
		}
		if c.Paths < w.paths {
			t.Errorf("chart %s drew %d paths, want at least %d", c.ID, c.Paths, w.paths)
		}
		if !slices.Contains(c.Texts, w.title) {
			t.Errorf("chart %s has no title %q among its texts %q", c.ID, w.title, c.Texts)
		}
		if c.W < 400 || c.H < 250 {
			t.Errorf("chart %s is %.0f x %.0f px, want a readable size", c.ID, c.W, c.H)
		}
		// The plot area, below the title and legend (whose icons have
		// the series' colours too).
		r := image.Rect(int(c.X), int(c.Y)+80, int(c.X+c.W), int(c.Y+c.H))
		ink, match, total := inkStats(img, r, w.colour, 12)
		if total == 0 || float64(ink) < 0.02*float64(total) {
			t.Errorf("chart %s looks blank in the screenshot: %d of %d pixels inked", c.ID, ink, total)
		}
		// A drawn series: a line 1.5 px wide across the plot is over a
		// thousand pixels of its colour, bars more.
		if match < 500 {
			t.Errorf("chart %s: %d pixels of its series colour %v in the plot, want its data drawn", c.ID, match, w.colour)
		}
	}
	for _, want := range []string{"ccsim report: planning-week", "Settings", "Summary: all queues", "service level SL(20s)",
		"Agents by group", "Callbacks: all working queues", "Contact type sales", "forecast planning-week-forecast.csv"} {
		if !strings.Contains(st.Text, want) {
			t.Errorf("the page does not show %q", want)
		}
	}
	if len(st.URLs) != 0 {
		t.Errorf("elements with src or href: %q", st.URLs)
	}
	// The service level's tooltip, drawn by the page's band formatter:
	// Tuesday around noon, when the line is open.
	if tip := hoverTooltip(t, ctx, p, "service_level", 0.24, 0.5); !strings.Contains(tip, "95 % CI: ") || !strings.Contains(tip, " to ") {
		t.Errorf("service level tooltip %q, want the mean and its 95 %% CI as lo to hi", tip)
	}
	checkQuiet(t, p)

	shot := filepath.Join(t.ArtifactDir(), "planning-week.png")
	if err := os.WriteFile(shot, data, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s (%dx%d)", shot, img.Bounds().Dx(), img.Bounds().Dy())
	if *screenshotOut != "" {
		if err := os.WriteFile(*screenshotOut, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	t.Run("markup in names", func(t *testing.T) {
		// Every name a scenario gives, as markup and as go-echarts'
		// function marker: shown as text, never run.
		const evil = `<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">__f__window.__pwned=3__f__`
		path := filepath.Join(t.TempDir(), "evil.yaml")
		q := func(s string) string { b, _ := json.Marshal(s); return string(b) }
		scenario := fmt.Sprintf(`name: %s
description: %s
horizon: 2h
queues: [{name: %s}]
routing_profiles: [{name: P, queues: [{queue: %s}]}]
agents: [{name: %s, count: 3, profile: P}]
contact_types:
  - name: %s
    queue: %s
    per_hour: 60
    talk: {dist: exponential, mean: 150s}
    patience: {dist: exponential, mean: 60s}
`, q("evil"+evil), q(evil), q("Q"+evil), q("Q"+evil), q("a"+evil), q("t"+evil), q("Q"+evil))
		if err := os.WriteFile(path, []byte(scenario), 0o644); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(t.TempDir(), "evil.html")
		if code, _, errOut := runCLI(t, "run", path, "--reps", "2", "--html", out, "--quiet"); code != exitOK {
			t.Fatalf("ccsim run: exit status %d; stderr:\n%s", code, errOut)
		}
		p, st := loadReport(t, ctx, b, out)
		if st.Pwned != nil {
			t.Errorf("an injected script ran: window.__pwned = %v", st.Pwned)
		}
		if !strings.Contains(st.Text, "Q"+evil) || !strings.Contains(st.Text, "evil"+evil) {
			t.Errorf("the names do not show as text:\n%s", st.Text)
		}
		found := false
		for _, c := range st.Charts {
			found = found || slices.Contains(c.Texts, "Queue Q"+evil+": contacts In queue and Scheduled")
		}
		if !found {
			t.Errorf("no chart title shows the queue's name as text")
		}
		if st.Scripts != 2 {
			t.Errorf("the page has %d script elements, want 2 (ECharts and the charts)", st.Scripts)
		}
		checkQuiet(t, p)
	})
}

// TestCompare_html: compare --html writes the comparison page and prints
// the same report as without it; merge --html of the shards writes the
// same page, byte for byte; a run that fails writes no page and leaves an
// old one as it was. (No browser: the page is opened in
// TestE2E_compareReport.)
func TestCompare_html(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "sweep.html")
	code, want, _ := runCLI(t, sweepArgs...)
	if code != exitOK {
		t.Fatalf("compare: exit %d", code)
	}
	// Without -q: the note on stderr.
	args := append(slices.Clone(sweepArgs[:len(sweepArgs)-1]), "--html", page)
	code, out, errOut := runCLI(t, args...)
	if code != exitOK {
		t.Fatalf("compare --html: exit %d: %s", code, errOut)
	}
	if out != want {
		t.Errorf("compare --html prints another report:\n%s\n---\n%s", out, want)
	}
	if !strings.Contains(errOut, "wrote the comparison page to "+page) {
		t.Errorf("stderr %q does not say where the page is", errOut)
	}
	html, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"<!DOCTYPE html>", "<title>ccsim comparison: planning-week</title>", `id="metric_service_level"`,
		`id="diff_service_level"`, "<h2>Ranking: service_level highest first</h2>", "<td>max_retries=0</td>"} {
		if !strings.Contains(string(html), w) {
			t.Errorf("the page lacks %q", w)
		}
	}

	// Sharded and merged: the same page.
	var parts []string
	for k := range 3 {
		part := filepath.Join(dir, fmt.Sprintf("part-%d.json", k))
		if code, _, errOut := runCLI(t, append(sweepArgs, "--shard", fmt.Sprintf("%d/3", k), "--partial", part)...); code != exitOK {
			t.Fatalf("shard %d/3: exit %d: %s", k, code, errOut)
		}
		parts = append(parts, part)
	}
	merged := filepath.Join(dir, "merged.html")
	code, out, errOut = runCLI(t, append([]string{"merge", "--html", merged}, parts...)...)
	if code != exitOK || out != want || !strings.Contains(errOut, "wrote the comparison page to "+merged) {
		t.Errorf("merge --html: exit %d, stderr %q; report the same as compare's: %v", code, errOut, out == want)
	}
	if got, err := os.ReadFile(merged); err != nil || !bytes.Equal(got, html) {
		t.Errorf("merge --html wrote another page than compare --html (%v)", err)
	}

	// Failures: no page, and an old page as it was.
	old := filepath.Join(dir, "old.html")
	if err := os.WriteFile(old, []byte("last week's page"), 0o644); err != nil {
		t.Fatal(err)
	}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	if code := run(cancelled, append(slices.Clone(sweepArgs), "--html", old), &stdout, &stderr); code != exitError || stdout.Len() != 0 {
		t.Errorf("interrupted compare --html: exit %d, stdout %q, stderr %q; want 1 and no report", code, stdout.String(), stderr.String())
	}
	for _, tc := range []struct {
		name string
		args []string
		code int
	}{
		{"unknown path", []string{"compare", "planning-week", "--set", "callback.max_retry=1,2", "--html", old}, exitUsage},
		{"missing shard", []string{"merge", parts[0], parts[2], "--html", old}, exitUsage},
		{"no file name", append(slices.Clone(sweepArgs), "--html", ""), exitUsage},
		{"with --partial", append(slices.Clone(sweepArgs), "--html", old, "--partial", filepath.Join(dir, "p.json")), exitUsage},
		{"merge, no file name", []string{"merge", parts[0], "--html="}, exitUsage},
	} {
		code, out, errOut := runCLI(t, tc.args...)
		if code != tc.code || out != "" {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want %d and no report", tc.name, code, out, errOut, tc.code)
		}
	}
	if got, _ := os.ReadFile(old); string(got) != "last week's page" {
		t.Errorf("a failed run changed the old page: %.40q", got)
	}
	// A page that cannot be written fails the run before its report.
	code, out, errOut = runCLI(t, append(slices.Clone(sweepArgs), "--html", filepath.Join(dir, "missing", "sweep.html"))...)
	if code != exitError || out != "" || !strings.Contains(errOut, "missing") {
		t.Errorf("unwritable page: exit %d, stdout %q, stderr %q; want 1, no report and the error", code, out, errOut)
	}
	if got := dirNames(t, dir); !slices.Equal(got, []string{"merged.html", "old.html", "part-0.json", "part-1.json", "part-2.json", "sweep.html"}) {
		t.Errorf("directory holds %q, want no other file", got)
	}
}

// TestE2E_compareReport builds the comparison page of a small sweep of the
// planning week (3 variants x 3 replications) with ccsim compare --html,
// opens it from disk in headless Chromium with networking off, and checks
// that every chart is drawn with its error bars, that the page fetched
// nothing and logged no error; then that variant names full of markup show
// as text and run nothing.
func TestE2E_compareReport(t *testing.T) {
	chromium := chromiumPath(t)
	page := filepath.Join(t.TempDir(), "retries.html")
	if code, _, errOut := runCLI(t, "compare", "planning-week", "--set", "callback.max_retries=0,1", "--reps", "3",
		"--objective", "asa", "--html", page, "-q"); code != exitOK {
		t.Fatalf("ccsim compare: exit status %d; stderr:\n%s", code, errOut)
	}
	ctx, b, p, st := openOffline(t, chromium, page)
	wantCharts := []string{"metric_service_level", "metric_asa", "metric_abandon_rate", "metric_occupancy",
		"metric_cb_requested", "metric_cb_handled", "metric_cb_failed_attempts", "metric_cb_attempts_per_handled",
		"metric_cb_agent_time_lost", "metric_cb_request_to_connect", "metric_cb_request_to_reach",
		"diff_asa", "diff_service_level"}
	var got []string
	for _, c := range st.Charts {
		got = append(got, c.ID)
	}
	if !slices.Equal(got, wantCharts) {
		t.Errorf("charts %q, want %q", got, wantCharts)
	}
	titles := map[string]string{
		"metric_service_level": "Service level SL(20s) (%)",
		"metric_asa":           "ASA (s)",
		"metric_cb_handled":    "Callbacks handled (contacts)",
		"diff_asa":             "Difference from the baseline: ASA (objective)",
		"diff_service_level":   "Difference from the baseline: service level SL(20s)",
	}
	img, data := screenshot(t, ctx, p, st)
	for _, c := range st.Charts {
		if !c.Instance || !c.SVG {
			t.Errorf("chart %s: ECharts instance %v, SVG %v; want both", c.ID, c.Instance, c.SVG)
		}
		// Axes, and per variant an error bar (whiskers, caps) and a dot.
		if c.Paths < 12 {
			t.Errorf("chart %s drew %d paths, want at least 12", c.ID, c.Paths)
		}
		if w, ok := titles[c.ID]; ok && !slices.Contains(c.Texts, w) {
			t.Errorf("chart %s has no title %q among its texts %q", c.ID, w, c.Texts)
		}
		labels := []string{"baseline", "max_retries=0", "max_retries=1"}
		if strings.HasPrefix(c.ID, "diff_") {
			labels = labels[1:]
		}
		for _, l := range labels {
			if !slices.Contains(c.Texts, l) {
				t.Errorf("chart %s does not label variant %s: texts %q", c.ID, l, c.Texts)
			}
		}
		if c.W < 400 || c.H < 250 {
			t.Errorf("chart %s is %.0f x %.0f px, want a readable size", c.ID, c.W, c.H)
		}
		// The plot, below the title: the variants' blue error bars and
		// dots, and in a difference chart the orange unpaired bars.
		r := image.Rect(int(c.X), int(c.Y)+50, int(c.X+c.W), int(c.Y+c.H))
		if _, match, _ := inkStats(img, r, [3]int{0x2f, 0x6f, 0xb3}, 12); match < 60 {
			t.Errorf("chart %s: %d pixels of the variants' blue in the plot, want error bars drawn", c.ID, match)
		}
		if strings.HasPrefix(c.ID, "diff_") {
			if _, match, _ := inkStats(img, r, [3]int{0xe0, 0x8a, 0x1e}, 12); match < 30 {
				t.Errorf("chart %s: %d pixels of the unpaired orange in the plot, want its bars drawn", c.ID, match)
			}
		}
	}
	for _, want := range []string{"ccsim comparison: planning-week", "Sweep", "Variants", "Ranking: asa lowest first",
		"Metric by variant", "Paired differences from the baseline", "Estimates per variant",
		"Difference from the baseline, paired replication by replication", "Why pairing"} {
		if !strings.Contains(st.Text, want) {
			t.Errorf("the page does not show %q", want)
		}
	}
	if len(st.URLs) != 0 {
		t.Errorf("elements with src or href: %q", st.URLs)
	}

	// The tooltips, drawn by the page's formatters from the error bars:
	// the middle variant of a metric, the first of a difference, whose
	// intervals are at 97.5 % each (Bonferroni over two variants).
	tip := hoverTooltip(t, ctx, p, "metric_service_level", 0.55, 0.6)
	if !regexp.MustCompile(`max_retries=0\s+mean: \d+\.\d\d %\s+95 % CI: \d+\.\d\d to \d+\.\d\d %`).MatchString(tip) {
		t.Errorf("service level tooltip %q, want the variant, its mean and its interval", tip)
	}
	tip = hoverTooltip(t, ctx, p, "diff_asa", 0.3, 0.6)
	if !regexp.MustCompile(`max_retries=0\s+paired 97\.5 % CI: [-+]?\d+\.\d\d s \([-+]?\d+\.\d\d to [-+]?\d+\.\d\d s\)\s+` +
		`unpaired 97\.5 % CI: [-+]?\d+\.\d\d s \([-+]?\d+\.\d\d to [-+]?\d+\.\d\d s\)`).MatchString(tip) {
		t.Errorf("ASA difference tooltip %q, want the paired and unpaired intervals", tip)
	}
	checkQuiet(t, p)

	shot := filepath.Join(t.ArtifactDir(), "compare.png")
	if err := os.WriteFile(shot, data, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s (%dx%d)", shot, img.Bounds().Dx(), img.Bounds().Dy())
	if *compareScreenshotOut != "" {
		if err := os.WriteFile(*compareScreenshotOut, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	t.Run("markup in variant names", func(t *testing.T) {
		// Variant names are the user's: as markup and as go-echarts'
		// function marker, they show as text and never run.
		const evil = `<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">`
		const fn = `__f__window.__pwned=3__f__`
		dir := t.TempDir()
		variants := filepath.Join(dir, "variants.yaml")
		q := func(s string) string { b, _ := json.Marshal(s); return string(b) }
		file := fmt.Sprintf("- name: %s\n  set: {callback.max_retries: 0}\n- name: %s\n  set: {callback.max_retries: 1}\n", q(evil), q(fn))
		if err := os.WriteFile(variants, []byte(file), 0o644); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(dir, "evil.html")
		if code, _, errOut := runCLI(t, "compare", "planning-week", "--variants", variants, "--reps", "2", "--html", out, "-q"); code != exitOK {
			t.Fatalf("ccsim compare: exit status %d; stderr:\n%s", code, errOut)
		}
		p, st := loadReport(t, ctx, b, out)
		if st.Pwned != nil {
			t.Errorf("an injected script ran: window.__pwned = %v", st.Pwned)
		}
		if !strings.Contains(st.Text, evil) || !strings.Contains(st.Text, fn) {
			t.Errorf("the names do not show as text:\n%s", st.Text)
		}
		if st.Scripts != 2 {
			t.Errorf("the page has %d script elements, want 2 (ECharts and the charts)", st.Scripts)
		}
		// Long names: the axes say v1, v2; the tooltip names the variant.
		tip := hoverTooltip(t, ctx, p, "metric_service_level", 0.55, 0.6)
		if !strings.Contains(tip, "v1: "+evil) {
			t.Errorf("tooltip %q does not name the variant as text", tip)
		}
		if st, err := pageStateOf(ctx, p); err != nil || st.Pwned != nil {
			t.Errorf("after the tooltip: window.__pwned = %v (%v)", st.Pwned, err)
		}
		if len(st.URLs) != 0 {
			t.Errorf("elements with src or href: %q", st.URLs)
		}
		checkQuiet(t, p)
	})
}

// TestE2E_noiseIsCaught: the browser test's own check sees what it must
// refuse, so that a report that loads from the network, logs or throws
// fails it: a page with an image from a web server, a console error and
// an exception.
func TestE2E_noiseIsCaught(t *testing.T) {
	chromium := chromiumPath(t)
	page := filepath.Join(t.TempDir(), "noisy.html")
	html := `<!DOCTYPE html><html><body><img src="http://example.invalid/logo.png">
<script>console.error("boom"); throw new Error("thrown");</script></body></html>`
	if err := os.WriteFile(page, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	b := startBrowser(t, chromium)
	p, err := b.newTab()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.navigate(ctx, "file://"+page); err != nil {
		t.Fatal(err)
	}
	var title string
	if err := p.eval(ctx, `document.readyState`, &title); err != nil || title != "complete" {
		t.Fatalf("readyState %q (%v)", title, err)
	}
	got := strings.Join(noise(p), "\n")
	for _, want := range []string{"the page requested http://example.invalid/logo.png", "console error", "boom", "the page threw", "thrown"} {
		if !strings.Contains(got, want) {
			t.Errorf("noise does not report %q; got:\n%s", want, got)
		}
	}
	if err := p.eval(ctx, `(() => { throw new Error("in eval") })()`, nil); err == nil || !strings.Contains(err.Error(), "in eval") {
		t.Errorf("an exception in eval gave %v, want it as the error", err)
	}
}

// hoverTooltip moves the mouse over chart id at fractions fx, fy of its
// width and height, and returns the text of the tooltip ECharts shows.
func hoverTooltip(t *testing.T, ctx context.Context, p *tab, id string, fx, fy float64) string {
	t.Helper()
	var r struct{ X, Y, W, H float64 }
	js := fmt.Sprintf(`(() => { const el = document.getElementById(%q); el.scrollIntoView({block: "center"});
  const r = el.getBoundingClientRect(); return {X: r.left, Y: r.top, W: r.width, H: r.height}; })()`, id)
	if err := p.eval(ctx, js, &r); err != nil {
		t.Fatal(err)
	}
	if err := p.moveMouse(ctx, r.X+fx*r.W, r.Y+fy*r.H); err != nil {
		t.Fatal(err)
	}
	// The tooltip is a div ECharts adds to the chart's element, beside the
	// SVG, shown after a short delay.
	tipJS := fmt.Sprintf(`(() => { const el = document.getElementById(%q);
  const tip = Array.from(el.querySelectorAll(":scope > div > div, :scope > div")).find(d => !d.querySelector("svg") && d.innerText.trim() !== "" && getComputedStyle(d).display !== "none" && d.style.opacity !== "0");
  return tip ? tip.innerText : ""; })()`, id)
	for {
		var text string
		if err := p.eval(ctx, tipJS, &text); err != nil {
			t.Fatal(err)
		}
		if text != "" {
			return text
		}
		select {
		case <-ctx.Done():
			t.Fatalf("chart %s shows no tooltip", id)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// tail returns the last n bytes of s.
func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "..." + s[len(s)-n:]
}
