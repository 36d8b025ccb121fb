package fsrs_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/feedcards/feedcards/quiz/fsrs"
)

var t0 = time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)

func newSched(t testing.TB, edit func(*fsrs.Params)) *fsrs.Scheduler {
	t.Helper()
	p := fsrs.DefaultParams()
	if edit != nil {
		edit(&p)
	}
	s, err := fsrs.NewScheduler(p)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestDefaultParams(t *testing.T) {
	p := fsrs.DefaultParams()
	if p.W != fsrs.DefaultW || p.DesiredRetention != 0.9 || p.MaximumInterval != 36500 ||
		!p.EnableFuzz || !p.EnableShortTerm || fsrs.FormatSteps(p.LearningSteps) != "1m 10m" ||
		fsrs.FormatSteps(p.RelearningSteps) != "10m" {
		t.Errorf("DefaultParams() = %+v", p)
	}
	s := newSched(t, nil)
	if got := s.Params().W; got != fsrs.DefaultW {
		t.Errorf("default weights were clipped: %v", got)
	}
}

func TestNewSchedulerRejectsBadParams(t *testing.T) {
	tests := []struct {
		name string
		edit func(*fsrs.Params)
		want string
	}{
		{"retention zero", func(p *fsrs.Params) { p.DesiredRetention = 0 }, "desired retention 0"},
		{"retention one", func(p *fsrs.Params) { p.DesiredRetention = 1 }, "desired retention 1"},
		{"retention above one", func(p *fsrs.Params) { p.DesiredRetention = 1.5 }, "desired retention 1.5"},
		{"retention negative", func(p *fsrs.Params) { p.DesiredRetention = -0.2 }, "desired retention -0.2"},
		{"max interval zero", func(p *fsrs.Params) { p.MaximumInterval = 0 }, "maximum interval 0"},
		{"zero learning step", func(p *fsrs.Params) { p.LearningSteps = []time.Duration{time.Minute, 0} }, "learning step 2"},
		{"negative relearning step", func(p *fsrs.Params) { p.RelearningSteps = []time.Duration{-time.Minute} }, "relearning step 1"},
		{"sub-minute step", func(p *fsrs.Params) { p.LearningSteps = []time.Duration{30 * time.Second} }, "at least 1m"},
		{"NaN weight", func(p *fsrs.Params) { p.W[7] = nan() }, "w7"},
		{"day start", func(p *fsrs.Params) { p.DayStart = 25 * time.Hour }, "day start"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := fsrs.DefaultParams()
			tt.edit(&p)
			s, err := fsrs.NewScheduler(p)
			if err == nil {
				t.Fatalf("NewScheduler accepted %+v", p)
			}
			if s != nil {
				t.Error("scheduler returned with an error")
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "fsrs: ") {
				t.Errorf("error %q does not mention %q", err, tt.want)
			}
		})
	}
}

func nan() float64 { var z float64; return z / z }

func TestClipWeights(t *testing.T) {
	var w [21]float64
	for i := range w {
		w[i] = 1000
	}
	got := fsrs.ClipWeights(w, 1, true)
	want := [21]float64{100, 100, 100, 100, 10, 4, 4, 0.75, 4.5, 0.8, 3.5, 5, 0.25, 0.9, 4, 1, 6, 2, 2, 0.8, 0.8}
	if got != want {
		t.Errorf("upper clip = %v, want %v", got, want)
	}
	low := fsrs.ClipWeights([21]float64{}, 0, true)
	wantLow := [21]float64{0.001, 0.001, 0.001, 0.001, 1, 0.001, 0.001, 0.001, 0, 0, 0.001, 0.001, 0.001, 0.001, 0, 0, 1, 0, 0, 0.01, 0.1}
	if low != wantLow {
		t.Errorf("lower clip = %v, want %v", low, wantLow)
	}
	if l := fsrs.ClipWeights([21]float64{}, 0, false); l[19] != 0 {
		t.Errorf("w19 floor without short-term = %v, want 0", l[19])
	}
}

func TestMigrateWeights(t *testing.T) {
	fsrs5 := []float64{0.40255, 1.18385, 3.173, 15.69105, 7.1949, 0.5345, 1.4604, 0.0046, 1.54575, 0.1192,
		1.01925, 1.9395, 0.11, 0.29605, 2.2698, 0.2315, 2.9898, 0.51655, 0.6621}
	w, err := fsrs.MigrateWeights(fsrs5)
	if err != nil || w[19] != 0 || w[20] != 0.5 || w[18] != 0.6621 {
		t.Errorf("19 weights: %v, %v", w, err)
	}
	w17 := make([]float64, 17)
	w17[4], w17[5], w17[6] = 5, 1, 2
	w, err = fsrs.MigrateWeights(w17)
	if err != nil || w[4] != 7 || w[6] != 2.5 || w[20] != 0.5 {
		t.Errorf("17 weights: %v, %v", w, err)
	}
	if _, err := fsrs.MigrateWeights(make([]float64, 20)); err == nil {
		t.Error("20 weights accepted")
	}
	if w, err := fsrs.MigrateWeights(fsrs.DefaultW[:]); err != nil || w != fsrs.DefaultW {
		t.Errorf("21 weights changed: %v, %v", w, err)
	}
}

// Known first answers with the defaults (FSRS.md, section 9): Again 1m,
// Hard 6m, Good 10m (learning), Easy 8 days; and 1, 2, 3, 8 days in
// long-term mode.
func TestFirstAnswers(t *testing.T) {
	short := newSched(t, func(p *fsrs.Params) { p.EnableFuzz = false })
	long := newSched(t, func(p *fsrs.Params) { p.EnableFuzz = false; p.EnableShortTerm = false })
	c := fsrs.NewCard(t0)
	wantShort := []time.Duration{time.Minute, 6 * time.Minute, 10 * time.Minute, 8 * 24 * time.Hour}
	wantState := []fsrs.State{fsrs.Learning, fsrs.Learning, fsrs.Learning, fsrs.Review}
	for i, n := range short.Preview(c, t0, 0) {
		if got := n.Due.Sub(t0); got != wantShort[i] || n.State != wantState[i] || n.Reps != 1 {
			t.Errorf("short-term %v: %v in state %v, want %v in %v", fsrs.Rating(i+1), got, n.State, wantShort[i], wantState[i])
		}
	}
	for i, n := range long.Preview(c, t0, 0) {
		if n.ScheduledDays != []int{1, 2, 3, 8}[i] || n.State != fsrs.Review || n.Lapses != 0 {
			t.Errorf("long-term %v: %d days, %v, %d lapses", fsrs.Rating(i+1), n.ScheduledDays, n.State, n.Lapses)
		}
	}
}

// randomWalk answers a card n times with random grades at random times and
// calls check before each answer.
func randomWalk(s *fsrs.Scheduler, rng *rand.Rand, n int, check func(c fsrs.Card, now time.Time, seed uint64)) {
	c := fsrs.NewCard(t0)
	now := t0
	for range n {
		switch rng.IntN(4) {
		case 0: // at due
			if c.Due.After(now) {
				now = c.Due
			}
		case 1: // early, same day
			now = now.Add(time.Duration(rng.IntN(300)) * time.Minute)
		case 2: // late
			now = c.Due.Add(time.Duration(rng.IntN(30*24)) * time.Hour)
		default: // a little later
			now = now.Add(time.Duration(rng.IntN(3*24*60)) * time.Minute)
		}
		if now.Before(c.LastReview) {
			now = c.LastReview
		}
		seed := rng.Uint64()
		check(c, now, seed)
		c = s.Next(c, now, fsrs.Rating(1+rng.IntN(4)), seed)
	}
}

func TestProperties(t *testing.T) {
	configs := map[string]func(*fsrs.Params){
		"default":   nil,
		"no fuzz":   func(p *fsrs.Params) { p.EnableFuzz = false },
		"long-term": func(p *fsrs.Params) { p.EnableShortTerm = false },
		"no steps":  func(p *fsrs.Params) { p.LearningSteps, p.RelearningSteps = nil, nil },
		"custom": func(p *fsrs.Params) {
			p.LearningSteps = []time.Duration{5 * time.Minute, 30 * time.Minute, 2 * time.Hour}
			p.MaximumInterval = 365
			p.DesiredRetention = 0.8
		},
		"local 4 am": func(p *fsrs.Params) { p.Location = time.FixedZone("X", -5*3600); p.DayStart = 4 * time.Hour },
	}
	for _, name := range []string{"default", "no fuzz", "long-term", "no steps", "custom", "local 4 am"} {
		t.Run(name, func(t *testing.T) {
			s := newSched(t, configs[name])
			rng := rand.New(rand.NewPCG(1, uint64(len(name))))
			checked := 0
			for range 200 {
				randomWalk(s, rng, 12, func(c fsrs.Card, now time.Time, seed uint64) {
					checked++
					pv := s.Preview(c, now, seed)
					for i, n := range pv {
						g := fsrs.Rating(i + 1)
						if !n.Due.After(now) {
							t.Fatalf("%v on %+v at %v: due %v is not after now", g, c, now, n.Due)
						}
						if n.Stability < 0.001 || n.Stability > 36500 || n.Difficulty < 1 || n.Difficulty > 10 {
							t.Fatalf("%v on %+v: memory state out of range: %+v", g, c, n)
						}
						if n.Reps != c.Reps+1 || !n.LastReview.Equal(now) {
							t.Fatalf("%v: reps %d → %d, last review %v", g, c.Reps, n.Reps, n.LastReview)
						}
						if i > 0 && n.Due.Before(pv[i-1].Due) {
							t.Fatalf("%v on %+v at %v: due %v before %v's %v", g, c, now, n.Due, fsrs.Rating(i), pv[i-1].Due)
						}
						if n.State == fsrs.Review && n.LearningSteps == 0 && !n.Due.Equal(now.Add(time.Duration(n.ScheduledDays)*24*time.Hour)) {
							t.Fatalf("%v: due %v is not now + %d days", g, n.Due, n.ScheduledDays)
						}
						if next := s.Next(c, now, g, seed); next != n {
							t.Fatalf("Next(%v) = %+v, Preview gave %+v", g, next, n)
						}
					}
					lapse := 0
					if c.State == fsrs.Review {
						lapse = 1
					}
					if pv[0].Lapses != c.Lapses+lapse || pv[2].Lapses != c.Lapses {
						t.Fatalf("lapses %d → Again %d, Good %d", c.Lapses, pv[0].Lapses, pv[2].Lapses)
					}
				})
			}
			if checked != 2400 {
				t.Errorf("checked %d states", checked)
			}
		})
	}
}

func TestFuzzIsReproducibleAndInWindow(t *testing.T) {
	s := newSched(t, nil)
	plain := newSched(t, func(p *fsrs.Params) { p.EnableFuzz = false })
	// A review card whose Good interval is about 100 days.
	last := t0
	c := fsrs.Card{State: fsrs.Review, Stability: 40, Difficulty: 5, LastReview: last, Due: last.AddDate(0, 0, 40), Reps: 5, ScheduledDays: 40}
	now := c.Due
	base := plain.Next(c, now, fsrs.Good, 0).ScheduledDays
	lo, hi := fsrs.FuzzRange(float64(base), 40, 36500)
	if lo >= base || hi <= base {
		t.Fatalf("window [%d, %d] does not surround %d", lo, hi, base)
	}
	seen := map[int]bool{}
	for seed := range uint64(2000) {
		a := s.Next(c, now, fsrs.Good, seed)
		if b := s.Next(c, now, fsrs.Good, seed); a != b {
			t.Fatalf("seed %d: %+v then %+v", seed, a, b)
		}
		if a.ScheduledDays < lo || a.ScheduledDays > hi {
			t.Fatalf("seed %d: fuzzed interval %d outside [%d, %d]", seed, a.ScheduledDays, lo, hi)
		}
		seen[a.ScheduledDays] = true
	}
	if !seen[lo] || !seen[hi] || len(seen) != hi-lo+1 {
		t.Errorf("2000 seeds reached %d of the %d intervals in [%d, %d]", len(seen), hi-lo+1, lo, hi)
	}
	// A graduating new card (Easy → about 8 days) is fuzzed too.
	for seed := range uint64(200) {
		n := s.Next(fsrs.NewCard(t0), t0, fsrs.Easy, seed)
		if n.ScheduledDays < 6 || n.ScheduledDays > 10 {
			t.Fatalf("seed %d: Easy on a new card gave %d days", seed, n.ScheduledDays)
		}
	}
	// Short intervals (< 2.5 days) are never fuzzed.
	for seed := range uint64(200) {
		if n := s.Next(fsrs.NewCard(t0), t0, fsrs.Again, seed); n.Due.Sub(t0) != time.Minute {
			t.Fatalf("seed %d: a learning step was fuzzed: %v", seed, n.Due.Sub(t0))
		}
	}
}

func TestElapsedDaysBoundary(t *testing.T) {
	utc := newSched(t, nil)
	ny := time.FixedZone("UTC-5", -5*3600)
	local := newSched(t, func(p *fsrs.Params) { p.Location = ny; p.DayStart = 4 * time.Hour })
	tests := []struct {
		s        *fsrs.Scheduler
		from, to time.Time
		want     int
	}{
		{utc, time.Date(2026, 3, 1, 23, 59, 0, 0, time.UTC), time.Date(2026, 3, 2, 0, 1, 0, 0, time.UTC), 1},
		{utc, time.Date(2026, 3, 1, 0, 1, 0, 0, time.UTC), time.Date(2026, 3, 1, 23, 59, 0, 0, time.UTC), 0},
		{utc, time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC), time.Date(2026, 2, 28, 12, 0, 0, 0, time.UTC), -1},
		{utc, time.Date(1800, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC), 109573},
		{local, time.Date(2026, 3, 1, 3, 59, 0, 0, ny), time.Date(2026, 3, 1, 4, 1, 0, 0, ny), 1},
		{local, time.Date(2026, 3, 1, 4, 1, 0, 0, ny), time.Date(2026, 3, 2, 3, 59, 0, 0, ny), 0},
		{local, time.Date(2026, 3, 1, 23, 0, 0, 0, ny), time.Date(2026, 3, 2, 1, 0, 0, 0, ny), 0},
	}
	for _, tt := range tests {
		if got := tt.s.ElapsedDays(tt.from, tt.to); got != tt.want {
			t.Errorf("ElapsedDays(%v, %v) = %d, want %d", tt.from, tt.to, got, tt.want)
		}
	}
}

func TestRetrievability(t *testing.T) {
	s := newSched(t, nil)
	if r := s.Retrievability(fsrs.NewCard(t0), t0.AddDate(0, 0, 3)); r != 0 {
		t.Errorf("new card R = %v", r)
	}
	c := fsrs.Card{State: fsrs.Review, Stability: 10, Difficulty: 5, LastReview: t0}
	if r := s.Retrievability(c, t0); r != 1 {
		t.Errorf("R at the review = %v", r)
	}
	if r := s.Retrievability(c, t0.AddDate(0, 0, 10)); r != 0.9 {
		t.Errorf("R after S days = %v, want 0.9", r)
	}
	prev := 1.0
	for h := 1; h < 24*60; h += 7 {
		r := s.Retrievability(c, t0.Add(time.Duration(h)*time.Hour))
		if r >= prev || r <= 0 {
			t.Fatalf("R is not decreasing at %dh: %v after %v", h, r, prev)
		}
		prev = r
	}
}

func TestDamagedCardsStillSchedule(t *testing.T) {
	s := newSched(t, nil)
	for _, c := range []fsrs.Card{
		{State: fsrs.Review, Stability: nan(), Difficulty: 5, LastReview: t0.AddDate(0, 0, -3)},
		{State: fsrs.Review, Stability: 3, Difficulty: nan(), LastReview: t0.AddDate(0, 0, -3)},
		{State: fsrs.Review, Stability: -4, Difficulty: 40, LastReview: t0.AddDate(0, 0, -3)},
		{State: fsrs.State(9), Stability: 2, Difficulty: 5, LastReview: t0, LearningSteps: -3},
		{State: fsrs.Learning, Stability: 2, Difficulty: 5, LastReview: t0.AddDate(0, 0, 2)}, // clock went back
	} {
		for i, n := range s.Preview(c, t0.Add(time.Hour), 42) {
			if !n.Due.After(t0.Add(time.Hour)) || !(n.Stability >= 0.001 && n.Stability <= 36500) || !(n.Difficulty >= 1 && n.Difficulty <= 10) {
				t.Errorf("%+v, %v: %+v", c, fsrs.Rating(i+1), n)
			}
		}
	}
}

func TestNextPanicsOnInvalidRating(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic for rating 0")
		}
	}()
	newSched(t, nil).Next(fsrs.NewCard(t0), t0, 0, 0)
}

func TestParseRating(t *testing.T) {
	tests := []struct {
		in   string
		want fsrs.Rating
	}{
		{"1", fsrs.Again}, {"2", fsrs.Hard}, {"3", fsrs.Good}, {"4", fsrs.Easy},
		{"again", fsrs.Again}, {" Hard ", fsrs.Hard}, {"GOOD", fsrs.Good}, {"easy\n", fsrs.Easy},
	}
	for _, tt := range tests {
		got, err := fsrs.ParseRating(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseRating(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "0", "5", "g", "good!", "1 2", "again again"} {
		if r, err := fsrs.ParseRating(bad); err == nil || !errors.Is(err, fsrs.ErrBadRating) {
			t.Errorf("ParseRating(%q) = %v, %v; want ErrBadRating", bad, r, err)
		}
	}
}

func TestStrings(t *testing.T) {
	got := fmt.Sprint(fsrs.Again, fsrs.Hard, fsrs.Good, fsrs.Easy, fsrs.Rating(9), " ",
		fsrs.New, fsrs.Learning, fsrs.Review, fsrs.Relearning, fsrs.State(7))
	want := "Again Hard Good Easy Rating(9) New Learning Review Relearning State(7)"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	for st := fsrs.New; st <= fsrs.Relearning; st++ {
		if p, err := fsrs.ParseState(strings.ToLower(st.String())); err != nil || p != st {
			t.Errorf("ParseState(%v) = %v, %v", st, p, err)
		}
	}
	if _, err := fsrs.ParseState("Graduated"); err == nil {
		t.Error("ParseState accepted Graduated")
	}
}

func TestFormatInterval(t *testing.T) {
	const day = 24 * time.Hour
	tests := []struct {
		d    time.Duration
		want string
	}{
		{-time.Hour, "0s"}, {0, "0s"}, {30 * time.Second, "30s"}, {time.Minute, "1m"},
		{6 * time.Minute, "6m"}, {10 * time.Minute, "10m"}, {90 * time.Minute, "2h"},
		{5 * time.Hour, "5h"}, {day, "1d"}, {8 * day, "8d"}, {29 * day, "29d"},
		{30 * day, "1mo"}, {105 * day, "3.5mo"}, {364 * day, "12.1mo"}, {365 * day, "1y"},
		{438 * day, "1.2y"}, {36500 * day, "100y"}, {59*time.Second + 600*time.Millisecond, "1m"},
		{59*time.Minute + 40*time.Second, "1h"}, {23*time.Hour + 40*time.Minute, "1d"}, {29*day + 13*time.Hour, "1mo"},
	}
	for _, tt := range tests {
		if got := fsrs.FormatInterval(tt.d); got != tt.want {
			t.Errorf("FormatInterval(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

func TestParseSteps(t *testing.T) {
	tests := []struct {
		in   string
		want []time.Duration
	}{
		{"", []time.Duration{}},
		{"1m 10m", []time.Duration{time.Minute, 10 * time.Minute}},
		{"10m,1h", []time.Duration{10 * time.Minute, time.Hour}},
		{" 5m, 30m  2h 1d", []time.Duration{5 * time.Minute, 30 * time.Minute, 2 * time.Hour, 24 * time.Hour}},
	}
	for _, tt := range tests {
		got, err := fsrs.ParseSteps(tt.in)
		if err != nil || fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("ParseSteps(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"m", "10", "10s", "0m", "-5m", "1.5h", "abc", "99999999999m"} {
		if got, err := fsrs.ParseSteps(bad); err == nil {
			t.Errorf("ParseSteps(%q) = %v, want an error", bad, got)
		}
	}
	if got := fsrs.FormatSteps([]time.Duration{time.Minute, 90 * time.Minute, 2 * time.Hour, 48 * time.Hour}); got != "1m 90m 2h 2d" {
		t.Errorf("FormatSteps = %q", got)
	}
}

func FuzzParseSteps(f *testing.F) {
	for _, s := range []string{"1m 10m", "10m,1h", "", "2d", "1x", "5m,,5m"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		steps, err := fsrs.ParseSteps(s)
		if err != nil {
			return
		}
		again, err := fsrs.ParseSteps(fsrs.FormatSteps(steps))
		if err != nil || fmt.Sprint(again) != fmt.Sprint(steps) {
			t.Fatalf("%q → %v → %q → %v, %v", s, steps, fsrs.FormatSteps(steps), again, err)
		}
		for _, d := range steps {
			if d < time.Minute {
				t.Fatalf("%q gave step %v", s, d)
			}
		}
	})
}

func BenchmarkNext(b *testing.B) {
	s := newSched(b, nil)
	c := fsrs.Card{State: fsrs.Review, Stability: 12.5, Difficulty: 5.2, LastReview: t0, Due: t0.AddDate(0, 0, 12), Reps: 6, ScheduledDays: 12}
	now := c.Due.Add(3 * time.Hour)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		_ = s.Next(c, now, fsrs.Rating(1+i%4), uint64(i))
	}
}

func BenchmarkPreview(b *testing.B) {
	s := newSched(b, nil)
	c := fsrs.NewCard(t0)
	c = s.Next(c, t0, fsrs.Good, 1)
	b.ReportAllocs()
	for b.Loop() {
		_ = s.Preview(c, t0.Add(10*time.Minute), 7)
	}
}

func ExampleScheduler_Preview() {
	p := fsrs.DefaultParams()
	p.EnableFuzz = false
	s, _ := fsrs.NewScheduler(p)
	now := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	c := fsrs.NewCard(now)
	for i, n := range s.Preview(c, now, 0) {
		fmt.Printf("%-5v %-4s %v\n", fsrs.Rating(i+1), fsrs.FormatInterval(n.Due.Sub(now)), n.State)
	}
	// Output:
	// Again 1m   Learning
	// Hard  6m   Learning
	// Good  10m  Learning
	// Easy  8d   Review
}

// FuzzNext feeds arbitrary (possibly damaged) cards and clocks to the
// scheduler: it must never panic and always give a card due after now with
// a memory state in range.
func FuzzNext(f *testing.F) {
	f.Add(uint8(0), 0.0, 0.0, int64(0), int64(60), uint8(3), 0, false, uint64(1))
	f.Add(uint8(2), 12.5, 5.2, int64(-86400*12), int64(3600), uint8(1), 0, true, uint64(7))
	f.Add(uint8(3), 0.001, 9.99, int64(-600), int64(0), uint8(2), 1, false, uint64(9))
	f.Add(uint8(1), 36500.0, 1.0, int64(-86400*99999), int64(1), uint8(4), 5, true, uint64(3))
	scheds := []*fsrs.Scheduler{
		newSched(f, nil),
		newSched(f, func(p *fsrs.Params) { p.EnableShortTerm = false }),
		newSched(f, func(p *fsrs.Params) { p.LearningSteps = nil; p.RelearningSteps = nil; p.MaximumInterval = 30 }),
	}
	f.Fuzz(func(t *testing.T, state uint8, st, d float64, lastOff, nowOff int64, rating uint8, step int, long bool, seed uint64) {
		now := t0.Add(time.Duration(nowOff%(1<<40)) * time.Second)
		c := fsrs.Card{
			State: fsrs.State(state % 5), Stability: st, Difficulty: d, LearningSteps: step,
			LastReview: now.Add(time.Duration(lastOff%(86400*40000)) * time.Second), Due: now, Reps: 3,
		}
		r := fsrs.Rating(1 + rating%4)
		s := scheds[int(seed%3)]
		if long {
			s = scheds[1]
		}
		n := s.Next(c, now, r, seed)
		if !n.Due.After(now) || !(n.Stability >= 0.001 && n.Stability <= 36500) || !(n.Difficulty >= 1 && n.Difficulty <= 10) {
			t.Fatalf("Next(%+v, %v) = %+v", c, r, n)
		}
		if n.ScheduledDays < 0 || n.ScheduledDays > 36503 || n.ElapsedDays < 0 {
			t.Fatalf("Next(%+v, %v) = %+v", c, r, n)
		}
	})
}
