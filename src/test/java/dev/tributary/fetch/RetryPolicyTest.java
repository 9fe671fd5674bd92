package dev.tributary.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.config.RetryConfig;
import java.time.Duration;
import java.time.Instant;
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

  @ParameterizedTest
  @CsvSource({"1, 1000", "2, 2000", "3, 4000", "4, 8000", "5, 16000", "6, 30000", "7, 30000"})
  void doublesTheBackoffAfterEachAttemptUpToMaxBackoff(int attempt, long expectedMillis) {
    assertThat(policy.delayAfter(attempt, null)).isEqualTo(Duration.ofMillis(expectedMillis));
  }

  @ParameterizedTest
  @ValueSource(ints = {30, 31, 32, 33, 62, 63, 64, 65, 1000, Integer.MAX_VALUE})
  void hugeAttemptNumbersWaitMaxBackoffRatherThanOverflowing(int attempt) {
    assertThat(policy.delayAfter(attempt, null)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void hugeAttemptNumbersDoNotOverflowWithAMillisecondBackoffEither() {
    RetryPolicy fine =
        new RetryPolicy(new RetryConfig(3, Duration.ofMillis(1), Duration.ofMinutes(5)));

    assertThat(fine.delayAfter(40, null)).isEqualTo(Duration.ofMinutes(5));
    assertThat(fine.delayAfter(64, null)).isEqualTo(Duration.ofMinutes(5));
    assertThat(fine.delayAfter(Integer.MAX_VALUE, null)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void waitsForRetryAfterWhenTheServerAsksForLonger() {
    assertThat(policy.delayAfter(1, Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
    assertThat(policy.delayAfter(2, Duration.ofMillis(2500))).isEqualTo(Duration.ofMillis(2500));
  }

  @Test
  void keepsTheExponentialDelayWhenRetryAfterIsShorter() {
    assertThat(policy.delayAfter(3, Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(4));
    assertThat(policy.delayAfter(2, Duration.ZERO)).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void capsRetryAfterAtMaxBackoff() {
    assertThat(policy.delayAfter(1, Duration.ofMinutes(10))).isEqualTo(Duration.ofSeconds(30));
    assertThat(policy.delayAfter(1, Duration.ofSeconds(31))).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void computesTheDelayFromTheAttemptAloneSoRepeatedCallsAgree() {
    Duration first = policy.delayAfter(3, null);
    policy.delayAfter(5, Duration.ofSeconds(20));
    policy.delayAfter(1, null);

    assertThat(policy.delayAfter(3, null)).isEqualTo(first).isEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void worstCaseIsEveryAttemptTimingOutWithMaxBackoffBetweenThem() {
    // 3 × 10s of attempts + 2 × 30s of waits
    assertThat(policy.worstCase(Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void worstCaseOfASingleAttemptIsItsTimeout() {
    RetryPolicy once =
        new RetryPolicy(new RetryConfig(1, Duration.ofSeconds(1), Duration.ofSeconds(30)));

    assertThat(once.worstCase(Duration.ofMillis(2500))).isEqualTo(Duration.ofMillis(2500));
  }

  @Test
  void capsAnAbsurdRetryAfterFromTheServerAtMaxBackoff() {
    // 'Retry-After: 9223372036854775807' fits a long, so RetryAfter.parse accepts it.
    Duration asked = RetryAfter.parse("9223372036854775807", Instant.parse("2026-11-07T12:00:00Z"));

    assertThat(policy.delayAfter(1, asked)).isEqualTo(Duration.ofSeconds(30));
    assertThat(policy.delayAfter(1, Duration.ofSeconds(10_000_000_000_000_000L)))
        .isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void keepsDoublingPastTwoToTheThirtyTimesBackoffUntilMaxBackoff() {
    // backoff 1ms, maxBackoff 720h (a valid job file): 2^31 ms is about 24.9 days, under the cap.
    RetryPolicy slow =
        new RetryPolicy(new RetryConfig(40, Duration.ofMillis(1), Duration.ofHours(720)));

    assertThat(slow.delayAfter(32, null)).isEqualTo(Duration.ofMillis(1L << 31));
    assertThat(slow.delayAfter(33, null)).isEqualTo(Duration.ofHours(720));
  }
}
