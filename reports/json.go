package reports

import (
	"encoding/json"
	"github.com/ccsim/ccsim/analysis"
	"io"
	"math"

	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/sim"
)

// RunFormat names the version of the [RunDoc] schema. It changes when a
// key is removed or changes meaning; adding keys does not change it.
const RunFormat = "ccsim.run/v1"

// RunDoc is the JSON document of one replication, written by [WriteJSON].
//
// Keys are snake_case and always present, in the order of the struct
// fields. Counts are integers. Times are seconds (with millisecond
// precision). Rates are fractions between 0 and 1, rounded to 6 decimals,
// and null when their denominator is zero (for example the ASA of a queue
// where nothing was answered).
type RunDoc struct {
	// Format is RunFormat.
	Format      string `json:"format"`
	Scenario    string `json:"scenario"`
	Seed        uint64 `json:"seed"`
	Replication int    `json:"replication"`
	// Start is the wall-clock time at simulated time zero (RFC 3339, UTC).
	Start          string  `json:"start"`
	HorizonSeconds float64 `json:"horizon_seconds"`
	// ServiceLevelSeconds is the threshold X of SL(X). ServiceLevelName
	// is the definition the scenario reports first ("connect",
	// "answered" or "answered_excl_short"), which ServiceLevelDefinition
	// spells out; every queue gives all three. ShortAbandonSeconds is the
	// short-abandon threshold of the last.
	ServiceLevelSeconds    float64 `json:"service_level_seconds"`
	ServiceLevelName       string  `json:"service_level_name"`
	ServiceLevelDefinition string  `json:"service_level_definition"`
	ShortAbandonSeconds    float64 `json:"short_abandon_seconds"`
	// Events is how many events the engine processed.
	Events uint64 `json:"events"`
	// Queues lists every queue in scenario order; Total sums them.
	Queues []QueueDoc `json:"queues"`
	Total  QueueDoc   `json:"total"`
	Agents []AgentDoc `json:"agents"`
	Checks []CheckDoc `json:"checks"`
	// ChecksFailed counts the checks that did not match.
	ChecksFailed int `json:"checks_failed"`
}

// QueueDoc holds the inbound contacts that queued in one queue and the
// callbacks whose working queue it is. Total's Name is "all".
type QueueDoc struct {
	Name     string      `json:"name"`
	Inbound  InboundDoc  `json:"inbound"`
	Callback CallbackDoc `json:"callback"`
	// Queued covers every contact placed in the queue's agent line,
	// inbound contacts and callback legs (Amazon Connect's "contacts
	// queued"); QueuedCallbacks the callback legs alone.
	Queued          QueuedDoc `json:"queued"`
	QueuedCallbacks QueuedDoc `json:"queued_callbacks"`
}

// QueuedDoc is a [sim.LegStats]: contacts placed in a queue's agent line,
// with Amazon Connect's rates over them.
type QueuedDoc struct {
	Queued    int64 `json:"queued"`
	Left      int64 `json:"left"`
	InSystem  int64 `json:"in_system"`
	Answered  int64 `json:"answered"`
	Abandoned int64 `json:"abandoned"`
	Connected int64 `json:"connected"`
	// ServiceLevel is removed (answered, abandoned or callback requested)
	// within the threshold / contacts that left the line.
	ServiceLevel *float64 `json:"service_level"`
	// ASASeconds is the average queue answer time: time in the line of
	// answered contacts.
	ASASeconds          *float64 `json:"asa_seconds"`
	AbandonTimeSeconds  *float64 `json:"abandon_time_seconds"`
	MaxQueuedSeconds    float64  `json:"max_queued_seconds"`
	HandleTimeSeconds   *float64 `json:"handle_time_seconds"`
	AfterContactSeconds *float64 `json:"after_contact_work_seconds"`
}

func queuedDoc(s sim.LegStats) QueuedDoc {
	return QueuedDoc{
		Queued: s.Queued, Left: s.Left, InSystem: s.InSystem,
		Answered: s.Answered, Abandoned: s.Abandoned, Connected: s.Connected,
		ServiceLevel:        rate(s.ServiceLevel(), s.Left),
		ASASeconds:          rate(s.ASA(), s.Answered),
		AbandonTimeSeconds:  rate(float64(s.WaitAbandoned)/1000/float64(max(s.Abandoned, 1)), s.Abandoned),
		MaxQueuedSeconds:    seconds(s.MaxWait),
		HandleTimeSeconds:   rate(float64(s.HandleTime)/1000/float64(max(s.Finished, 1)), s.Finished),
		AfterContactSeconds: rate(float64(s.ACW)/1000/float64(max(s.Finished, 1)), s.Finished),
	}
}

// InboundDoc is [sim.InboundStats] with its derived rates.
type InboundDoc struct {
	Arrived             int64 `json:"arrived"`
	Handled             int64 `json:"handled"`
	Abandoned           int64 `json:"abandoned"`
	AbandonedShort      int64 `json:"abandoned_short"`
	Blocked             int64 `json:"blocked"`
	CallbackTransferred int64 `json:"callback_requested"`
	InSystem            int64 `json:"in_system"`
	CallbackOffered     int64 `json:"callback_offered"`
	CallbackDeclined    int64 `json:"callback_declined"`
	CallbackQueueFull   int64 `json:"callback_queue_full"`
	AnsweredWithin      int64 `json:"answered_within_sl"`
	RemovedWithin       int64 `json:"removed_within_sl"`
	AnsweredAtOnce      int64 `json:"answered_at_once"`
	AgentAttempts       int64 `json:"agent_attempts"`
	// WaitAnsweredSeconds and WaitAbandonedSeconds are total queue times.
	WaitAnsweredSeconds  float64 `json:"wait_answered_seconds"`
	WaitAbandonedSeconds float64 `json:"wait_abandoned_seconds"`
	// ServiceLevel is RemovedWithin / (Handled + Abandoned +
	// CallbackTransferred), Amazon Connect's definition.
	ServiceLevel *float64 `json:"service_level"`
	// ServiceLevelAnswered is AnsweredWithin / (Handled + Abandoned);
	// ServiceLevelAnsweredExclShort leaves AbandonedShort out of the
	// denominator.
	ServiceLevelAnswered          *float64 `json:"service_level_answered"`
	ServiceLevelAnsweredExclShort *float64 `json:"service_level_answered_excl_short"`
	// ASASeconds is WaitAnsweredSeconds / Handled.
	ASASeconds *float64 `json:"asa_seconds"`
	// AbandonRate is Abandoned / (Handled + Abandoned +
	// CallbackTransferred).
	AbandonRate *float64 `json:"abandon_rate"`
}

// CallbackDoc is [sim.CallbackStats] with its derived rates.
type CallbackDoc struct {
	Requested               int64    `json:"requested"`
	Handled                 int64    `json:"handled"`
	Voicemail               int64    `json:"voicemail"`
	Expired                 int64    `json:"expired"`
	Unreached               int64    `json:"unreached"`
	InSystem                int64    `json:"in_system"`
	DialAttempts            int64    `json:"dial_attempts"`
	FailedAttempts          int64    `json:"failed_attempts"`
	NoAnswer                int64    `json:"no_answer"`
	Busy                    int64    `json:"busy"`
	Invalid                 int64    `json:"invalid"`
	AgentAttempts           int64    `json:"agent_attempts"`
	AgentTimeLostSeconds    float64  `json:"agent_time_lost_seconds"`
	RequestToConnectSeconds float64  `json:"request_to_connect_seconds"`
	ScheduledSeconds        float64  `json:"scheduled_seconds"`
	InQueueSeconds          float64  `json:"in_queue_seconds"`
	AttemptsPerHandled      *float64 `json:"attempts_per_handled"`
	// MeanRequestToConnectSeconds is RequestToConnectSeconds / the
	// callbacks connected to an agent.
	MeanRequestToConnectSeconds *float64 `json:"mean_request_to_connect_seconds"`
}

// AgentDoc is one agent group: its size, the contacts it handled, the time
// its agents spent in each state (summed over agents) and its occupancy.
type AgentDoc struct {
	Name            string  `json:"name"`
	Agents          int     `json:"agents"`
	Contacts        int64   `json:"contacts"`
	IdleSeconds     float64 `json:"idle_seconds"`
	ReservedSeconds float64 `json:"reserved_seconds"`
	TalkSeconds     float64 `json:"talk_seconds"`
	ACWSeconds      float64 `json:"acw_seconds"`
	MissedSeconds   float64 `json:"missed_seconds"`
	OfflineSeconds  float64 `json:"offline_seconds"`
	// BreakSeconds and LunchSeconds are the time on scheduled breaks of
	// each kind (left out when there is none, as in a scenario without
	// breaks).
	BreakSeconds float64  `json:"break_seconds,omitempty"`
	LunchSeconds float64  `json:"lunch_seconds,omitempty"`
	Occupancy    *float64 `json:"occupancy"`
}

// CheckDoc is a [analysis.CheckRow].
type CheckDoc struct {
	Contact string `json:"contact"`
	Record  string `json:"record"`
	Field   string `json:"field"`
	Want    string `json:"documented"`
	Got     string `json:"simulated"`
	Match   bool   `json:"match"`
}

// NewRunDoc builds the JSON document of res and the documented checks.
func NewRunDoc(res *sim.Result, checks []analysis.CheckRow) RunDoc {
	d := RunDoc{
		Format:                 RunFormat,
		Scenario:               res.Scenario,
		Seed:                   res.Seed,
		Replication:            res.Rep,
		Start:                  FormatTimestamp(res.Start),
		HorizonSeconds:         seconds(int64(res.Horizon)),
		ServiceLevelSeconds:    seconds(int64(res.ServiceLevel)),
		ServiceLevelName:       slName(res.SLDefinition),
		ServiceLevelDefinition: ServiceLevelDefinition(res.SLDefinition, res.ServiceLevel, res.ShortAbandon),
		ShortAbandonSeconds:    seconds(int64(res.ShortAbandon)),
		Events:                 res.Events,
		Queues:                 []QueueDoc{},
		Agents:                 []AgentDoc{},
		Checks:                 []CheckDoc{},
		ChecksFailed:           analysis.Failed(checks),
	}
	for _, q := range res.Queues {
		d.Queues = append(d.Queues, QueueDoc{Name: q.Name, Inbound: inboundDoc(q.Inbound), Callback: callbackDoc(q.Callback),
			Queued: queuedDoc(q.Queued.All), QueuedCallbacks: queuedDoc(q.Queued.Callback)})
	}
	var queued sim.QueuedStats
	for _, q := range res.Queues {
		queued.Add(q.Queued)
	}
	d.Total = QueueDoc{Name: "all", Inbound: inboundDoc(res.TotalInbound()), Callback: callbackDoc(res.TotalCallback()),
		Queued: queuedDoc(queued.All), QueuedCallbacks: queuedDoc(queued.Callback)}
	for _, a := range res.Agents {
		busy := a.Reserved + a.Talk + a.ACW
		d.Agents = append(d.Agents, AgentDoc{
			Name:            a.Name,
			Agents:          a.Agents,
			Contacts:        a.Contacts,
			IdleSeconds:     seconds(a.Idle),
			ReservedSeconds: seconds(a.Reserved),
			TalkSeconds:     seconds(a.Talk),
			ACWSeconds:      seconds(a.ACW),
			MissedSeconds:   seconds(a.Missed),
			OfflineSeconds:  seconds(a.Offline),
			BreakSeconds:    seconds(a.Break),
			LunchSeconds:    seconds(a.Lunch),
			Occupancy:       rate(a.Occupancy(), busy+a.Idle),
		})
	}
	for _, c := range checks {
		d.Checks = append(d.Checks, CheckDoc(c))
	}
	return d
}

// WriteJSON writes the [RunDoc] of res and checks to w, indented, with a
// final newline.
func WriteJSON(w io.Writer, res *sim.Result, checks []analysis.CheckRow) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(NewRunDoc(res, checks))
}

func inboundDoc(s sim.InboundStats) InboundDoc {
	left := s.Handled + s.Abandoned + s.CallbackTransferred
	return InboundDoc{
		Arrived:                       s.Arrived,
		Handled:                       s.Handled,
		Abandoned:                     s.Abandoned,
		AbandonedShort:                s.AbandonedShort,
		Blocked:                       s.Blocked,
		CallbackTransferred:           s.CallbackTransferred,
		InSystem:                      s.InSystem,
		CallbackOffered:               s.CallbackOffered,
		CallbackDeclined:              s.CallbackDeclined,
		CallbackQueueFull:             s.CallbackQueueFull,
		AnsweredWithin:                s.AnsweredWithin,
		RemovedWithin:                 s.RemovedWithin,
		AnsweredAtOnce:                s.AnsweredAtOnce,
		AgentAttempts:                 s.AgentAttempts,
		WaitAnsweredSeconds:           seconds(s.WaitAnswered),
		WaitAbandonedSeconds:          seconds(s.WaitAbandoned),
		ServiceLevel:                  rate(s.ServiceLevel(), left),
		ServiceLevelAnswered:          rate(s.ServiceLevelAnswered(), s.Handled+s.Abandoned),
		ServiceLevelAnsweredExclShort: rate(s.ServiceLevelExclShort(), s.Handled+s.Abandoned-s.AbandonedShort),
		ASASeconds:                    rate(s.ASA(), s.Handled),
		AbandonRate:                   rate(s.AbandonRate(), left),
	}
}

func callbackDoc(s sim.CallbackStats) CallbackDoc {
	return CallbackDoc{
		Requested:                   s.Requested,
		Handled:                     s.Handled,
		Voicemail:                   s.Voicemail,
		Expired:                     s.Expired,
		Unreached:                   s.Unreached,
		InSystem:                    s.InSystem,
		DialAttempts:                s.DialAttempts,
		FailedAttempts:              s.FailedAttempts,
		NoAnswer:                    s.NoAnswer,
		Busy:                        s.Busy,
		Invalid:                     s.Invalid,
		AgentAttempts:               s.AgentAttempts,
		AgentTimeLostSeconds:        seconds(s.AgentTimeLost),
		RequestToConnectSeconds:     seconds(s.RequestToConnect),
		ScheduledSeconds:            seconds(s.Scheduled),
		InQueueSeconds:              seconds(s.InQueue),
		AttemptsPerHandled:          rate(s.AttemptsPerHandled(), s.Handled),
		MeanRequestToConnectSeconds: rate(float64(s.RequestToConnect)/1000/float64(max(s.Connected, 1)), s.Connected),
	}
}

// seconds converts milliseconds to seconds.
func seconds(ms int64) float64 { return float64(ms) / 1000 }

// rate rounds x to 6 decimals, or returns nil when its denominator den is 0.
func rate(x float64, den int64) *float64 {
	if den == 0 || math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	r := math.Round(x*1e6) / 1e6
	return &r
}

// slName returns the name of a service-level definition, "connect" when
// it is not set.
func slName(d model.SLDefinition) string {
	if d == "" {
		return string(model.SLConnect)
	}
	return string(d)
}
