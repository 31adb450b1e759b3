package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// The browser tests drive Debian's headless Chromium with chromedp, over
// the DevTools protocol on a pipe (chromedp's default transport): no port
// is opened, and the browser is stopped with the test.

// chromiumFlags are the switches beyond chromedp's Headless, NoSandbox
// (tests run as root in containers), DisableGPU and NoFirstRun: as little
// background traffic as Chromium allows (updates, sync, QUIC probes). With
// the proxy and resolver rules of startBrowser, networking is off: every
// request goes to a proxy on the discard port, and no host name resolves.
// (Chromium still tries to reach Google's update and time servers now and
// then; those requests fail like the page's would, and are not the
// page's: the test reads the page's own requests from the protocol.)
var chromiumFlags = []string{
	"disable-quic", "disable-background-networking", "disable-component-update", "disable-sync",
	"disable-extensions", "disable-default-apps", "mute-audio", "hide-scrollbars",
}

// browser is a running Chromium.
type browser struct {
	t *testing.T
	// ctx is chromedp's context of the browser (and of its first, blank
	// tab); tabs are opened from it.
	ctx context.Context
	// output is what Chromium printed, for the log of a failed test.
	output *lockedBuffer
}

// lockedBuffer is a bytes.Buffer safe for concurrent writes.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startBrowser starts Chromium at path, headless, with a fresh profile and
// networking off. The browser is closed when the test ends.
func startBrowser(t *testing.T, path string) *browser {
	t.Helper()
	out := &lockedBuffer{}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path), chromedp.UserDataDir(t.TempDir()), chromedp.CombinedOutput(out),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.ProxyServer("127.0.0.1:9"), chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND"),
	}
	for _, f := range chromiumFlags {
		opts = append(opts, chromedp.Flag(f, true))
	}
	// Not the test's context: t.Context is cancelled before the cleanups
	// run, and the browser must outlive the test's last check.
	actx, stopAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, stopBrowser := chromedp.NewContext(actx)
	t.Cleanup(func() {
		// Closes the browser and waits for it; then the allocator kills
		// what is left.
		if err := chromedp.Cancel(bctx); err != nil {
			t.Logf("closing chromium: %v", err)
		}
		stopBrowser()
		stopAlloc()
	})
	if err := chromedp.Do(bctx); err != nil { // starts it
		t.Fatalf("start %s: %v\nchromium's output:\n%s", path, err, tail(out.String(), 4000))
	}
	return &browser{t: t, ctx: bctx, output: out}
}

// tab is a page open in a browser, with every event it received.
type tab struct {
	ctx    context.Context // chromedp's context of the tab
	mu     sync.Mutex
	events []any
}

// newTab opens a blank tab. Its events are recorded from the start (the
// network, page, runtime and log domains, which chromedp enables).
func (b *browser) newTab() (*tab, error) {
	p := &tab{}
	ctx, closeTab := chromedp.NewContext(b.ctx, chromedp.WithListener(p.record))
	b.t.Cleanup(closeTab)
	p.ctx = ctx
	if err := chromedp.Do(ctx); err != nil { // opens it
		return nil, fmt.Errorf("open a tab: %w", err)
	}
	return p, nil
}

// record keeps an event. chromedp calls it from the loop that reads the
// browser's messages: it must be quick.
func (p *tab) record(ev any) {
	p.mu.Lock()
	p.events = append(p.events, ev)
	p.mu.Unlock()
}

// eventsSoFar returns the events received so far.
func (p *tab) eventsSoFar() []any {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]any(nil), p.events...)
}

// within returns the tab's context, ended when ctx ends: an action on it
// gives up with ctx (the test's deadline), and the tab stays usable.
func (p *tab) within(ctx context.Context) (context.Context, context.CancelFunc) {
	c, cancel := context.WithCancelCause(p.ctx)
	stop := context.AfterFunc(ctx, func() { cancel(context.Cause(ctx)) })
	return c, func() { stop(); cancel(context.Canceled) }
}

// setViewport sets the tab's viewport to width x height CSS pixels at
// scale 1, as a desktop browser.
func (p *tab) setViewport(ctx context.Context, width, height int64) error {
	c, done := p.within(ctx)
	defer done()
	_, err := chromedp.Call(c, emulation.SetDeviceMetricsOverride,
		emulation.SetDeviceMetricsOverrideParams{Width: width, Height: height, DeviceScaleFactor: 1})
	return err
}

// navigate loads url in the tab and waits for its load event.
func (p *tab) navigate(ctx context.Context, url string) error {
	c, done := p.within(ctx)
	defer done()
	return chromedp.Do(c, chromedp.Navigate(url))
}

// eval evaluates a JavaScript expression in the tab and decodes its
// value (returned by value, as JSON) into out; an exception is an error.
func (p *tab) eval(ctx context.Context, expr string, out any) error {
	c, done := p.within(ctx)
	defer done()
	raw, err := chromedp.Run(c, chromedp.Evaluate[[]byte](expr))
	if err != nil {
		return fmt.Errorf("evaluate: %w", err)
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(raw, out)
}

// screenshot returns a PNG of the region clip of the whole page, beyond
// the viewport.
func (p *tab) screenshot(ctx context.Context, clip cdppage.Viewport) ([]byte, error) {
	c, done := p.within(ctx)
	defer done()
	beyond := true
	res, err := chromedp.Call(c, cdppage.CaptureScreenshot, cdppage.CaptureScreenshotParams{
		Format: cdppage.CaptureScreenshotFormatPng, Clip: &clip, CaptureBeyondViewport: &beyond})
	if err != nil {
		return nil, fmt.Errorf("screenshot: %w", err)
	}
	return res.Data, nil
}

// moveMouse moves the mouse to x, y of the viewport.
func (p *tab) moveMouse(ctx context.Context, x, y float64) error {
	c, done := p.within(ctx)
	defer done()
	_, err := chromedp.Call(c, input.DispatchMouseEvent,
		input.DispatchMouseEventParams{Type: input.DispatchMouseEventTypeMouseMoved, X: x, Y: y})
	return err
}
