package dev.tributary.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
  private static final Duration INTERVAL = Duration.ofSeconds(10);
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
  private static final String CLEAR = ProgressText.CLEAR_TO_END;

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final AtomicReference<ProgressSnapshot> progress =
      new AtomicReference<>(ProgressSnapshot.NONE);
  private final AtomicLong nanos = new AtomicLong();

  private ProgressLine line(boolean terminal, Duration interval) {
    return new ProgressLine(
        progress::get,
        Optional.of(100L),
        Optional::empty,
        err,
        terminal,
        interval,
        CLOCK,
        nanos::get);
  }

  /** The counts move on and {@code elapsed} passes. */
  private void advance(long done, long requests, Duration elapsed) {
    progress.set(new ProgressSnapshot(done, 0, requests, 0));
    nanos.addAndGet(elapsed.toNanos());
  }

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void pipedPrintsAWholeLineEachIntervalAndTheLastOnClose() {
    ProgressLine line = line(false, INTERVAL);

    advance(10, 20, INTERVAL);
    line.printNext();
    advance(60, 120, INTERVAL);
    line.printNext();
    advance(100, 130, INTERVAL);
    line.close();

    assertThat(printed())
        .doesNotContain("\r")
        .isEqualTo(
            String.format(
                "tributary: 10/100 endpoints, 0 failed, 2 requests/s%n"
                    + "tributary: 60/100 endpoints, 0 failed, 10 requests/s%n"
                    + "tributary: 100/100 endpoints, 0 failed, 1 requests/s%n"));
  }

  @Test
  void onATerminalRewritesOneLineAndEndsItOnClose() {
    ProgressLine line = line(true, INTERVAL);

    advance(10, 20, INTERVAL);
    line.printNext();
    advance(100, 120, INTERVAL);
    line.close();

    assertThat(printed())
        .isEqualTo(
            "\rtributary: 10/100 endpoints, 0 failed, 2 requests/s"
                + CLEAR
                + "\rtributary: 100/100 endpoints, 0 failed, 10 requests/s"
                + CLEAR
                + System.lineSeparator());
  }

  @Test
  void aLastLineMomentsAfterTheOneBeforeKeepsItsRate() {
    ProgressLine line = line(false, INTERVAL);
    advance(50, 500, INTERVAL);
    line.printNext();

    advance(100, 501, Duration.ofMillis(5));
    line.close();

    assertThat(printed().lines())
        .last()
        .isEqualTo("tributary: 100/100 endpoints, 0 failed, 50 requests/s");
  }

  @Test
  void closingTwicePrintsTheLastLineOnceAndNothingFollowsIt() {
    ProgressLine line = line(false, INTERVAL);

    line.close();
    line.printNext();
    line.close();

    assertThat(printed().lines())
        .containsExactly("tributary: 0/100 endpoints, 0 failed, 0 requests/s");
  }

  @Test
  void theCheckpointComesFromTheCallerAtEachLine() {
    AtomicReference<Optional<CheckpointInfo>> checkpoint = new AtomicReference<>(Optional.empty());
    ProgressLine line =
        new ProgressLine(
            progress::get,
            Optional.empty(),
            checkpoint::get,
            err,
            false,
            INTERVAL,
            CLOCK,
            nanos::get);

    line.printNext();
    checkpoint.set(Optional.of(new CheckpointInfo(7, CLOCK.instant().minusSeconds(3))));
    line.close();

    assertThat(printed().lines())
        .containsExactly(
            "tributary: 0 endpoints, 0 failed, 0 requests/s",
            "tributary: 0 endpoints, 0 failed, 0 requests/s, checkpoint 7 (3 s ago)");
  }

  @Test
  void theTimerPrintsALineEachIntervalUntilClosed() throws InterruptedException {
    ProgressLine line =
        new ProgressLine(
            progress::get,
            Optional.of(100L),
            Optional::empty,
            err,
            false,
            Duration.ofMillis(10),
            CLOCK,
            System::nanoTime);
    line.startTimer();

    long deadline = System.nanoTime() + WAIT.toNanos();
    while (printed().lines().count() < 3 && System.nanoTime() < deadline) Thread.sleep(5);
    progress.set(new ProgressSnapshot(100, 0, 100, 0));
    line.close();
    String afterClose = printed();
    Thread.sleep(50); // the timer is stopped: nothing more comes

    assertThat(afterClose.lines().count()).isGreaterThanOrEqualTo(4);
    assertThat(afterClose.lines()).last().asString().startsWith("tributary: 100/100 endpoints");
    assertThat(printed()).isEqualTo(afterClose);
  }
}
