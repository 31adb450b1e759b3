package fit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"time"
	"unicode/utf8"
)

// parser reads the fields a fit needs out of one JSON object, skipping the
// rest, without allocating: a contact record is about 700 bytes, and
// encoding/json's reflection costs several times the 2 µs per record the
// fit may spend. Strings with escapes (rare in names) are decoded by
// encoding/json, so every string means what encoding/json says it means.
type parser struct {
	b   []byte
	i   int
	rd  *Reader
	rec *Record
}

// errSyntax is a malformed object; the reader adds the file and line.
type syntaxError struct {
	off int
	msg string
}

func (e *syntaxError) Error() string { return e.msg }

func (p *parser) fail(format string, args ...any) error {
	return &syntaxError{off: p.i, msg: fmt.Sprintf(format, args...)}
}

func (p *parser) ws() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *parser) expect(c byte) error {
	p.ws()
	if p.i >= len(p.b) || p.b[p.i] != c {
		return p.fail("expected %q %s", c, p.near())
	}
	p.i++
	return nil
}

// near describes what is at the parse position, for errors.
func (p *parser) near() string {
	if p.i >= len(p.b) {
		return "at the end of the object"
	}
	end := min(p.i+20, len(p.b))
	return fmt.Sprintf("at %q", p.b[p.i:end])
}

// str reads a string and returns its raw bytes (between the quotes) and
// whether it holds escapes.
func (p *parser) str() ([]byte, bool, error) {
	p.ws()
	if p.i >= len(p.b) || p.b[p.i] != '"' {
		return nil, false, p.fail("expected a string %s", p.near())
	}
	p.i++
	start := p.i
	j := bytes.IndexByte(p.b[start:], '"')
	if j < 0 {
		p.i = len(p.b)
		return nil, false, p.fail("unterminated string")
	}
	if bytes.IndexByte(p.b[start:start+j], '\\') < 0 {
		p.i = start + j + 1
		return p.b[start : start+j], false, nil
	}
	for p.i < len(p.b) {
		c := p.b[p.i]
		switch {
		case c == '"':
			s := p.b[start:p.i]
			p.i++
			return s, true, nil
		case c == '\\':
			p.i += 2
		case c < 0x20:
			return nil, false, p.fail("control character in a string")
		default:
			p.i++
		}
	}
	p.i = len(p.b)
	return nil, false, p.fail("unterminated string")
}

// strValue reads a string value, decoding escapes (and replacing invalid
// UTF-8 as encoding/json does); null gives ok false.
func (p *parser) strValue() (s []byte, ok bool, err error) {
	p.ws()
	if p.null() {
		return nil, false, nil
	}
	raw, esc, err := p.str()
	if err != nil {
		return nil, false, err
	}
	if !esc && utf8.Valid(raw) {
		return raw, true, nil
	}
	var dec string
	q := make([]byte, 0, len(raw)+2)
	q = append(append(append(q, '"'), raw...), '"')
	if err := json.Unmarshal(q, &dec); err != nil {
		return nil, false, p.fail("bad string %s: %v", q, err)
	}
	return []byte(dec), true, nil
}

func (p *parser) null() bool {
	if len(p.b)-p.i >= 4 && string(p.b[p.i:p.i+4]) == "null" {
		p.i += 4
		return true
	}
	return false
}

// num reads a number as whole seconds (rounded), or null (-1, ok false).
func (p *parser) num() (int64, bool, error) {
	p.ws()
	if p.null() {
		return -1, false, nil
	}
	start := p.i
	var v int64
	simple := true
	for p.i < len(p.b) {
		c := p.b[p.i]
		if c >= '0' && c <= '9' {
			if v > math.MaxInt64/10-10 {
				simple = false
			}
			v = v*10 + int64(c-'0')
			p.i++
			continue
		}
		if c == '.' || c == 'e' || c == 'E' || c == '-' || c == '+' {
			simple = false
			p.i++
			continue
		}
		break
	}
	if p.i == start {
		return 0, false, p.fail("expected a number %s", p.near())
	}
	if simple {
		return v, true, nil
	}
	f, err := strconv.ParseFloat(string(p.b[start:p.i]), 64)
	if err != nil || f < 0 || f > 1e15 || math.IsNaN(f) {
		return 0, false, p.fail("%q is not a duration in seconds (a number from 0 to 1e15)", p.b[start:p.i])
	}
	return int64(math.Round(f)), true, nil
}

// timeValue reads a timestamp string or null.
func (p *parser) timeValue(field string) (int64, error) {
	s, ok, err := p.strValue()
	if err != nil || !ok {
		return NoTime, err
	}
	t, ok := parseTime(s)
	if !ok {
		return NoTime, p.fail("%s: %q is not a UTC timestamp (YYYY-MM-DDThh:mm:ssZ, RFC 3339)", field, s)
	}
	return t, nil
}

// parseTime reads "2024-06-03T11:37:00Z" fast, and any RFC 3339 time
// otherwise, as Unix milliseconds.
func parseTime(s []byte) (int64, bool) {
	if len(s) == 20 && s[4] == '-' && s[7] == '-' && s[10] == 'T' && s[13] == ':' && s[16] == ':' && s[19] == 'Z' {
		d := func(i, n int) (int, bool) {
			v := 0
			for _, c := range s[i : i+n] {
				if c < '0' || c > '9' {
					return 0, false
				}
				v = v*10 + int(c-'0')
			}
			return v, true
		}
		y, ok1 := d(0, 4)
		mo, ok2 := d(5, 2)
		dd, ok3 := d(8, 2)
		h, ok4 := d(11, 2)
		mi, ok5 := d(14, 2)
		se, ok6 := d(17, 2)
		if ok1 && ok2 && ok3 && ok4 && ok5 && ok6 && mo >= 1 && mo <= 12 && dd >= 1 && dd <= daysIn(y, mo) && h < 24 && mi < 60 && se < 60 {
			return (daysFromCivil(y, mo, dd)*86400 + int64(h*3600+mi*60+se)) * 1000, true
		}
		return 0, false
	}
	t, err := time.Parse(time.RFC3339Nano, string(s))
	if err != nil {
		return 0, false
	}
	return t.UnixMilli(), true
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil is the number of days from 1970-01-01 to y-m-d (Howard
// Hinnant's algorithm, proleptic Gregorian).
func daysFromCivil(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468
}

// skip skips one value of any kind, checking its syntax.
func (p *parser) skip(depth int) error {
	if depth > 64 {
		return p.fail("nested deeper than 64 levels")
	}
	p.ws()
	if p.i >= len(p.b) {
		return p.fail("expected a value at the end of the object")
	}
	switch c := p.b[p.i]; {
	case c == '"':
		_, _, err := p.str()
		return err
	case c == '{' || c == '[':
		closer := byte('}')
		if c == '[' {
			closer = ']'
		}
		p.i++
		p.ws()
		if p.i < len(p.b) && p.b[p.i] == closer {
			p.i++
			return nil
		}
		for {
			if c == '{' {
				if _, _, err := p.str(); err != nil {
					return err
				}
				if err := p.expect(':'); err != nil {
					return err
				}
			}
			if err := p.skip(depth + 1); err != nil {
				return err
			}
			p.ws()
			if p.i < len(p.b) && p.b[p.i] == ',' {
				p.i++
				continue
			}
			return p.expect(closer)
		}
	case c == 't' && len(p.b)-p.i >= 4 && string(p.b[p.i:p.i+4]) == "true":
		p.i += 4
	case c == 'f' && len(p.b)-p.i >= 5 && string(p.b[p.i:p.i+5]) == "false":
		p.i += 5
	case c == 'n' && p.null():
	case c == '-' || (c >= '0' && c <= '9'):
		start := p.i
		for p.i < len(p.b) && (p.b[p.i] == '-' || p.b[p.i] == '+' || p.b[p.i] == '.' || p.b[p.i] == 'e' || p.b[p.i] == 'E' || (p.b[p.i] >= '0' && p.b[p.i] <= '9')) {
			p.i++
		}
		if _, err := strconv.ParseFloat(string(p.b[start:p.i]), 64); err != nil {
			return p.fail("%q is not a number", p.b[start:p.i])
		}
	default:
		return p.fail("unexpected %s", p.near())
	}
	return nil
}

// object walks the members of an object, calling f with each key (raw
// bytes; keys the fit reads have no escapes). f must consume the value.
func (p *parser) object(f func(key []byte) error) error {
	if err := p.expect('{'); err != nil {
		return err
	}
	p.ws()
	if p.i < len(p.b) && p.b[p.i] == '}' {
		p.i++
		return nil
	}
	for {
		k, _, err := p.str()
		if err != nil {
			return err
		}
		if err := p.expect(':'); err != nil {
			return err
		}
		if err := f(k); err != nil {
			return err
		}
		p.ws()
		if p.i < len(p.b) && p.b[p.i] == ',' {
			p.i++
			continue
		}
		return p.expect('}')
	}
}

// idValue reads a contact id as its hash; null is 0.
func (p *parser) idValue() (uint64, error) {
	s, ok, err := p.strValue()
	if err != nil || !ok {
		return 0, err
	}
	return hashID(s), nil
}

// hashID is FNV-1a of the id, never 0 (0 means null).
func hashID(s []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range s {
		h ^= uint64(c)
		h *= 1099511628211
	}
	if h == 0 {
		h = 1
	}
	return h
}

// record parses one contact record into rec.
func (p *parser) record() error {
	r := p.rec
	r.reset()
	return p.object(p.topField)
}

func (p *parser) topField(k []byte) error {
	r := p.rec
	var err error
	switch string(k) {
	case "ContactId":
		r.ID, err = p.idValue()
		if r.ID != 0 {
			r.present |= fContactID
		}
	case "InitialContactId":
		r.Initial, err = p.idValue()
	case "PreviousContactId":
		r.Previous, err = p.idValue()
	case "NextContactId":
		r.Next, err = p.idValue()
	case "InitiationMethod":
		var s []byte
		var ok bool
		s, ok, err = p.strValue()
		if ok {
			r.present |= fMethod
			switch string(s) {
			case "INBOUND":
				r.Method = MethodInbound
			case "CALLBACK":
				r.Method = MethodCallback
			}
		}
	case "InitiationTimestamp":
		r.Initiation, err = p.timeValue("InitiationTimestamp")
		r.seenAt(r.Initiation, fInitiation)
	case "ConnectedToSystemTimestamp":
		r.ConnectedToSystem, err = p.timeValue("ConnectedToSystemTimestamp")
	case "DisconnectTimestamp":
		r.Disconnect, err = p.timeValue("DisconnectTimestamp")
		r.seenAt(r.Disconnect, fDisconnect)
	case "DisconnectReason":
		var s []byte
		var ok bool
		s, ok, err = p.strValue()
		if ok {
			r.Reason = p.rd.intern(s)
		}
	case "Queue":
		p.ws()
		if p.null() {
			return nil
		}
		err = p.object(p.queueField)
	case "Agent":
		p.ws()
		if p.null() {
			return nil
		}
		err = p.object(p.agentField)
	case "Attributes":
		p.ws()
		if p.null() {
			return nil
		}
		err = p.object(p.attrField)
	default:
		err = p.skip(1)
	}
	return err
}

func (p *parser) attrField(k []byte) error {
	switch string(k) {
	case "ccsim_outcome":
		s, ok, err := p.strValue()
		if ok {
			p.rec.Outcome = p.rd.intern(s)
		}
		return err
	case "ccsim_replication":
		s, ok, err := p.strValue()
		if ok {
			p.rd.replication(s)
		}
		return err
	}
	return p.skip(2)
}

func (p *parser) queueField(k []byte) error {
	r := p.rec
	var err error
	switch string(k) {
	case "Name":
		var s []byte
		var ok bool
		s, ok, err = p.strValue()
		if ok {
			r.Queue = p.rd.queueIndex(s)
			r.present |= fQueueName
		}
	case "EnqueueTimestamp":
		r.Enqueue, err = p.timeValue("Queue.EnqueueTimestamp")
		r.seenAt(r.Enqueue, fEnqueue)
	case "DequeueTimestamp":
		r.Dequeue, err = p.timeValue("Queue.DequeueTimestamp")
	case "Duration":
		r.QueueDuration, _, err = p.num()
	default:
		err = p.skip(2)
	}
	return err
}

func (p *parser) agentField(k []byte) error {
	r := p.rec
	var err error
	var ok bool
	switch string(k) {
	case "Username":
		var s []byte
		s, ok, err = p.strValue()
		if ok {
			r.Agent = p.rd.agentIndex(s)
			r.present |= fAgentName
		}
	case "ConnectedToAgentTimestamp":
		r.ConnectedToAgent, err = p.timeValue("Agent.ConnectedToAgentTimestamp")
	case "AgentInteractionDuration":
		r.AgentInteraction, ok, err = p.num()
		if ok {
			r.present |= fAgentInteraction
		}
	case "CustomerHoldDuration":
		r.CustomerHold, _, err = p.num()
	case "AfterContactWorkDuration":
		r.AfterContactWk, ok, err = p.num()
		if ok {
			r.present |= fACW
		}
	default:
		err = p.skip(2)
	}
	return err
}
