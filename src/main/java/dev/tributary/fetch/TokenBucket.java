package dev.tributary.fetch;

/**
 * At most {@code rate} requests a second, of which up to {@code burst} may go at once after a quiet
 * spell: in any window of t seconds, at most burst + rate × t. Starts full. Not thread-safe: its
 * owner guards it.
 */
final class TokenBucket {
  private static final double NANOS_PER_SECOND = 1e9;

  private final double perNano;
  private final int burst;
  private double tokens;
  private long refilledAt;

  TokenBucket(double rate, int burst, long nowNanos) {
    this.perNano = rate / NANOS_PER_SECOND;
    this.burst = burst;
    this.tokens = burst;
    this.refilledAt = nowNanos;
  }

  /** How long until a request may go: 0 when one may go now. */
  long nanosUntilToken(long nowNanos) {
    refill(nowNanos);
    if (tokens >= 1) return 0;
    return Math.max(1, (long) Math.ceil((1 - tokens) / perNano));
  }

  /** Spends a token; call only when {@link #nanosUntilToken} is 0. */
  void take(long nowNanos) {
    refill(nowNanos);
    tokens -= 1;
  }

  /** Whether the bucket is as it started: forgetting it would allow nothing it does not. */
  boolean full(long nowNanos) {
    refill(nowNanos);
    return tokens >= burst;
  }

  private void refill(long nowNanos) {
    long elapsed = nowNanos - refilledAt;
    if (elapsed <= 0) return;
    tokens = Math.min(burst, tokens + elapsed * perNano);
    refilledAt = nowNanos;
  }
}
