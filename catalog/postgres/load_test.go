package postgres_test

import (
	"cmp"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog/catalogtest"
	"github.com/ewsi/hub/catalog/postgres"
)

var (
	loadDocs = flag.Int("load.docs", 0, "documents BenchmarkLoad upserts; 0 skips it")
	loadSQL  = flag.String("load.sql", "", "statements run on the new catalog before loading, to compare variants")
)

// BenchmarkLoad loads -load.docs synthetic documents as BenchmarkScale
// does (-scale.writers, -scale.batch) and prints, besides the wall-clock
// rate, the CPU time of this process and of the PostgreSQL server (its
// backends, background processes and those that exited), read from
// /proc when the server runs on this machine: on a shared machine those
// say where the time of a load goes better than the wall clock.
func BenchmarkLoad(b *testing.B) {
	if *loadDocs == 0 {
		b.Skip("set -load.docs")
	}
	// Its connections name themselves, so that the CPU of its own
	// backends can be told from that of other clients of the server.
	b.Setenv("PGAPPNAME", fmt.Sprintf("ewsi-load-%d", os.Getpid()))
	for b.Loop() {
		s := openScaleStore(b)
		if *loadSQL != "" {
			if err := postgres.Exec(s, *loadSQL); err != nil {
				b.Fatal(err)
			}
		}
		writers, batch := cmp.Or(*scaleWriters, 4), max(*scaleBatch, 1)
		own0 := backendsCPU(b, s)
		server0, cpu0, start := serverCPU(), catalogtest.CPUTime(), time.Now()
		if err := catalogtest.LoadSynthetic(b.Context(), s, *loadDocs, writers, batch); err != nil {
			b.Fatal(err)
		}
		took, cpu, server := time.Since(start), catalogtest.CPUTime()-cpu0, serverCPU()-server0
		own := backendsCPU(b, s) - own0
		n := float64(*loadDocs)
		fmt.Printf("load %d: %v wall, %.0f docs/s (%d writers, batches of %d); CPU: this process %v (%.0f docs/s), server %v (%.0f docs/s), both %.0f docs per CPU-second\n",
			*loadDocs, took.Round(time.Millisecond), n/took.Seconds(), writers, batch,
			cpu.Round(time.Millisecond), n/cpu.Seconds(), server.Round(time.Millisecond), n/server.Seconds(), n/(cpu+server).Seconds())
		analyses, err := postgres.QueryPairs(b.Context(), s, `SELECT analyze_count::text, 'search index ' || pg_size_pretty(pg_relation_size('documents_search'))
			|| ', all of documents ' || pg_size_pretty(pg_total_relation_size('documents'))
			|| ', bands ' || pg_size_pretty(pg_total_relation_size('document_bands'))
			FROM pg_stat_user_tables WHERE relid = 'documents'::regclass`)
		if err != nil {
			b.Fatal(err)
		}
		for runs, sizes := range analyses { // one row
			fmt.Printf("load %d: server CPU of this load's own backends %v (%.0f docs/s), with this process %.0f docs per CPU-second; ANALYZE ran %s times; %s\n",
				*loadDocs, own.Round(time.Millisecond), n/own.Seconds(), n/(cpu+own).Seconds(), runs, sizes)
		}
		b.ReportMetric(n/took.Seconds(), "docs/s")
	}
}

// serverCPU returns the CPU time of the processes named postgres and of
// their children that exited, or 0 when /proc shows none.
func serverCPU() time.Duration {
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	var ticks int64
	for _, p := range stats {
		ticks += statTicks(p, "(postgres)", 14, 15, 16, 17)
	}
	return time.Duration(ticks) * time.Second / 100
}

// backendsCPU returns the CPU time of the server's backends serving s's
// connections (named by PGAPPNAME), which other clients' work on a shared
// server does not count in; background processes are left out.
func backendsCPU(b *testing.B, s *postgres.Store) time.Duration {
	pids, err := postgres.QueryPairs(b.Context(), s, `SELECT pid::text, '' FROM pg_stat_activity
		WHERE application_name = current_setting('application_name')`)
	if err != nil {
		b.Fatal(err)
	}
	var ticks int64
	for pid := range pids {
		ticks += statTicks("/proc/"+pid+"/stat", "", 14, 15)
	}
	return time.Duration(ticks) * time.Second / 100
}

// statTicks sums the given fields of the process status file path (counted
// from 1 with the pid, as proc(5) does: utime 14, stime 15, cutime 16,
// cstime 17), in clock ticks; 0 when the file is gone or does not hold
// want.
func statTicks(path, want string, fields ...int) int64 {
	raw, err := os.ReadFile(path)
	end := strings.LastIndexByte(string(raw), ')')
	if err != nil || end < 0 || !strings.Contains(string(raw), want) {
		return 0
	}
	// The fields after the command, which may hold spaces: state is 3.
	f := strings.Fields(string(raw)[end+1:])
	var ticks int64
	for _, i := range fields {
		if i-3 < len(f) {
			v, _ := strconv.ParseInt(f[i-3], 10, 64)
			ticks += v
		}
	}
	return ticks
}
