package erlang

import (
	"math"
)

// B returns the probability that a call is blocked in an M/M/n/n loss
// system offered a Erlangs (Erlang's loss formula, Erlang B): n agents, no
// queue, a caller who finds every agent busy is lost.
//
// It uses the recursion B(0) = 1, B(k) = a B(k-1) / (k + a B(k-1)), which
// is stable for any n and a (no factorials or powers are formed). It
// panics if n < 0, a < 0 or a is NaN.
func B(n int, a float64) float64 {
	if n < 0 || a < 0 || math.IsNaN(a) {
		panic("erlang: B needs n >= 0 and a >= 0")
	}
	b := 1.0
	for k := 1; k <= n; k++ {
		b = a * b / (float64(k) + a*b)
	}
	return b
}

// C returns the probability that a call waits in an M/M/n queue offered a
// Erlangs (Erlang C): C = n B / (n - a (1 - B)) with B = B(n, a). When
// a >= n the queue is unstable and every call waits: it returns 1.
func C(n int, a float64) float64 {
	if n <= 0 || a >= float64(n) {
		return 1
	}
	b := B(n, a)
	return float64(n) * b / (float64(n) - a*(1-b))
}

// Result holds the steady-state figures of one of the models for a number
// of agents. Times are in seconds; probabilities and occupancy are
// fractions.
type Result struct {
	// Agents is the number of agents the figures are for.
	Agents int
	// Load is the offered load in Erlangs (arrival rate x handle time).
	Load float64
	// PWait is the probability that an arriving call waits.
	PWait float64
	// PBlock is Erlang B's blocking probability (loss system).
	PBlock float64
	// ServiceLevel is the fraction of calls answered within the target:
	// answered within T over all arrivals (for Erlang C every call is
	// answered, so this is also answered within T over answered).
	ServiceLevel float64
	// ASA is the mean wait of answered calls.
	ASA float64
	// AvgWait is the mean wait of all calls, abandoned ones included.
	AvgWait float64
	// Occupancy is the fraction of agent time on calls.
	Occupancy float64
	// PAbandon is the probability that a caller abandons (Erlang A).
	PAbandon float64
	// Stable is false when the offered load reaches the agents (Erlang C
	// with a >= n): the queue then grows without bound.
	Stable bool
}

// CModel returns the M/M/n (Erlang C) figures for Poisson arrivals at
// rate lambda (per second), exponential handle times of mean aht
// (seconds), n agents and a service-level target (seconds). Callers wait
// as long as it takes:
//
//	P(wait)  = C(n, a)                       a = lambda x aht
//	SL(T)    = 1 - C e^{-(n - a) T / aht}
//	ASA      = C aht / (n - a)
//	occupancy = a / n
//
// When a >= n the queue grows without bound: Stable is false, every call
// waits, the service level is 0 and the waits are infinite.
func CModel(n int, lambda, aht, target float64) Result {
	a := lambda * aht
	r := Result{Agents: n, Load: a, PBlock: B(n, a)}
	if n <= 0 || a >= float64(n) {
		r.PWait, r.ServiceLevel, r.ASA, r.AvgWait, r.Occupancy = 1, 0, math.Inf(1), math.Inf(1), 1
		return r
	}
	c := C(n, a)
	r.Stable = true
	r.PWait = c
	r.ServiceLevel = 1 - c*math.Exp(-(float64(n)-a)*target/aht)
	r.ASA = c * aht / (float64(n) - a)
	r.AvgWait = r.ASA
	r.Occupancy = a / float64(n)
	return r
}

// AModel returns the M/M/n+M (Palm's Erlang A) figures: Poisson
// arrivals at rate lambda, exponential handle times of mean aht,
// exponential patience of mean patience (seconds), n agents. It is always
// stable, because impatient callers leave. A patience <= 0 or +Inf means
// callers never hang up: it returns [CModel]'s figures.
//
// The number of calls in the system is a birth-death process with birth
// rate lambda and death rate min(k, n) mu + max(k-n, 0) theta (mu = 1/aht,
// theta = 1/patience); its stationary distribution pi is summed directly,
// in log space, until the terms vanish (Mandelbaum and Zeltyn, "The
// Palm/Erlang-A queue, with applications to call centers", 2007, section 2).
// By PASTA an arrival sees pi. Then:
//
//	P(wait)    = sum_{k>=n} pi_k
//	P(abandon) = theta E[queue length] / lambda    (rate balance)
//
// A caller who finds j others waiting is answered after j+1 stages; stage
// i (i callers ahead) ends at rate n mu + i theta + theta, and ends in
// progress rather than the caller's own abandonment with probability
// (n mu + i theta) / (n mu + i theta + theta). The stage times do not depend
// on which way a stage ends, so P(answered within T | j) is the product of
// those probabilities times the hypoexponential CDF of the stage times,
// computed by uniformization.
func AModel(n int, lambda, aht, patience, target float64) Result {
	if patience <= 0 || math.IsInf(patience, 1) {
		return CModel(n, lambda, aht, target)
	}
	mu, theta := 1/aht, 1/patience
	a := lambda * aht
	r := Result{Agents: n, Load: a, PBlock: B(n, a), Stable: true}

	// log pi_k, unnormalised, until the terms are negligible and falling.
	var logp []float64
	lp := 0.0
	maxLog := 0.0
	for k := 0; ; k++ {
		if k > 0 {
			death := float64(min(k, n))*mu + float64(max(k-n, 0))*theta
			lp += math.Log(lambda) - math.Log(death)
		}
		logp = append(logp, lp)
		maxLog = math.Max(maxLog, lp)
		if k > n && lp < maxLog-50 {
			break
		}
	}
	var z float64
	for _, v := range logp {
		z += math.Exp(v - maxLog)
	}
	pi := make([]float64, len(logp))
	for k, v := range logp {
		pi[k] = math.Exp(v-maxLog) / z
	}
	var pwait, eq, busy float64
	for k, p := range pi {
		if k >= n {
			pwait += p
			eq += float64(k-n) * p
		}
		busy += float64(min(k, n)) * p
	}
	r.PWait = pwait
	r.PAbandon = theta * eq / lambda
	r.AvgWait = eq / lambda
	r.Occupancy = busy / float64(n)

	// Answered within the target, and the mean wait of answered calls.
	nmu := float64(n) * mu
	jmax := len(pi) - n
	within := 0.0
	var served, waitServed float64
	for k := 0; k < n && k < len(pi); k++ {
		within += pi[k]
		served += pi[k]
	}
	rates := make([]float64, jmax)
	for i := range rates {
		rates[i] = nmu + float64(i)*theta + theta
	}
	cdf := hypoexpCDFs(rates, target)
	pServed, meanTime := 1.0, 0.0
	for j := 0; j < jmax; j++ {
		// Stage j: j callers ahead of the tagged caller.
		pServed *= (nmu + float64(j)*theta) / rates[j]
		meanTime += 1 / rates[j]
		p := pi[n+j]
		served += p * pServed
		waitServed += p * pServed * meanTime
		within += p * pServed * cdf[j]
	}
	r.ServiceLevel = within
	if served > 0 {
		r.ASA = waitServed / served
	}
	return r
}

// hypoexpCDFs returns, for each j, P(S_0 + ... + S_j <= t) where the S_i
// are independent exponentials with the given rates. It uniformizes the
// pure-birth chain that moves through the stages at rate Lambda = max rate:
// P(S_0+...+S_j <= t) = sum_m Poisson(m; Lambda t) P(chain past stage j
// after m jumps). This is numerically stable where the closed form's
// alternating sums are not.
func hypoexpCDFs(rates []float64, t float64) []float64 {
	out := make([]float64, len(rates))
	if len(rates) == 0 || t <= 0 {
		return out
	}
	lam := 0.0
	for _, r := range rates {
		lam = math.Max(lam, r)
	}
	lt := lam * t
	// Jumps of the uniformized chain: enough to cover the Poisson mass.
	mMax := int(lt + 12*math.Sqrt(lt) + 30)
	// dist[i] = probability of being in stage i (i == len: absorbed).
	n := len(rates)
	dist := make([]float64, n+1)
	next := make([]float64, n+1)
	dist[0] = 1
	// past[j] after m jumps = P(stage index > j) = absorbed mass beyond j.
	logw := -lt // log Poisson(0; lt)
	for m := 0; m <= mMax; m++ {
		w := math.Exp(logw)
		if w > 0 {
			tail := dist[n]
			for j := n - 1; j >= 0; j-- {
				out[j] += w * tail
				tail += dist[j]
			}
		}
		// One jump: stage i advances with probability rates[i]/lam.
		clear(next)
		next[n] = dist[n]
		for i := range n {
			p := rates[i] / lam
			next[i] += dist[i] * (1 - p)
			next[i+1] += dist[i] * p
		}
		dist, next = next, dist
		logw += math.Log(lt) - math.Log(float64(m+1))
	}
	for j := range out {
		// out[j] accumulated P(past stage j); clamp rounding.
		out[j] = math.Min(1, math.Max(0, out[j]))
	}
	return out
}

// AgentsFor returns the fewest agents whose model meets service level sl
// (a fraction) within the target and, when maxAbandon > 0, an abandonment
// probability at most maxAbandon. patience <= 0 means no abandonment
// (Erlang C); otherwise the model is [AModel]. It returns -1 if even limit
// agents do not.
//
// Service level rises and abandonment falls with every agent added, so the
// answer is found by bisection between a lower bound (1, or the offered
// load for Erlang C, which needs more agents than Erlangs) and limit.
func AgentsFor(lambda, aht, patience, target, sl, maxAbandon float64, limit int) int {
	meets := func(n int) bool {
		m := AModel(n, lambda, aht, patience, target)
		return m.Stable && m.ServiceLevel >= sl && (maxAbandon <= 0 || m.PAbandon <= maxAbandon)
	}
	lo := 1
	if patience <= 0 {
		lo = int(math.Floor(lambda*aht)) + 1
	}
	return FewestAgents(lo, limit, meets)
}

// FewestAgents returns the smallest n in [lo, hi] for which meets(n) holds,
// or -1 if meets(hi) does not. meets must be monotone (false, then true as
// n grows), as every staffing criterion is: it is found by bisection.
func FewestAgents(lo, hi int, meets func(n int) bool) int {
	if lo > hi || !meets(hi) {
		return -1
	}
	for lo < hi { // meets(hi) holds; the answer is in [lo, hi]
		mid := lo + (hi-lo)/2
		if meets(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// Staff is the staff to schedule so that agents are on contacts once
// shrinkage (breaks not scheduled, training, absence) is taken out:
// agents / (1 - shrinkage), rounded up, the convention of Erlang
// calculators (40 agents with 30 % shrinkage need 58 staff). agents may
// be a share of a load (not whole); none, or a negative "not reachable"
// marker, is returned as it is.
func Staff(agents, shrinkage float64) int {
	if agents <= 0 {
		return int(math.Ceil(agents))
	}
	// The small tolerance keeps 7 / (1 - 0.3) = 10.000000000000002 at 10.
	return int(math.Ceil(agents/(1-shrinkage) - 1e-9))
}
