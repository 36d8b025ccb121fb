package fsrs

import (
	"fmt"
	"math"
	"time"
)

// DefaultW holds the 21 FSRS-6 default weights (the medians of FSRS-6 fitted
// to the open srs-benchmark collections, as shipped by ts-fsrs 5.2–5.4 and
// fsrs-rs 6).
var DefaultW = [21]float64{
	0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666,
	0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658,
	0.1542,
}

// Bounds of the memory state.
const (
	minStability = 0.001
	maxStability = 36500.0
	minutesInDay = 1440
)

// Params are the scheduler's settings.
type Params struct {
	W                [21]float64     // FSRS-6 weights
	DesiredRetention float64         // 0.9 by default
	MaximumInterval  int             // days; 36500 by default
	LearningSteps    []time.Duration // 1m 10m by default
	RelearningSteps  []time.Duration // 10m by default
	EnableFuzz       bool            // true by default
	EnableShortTerm  bool            // true by default

	// Location and DayStart define the day boundary used to count elapsed
	// days: a day begins at DayStart past midnight in Location. The zero
	// values (nil, 0) mean UTC midnight, the rule of ts-fsrs and of the
	// reference vectors; Anki users expect time.Local and 4h.
	Location *time.Location
	DayStart time.Duration
}

// DefaultParams returns the FSRS-6 defaults: retention 0.9, learning steps
// 1m 10m, relearning 10m, maximum interval 36500 days, fuzz and short-term on,
// days counted in UTC from midnight.
func DefaultParams() Params {
	return Params{
		W:                DefaultW,
		DesiredRetention: 0.9,
		MaximumInterval:  36500,
		LearningSteps:    []time.Duration{time.Minute, 10 * time.Minute},
		RelearningSteps:  []time.Duration{10 * time.Minute},
		EnableFuzz:       true,
		EnableShortTerm:  true,
	}
}

// Scheduler computes the next state of a card. It is immutable after
// NewScheduler and safe for concurrent use.
type Scheduler struct {
	p Params

	decay    float64 // w20, positive
	factor   float64 // 0.9^(-1/decay) - 1, rounded to 8 decimals
	modifier float64 // interval for stability 1 at the desired retention
	learn    []float64
	relearn  []float64
}

// NewScheduler checks p (clipping W as ts-fsrs does) and returns a scheduler.
func NewScheduler(p Params) (*Scheduler, error) {
	if !(p.DesiredRetention > 0 && p.DesiredRetention < 1) {
		return nil, fmt.Errorf("fsrs: desired retention %v is not between 0 and 1 (exclusive)", p.DesiredRetention)
	}
	if p.MaximumInterval < 1 {
		return nil, fmt.Errorf("fsrs: maximum interval %d days is below 1 day", p.MaximumInterval)
	}
	if p.DayStart < 0 || p.DayStart >= 24*time.Hour {
		return nil, fmt.Errorf("fsrs: day start %v is not within [0, 24h)", p.DayStart)
	}
	for i, w := range p.W {
		if math.IsNaN(w) || math.IsInf(w, 0) {
			return nil, fmt.Errorf("fsrs: weight w%d is %v, not a finite number", i, w)
		}
	}
	learn, err := stepMinutes("learning", p.LearningSteps)
	if err != nil {
		return nil, err
	}
	relearn, err := stepMinutes("relearning", p.RelearningSteps)
	if err != nil {
		return nil, err
	}
	p.LearningSteps = append([]time.Duration(nil), p.LearningSteps...)
	p.RelearningSteps = append([]time.Duration(nil), p.RelearningSteps...)
	p.W = ClipWeights(p.W, len(p.RelearningSteps), p.EnableShortTerm)
	s := &Scheduler{p: p, learn: learn, relearn: relearn}
	s.decay = p.W[20]
	s.factor = decayFactor(s.decay)
	s.modifier = round8((math.Pow(p.DesiredRetention, 1/-s.decay) - 1) / s.factor)
	return s, nil
}

func stepMinutes(kind string, steps []time.Duration) ([]float64, error) {
	out := make([]float64, len(steps))
	for i, d := range steps {
		if d < time.Minute {
			return nil, fmt.Errorf("fsrs: %s step %d is %v; steps must be at least 1m", kind, i+1, d)
		}
		out[i] = d.Minutes()
	}
	return out, nil
}

// Params returns the scheduler's settings, with W as clipped by NewScheduler.
func (s *Scheduler) Params() Params {
	p := s.p
	p.LearningSteps = append([]time.Duration(nil), p.LearningSteps...)
	p.RelearningSteps = append([]time.Duration(nil), p.RelearningSteps...)
	return p
}

// clampRange is the allowed range of one weight.
type clampRange struct{ lo, hi float64 }

// ClipWeights clamps every weight into the range FSRS-6 allows (the ranges of
// ts-fsrs 5.4.2 and fsrs-rs). With two or more relearning steps, w17 and w18
// are capped further so that a chain of same-day relearning answers cannot
// lift a lapsed card's stability above its pre-lapse value. w19 has a floor
// of 0.01 when short-term scheduling is on.
func ClipWeights(w [21]float64, relearningSteps int, shortTerm bool) [21]float64 {
	ceiling := 2.0
	if relearningSteps > 1 {
		w11 := clamp(w[11], 0.001, 5)
		w13 := clamp(w[13], 0.001, 0.9)
		w14 := clamp(w[14], 0, 4)
		v := -(math.Log(w11) + math.Log(math.Pow(2, w13)-1) + 0.3*w14) / float64(relearningSteps)
		ceiling = clamp(round8(math.Sqrt(math.Max(v, 0))), 0.01, 2)
	}
	w19lo := 0.0
	if shortTerm {
		w19lo = 0.01
	}
	ranges := [21]clampRange{
		{minStability, 100}, {minStability, 100}, {minStability, 100}, {minStability, 100},
		{1, 10}, {0.001, 4}, {0.001, 4}, {0.001, 0.75}, {0, 4.5}, {0, 0.8},
		{0.001, 3.5}, {0.001, 5}, {0.001, 0.25}, {0.001, 0.9}, {0, 4}, {0, 1},
		{1, 6}, {0, ceiling}, {0, ceiling}, {w19lo, 0.8}, {0.1, 0.8},
	}
	var out [21]float64
	for i, r := range ranges {
		out[i] = clamp(w[i], r.lo, r.hi)
	}
	return out
}

// MigrateWeights turns an older parameter vector into FSRS-6 weights: 21
// numbers are kept, 19 (FSRS-5) gain w19 = 0 and w20 = 0.5, and 17
// (FSRS-4.5) are converted as fsrs-rs and ts-fsrs do. Other lengths are an
// error. The result is not clipped; NewScheduler clips it.
func MigrateWeights(w []float64) ([21]float64, error) {
	var out [21]float64
	switch len(w) {
	case 21:
		copy(out[:], w)
	case 19:
		copy(out[:], w)
		out[19], out[20] = 0, 0.5
	case 17:
		copy(out[:], w)
		out[4] = round8(w[4] + 2*w[5])
		out[5] = round8(math.Log(1+3*w[5]) / 3)
		out[6] = round8(w[6] + 0.5)
		out[17], out[18], out[19], out[20] = 0, 0, 0, 0.5
	default:
		return out, fmt.Errorf("fsrs: %d weights given; want 21 (FSRS-6), 19 (FSRS-5) or 17 (FSRS-4.5)", len(w))
	}
	return out, nil
}

// NewCard returns the state of a card never reviewed, due at now.
func NewCard(now time.Time) Card {
	return Card{Due: now, State: New}
}

// Next returns the card after answering r at now. fuzzSeed makes the fuzz
// reproducible per card (ignored when fuzz is off); callers pass a hash of
// the card id and its review count so that undo and redo give the same
// interval. r must be one of Again, Hard, Good and Easy (see ParseRating);
// any other value is a programming error and panics.
func (s *Scheduler) Next(c Card, now time.Time, r Rating, fuzzSeed uint64) Card {
	if !r.Valid() {
		panic(fmt.Sprintf("fsrs: Next called with invalid rating %d", int(r)))
	}
	return s.Preview(c, now, fuzzSeed)[r-1]
}

// Preview returns the card after each of the four answers, indexed by
// rating-1 (Again, Hard, Good, Easy), as Next would return it. It is what
// study screens use to show the interval behind each button.
func (s *Scheduler) Preview(c Card, now time.Time, fuzzSeed uint64) [4]Card {
	t := 0
	if c.State != New && !c.LastReview.IsZero() {
		t = max(s.elapsedDays(c.LastReview, now), 0)
	}
	base := c
	base.ElapsedDays = t
	base.LastReview = now
	base.Reps = c.Reps + 1
	u := fuzzUniform(fuzzSeed)

	var out [4]Card
	for i := range out {
		g := Rating(i + 1)
		d, st := s.nextMemory(c.State == New, c.Difficulty, c.Stability, t, g)
		n := base
		n.Difficulty, n.Stability = d, st
		out[i] = n
	}

	if !s.p.EnableShortTerm {
		var ivl [4]int
		for i := range out {
			ivl[i] = s.nextInterval(out[i].Stability, t, u)
		}
		ivl[0] = min(ivl[0], ivl[1])
		ivl[1] = max(ivl[1], ivl[0]+1)
		ivl[2] = max(ivl[2], ivl[1]+1)
		ivl[3] = max(ivl[3], ivl[2]+1)
		for i := range out {
			out[i].State = Review
			out[i].LearningSteps = 0
			out[i].ScheduledDays = ivl[i]
			out[i].Due = addDays(now, ivl[i])
		}
		if c.State != New {
			out[0].Lapses++
		}
		return out
	}

	switch c.State {
	case Review:
		hard := s.nextInterval(out[1].Stability, t, u)
		good := s.nextInterval(out[2].Stability, t, u)
		easy := s.nextInterval(out[3].Stability, t, u)
		hard = min(hard, good)
		good = max(good, hard+1)
		easy = max(easy, good+1)
		for i, ivl := range [3]int{hard, good, easy} {
			n := &out[i+1]
			n.State = Review
			n.LearningSteps = 0
			n.ScheduledDays = ivl
			n.Due = addDays(now, ivl)
		}
		s.applySteps(&out[0], c, Again, Relearning, now, t, u)
		out[0].Lapses++
	case Relearning:
		for i := range out {
			s.applySteps(&out[i], c, Rating(i+1), Relearning, now, t, u)
		}
	default: // New, Learning
		for i := range out {
			s.applySteps(&out[i], c, Rating(i+1), Learning, now, t, u)
		}
	}
	return out
}

// applySteps places n (whose memory state is already updated) on the
// learning or relearning step that answering g to c leads to, or graduates
// it to Review.
func (s *Scheduler) applySteps(n *Card, c Card, g Rating, to State, now time.Time, t int, u float64) {
	minutes, next := s.stepFor(c, g)
	switch {
	case minutes > 0 && minutes < minutesInDay:
		n.State = to
		n.LearningSteps = next
		n.ScheduledDays = 0
		n.Due = now.Add(time.Duration(minutes) * time.Minute)
	case minutes >= minutesInDay:
		n.State = Review
		n.LearningSteps = next
		n.ScheduledDays = minutes / minutesInDay
		n.Due = now.Add(time.Duration(minutes) * time.Minute)
	default:
		ivl := s.nextInterval(n.Stability, t, u)
		n.State = Review
		n.LearningSteps = 0
		n.ScheduledDays = ivl
		n.Due = addDays(now, ivl)
	}
}

// stepFor returns the delay in whole minutes of the (re)learning step that
// answering g to c leads to and that step's index; 0 minutes means the card
// graduates.
func (s *Scheduler) stepFor(c Card, g Rating) (minutes, index int) {
	steps := s.learn
	if c.State == Review || c.State == Relearning {
		steps = s.relearn
	}
	n, i := len(steps), max(c.LearningSteps, 0)
	if n == 0 {
		return 0, 0
	}
	if c.State == Review {
		if g == Again {
			return int(jsRound(steps[0])), 0
		}
		return 0, 0
	}
	if i >= n {
		return 0, 0
	}
	switch g {
	case Again:
		return int(jsRound(steps[0])), 0
	case Hard:
		if n == 1 {
			return int(jsRound(steps[0] * 1.5)), i
		}
		return int(jsRound((steps[0] + steps[1]) / 2)), i
	case Good:
		if i+1 < n {
			return int(jsRound(steps[i+1])), i + 1
		}
	}
	return 0, 0
}

// nextMemory is the memory-state transition: difficulty and stability after
// answering g, t whole days after the previous review of a card with
// difficulty d and stability st (or a new card).
func (s *Scheduler) nextMemory(isNew bool, d, st float64, t int, g Rating) (float64, float64) {
	// A new card, or a memory state that is not a pair of numbers (a
	// damaged record), starts from the first-answer formulas.
	if isNew || (d == 0 && st == 0) || !finite(d) || !finite(st) {
		return clamp(s.initDifficulty(g), 1, 10), s.initStability(g)
	}
	d = clamp(d, 1, 10)
	st = math.Max(st, minStability)
	r := s.forgettingCurve(float64(t), st)
	var ns float64
	switch {
	case t == 0 && s.p.EnableShortTerm:
		ns = s.shortTermStability(st, g)
	case g == Again:
		w17, w18 := 0.0, 0.0
		if s.p.EnableShortTerm {
			w17, w18 = s.p.W[17], s.p.W[18]
		}
		ceiling := round8(st / math.Exp(w17*w18))
		ns = math.Min(math.Max(ceiling, minStability), s.forgetStability(d, st, r))
	default:
		ns = s.recallStability(d, st, r, g)
	}
	return s.nextDifficulty(d, g), ns
}

func (s *Scheduler) initStability(g Rating) float64 {
	return math.Max(s.p.W[g-1], 0.1)
}

// initDifficulty is D0(g), not clamped.
func (s *Scheduler) initDifficulty(g Rating) float64 {
	w := &s.p.W
	return round8(w[4] - math.Exp(float64(g-1)*w[5]) + 1)
}

func (s *Scheduler) nextDifficulty(d float64, g Rating) float64 {
	w := &s.p.W
	delta := -w[6] * float64(g-3)
	damped := d + round8(delta*(10-d)/9)
	reverted := round8(w[7]*s.initDifficulty(Easy) + (1-w[7])*damped)
	return clamp(reverted, 1, 10)
}

func (s *Scheduler) recallStability(d, st, r float64, g Rating) float64 {
	w := &s.p.W
	hard, easy := 1.0, 1.0
	if g == Hard {
		hard = w[15]
	}
	if g == Easy {
		easy = w[16]
	}
	v := st * (1 + math.Exp(w[8])*(11-d)*math.Pow(st, -w[9])*(math.Exp((1-r)*w[10])-1)*hard*easy)
	return round8(clamp(v, minStability, maxStability))
}

func (s *Scheduler) forgetStability(d, st, r float64) float64 {
	w := &s.p.W
	v := w[11] * math.Pow(d, -w[12]) * (math.Pow(st+1, w[13]) - 1) * math.Exp((1-r)*w[14])
	return round8(clamp(v, minStability, maxStability))
}

func (s *Scheduler) shortTermStability(st float64, g Rating) float64 {
	w := &s.p.W
	inc := math.Pow(st, -w[19]) * math.Exp(w[17]*(float64(g)-3+w[18]))
	if g >= Hard {
		inc = math.Max(inc, 1)
	}
	return round8(clamp(st*inc, minStability, maxStability))
}

// forgettingCurve is R(t, S), rounded to 8 decimals like ts-fsrs.
func (s *Scheduler) forgettingCurve(t, st float64) float64 {
	return round8(math.Pow(1+s.factor*t/st, -s.decay))
}

func decayFactor(decay float64) float64 {
	return round8(math.Exp(math.Log(0.9)/-decay) - 1)
}

// nextInterval turns a stability into whole days at the desired retention,
// capped at the maximum interval and fuzzed with the uniform draw u.
func (s *Scheduler) nextInterval(st float64, elapsed int, u float64) int {
	ivl := int(math.Min(math.Max(1, jsRound(st*s.modifier)), float64(s.p.MaximumInterval)))
	if !s.p.EnableFuzz || ivl < 3 {
		return ivl
	}
	lo, hi := FuzzRange(float64(ivl), elapsed, s.p.MaximumInterval)
	return int(math.Floor(u*float64(hi-lo+1) + float64(lo)))
}

// FuzzRange returns the window [lo, hi] that a fuzzed interval of ivl days is
// drawn from, for a card last reviewed elapsed days ago. The window widens
// with the interval (±15% between 2.5 and 7 days, ±10% up to 20, ±5% beyond,
// plus one day), never exceeds maxInterval, and never lets a passed card come
// back sooner than the time it already survived.
func FuzzRange(ivl float64, elapsed, maxInterval int) (lo, hi int) {
	delta := 1.0
	delta += 0.15 * math.Max(math.Min(ivl, 7)-2.5, 0)
	delta += 0.10 * math.Max(math.Min(ivl, 20)-7, 0)
	delta += 0.05 * math.Max(ivl-20, 0)
	ivl = math.Min(ivl, float64(maxInterval))
	lo = int(math.Max(2, jsRound(ivl-delta)))
	hi = int(math.Min(jsRound(ivl+delta), float64(maxInterval)))
	if ivl > float64(elapsed) {
		lo = max(lo, elapsed+1)
	}
	lo = min(lo, hi)
	return lo, hi
}

// Retrievability is the probability of recall of c at now (0 for a new card).
// Unlike scheduling, which counts whole days, it uses the exact time since
// the last review, so it falls smoothly through the day.
func (s *Scheduler) Retrievability(c Card, now time.Time) float64 {
	if c.State == New || c.LastReview.IsZero() || c.Stability <= 0 {
		return 0
	}
	days := math.Max(now.Sub(c.LastReview).Hours()/24, 0)
	return s.forgettingCurve(days, c.Stability)
}

// ElapsedDays is the number of day boundaries (see Params.Location and
// Params.DayStart) between from and to; negative if to is before from.
func (s *Scheduler) ElapsedDays(from, to time.Time) int { return s.elapsedDays(from, to) }

func (s *Scheduler) elapsedDays(from, to time.Time) int {
	return dayNumber(to, s.p.Location, s.p.DayStart) - dayNumber(from, s.p.Location, s.p.DayStart)
}

// dayNumber counts days since the Unix epoch in loc, with days starting at
// start past midnight.
func dayNumber(t time.Time, loc *time.Location, start time.Duration) int {
	if loc == nil {
		loc = time.UTC
	}
	y, m, d := t.In(loc).Add(-start).Date()
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

func addDays(t time.Time, days int) time.Time {
	return t.Add(time.Duration(days) * 24 * time.Hour)
}

// fuzzUniform turns a seed into a number in [0, 1) with one round of
// SplitMix64, a small well-mixed 64-bit generator: nearby seeds (card id
// hash + reps) give unrelated draws.
func fuzzUniform(seed uint64) float64 {
	z := seed + 0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	z ^= z >> 31
	return float64(z>>11) / (1 << 53)
}

// round8 rounds to 8 decimals, halves up, as ts-fsrs does.
func round8(x float64) float64 { return math.Floor(x*1e8+0.5) / 1e8 }

// jsRound rounds halves toward +Inf, like JavaScript's Math.round.
func jsRound(x float64) float64 { return math.Floor(x + 0.5) }

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

func clamp(x, lo, hi float64) float64 { return math.Min(math.Max(x, lo), hi) }
