package sqlite

import (
	"context"
	"errors"
	"reflect"
	"testing"
)

func TestDeckConfig(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	if _, err := s.Import(ctx, "D", feedResult("feed.xml", 1, 1), optNone, t0); err != nil {
		t.Fatal(err)
	}
	c, err := s.DeckConfig(ctx, "D")
	if err != nil {
		t.Fatal(err)
	}
	if want := (DeckConfig{DesiredRetention: 0.9, MaximumInterval: 36500, NewPerDay: 20}); !reflect.DeepEqual(c, want) {
		t.Errorf("defaults = %+v; want %+v", c, want)
	}
	c.DesiredRetention, c.NewPerDay = 0.85, 5
	c.Weights = make([]float64, 21)
	for i := range c.Weights {
		c.Weights[i] = float64(i) / 10
	}
	if err := s.SetDeckConfig(ctx, "D", c); err != nil {
		t.Fatal(err)
	}
	got, err := s.DeckConfig(ctx, "D")
	if err != nil || !reflect.DeepEqual(got, c) {
		t.Errorf("after set: %+v, %v; want %+v", got, err, c)
	}
	for _, bad := range []DeckConfig{
		{DesiredRetention: 1, MaximumInterval: 1},
		{DesiredRetention: 0.9, MaximumInterval: 0},
		{DesiredRetention: 0.9, MaximumInterval: 10, Weights: []float64{1, 2}},
		{DesiredRetention: 0.9, MaximumInterval: 10, NewPerDay: -1},
	} {
		if err := s.SetDeckConfig(ctx, "D", bad); err == nil {
			t.Errorf("SetDeckConfig(%+v) accepted", bad)
		}
	}
	if _, err := s.DeckConfig(ctx, "Nope"); !errors.Is(err, ErrNoDeck) {
		t.Errorf("DeckConfig(unknown) = %v", err)
	}
	if res, err := s.IntegrityCheck(ctx); err != nil || res != "ok" {
		t.Errorf("IntegrityCheck = %q, %v", res, err)
	}
}
