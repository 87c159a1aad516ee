package kinds

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Bounds of recurrence expansion.
const (
	// RecurrenceWindow is how far after now occurrences of a recurring
	// event are expanded.
	RecurrenceWindow = 365 * 24 * time.Hour
	// MaxOccurrences is how many occurrences one recurring event gives.
	MaxOccurrences = 50
	// expansionBudget bounds the candidate dates looked at for a whole
	// file, so a file of many odd rules costs linear time at most.
	expansionBudget = 200000
)

// rrule is the part of RFC 5545's RRULE this package expands: FREQ
// DAILY, WEEKLY, MONTHLY or YEARLY with INTERVAL, COUNT, UNTIL, WKST,
// BYMONTH, BYMONTHDAY and BYDAY (with ordinals within a month). Rules
// using anything else are marked unsupported; their events keep their
// first occurrence only.
type rrule struct {
	freq       string
	interval   int
	count      int
	until      icalTime
	hasUntil   bool
	byDay      []weekdayNum
	byMonth    []int
	byMonthDay []int
	wkst       time.Weekday
	supported  bool
}

type weekdayNum struct {
	n  int // 0: every such weekday of the period; ±1…±5 within the month
	wd time.Weekday
}

var weekdays = map[string]time.Weekday{
	"SU": time.Sunday, "MO": time.Monday, "TU": time.Tuesday, "WE": time.Wednesday,
	"TH": time.Thursday, "FR": time.Friday, "SA": time.Saturday,
}

var errBadRRule = errors.New("unreadable RRULE")

// parseRRule reads an RRULE value. An error means the rule is unreadable;
// a readable rule this package cannot expand has supported false.
func parseRRule(s string) (*rrule, error) {
	r := &rrule{interval: 1, wkst: time.Monday, supported: true}
	if len(s) > 1024 {
		return nil, errBadRRule
	}
	for _, part := range strings.Split(s, ";") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			continue
		}
		k, v = strings.ToUpper(k), strings.ToUpper(strings.TrimSpace(v))
		switch k {
		case "FREQ":
			r.freq = v
		case "INTERVAL":
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 || n > 1000 {
				return nil, errBadRRule
			}
			r.interval = n
		case "COUNT":
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 {
				return nil, errBadRRule
			}
			r.count = n
		case "UNTIL":
			t, ok := parseICalTime(v)
			if !ok {
				return nil, errBadRRule
			}
			r.until, r.hasUntil = t, true
		case "WKST":
			wd, ok := weekdays[v]
			if !ok {
				return nil, errBadRRule
			}
			r.wkst = wd
		case "BYDAY":
			for _, d := range strings.Split(v, ",") {
				d = strings.TrimSpace(d)
				if len(d) < 2 {
					return nil, errBadRRule
				}
				wd, ok := weekdays[d[len(d)-2:]]
				if !ok {
					return nil, errBadRRule
				}
				n := 0
				if num := d[:len(d)-2]; num != "" {
					var err error
					if n, err = strconv.Atoi(num); err != nil || n == 0 || n < -53 || n > 53 {
						return nil, errBadRRule
					}
				}
				if len(r.byDay) < 7*5 {
					r.byDay = append(r.byDay, weekdayNum{n, wd})
				}
			}
		case "BYMONTH":
			ns, err := intList(v, 1, 12)
			if err != nil {
				return nil, err
			}
			r.byMonth = ns
		case "BYMONTHDAY":
			ns, err := intList(v, -31, 31)
			if err != nil {
				return nil, err
			}
			r.byMonthDay = ns
		default:
			// BYSETPOS, BYHOUR, BYWEEKNO, BYYEARDAY, … are not expanded.
			r.supported = false
		}
	}
	switch r.freq {
	case "DAILY", "WEEKLY", "MONTHLY", "YEARLY":
	case "SECONDLY", "MINUTELY", "HOURLY":
		r.supported = false
	default:
		return nil, errBadRRule
	}
	for _, d := range r.byDay {
		// Ordinals count within the month; within a year (YEARLY without
		// BYMONTH) or with DAILY/WEEKLY they are not expanded.
		if d.n != 0 && (d.n < -5 || d.n > 5 || r.freq == "DAILY" || r.freq == "WEEKLY" || (r.freq == "YEARLY" && len(r.byMonth) == 0)) {
			r.supported = false
		}
	}
	return r, nil
}

func intList(v string, lo, hi int) ([]int, error) {
	var out []int
	for _, s := range strings.Split(v, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < lo || n > hi || n == 0 {
			return nil, errBadRRule
		}
		if len(out) < 31 {
			out = append(out, n)
		}
	}
	return out, nil
}

// withinUntil reports whether the occurrence at wall clock w (in a zone
// of offset off seconds at that moment) is not after UNTIL.
func (r *rrule) withinUntil(w time.Time, off int) bool {
	if !r.hasUntil {
		return true
	}
	switch {
	case r.until.date:
		return w.Before(r.until.wall.AddDate(0, 0, 1))
	case r.until.utc:
		return !w.Add(-time.Duration(off) * time.Second).After(r.until.wall)
	}
	return !w.After(r.until.wall)
}

// monthDays returns the days of month m of year y the rule selects, at
// start's time of day, in order.
func (r *rrule) monthDays(y int, m time.Month, start time.Time) []time.Time {
	h, mi, s := start.Clock()
	last := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
	var days []int
	switch {
	case len(r.byMonthDay) > 0:
		for _, d := range r.byMonthDay {
			if d < 0 {
				d = last + 1 + d
			}
			if d < 1 || d > last {
				continue
			}
			if len(r.byDay) > 0 && !r.hasWeekday(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Weekday()) {
				continue
			}
			days = append(days, d)
		}
	case len(r.byDay) > 0:
		first := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC).Weekday()
		for _, wd := range r.byDay {
			d1 := 1 + (int(wd.wd)-int(first)+7)%7 // first such weekday
			switch {
			case wd.n > 0:
				if d := d1 + 7*(wd.n-1); d <= last {
					days = append(days, d)
				}
			case wd.n < 0:
				lastWd := d1 + 7*((last-d1)/7)
				if d := lastWd + 7*(wd.n+1); d >= 1 {
					days = append(days, d)
				}
			default:
				for d := d1; d <= last; d += 7 {
					days = append(days, d)
				}
			}
		}
	default:
		if start.Day() <= last {
			days = append(days, start.Day())
		}
	}
	slices.Sort(days)
	days = slices.Compact(days)
	out := make([]time.Time, 0, len(days))
	for _, d := range days {
		out = append(out, time.Date(y, m, d, h, mi, s, 0, time.UTC))
	}
	return out
}

func (r *rrule) hasWeekday(wd time.Weekday) bool {
	for _, d := range r.byDay {
		if d.wd == wd {
			return true
		}
	}
	return false
}

// yearDays returns the dates of year y a YEARLY rule selects, at start's
// time of day, in order.
func (r *rrule) yearDays(y int, start time.Time) []time.Time {
	months := r.byMonth
	if len(months) == 0 {
		months = []int{int(start.Month())}
	}
	months = slices.Clone(months)
	slices.Sort(months)
	var out []time.Time
	for _, m := range slices.Compact(months) {
		out = append(out, r.monthDays(y, time.Month(m), start)...)
	}
	return out
}

// period returns the candidate wall-clock times of the p-th period after
// the one holding start, in order.
func (r *rrule) period(start time.Time, p int) []time.Time {
	switch r.freq {
	case "DAILY":
		d := start.AddDate(0, 0, p*r.interval)
		if !r.monthOK(d.Month()) || (len(r.byDay) > 0 && !r.hasWeekday(d.Weekday())) || !r.monthDayOK(d) {
			return nil
		}
		return []time.Time{d}
	case "WEEKLY":
		weekStart := start.AddDate(0, 0, -((int(start.Weekday()) - int(r.wkst) + 7) % 7))
		weekStart = weekStart.AddDate(0, 0, 7*p*r.interval)
		var out []time.Time
		for i := range 7 {
			d := weekStart.AddDate(0, 0, i)
			sel := d.Weekday() == start.Weekday()
			if len(r.byDay) > 0 {
				sel = r.hasWeekday(d.Weekday())
			}
			if sel && r.monthOK(d.Month()) {
				out = append(out, d)
			}
		}
		return out
	case "MONTHLY":
		first := time.Date(start.Year(), start.Month()+time.Month(p*r.interval), 1, 0, 0, 0, 0, time.UTC)
		if !r.monthOK(first.Month()) {
			return nil
		}
		return r.monthDays(first.Year(), first.Month(), start)
	case "YEARLY":
		return r.yearDays(start.Year()+p*r.interval, start)
	}
	return nil
}

func (r *rrule) monthOK(m time.Month) bool {
	return len(r.byMonth) == 0 || slices.Contains(r.byMonth, int(m))
}

func (r *rrule) monthDayOK(d time.Time) bool {
	if len(r.byMonthDay) == 0 {
		return true
	}
	last := time.Date(d.Year(), d.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()
	for _, md := range r.byMonthDay {
		if md == d.Day() || (md < 0 && last+1+md == d.Day()) {
			return true
		}
	}
	return false
}

// skipPeriods returns how many whole periods can be skipped from start
// without passing from (used only when COUNT does not need every
// occurrence counted).
func (r *rrule) skipPeriods(start, from time.Time) int {
	if !from.After(start) {
		return 0
	}
	var n int
	switch r.freq {
	case "DAILY":
		n = int(from.Sub(start).Hours()/24) / r.interval
	case "WEEKLY":
		n = int(from.Sub(start).Hours()/24/7) / r.interval
	case "MONTHLY":
		n = ((from.Year()-start.Year())*12 + int(from.Month()) - int(start.Month())) / r.interval
	case "YEARLY":
		n = (from.Year() - start.Year()) / r.interval
	}
	return max(n-1, 0)
}

// expansion is the result of expanding one recurring event.
type expansion struct {
	starts []time.Time // wall clocks of occurrences in the window, in order
	ok     bool        // false: the rule could not be expanded within budget
}

// expand returns the occurrences of a rule from start (a wall clock in z)
// whose end (start + dur) is after from and whose start is not after to,
// skipping excluded instants, at most MaxOccurrences. budget is shared by
// a whole file and decremented by every candidate looked at.
func (r *rrule) expand(start time.Time, z zone, dur time.Duration, from, to time.Time, excluded map[int64]bool, budget *int) expansion {
	if !r.supported {
		return expansion{}
	}
	var out []time.Time
	p := 0
	if r.count == 0 {
		p = r.skipPeriods(start, wallUTC(from.In(z.at(start).Location())))
	}
	n := 0 // occurrences counted so far, for COUNT
	toWall := wallUTC(to.In(z.at(start).Location())).AddDate(0, 0, 1)
	for ; ; p++ {
		cands := r.period(start, p)
		*budget -= len(cands) + 1
		if *budget < 0 {
			return expansion{}
		}
		if p > 100000 {
			return expansion{}
		}
		for _, c := range cands {
			if c.Before(start) {
				continue
			}
			n++
			if r.count > 0 && n > r.count {
				return expansion{starts: out, ok: true}
			}
			inst := z.at(c)
			_, off := inst.Zone()
			if !r.withinUntil(c, off) || inst.After(to) {
				return expansion{starts: out, ok: true}
			}
			if excluded[inst.Unix()] || !inst.Add(dur).After(from) {
				continue
			}
			out = append(out, c)
			if len(out) == MaxOccurrences {
				return expansion{starts: out, ok: true}
			}
		}
		if len(cands) == 0 && r.periodStart(start, p+1).After(toWall) {
			return expansion{starts: out, ok: true}
		}
	}
}

// periodStart returns a wall clock no later than any candidate of period
// p, to stop at periods that select nothing.
func (r *rrule) periodStart(start time.Time, p int) time.Time {
	switch r.freq {
	case "DAILY":
		return start.AddDate(0, 0, p*r.interval)
	case "WEEKLY":
		return start.AddDate(0, 0, 7*p*r.interval-7)
	case "MONTHLY":
		return time.Date(start.Year(), start.Month()+time.Month(p*r.interval), 1, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(start.Year()+p*r.interval, 1, 1, 0, 0, 0, 0, time.UTC)
}
