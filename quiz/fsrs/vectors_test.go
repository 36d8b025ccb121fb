package fsrs

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The reference vectors in testdata/fsrs were produced by ts-fsrs 5.4.2 with
// fuzz off (see their README). Integers, states and times must match exactly;
// floats within 1e-6 + 1e-5·|want|.

func vectorPath(name string) string {
	return filepath.Join("..", "..", "testdata", "fsrs", name)
}

func loadVectors(t *testing.T, name string, v any) {
	t.Helper()
	b, err := os.ReadFile(vectorPath(name))
	if err != nil {
		t.Fatalf("reading vectors: %v", err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

func closeEnough(got, want float64) bool {
	return math.Abs(got-want) <= 1e-6+1e-5*math.Abs(want)
}

type vecProfile struct {
	Name             string    `json:"name"`
	InputW           []float64 `json:"input_w"`
	EffectiveW       []float64 `json:"effective_w"`
	RequestRetention float64   `json:"request_retention"`
	MaximumInterval  int       `json:"maximum_interval"`
	EnableFuzz       bool      `json:"enable_fuzz"`
	EnableShortTerm  bool      `json:"enable_short_term"`
	LearningSteps    []string  `json:"learning_steps"`
	RelearningSteps  []string  `json:"relearning_steps"`
	IntervalModifier float64   `json:"interval_modifier"`
	DecayFactor      float64   `json:"decay_factor"`
}

type vecStep struct {
	Rating         int      `json:"rating"`
	Review         string   `json:"review"`
	ElapsedDays    int      `json:"elapsed_days"`
	Retrievability *float64 `json:"retrievability"`
	State          string   `json:"state"`
	Stability      float64  `json:"stability"`
	Difficulty     float64  `json:"difficulty"`
	ScheduledDays  int      `json:"scheduled_days"`
	LearningSteps  int      `json:"learning_steps"`
	Due            string   `json:"due"`
	Reps           int      `json:"reps"`
	Lapses         int      `json:"lapses"`
}

type vecSequence struct {
	Profile string    `json:"profile"`
	ID      string    `json:"id"`
	Steps   []vecStep `json:"steps"`
}

func schedulerFor(t *testing.T, p vecProfile) *Scheduler {
	t.Helper()
	var w [21]float64
	if len(p.InputW) != 21 {
		t.Fatalf("profile %s: %d weights", p.Name, len(p.InputW))
	}
	copy(w[:], p.InputW)
	learn, err := ParseSteps(strings.Join(p.LearningSteps, " "))
	if err != nil {
		t.Fatal(err)
	}
	relearn, err := ParseSteps(strings.Join(p.RelearningSteps, " "))
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewScheduler(Params{
		W:                w,
		DesiredRetention: p.RequestRetention,
		MaximumInterval:  p.MaximumInterval,
		LearningSteps:    learn,
		RelearningSteps:  relearn,
		EnableFuzz:       p.EnableFuzz,
		EnableShortTerm:  p.EnableShortTerm,
	})
	if err != nil {
		t.Fatalf("profile %s: %v", p.Name, err)
	}
	return s
}

func TestVectorProfiles(t *testing.T) {
	var f struct {
		Profiles []vecProfile `json:"profiles"`
	}
	loadVectors(t, "sequences.json", &f)
	if len(f.Profiles) == 0 {
		t.Fatal("no profiles")
	}
	for _, p := range f.Profiles {
		s := schedulerFor(t, p)
		for i, want := range p.EffectiveW {
			if !closeEnough(s.p.W[i], want) {
				t.Errorf("%s: effective w%d = %v, want %v", p.Name, i, s.p.W[i], want)
			}
		}
		if !closeEnough(s.modifier, p.IntervalModifier) {
			t.Errorf("%s: interval modifier %v, want %v", p.Name, s.modifier, p.IntervalModifier)
		}
		if !closeEnough(s.factor, p.DecayFactor) {
			t.Errorf("%s: decay factor %v, want %v", p.Name, s.factor, p.DecayFactor)
		}
	}
}

func TestVectorSequences(t *testing.T) {
	var f struct {
		Profiles  []vecProfile  `json:"profiles"`
		Sequences []vecSequence `json:"sequences"`
	}
	loadVectors(t, "sequences.json", &f)
	scheds := map[string]*Scheduler{}
	for _, p := range f.Profiles {
		scheds[p.Name] = schedulerFor(t, p)
	}
	steps, inexact, worst := 0, 0, 0.0
	for _, seq := range f.Sequences {
		s := scheds[seq.Profile]
		if s == nil {
			t.Fatalf("%s: unknown profile %q", seq.ID, seq.Profile)
		}
		var c Card
		for i, st := range seq.Steps {
			now := mustTime(t, st.Review)
			if i == 0 {
				c = NewCard(now)
			}
			// The scheduler's R at the moment of the answer.
			if c.State != New {
				r := s.forgettingCurve(float64(st.ElapsedDays), c.Stability)
				if st.Retrievability == nil || !closeEnough(r, *st.Retrievability) {
					t.Errorf("%s step %d: retrievability %v, want %v", seq.ID, i, r, st.Retrievability)
				}
			} else if st.Retrievability != nil {
				t.Errorf("%s step %d: want retrievability %v for a new card", seq.ID, i, *st.Retrievability)
			}
			c = s.Next(c, now, Rating(st.Rating), 0)
			steps++
			for _, pair := range [][2]float64{{c.Stability, st.Stability}, {c.Difficulty, st.Difficulty}} {
				if pair[0] != pair[1] {
					inexact++
					worst = math.Max(worst, math.Abs(pair[0]-pair[1])/math.Abs(pair[1]))
				}
			}
			if msg := compareStep(c, st, t); msg != "" {
				t.Errorf("%s step %d (rating %d at %s): %s", seq.ID, i, st.Rating, st.Review, msg)
				break // later steps would only repeat the divergence
			}
		}
	}
	if steps < 3000 {
		t.Errorf("replayed %d steps, want all (3,055)", steps)
	}
	t.Logf("replayed %d sequences, %d steps; %d of %d S/D values not bit-identical, worst relative error %.2g",
		len(f.Sequences), steps, inexact, 2*steps, worst)
}

func compareStep(c Card, want vecStep, t *testing.T) string {
	var b strings.Builder
	add := func(format string, args ...any) {
		if b.Len() > 0 {
			b.WriteString("; ")
		}
		b.WriteString(fmt.Sprintf(format, args...))
	}
	if c.State.String() != want.State {
		add("state %v, want %s", c.State, want.State)
	}
	if !c.Due.Equal(mustTime(t, want.Due)) {
		add("due %s, want %s", c.Due.UTC().Format(time.RFC3339Nano), want.Due)
	}
	if c.ElapsedDays != want.ElapsedDays {
		add("elapsed %d, want %d", c.ElapsedDays, want.ElapsedDays)
	}
	if c.ScheduledDays != want.ScheduledDays {
		add("scheduled %d, want %d", c.ScheduledDays, want.ScheduledDays)
	}
	if c.LearningSteps != want.LearningSteps {
		add("learning step %d, want %d", c.LearningSteps, want.LearningSteps)
	}
	if c.Reps != want.Reps || c.Lapses != want.Lapses {
		add("reps/lapses %d/%d, want %d/%d", c.Reps, c.Lapses, want.Reps, want.Lapses)
	}
	if !closeEnough(c.Stability, want.Stability) {
		add("stability %v, want %v", c.Stability, want.Stability)
	}
	if !closeEnough(c.Difficulty, want.Difficulty) {
		add("difficulty %v, want %v", c.Difficulty, want.Difficulty)
	}
	if !c.LastReview.Equal(mustTime(t, want.Review)) {
		add("last review %v, want %s", c.LastReview, want.Review)
	}
	return b.String()
}

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	tm, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

func TestVectorRetrievability(t *testing.T) {
	var f struct {
		DecayFactors []struct {
			Decay  float64 `json:"decay"`
			Factor float64 `json:"factor"`
		} `json:"decay_factors"`
		Cases []struct {
			Decay       float64 `json:"decay"`
			Stability   float64 `json:"stability"`
			ElapsedDays float64 `json:"elapsed_days"`
			R           float64 `json:"r"`
		} `json:"cases"`
	}
	loadVectors(t, "retrievability.json", &f)
	for _, d := range f.DecayFactors {
		if got := decayFactor(d.Decay); !closeEnough(got, d.Factor) {
			t.Errorf("decay %v: factor %v, want %v", d.Decay, got, d.Factor)
		}
	}
	last := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	for _, c := range f.Cases {
		p := DefaultParams()
		p.W[20] = c.Decay
		s, err := NewScheduler(p)
		if err != nil {
			t.Fatal(err)
		}
		// Through the public API: a reviewed card, looked at t days later.
		card := Card{State: Review, Stability: c.Stability, Difficulty: 5, LastReview: last}
		now := last.Add(time.Duration(c.ElapsedDays * 24 * float64(time.Hour)))
		if got := s.Retrievability(card, now); !closeEnough(got, c.R) {
			t.Errorf("decay %v S %v t %v: R = %v, want %v", c.Decay, c.Stability, c.ElapsedDays, got, c.R)
		}
	}
	if len(f.Cases) < 300 {
		t.Errorf("only %d retrievability cases", len(f.Cases))
	}
}

func TestVectorIntervals(t *testing.T) {
	var f struct {
		Modifiers []struct {
			Decay            float64 `json:"decay"`
			RequestRetention float64 `json:"request_retention"`
			IntervalModifier float64 `json:"interval_modifier"`
		} `json:"interval_modifiers"`
		Cases []struct {
			Decay            float64 `json:"decay"`
			RequestRetention float64 `json:"request_retention"`
			MaximumInterval  int     `json:"maximum_interval"`
			Stability        float64 `json:"stability"`
			Interval         int     `json:"interval"`
		} `json:"cases"`
	}
	loadVectors(t, "intervals.json", &f)
	sched := func(decay, retention float64, maxIvl int) *Scheduler {
		p := DefaultParams()
		p.W[20] = decay
		p.DesiredRetention = retention
		p.MaximumInterval = maxIvl
		p.EnableFuzz = false
		s, err := NewScheduler(p)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	for _, m := range f.Modifiers {
		if got := sched(m.Decay, m.RequestRetention, 36500).modifier; !closeEnough(got, m.IntervalModifier) {
			t.Errorf("decay %v r %v: modifier %v, want %v", m.Decay, m.RequestRetention, got, m.IntervalModifier)
		}
	}
	for _, c := range f.Cases {
		s := sched(c.Decay, c.RequestRetention, c.MaximumInterval)
		if got := s.nextInterval(c.Stability, 0, 0); got != c.Interval {
			t.Errorf("decay %v r %v max %d S %v: interval %d, want %d",
				c.Decay, c.RequestRetention, c.MaximumInterval, c.Stability, got, c.Interval)
		}
	}
	if len(f.Cases) < 600 {
		t.Errorf("only %d interval cases", len(f.Cases))
	}
}

func TestVectorFormulas(t *testing.T) {
	type profile struct {
		EffectiveW      []float64 `json:"effective_w"`
		EnableShortTerm bool      `json:"enable_short_term"`
		Init            []struct {
			Grade      Rating  `json:"grade"`
			Stability  float64 `json:"init_stability"`
			Difficulty float64 `json:"init_difficulty_unclamped"`
		} `json:"init"`
		NextDifficulty []struct {
			D     float64 `json:"d"`
			Grade Rating  `json:"grade"`
			NextD float64 `json:"next_d"`
		} `json:"next_difficulty"`
		NextShortTerm []struct {
			S     float64 `json:"s"`
			Grade Rating  `json:"grade"`
			NextS float64 `json:"next_s"`
		} `json:"next_short_term_stability"`
		NextState []struct {
			D     float64 `json:"d"`
			S     float64 `json:"s"`
			T     int     `json:"t"`
			Grade Rating  `json:"grade"`
			R     float64 `json:"r"`
			NextD float64 `json:"next_d"`
			NextS float64 `json:"next_s"`
		} `json:"next_state"`
	}
	var f struct {
		Profiles map[string]profile `json:"profiles"`
	}
	loadVectors(t, "formulas.json", &f)
	if len(f.Profiles) != 3 {
		t.Fatalf("%d formula profiles, want 3", len(f.Profiles))
	}
	for name, p := range f.Profiles {
		// The weights are already clipped; build the scheduler directly so
		// that no relearning-step ceiling applies twice.
		s := &Scheduler{p: DefaultParams()}
		copy(s.p.W[:], p.EffectiveW)
		s.p.EnableShortTerm = p.EnableShortTerm
		s.decay = s.p.W[20]
		s.factor = decayFactor(s.decay)
		n := 0
		for _, c := range p.Init {
			if got := s.initStability(c.Grade); !closeEnough(got, c.Stability) {
				t.Errorf("%s: S0(%d) = %v, want %v", name, c.Grade, got, c.Stability)
			}
			if got := s.initDifficulty(c.Grade); !closeEnough(got, c.Difficulty) {
				t.Errorf("%s: D0(%d) = %v, want %v", name, c.Grade, got, c.Difficulty)
			}
			n++
		}
		for _, c := range p.NextDifficulty {
			if got := s.nextDifficulty(c.D, c.Grade); !closeEnough(got, c.NextD) {
				t.Errorf("%s: next D(%v, %d) = %v, want %v", name, c.D, c.Grade, got, c.NextD)
			}
			n++
		}
		for _, c := range p.NextShortTerm {
			if got := s.shortTermStability(c.S, c.Grade); !closeEnough(got, c.NextS) {
				t.Errorf("%s: short-term S(%v, %d) = %v, want %v", name, c.S, c.Grade, got, c.NextS)
			}
			n++
		}
		for _, c := range p.NextState {
			if r := s.forgettingCurve(float64(c.T), c.S); !closeEnough(r, c.R) {
				t.Errorf("%s: R(%d, %v) = %v, want %v", name, c.T, c.S, r, c.R)
			}
			d, st := s.nextMemory(false, c.D, c.S, c.T, c.Grade)
			if !closeEnough(d, c.NextD) || !closeEnough(st, c.NextS) {
				t.Errorf("%s: next state(D %v, S %v, t %d, G %d) = (%v, %v), want (%v, %v)",
					name, c.D, c.S, c.T, c.Grade, d, st, c.NextD, c.NextS)
			}
			n++
		}
		if n < 700 {
			t.Errorf("%s: only %d formula cases", name, n)
		}
	}
}

func TestVectorFuzzRanges(t *testing.T) {
	var f struct {
		Cases []struct {
			Interval        float64 `json:"interval"`
			ElapsedDays     int     `json:"elapsed_days"`
			MaximumInterval int     `json:"maximum_interval"`
			Min             int     `json:"min_ivl"`
			Max             int     `json:"max_ivl"`
		} `json:"cases"`
	}
	loadVectors(t, "fuzz_ranges.json", &f)
	for _, c := range f.Cases {
		lo, hi := FuzzRange(c.Interval, c.ElapsedDays, c.MaximumInterval)
		if lo != c.Min || hi != c.Max {
			t.Errorf("FuzzRange(%v, %d, %d) = [%d, %d], want [%d, %d]",
				c.Interval, c.ElapsedDays, c.MaximumInterval, lo, hi, c.Min, c.Max)
		}
	}
	if len(f.Cases) < 100 {
		t.Errorf("only %d fuzz cases", len(f.Cases))
	}
}
