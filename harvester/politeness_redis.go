package harvester

import (
	"context"
	"crypto/rand"
	"fmt"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
)

// RedisLimiter is the Limiter shared by every worker on every machine,
// kept in Redis. Per host it holds two keys: a lock, set while a request
// is in flight and expiring by itself if its holder dies, and the earliest
// time of the next request (minimum delay and pauses). Every decision is
// one Lua script, so two workers never both take a host's turn.
type RedisLimiter struct {
	rdb     redis.UniversalClient
	delay   time.Duration
	lockTTL time.Duration
	now     func() time.Time
}

// NewRedisLimiter returns a limiter on rdb spacing requests to one host by
// at least delay (DefaultHostDelay when <= 0). lockTTL bounds how long a
// host stays locked by a worker that died mid-request; it should exceed
// the fetch timeout.
func NewRedisLimiter(rdb redis.UniversalClient, delay, lockTTL time.Duration) *RedisLimiter {
	if delay <= 0 {
		delay = DefaultHostDelay
	}
	if lockTTL <= 0 {
		lockTTL = 2 * time.Minute
	}
	return &RedisLimiter{rdb: rdb, delay: delay, lockTTL: lockTTL, now: time.Now}
}

// hostKeys are the lock, next-time and own-delay keys of host; the braces
// keep them in one Redis Cluster slot.
func hostKeys(host string) []string {
	return []string{"ewsi:host:{" + host + "}:lock", "ewsi:host:{" + host + "}:next",
		"ewsi:host:{" + host + "}:delay"}
}

// ownDelayTTL is how long a host's own delay is kept without being set
// again: the crawler sets it on each robots.txt fetch.
const ownDelayTTL = 7 * 24 * time.Hour

// acquireScript returns 0 when the caller took the host, else how many
// milliseconds to wait.
var acquireScript = redis.NewScript(`
local now = tonumber(ARGV[1])
local nxt = tonumber(redis.call("GET", KEYS[2]) or "0")
if nxt > now then return nxt - now end
if redis.call("SET", KEYS[1], ARGV[2], "NX", "PX", ARGV[3]) then return 0 end
return tonumber(ARGV[4])`)

// hostReleaseScript frees the lock if the caller still holds it and sets
// the next time to now + the delay (the longer of ARGV[3] and the host's
// own, capped at ARGV[4]) unless a later one (a pause) is set.
var hostReleaseScript = redis.NewScript(`
local now = tonumber(ARGV[1])
local delay = tonumber(ARGV[3])
local own = tonumber(redis.call("GET", KEYS[3]) or "0")
if own > delay then delay = math.min(own, tonumber(ARGV[4])) end
local want = now + delay
local nxt = tonumber(redis.call("GET", KEYS[2]) or "0")
if want > nxt then redis.call("SET", KEYS[2], want, "PX", want - now + 60000) end
if redis.call("GET", KEYS[1]) == ARGV[2] then redis.call("DEL", KEYS[1]) end
return 0`)

// pauseScript moves the next time to ARGV[2] unless a later one is set.
var pauseScript = redis.NewScript(`
local now = tonumber(ARGV[1])
local want = tonumber(ARGV[2])
local nxt = tonumber(redis.call("GET", KEYS[2]) or "0")
if want > nxt then redis.call("SET", KEYS[2], want, "PX", want - now + 60000) end
return 0`)

// Acquire implements Limiter. Redis failures are returned as they are.
func (l *RedisLimiter) Acquire(ctx context.Context, host string) (func(), error) {
	token := rand.Text()
	wait, err := acquireScript.Run(ctx, l.rdb, hostKeys(host), l.now().UnixMilli(), token,
		l.lockTTL.Milliseconds(), busyRetry.Milliseconds()).Int64()
	if err != nil {
		return nil, fmt.Errorf("politeness lock of %s: %w", host, err)
	}
	if wait > 0 {
		return nil, &HostBusyError{Host: host, Wait: time.Duration(wait) * time.Millisecond}
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			// The request is over whatever happened to its context.
			rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			defer cancel()
			// A failed release leaves the lock to expire by itself.
			hostReleaseScript.Run(rctx, l.rdb, hostKeys(host), l.now().UnixMilli(), token,
				l.delay.Milliseconds(), MaxCrawlDelay.Milliseconds())
		})
	}, nil
}

// Pause implements Limiter. Redis failures are returned as they are.
func (l *RedisLimiter) Pause(ctx context.Context, host string, until time.Time) error {
	err := pauseScript.Run(ctx, l.rdb, hostKeys(host), l.now().UnixMilli(), until.UnixMilli()).Err()
	if err != nil {
		return fmt.Errorf("pause %s: %w", host, err)
	}
	return nil
}

// SetDelay implements Limiter. Redis failures are returned as they are.
func (l *RedisLimiter) SetDelay(ctx context.Context, host string, d time.Duration) error {
	k := hostKeys(host)[2]
	var err error
	if d <= 0 {
		err = l.rdb.Del(ctx, k).Err()
	} else {
		err = l.rdb.Set(ctx, k, d.Milliseconds(), ownDelayTTL).Err()
	}
	if err != nil {
		return fmt.Errorf("set delay of %s: %w", host, err)
	}
	return nil
}
