package dev.tributary.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.config.RetryConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryPolicyTest {

  /** 3 attempts, 1s backoff doubling up to 30s: the job file's defaults. */
  private final RetryPolicy policy =
      new RetryPolicy(new RetryConfig(3, Duration.ofSeconds(1), Duration.ofSeconds(30)));

  @Test
  void allowsAttemptsUpToMaxAttemptsAndNoMore() {
    assertThat(policy.hasAttemptsLeft(0)).isTrue();
    assertThat(policy.hasAttemptsLeft(1)).isTrue();
    assertThat(policy.hasAttemptsLeft(2)).isTrue();
    assertThat(policy.hasAttemptsLeft(3)).isFalse();
    assertThat(policy.hasAttemptsLeft(4)).isFalse();
  }

  @Test
  void aSingleAttemptPolicyNeverRetries() {
    RetryPolicy once =
        new RetryPolicy(new RetryConfig(1, Duration.ofSeconds(1), Duration.ofSeconds(30)));

    assertThat(once.hasAttemptsLeft(1)).isFalse();
  }

  /** The highest draw a uniform source in [0, 1) can give. */
  private static final double HIGHEST = Math.nextDown(1.0);

  private static RetryPolicy drawing(double draw, RetryConfig config) {
    return new RetryPolicy(config, () -> draw);
  }

  @ParameterizedTest
  @CsvSource({"1, 1000", "2, 2000", "3, 4000", "4, 8000", "5, 16000", "6, 30000", "7, 30000"})
  void theBackoffCapDoublesAfterEachAttemptUpToMaxBackoff(int attempt, long expectedMillis) {
    assertThat(policy.backoffCapAfter(attempt)).isEqualTo(Duration.ofMillis(expectedMillis));
  }

  @ParameterizedTest
  @CsvSource({"1, 1000", "2, 2000", "3, 4000", "4, 8000", "5, 16000", "6, 30000", "7, 30000"})
  void theHighestDrawWaitsTheWholeCapAndTheLowestNothing(int attempt, long capMillis) {
    RetryConfig defaults = new RetryConfig(3, Duration.ofSeconds(1), Duration.ofSeconds(30));

    assertThat(drawing(HIGHEST, defaults).delayAfter(attempt, null))
        .isEqualTo(Duration.ofMillis(capMillis));
    assertThat(drawing(0.0, defaults).delayAfter(attempt, null)).isZero();
    assertThat(drawing(0.5, defaults).delayAfter(attempt, null))
        .isEqualTo(Duration.ofMillis((capMillis + 1) / 2));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 40})
  void everyDrawnDelayLiesBetweenZeroAndTheCap(int attempt) {
    SplittableRandom seeded = new SplittableRandom(42);
    RetryPolicy jittered =
        new RetryPolicy(
            new RetryConfig(3, Duration.ofSeconds(1), Duration.ofSeconds(30)), seeded::nextDouble);
    Duration cap = jittered.backoffCapAfter(attempt);

    List<Duration> delays = new ArrayList<>();
    for (int i = 0; i < 1000; i++) delays.add(jittered.delayAfter(attempt, null));

    assertThat(delays).allSatisfy(d -> assertThat(d).isBetween(Duration.ZERO, cap));
    // Spread over the range rather than stuck at one end: full jitter, not a fixed backoff.
    assertThat(delays).anySatisfy(d -> assertThat(d).isLessThan(cap.dividedBy(4)));
    assertThat(delays)
        .anySatisfy(d -> assertThat(d).isGreaterThan(cap.multipliedBy(3).dividedBy(4)));
  }

  @Test
  void aDrawOutsideZeroToOneStaysWithinTheCap() {
    RetryConfig defaults = new RetryConfig(3, Duration.ofSeconds(1), Duration.ofSeconds(30));

    assertThat(drawing(1.0, defaults).delayAfter(2, null)).isEqualTo(Duration.ofSeconds(2));
    assertThat(drawing(-1.0, defaults).delayAfter(2, null)).isZero();
    assertThat(drawing(Double.NaN, defaults).delayAfter(2, null)).isZero();
  }

  @ParameterizedTest
  @ValueSource(ints = {30, 31, 32, 33, 62, 63, 64, 65, 1000, Integer.MAX_VALUE})
  void hugeAttemptNumbersCapAtMaxBackoffRatherThanOverflowing(int attempt) {
    assertThat(policy.backoffCapAfter(attempt)).isEqualTo(Duration.ofSeconds(30));
    assertThat(policy.delayAfter(attempt, null)).isBetween(Duration.ZERO, Duration.ofSeconds(30));
  }

  @Test
  void hugeAttemptNumbersDoNotOverflowWithAMillisecondBackoffEither() {
    RetryPolicy fine =
        new RetryPolicy(new RetryConfig(3, Duration.ofMillis(1), Duration.ofMinutes(5)));

    assertThat(fine.backoffCapAfter(40)).isEqualTo(Duration.ofMinutes(5));
    assertThat(fine.backoffCapAfter(64)).isEqualTo(Duration.ofMinutes(5));
    assertThat(fine.backoffCapAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void waitsExactlyTheRetryAfterAskedForEvenBeyondMaxBackoff() {
    RetryPolicy highest =
        drawing(HIGHEST, new RetryConfig(3, Duration.ofSeconds(1), Duration.ofSeconds(30)));

    assertThat(highest.delayAfter(1, Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
    assertThat(highest.delayAfter(3, Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
    assertThat(highest.delayAfter(2, Duration.ZERO)).isZero();
    assertThat(highest.delayAfter(1, Duration.ofMinutes(4))).isEqualTo(Duration.ofMinutes(4));
  }

  @Test
  void allowsARetryAfterUpToMaxRetryAfterAndNoLonger() {
    RetryPolicy fiveMinutes =
        new RetryPolicy(
            new RetryConfig(
                3, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(5)));

    assertThat(fiveMinutes.allowsRetryAfter(Duration.ofSeconds(1))).isTrue();
    assertThat(fiveMinutes.allowsRetryAfter(Duration.ofMinutes(5))).isTrue();
    assertThat(fiveMinutes.allowsRetryAfter(Duration.ofMinutes(5).plusMillis(1))).isFalse();
    assertThat(fiveMinutes.allowsRetryAfter(Duration.ofHours(1))).isFalse();
  }

  @Test
  void refusesAnAbsurdRetryAfterFromTheServer() {
    // 'Retry-After: 9223372036854775807' fits a long, so RetryAfter.parse accepts it.
    Duration asked = RetryAfter.parse("9223372036854775807", Instant.parse("2026-11-07T12:00:00Z"));

    assertThat(policy.allowsRetryAfter(asked)).isFalse();
  }

  @Test
  void computesTheDelayFromTheAttemptAndTheDrawAloneSoRepeatedCallsAgree() {
    RetryPolicy fixed =
        drawing(0.25, new RetryConfig(3, Duration.ofSeconds(1), Duration.ofSeconds(30)));
    Duration first = fixed.delayAfter(3, null);
    fixed.delayAfter(5, Duration.ofSeconds(20));
    fixed.delayAfter(1, null);

    assertThat(fixed.delayAfter(3, null)).isEqualTo(first).isEqualTo(Duration.ofMillis(1000));
  }

  @Test
  void worstCaseIsEveryAttemptTimingOutWithTheLongestWaitBetweenThem() {
    // 3 × 10s of attempts + 2 × 5m of waits (maxRetryAfter, longer than maxBackoff)
    assertThat(policy.worstCase(Duration.ofSeconds(10)))
        .isEqualTo(Duration.ofSeconds(30).plus(Duration.ofMinutes(10)));
    RetryPolicy shortRetryAfter =
        new RetryPolicy(
            new RetryConfig(
                3, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(5)));
    // 3 × 10s + 2 × 30s (maxBackoff, longer than maxRetryAfter)
    assertThat(shortRetryAfter.worstCase(Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void worstCaseOfASingleAttemptIsItsTimeout() {
    RetryPolicy once =
        new RetryPolicy(new RetryConfig(1, Duration.ofSeconds(1), Duration.ofSeconds(30)));

    assertThat(once.worstCase(Duration.ofMillis(2500))).isEqualTo(Duration.ofMillis(2500));
  }

  @Test
  void keepsDoublingPastTwoToTheThirtyTimesBackoffUntilMaxBackoff() {
    // backoff 1ms, maxBackoff 720h (a valid job file): 2^31 ms is about 24.9 days, under the cap.
    RetryPolicy slow =
        new RetryPolicy(new RetryConfig(40, Duration.ofMillis(1), Duration.ofHours(720)));

    assertThat(slow.backoffCapAfter(32)).isEqualTo(Duration.ofMillis(1L << 31));
    assertThat(slow.backoffCapAfter(33)).isEqualTo(Duration.ofHours(720));
  }
}
