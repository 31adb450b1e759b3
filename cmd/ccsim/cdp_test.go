package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sync"
	"syscall"
	"testing"
	"time"
)

// A minimal Chrome DevTools Protocol client over --remote-debugging-pipe,
// with the standard library only: Chromium reads commands from its file
// descriptor 3 and writes replies and events to descriptor 4, each a JSON
// message followed by a NUL byte.

// chromiumFlags start Chromium headless, without a sandbox (tests run as
// root in containers), without the GPU and with as little background
// traffic as it allows (updates, sync, QUIC probes), with networking off:
// every request goes to a proxy on the discard port of a host that does
// not resolve, since no host name resolves. (Chromium still tries to
// reach Google's update and time servers now and then; those requests
// fail like the page's would, and are not the page's: the test reads the
// page's own requests from the DevTools protocol.)
var chromiumFlags = []string{
	"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
	"--disable-background-networking", "--disable-component-update", "--disable-sync",
	"--disable-extensions", "--disable-default-apps", "--mute-audio", "--hide-scrollbars",
	"--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
	"--remote-debugging-pipe",
}

// browser is a running Chromium driven over the pipe.
type browser struct {
	t      *testing.T
	cmd    *exec.Cmd
	in     io.WriteCloser // our end of Chromium's fd 3
	stderr *lockedBuffer

	mu      sync.Mutex
	nextID  int
	pending map[int]chan cdpMessage
	events  []cdpMessage
	notify  chan struct{} // closed and replaced when an event arrives
	readErr error
}

// cdpMessage is a reply (ID set) or an event (Method set).
type cdpMessage struct {
	ID        int             `json:"id,omitempty"`
	Method    string          `json:"method,omitempty"`
	Params    json.RawMessage `json:"params,omitempty"`
	Result    json.RawMessage `json:"result,omitempty"`
	SessionID string          `json:"sessionId,omitempty"`
	Error     *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error,omitempty"`
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

// startBrowser starts Chromium at path with a fresh profile and
// networking off (chromiumFlags). The browser is closed when the test
// ends.
func startBrowser(t *testing.T, path string) *browser {
	t.Helper()
	b := &browser{t: t, pending: map[int]chan cdpMessage{}, notify: make(chan struct{}), stderr: &lockedBuffer{}}

	cmdR, cmdW, err := os.Pipe() // Chromium reads commands on fd 3
	if err != nil {
		t.Fatal(err)
	}
	outR, outW, err := os.Pipe() // and writes messages on fd 4
	if err != nil {
		t.Fatal(err)
	}
	args := append([]string{}, chromiumFlags...)
	args = append(args, "--user-data-dir="+t.TempDir(), "about:blank")
	b.cmd = exec.Command(path, args...)
	b.cmd.ExtraFiles = []*os.File{cmdR, outW}
	b.cmd.Stdout = b.stderr
	b.cmd.Stderr = b.stderr
	// Its own process group, so that a hung browser and its helpers can
	// be stopped together, by the group's id.
	b.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := b.cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", path, err)
	}
	cmdR.Close()
	outW.Close()
	b.in = cmdW
	go b.read(outR)
	t.Cleanup(b.close)
	return b
}

// read dispatches Chromium's messages until the pipe closes.
func (b *browser) read(r io.ReadCloser) {
	defer r.Close()
	br := bufio.NewReaderSize(r, 1<<20)
	for {
		raw, err := br.ReadBytes(0)
		if err != nil {
			b.mu.Lock()
			b.readErr = err
			for id, ch := range b.pending {
				close(ch)
				delete(b.pending, id)
			}
			close(b.notify)
			b.notify = make(chan struct{})
			b.mu.Unlock()
			return
		}
		var m cdpMessage
		if err := json.Unmarshal(raw[:len(raw)-1], &m); err != nil {
			continue
		}
		b.mu.Lock()
		if m.ID != 0 {
			if ch, ok := b.pending[m.ID]; ok {
				ch <- m
				delete(b.pending, m.ID)
			}
		} else {
			b.events = append(b.events, m)
			close(b.notify)
			b.notify = make(chan struct{})
		}
		b.mu.Unlock()
	}
}

// call sends a command (to a page's session when session is not empty)
// and decodes its result into result, if not nil.
func (b *browser) call(ctx context.Context, session, method string, params, result any) error {
	if params == nil {
		params = struct{}{}
	}
	b.mu.Lock()
	if b.readErr != nil {
		b.mu.Unlock()
		return fmt.Errorf("%s: browser gone: %v", method, b.readErr)
	}
	b.nextID++
	id := b.nextID
	ch := make(chan cdpMessage, 1)
	b.pending[id] = ch
	b.mu.Unlock()
	msg := map[string]any{"id": id, "method": method, "params": params}
	if session != "" {
		msg["sessionId"] = session
	}
	data, err := json.Marshal(msg)
	if err != nil {
		return err
	}
	if _, err := b.in.Write(append(data, 0)); err != nil {
		return fmt.Errorf("%s: %w", method, err)
	}
	select {
	case m, ok := <-ch:
		if !ok {
			return fmt.Errorf("%s: browser gone", method)
		}
		if m.Error != nil {
			return fmt.Errorf("%s: %s (%d)", method, m.Error.Message, m.Error.Code)
		}
		if result != nil {
			return json.Unmarshal(m.Result, result)
		}
		return nil
	case <-ctx.Done():
		return fmt.Errorf("%s: %w", method, ctx.Err())
	}
}

// waitEvent waits for an event of the session with the given method,
// received after the first skip events, and returns its index.
func (b *browser) waitEvent(ctx context.Context, session, method string, skip int) (int, error) {
	for {
		b.mu.Lock()
		for i := skip; i < len(b.events); i++ {
			if e := b.events[i]; e.Method == method && e.SessionID == session {
				b.mu.Unlock()
				return i, nil
			}
		}
		notify, gone := b.notify, b.readErr
		b.mu.Unlock()
		if gone != nil {
			return 0, fmt.Errorf("waiting for %s: browser gone", method)
		}
		select {
		case <-notify:
		case <-ctx.Done():
			return 0, fmt.Errorf("waiting for %s: %w", method, ctx.Err())
		}
	}
}

// eventCount is the number of events received so far.
func (b *browser) eventCount() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.events)
}

// eventsOf returns the events of session so far.
func (b *browser) eventsOf(session string) []cdpMessage {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []cdpMessage
	for _, e := range b.events {
		if e.SessionID == session {
			out = append(out, e)
		}
	}
	return out
}

// newPage opens a blank page and attaches to it, with the network, page,
// runtime and log domains enabled so that their events are recorded.
func (b *browser) newPage(ctx context.Context) (string, error) {
	var target struct {
		TargetID string `json:"targetId"`
	}
	if err := b.call(ctx, "", "Target.createTarget", map[string]any{"url": "about:blank"}, &target); err != nil {
		return "", err
	}
	var attached struct {
		SessionID string `json:"sessionId"`
	}
	if err := b.call(ctx, "", "Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true}, &attached); err != nil {
		return "", err
	}
	s := attached.SessionID
	for _, m := range []string{"Network.enable", "Page.enable", "Runtime.enable", "Log.enable"} {
		if err := b.call(ctx, s, m, nil, nil); err != nil {
			return "", err
		}
	}
	return s, nil
}

// navigate loads url in the page and waits for its load event.
func (b *browser) navigate(ctx context.Context, session, url string) error {
	skip := b.eventCount()
	var nav struct {
		ErrorText string `json:"errorText"`
	}
	if err := b.call(ctx, session, "Page.navigate", map[string]any{"url": url}, &nav); err != nil {
		return err
	}
	if nav.ErrorText != "" {
		return fmt.Errorf("navigate %s: %s", url, nav.ErrorText)
	}
	_, err := b.waitEvent(ctx, session, "Page.loadEventFired", skip)
	return err
}

// eval evaluates a JavaScript expression in the page and decodes its
// value (returned by value) into out.
func (b *browser) eval(ctx context.Context, session, expr string, out any) error {
	var res struct {
		Result struct {
			Type  string          `json:"type"`
			Value json.RawMessage `json:"value"`
		} `json:"result"`
		ExceptionDetails *struct {
			Text      string `json:"text"`
			Exception *struct {
				Description string `json:"description"`
			} `json:"exception"`
		} `json:"exceptionDetails"`
	}
	if err := b.call(ctx, session, "Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true}, &res); err != nil {
		return err
	}
	if d := res.ExceptionDetails; d != nil {
		msg := d.Text
		if d.Exception != nil {
			msg += ": " + d.Exception.Description
		}
		return errors.New("evaluate: " + msg)
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(res.Result.Value, out)
}

// close closes the browser, stopping its process group if it does not
// exit in time.
func (b *browser) close() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = b.call(ctx, "", "Browser.close", nil, nil)
	b.in.Close()
	done := make(chan struct{})
	go func() { b.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		syscall.Kill(-b.cmd.Process.Pid, syscall.SIGKILL)
		<-done
	}
}
