package dev.tributary.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProgressTextTest {
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private static final String NL = System.lineSeparator();

  private static String text(
      ProgressSnapshot progress,
      Optional<Long> total,
      long requestsPerSecond,
      Optional<CheckpointInfo> checkpoint) {
    return ProgressText.of(progress, total, requestsPerSecond, checkpoint, NOW);
  }

  @Test
  void showsDoneOfTheTotalFailedAndTheRateWithThousandsSeparators() {
    String line =
        text(new ProgressSnapshot(12_034, 17, 99_999, 0), Optional.of(50_000L), 2_310, none());

    assertThat(line).isEqualTo("tributary: 12,034/50,000 endpoints, 17 failed, 2,310 requests/s");
  }

  @Test
  void anUnknownTotalShowsOnlyTheEndpointsDone() {
    String line = text(new ProgressSnapshot(1_234_567, 0, 0, 0), Optional.empty(), 0, none());

    assertThat(line).isEqualTo("tributary: 1,234,567 endpoints, 0 failed, 0 requests/s");
  }

  @Test
  void beforeAnyRequestEverythingIsZero() {
    String line = text(ProgressSnapshot.NONE, Optional.of(3L), 0, none());

    assertThat(line).isEqualTo("tributary: 0/3 endpoints, 0 failed, 0 requests/s");
  }

  @Test
  void showsThePollRoundOnceThereIsOne() {
    String line = text(new ProgressSnapshot(10, 1, 12, 3), Optional.of(10L), 5, none());

    assertThat(line).endsWith(", 5 requests/s, round 3");
  }

  @Test
  void showsTheLastCheckpointAndItsAge() {
    Optional<CheckpointInfo> checkpoint =
        Optional.of(new CheckpointInfo(12, NOW.minus(Duration.ofMillis(4_900))));

    String line = text(new ProgressSnapshot(10, 1, 12, 3), Optional.of(10L), 5, checkpoint);

    assertThat(line)
        .isEqualTo(
            "tributary: 10/10 endpoints, 1 failed, 5 requests/s, round 3, checkpoint 12 (4 s"
                + " ago)");
  }

  @Test
  void aCheckpointWithoutRoundsFollowsTheRate() {
    Optional<CheckpointInfo> checkpoint = Optional.of(new CheckpointInfo(2, NOW));

    String line = text(new ProgressSnapshot(1, 0, 1, 0), Optional.empty(), 1, checkpoint);

    assertThat(line)
        .isEqualTo("tributary: 1 endpoints, 0 failed, 1 requests/s, checkpoint 2 (0 s ago)");
  }

  @Test
  void olderCheckpointsAreToldInMinutesThenHours() {
    ProgressSnapshot progress = ProgressSnapshot.NONE;

    assertThat(text(progress, none(), 0, checkpointAgo(Duration.ofSeconds(59))))
        .endsWith("(59 s ago)");
    assertThat(text(progress, none(), 0, checkpointAgo(Duration.ofSeconds(150))))
        .endsWith("(2 min ago)");
    assertThat(text(progress, none(), 0, checkpointAgo(Duration.ofMinutes(125))))
        .endsWith("(2 h ago)");
  }

  @Test
  void aCheckpointStampedAfterNowIsZeroSecondsOld() {
    assertThat(text(ProgressSnapshot.NONE, none(), 0, checkpointAgo(Duration.ofSeconds(-3))))
        .endsWith("(0 s ago)");
  }

  @Test
  void onATerminalTheLineIsRewrittenInPlaceAndEndedOnlyWhenLast() {
    assertThat(ProgressText.printed("tributary: x", true, false))
        .isEqualTo("\rtributary: x" + ProgressText.CLEAR_TO_END);
    assertThat(ProgressText.printed("tributary: x", true, true))
        .isEqualTo("\rtributary: x" + ProgressText.CLEAR_TO_END + NL);
  }

  @Test
  void elsewhereEachLineIsWholeWithoutCarriageReturns() {
    assertThat(ProgressText.printed("tributary: x", false, false)).isEqualTo("tributary: x" + NL);
    assertThat(ProgressText.printed("tributary: x", false, true)).isEqualTo("tributary: x" + NL);
  }

  @Test
  void theRateIsTheRequestsOfTheWindowPerSecond() {
    assertThat(ProgressText.requestsPerSecond(1_000, 5_620, Duration.ofSeconds(2)))
        .isEqualTo(2_310);
    assertThat(ProgressText.requestsPerSecond(7, 7, Duration.ofSeconds(10))).isZero();
    assertThat(ProgressText.requestsPerSecond(0, 1, Duration.ofMillis(250))).isEqualTo(4);
  }

  @Test
  void anEmptyWindowHasNoRate() {
    assertThat(ProgressText.requestsPerSecond(0, 100, Duration.ZERO)).isZero();
  }

  private static Optional<CheckpointInfo> checkpointAgo(Duration age) {
    return Optional.of(new CheckpointInfo(1, NOW.minus(age)));
  }

  private static <T> Optional<T> none() {
    return Optional.empty();
  }
}
