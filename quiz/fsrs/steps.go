package fsrs

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ParseSteps reads (re)learning steps written as in Anki and ts-fsrs:
// whole numbers with a unit m (minutes), h (hours) or d (days), separated by
// spaces or commas, e.g. "1m 10m" or "10m,1h". An empty string is no steps.
func ParseSteps(s string) ([]time.Duration, error) {
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
	out := make([]time.Duration, 0, len(fields))
	for _, f := range fields {
		if len(f) < 2 {
			return nil, fmt.Errorf("step %q: want a number and a unit m, h or d", f)
		}
		n, err := strconv.Atoi(f[:len(f)-1])
		if err != nil || n <= 0 || n > 1_000_000 {
			return nil, fmt.Errorf("step %q: want a positive whole number before the unit", f)
		}
		var unit time.Duration
		switch f[len(f)-1] {
		case 'm':
			unit = time.Minute
		case 'h':
			unit = time.Hour
		case 'd':
			unit = 24 * time.Hour
		default:
			return nil, fmt.Errorf("step %q: unknown unit %q (want m, h or d)", f, f[len(f)-1:])
		}
		out = append(out, time.Duration(n)*unit)
	}
	return out, nil
}

// FormatSteps is the inverse of ParseSteps: "1m 10m". Each step is written in
// the largest unit that divides it exactly.
func FormatSteps(steps []time.Duration) string {
	parts := make([]string, len(steps))
	for i, d := range steps {
		switch {
		case d%(24*time.Hour) == 0:
			parts[i] = strconv.FormatInt(int64(d/(24*time.Hour)), 10) + "d"
		case d%time.Hour == 0:
			parts[i] = strconv.FormatInt(int64(d/time.Hour), 10) + "h"
		default:
			parts[i] = strconv.FormatInt(int64(d/time.Minute), 10) + "m"
		}
	}
	return strings.Join(parts, " ")
}
