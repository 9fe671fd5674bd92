package dev.tributary.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The bucket behind a host's rate, on readings of a clock the test makes up. */
class TokenBucketTest {
  private static final long T0 = 42_000_000_000L;
  private static final long MS = 1_000_000L;

  @Test
  void startsFullSoABurstGoesAtOnceThenWaitsOneTokenAtTheRate() {
    TokenBucket bucket = new TokenBucket(2.0, 3, T0);
    for (int i = 0; i < 3; i++) {
      assertThat(bucket.nanosUntilToken(T0)).isZero();
      bucket.take(T0);
    }

    assertThat(bucket.nanosUntilToken(T0)).isEqualTo(500 * MS);
    assertThat(bucket.nanosUntilToken(T0 + 400 * MS)).isEqualTo(100 * MS);
    assertThat(bucket.nanosUntilToken(T0 + 500 * MS)).isZero();
  }

  @Test
  void aLongQuietSpellRefillsNoMoreThanTheBurst() {
    TokenBucket bucket = new TokenBucket(10.0, 2, T0);
    bucket.take(T0);
    bucket.take(T0);
    long hourLater = T0 + 3_600_000 * MS;

    bucket.take(hourLater);
    bucket.take(hourLater);

    assertThat(bucket.nanosUntilToken(hourLater)).isEqualTo(100 * MS);
  }

  @Test
  void theWaitIsNeverZeroWhileLessThanATokenIsLeft() {
    TokenBucket bucket = new TokenBucket(1.0, 1, T0);
    bucket.take(T0);

    assertThat(bucket.nanosUntilToken(T0 + 1_000 * MS - 1)).isEqualTo(1);
  }

  @Test
  void isFullOnlyOnceRefilledToTheBurst() {
    TokenBucket bucket = new TokenBucket(4.0, 2, T0);
    assertThat(bucket.full(T0)).isTrue();
    bucket.take(T0);

    assertThat(bucket.full(T0 + 249 * MS)).isFalse();
    assertThat(bucket.full(T0 + 250 * MS)).isTrue();
  }

  @Test
  void aClockReadingEarlierThanTheLastAddsNoTokens() {
    TokenBucket bucket = new TokenBucket(1.0, 1, T0);
    bucket.take(T0);

    assertThat(bucket.nanosUntilToken(T0 - 5_000 * MS)).isPositive();
    assertThat(bucket.nanosUntilToken(T0)).isEqualTo(1_000 * MS);
  }
}
