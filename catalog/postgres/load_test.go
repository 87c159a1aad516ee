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
	for b.Loop() {
		s := openScaleStore(b)
		if *loadSQL != "" {
			if err := postgres.Exec(s, *loadSQL); err != nil {
				b.Fatal(err)
			}
		}
		writers, batch := cmp.Or(*scaleWriters, 4), max(*scaleBatch, 1)
		server0, cpu0, start := serverCPU(), catalogtest.CPUTime(), time.Now()
		if err := catalogtest.LoadSynthetic(b.Context(), s, *loadDocs, writers, batch); err != nil {
			b.Fatal(err)
		}
		took, cpu, server := time.Since(start), catalogtest.CPUTime()-cpu0, serverCPU()-server0
		n := float64(*loadDocs)
		fmt.Printf("load %d: %v wall, %.0f docs/s (%d writers, batches of %d); CPU: this process %v (%.0f docs/s), server %v (%.0f docs/s), both %.0f docs per CPU-second\n",
			*loadDocs, took.Round(time.Millisecond), n/took.Seconds(), writers, batch,
			cpu.Round(time.Millisecond), n/cpu.Seconds(), server.Round(time.Millisecond), n/server.Seconds(), n/(cpu+server).Seconds())
		b.ReportMetric(n/took.Seconds(), "docs/s")
	}
}

// serverCPU returns the CPU time of the processes named postgres and of
// their children that exited, or 0 when /proc shows none.
func serverCPU() time.Duration {
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	var ticks int64
	for _, p := range stats {
		raw, err := os.ReadFile(p)
		if err != nil || !strings.Contains(string(raw), "(postgres)") {
			continue
		}
		// Fields after the command: state ppid ... utime(14) stime(15)
		// cutime(16) cstime(17), counted from 1 with the pid.
		f := strings.Fields(string(raw)[strings.LastIndexByte(string(raw), ')')+2:])
		for _, i := range []int{14, 15, 16, 17} {
			v, _ := strconv.ParseInt(f[i-3], 10, 64)
			ticks += v
		}
	}
	return time.Duration(ticks) * time.Second / 100
}
