package dev.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.job.JobOutput;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A polling job run through {@code bin/tributary}, stopped in the middle (kill -9 of its process
 * group, or SIGTERM) and run again with the same command: it resumes and ends with the output of a
 * run that was never stopped.
 */
class ContinuousRunIT {
  private static final Duration CHECKPOINT_DEADLINE = Duration.ofSeconds(90);
  private static final int ROUNDS = 3;
  private static final int ENDPOINTS = 200;

  @TempDir Path dir;
  private Path job;

  @BeforeEach
  void writeJob() throws IOException {
    int port = freePort();
    // Rounds of ~2 s (200 endpoints, 8 at a time, 40–120 ms each) and a second or two of the host
    // cooling down after a throttled answer (Retry-After: 1), checkpoints every 300 ms: a run is
    // caught with checkpoints behind it and rounds ahead of it.
    job =
        Files.writeString(
            dir.resolve("polled.yaml"),
            String.join(
                "\n",
                "name: polled",
                "source:",
                "  range: {count: "
                    + ENDPOINTS
                    + ", url: \"http://127.0.0.1:"
                    + port
                    + "/api/ep{i}\"}",
                "  poll: {every: 1s, times: " + ROUNDS + "}",
                "http: {concurrency: 8, timeout: 2s, retry: {backoff: 50ms},"
                    + " attemptHeader: X-Tributary-Attempt}",
                "response: {records: \"\"}",
                "checkpoint: {every: 300ms}",
                "output: {path: out}",
                "demo: {port: "
                    + port
                    + ", latency: 40ms..120ms, seed: 5,"
                    + " faults: {notFound: 0.02, throttle: 0.01, malformed: 0.01}}",
                ""));
  }

  @Test
  void aRunKilledWithKill9ResumesFromItsCheckpointAndEndsAsIfNeverStopped() throws Exception {
    Map<String, Object> uninterrupted = runToTheEnd("reference");

    Launcher.Started first = Launcher.startInOwnGroup(dir, "run", job.toString());
    awaitACheckpointWithWorkDone(first);
    first.signalGroup("KILL");
    first.process().waitFor();

    Launcher.Run second = Launcher.run(dir, "run", job.toString());

    assertThat(second.exitCode()).as(second.err()).isEqualTo(0);
    assertThat(second.out()).contains("tributary: resuming from checkpoint ");
    assertThat(outcome(dir.resolve("out"))).isEqualTo(uninterrupted);
    assertThat(dir.resolve("out/.tributary/checkpoints")).doesNotExist();
  }

  @Test
  void sigtermStopsTheRunWithASavepointThatTheNextRunResumesFrom() throws Exception {
    Map<String, Object> uninterrupted = runToTheEnd("reference");

    Launcher.Started first = Launcher.startInOwnGroup(dir, "run", job.toString());
    awaitACheckpointWithWorkDone(first);
    first.signal("TERM");
    Launcher.Run stopped = first.finish(Launcher.DEADLINE);

    assertThat(stopped.exitCode()).isEqualTo(143);
    assertThat(stopped.err()).contains("tributary: stopped with savepoint ");
    Launcher.Run second = Launcher.run(dir, "run", job.toString());
    assertThat(second.exitCode()).as(second.err()).isEqualTo(0);
    assertThat(second.out()).contains("tributary: resuming from savepoint ");
    assertThat(outcome(dir.resolve("out"))).isEqualTo(uninterrupted);
  }

  @Test
  void freshStartsOverAndSaysWhatItDiscards() throws Exception {
    Map<String, Object> uninterrupted = runToTheEnd("reference");

    Launcher.Started first = Launcher.startInOwnGroup(dir, "run", job.toString());
    awaitACheckpointWithWorkDone(first);
    first.signalGroup("KILL");
    first.process().waitFor();

    Launcher.Run fresh = Launcher.run(dir, "run", job.toString(), "--fresh");

    assertThat(fresh.exitCode()).as(fresh.err()).isEqualTo(0);
    assertThat(fresh.out())
        .contains("tributary: --fresh: starting over, discarding checkpoint ")
        .contains(", discarding the output in out/");
    assertThat(fresh.out()).doesNotContain("resuming");
    assertThat(outcome(dir.resolve("out"))).isEqualTo(uninterrupted);
  }

  /** A run of the job into {@code output} that nothing interrupts; what it wrote. */
  private Map<String, Object> runToTheEnd(String output) throws Exception {
    Launcher.Run run = Launcher.run(dir, "run", job.toString(), "--set", "output.path=" + output);
    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    return outcome(dir.resolve(output));
  }

  /** Waits until the run has completed a checkpoint after it fetched something. */
  private void awaitACheckpointWithWorkDone(Launcher.Started run) throws Exception {
    Path summary = dir.resolve("out/summary.json");
    run.await(
        "a checkpoint after the first endpoints",
        CHECKPOINT_DEADLINE,
        () -> {
          if (!Files.exists(summary)) return false;
          try {
            JsonNode counts = new JobOutput(dir.resolve("out")).summary();
            return counts.path("endpoints").asLong() > ENDPOINTS / 2
                && counts.has("as_of_checkpoint");
          } catch (RuntimeException e) {
            return false; // written as we read it
          }
        });
  }

  /**
   * What a user checks of a run's output: the current total of each date, every record and dead
   * letter (as a sorted list: each exactly as often as written), and the summary's counts. Times
   * differ from run to run and are left out.
   */
  private static Map<String, Object> outcome(Path out) {
    JobOutput output = new JobOutput(out);
    Map<String, Object> outcome = new TreeMap<>();
    outcome.put("daily", output.currentDailyTotals());
    outcome.put("records", sortedWithout(output.records()));
    outcome.put("dead-letter", sortedWithout(output.deadLetters(), "time", "polled_at"));
    JsonNode summary = output.summary();
    for (String key :
        List.of(
            "endpoints",
            "success",
            "failed",
            "retried",
            "records_in",
            "records_kept",
            "records_dropped",
            "round")) {
      outcome.put("summary." + key, summary.path(key).asLong());
    }
    return outcome;
  }

  private static List<String> sortedWithout(List<JsonNode> lines, String... fields) {
    List<String> kept = new ArrayList<>();
    for (JsonNode line : lines) {
      ObjectNode copy = ((ObjectNode) line).deepCopy();
      copy.remove(List.of(fields));
      kept.add(copy.toString());
    }
    kept.sort(null);
    return kept;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
