package dev.tributary.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.demo.LoopbackHttpServer;
import dev.tributary.demo.LoopbackHttpServer.Reply;
import dev.tributary.job.JobOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's "On a cluster" instructions for a continuous job, followed with Flink's own client
 * on a standalone cluster of separate JVMs (one JobManager, two TaskManagers of one slot): a
 * polling job submitted with {@code flink run -d}, stopped in the middle with {@code flink stop
 * --savepointPath} (or cancelled with {@code flink cancel}) and resumed with {@code flink run -s},
 * ends with the output of one uninterrupted run. A Failsafe test: it submits the jar {@code
 * package} built. Everything is kept in {@code target/cluster-resume-it/} for a look after a
 * failure.
 */
class ClusterResumeIT {
  private static final int ENDPOINTS = 100;

  /**
   * Rounds: enough that the job is still polling when {@code flink stop} or {@code flink cancel}
   * reaches it after the first round and checkpoint. The client is a JVM of its own, ~5 s from its
   * start to the savepoint's trigger on 2 busy cores; the stop came after round 10 of 15, the
   * cancel in round 5 to 6.
   */
  private static final int TIMES = 15;

  private static final int CONCURRENCY = 8;

  /**
   * A round takes {@code ENDPOINTS / CONCURRENCY × ANSWER_DELAY} = 1.25 s, longer than the 1 s
   * between rounds: the rounds run back to back, so a stop always finds requests in flight.
   */
  private static final Duration ANSWER_DELAY = Duration.ofMillis(100);

  private static final int PARALLELISM = 2;
  private static final Duration DEADLINE = Duration.ofSeconds(180);

  /** What {@code flink run -d} prints once the job is submitted. */
  private static final Pattern SUBMITTED_JOB = Pattern.compile("JobID ([0-9a-f]{32})");

  /** What {@code flink stop} prints once the savepoint is taken and the job stopped. */
  private static final Pattern SAVEPOINT_PATH =
      Pattern.compile("Savepoint completed\\. Path: (\\S+)");

  /** Each endpoint's answer, the same every round: two records of two dates. */
  private static final String BODY =
      "[{\"n\": 1, \"date\": \"2026-11-01\", \"amount\": \"1.10\"},"
          + " {\"n\": 2, \"date\": \"2026-11-02\", \"amount\": 2.25}]";

  private static final int RECORDS_PER_ENDPOINT = 2;

  private static Path dir;
  private static StandaloneCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    dir = Path.of("target", "cluster-resume-it").toAbsolutePath();
    StandaloneCluster.deleteRecursively(dir);
    Files.createDirectories(dir);
    assertThat(ProjectPom.jobJar()).as("the job jar `mvn package` builds").exists();
    cluster = StandaloneCluster.start(dir.resolve("cluster"), 2);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) cluster.close();
  }

  @Test
  void stoppedWithASavepointAndResumedFromItEachEndpointIsFetchedTimesTimesAndWrittenOnce()
      throws Exception {
    try (LoopbackHttpServer server = startServer()) {
      Path jobFile = jobFile("savepoint", server);
      Path out = dir.resolve("out-savepoint");

      String first = submit(jobFile);
      awaitCheckpointAfterFirstRound(first, server);
      FlinkCli.Result stopped =
          flink("stop", "--savepointPath", dir.resolve("savepoints").toString(), first);
      assertThat(stopped.exitCode()).as(stopped.output()).isZero();
      Matcher savepoint = SAVEPOINT_PATH.matcher(stopped.output());
      assertThat(savepoint.find()).as("the savepoint's path in:%n%s", stopped.output()).isTrue();
      assertThat(cluster.rest().awaitJobEnd(first, DEADLINE)).isEqualTo("FINISHED");
      Map<String, Integer> beforeStop = requestsPerEndpoint(server);
      long requestsBeforeStop = server.requests();
      assertThat(requestsBeforeStop)
          .as("requests before the stop: it came in the middle (raise TIMES on a slower machine)")
          .isLessThan((long) TIMES * ENDPOINTS);

      String second = submit(jobFile, "-s", savepoint.group(1));
      assertFinished(second);

      Map<String, Integer> requests = requestsPerEndpoint(server);
      // Stop-with-savepoint (without --drain) does not wait for the endpoints the fetch stage
      // holds: the async operator keeps them in the savepoint and the resumed job sends them
      // again; and until the stopped job's tasks end, its fetch stage goes on sending the ones it
      // held waiting. So an endpoint is requested TIMES times, or once more when the fetch stage
      // held it at the savepoint: all of those in the stopped job's last round or the next.
      Map<String, Integer> requestedAgain = new TreeMap<>(requests);
      requestedAgain.values().removeIf(n -> n == TIMES);
      int lastRoundBeforeStop = Collections.max(beforeStop.values());
      System.out.printf(
          "ClusterResumeIT: %d requests before the savepoint (%s), %d after; held at the"
              + " savepoint and requested again: %s%n",
          requestsBeforeStop,
          savepoint.group(1),
          server.requests() - requestsBeforeStop,
          requestedAgain.keySet());
      SoftAssertions softly = new SoftAssertions();
      softly.assertThat(requests).as("requests per endpoint across both jobs").hasSize(ENDPOINTS);
      softly
          .assertThat(requestedAgain)
          .as(
              "endpoints not requested exactly %d times (requests before the stop: %s)",
              TIMES, beforeStop)
          .allSatisfy(
              (path, n) -> {
                assertThat(n).as("requests of %s", path).isEqualTo(TIMES + 1);
                assertThat(beforeStop.get(path))
                    .as("requests of %s before the stop: it was in the last round", path)
                    .isBetween(lastRoundBeforeStop - 1, lastRoundBeforeStop);
              });
      assertOutputOfOneUninterruptedRun(softly, out);
      softly.assertAll();
    }
  }

  @Test
  void cancelledAndResumedFromItsLastCheckpointEachRecordIsWrittenOnce() throws Exception {
    try (LoopbackHttpServer server = startServer()) {
      Path jobFile = jobFile("checkpoint", server);
      Path out = dir.resolve("out-checkpoint");

      String first = submit(jobFile);
      awaitCheckpointAfterFirstRound(first, server);
      FlinkCli.Result cancelled = flink("cancel", first);
      assertThat(cancelled.exitCode()).as(cancelled.output()).isZero();
      assertThat(cluster.rest().awaitJobEnd(first, DEADLINE)).isEqualTo("CANCELED");
      long requestsBeforeCancel = server.requests();
      assertThat(requestsBeforeCancel)
          .as("requests before the cancel: it came in the middle (raise TIMES on a slower machine)")
          .isLessThan((long) TIMES * ENDPOINTS);
      Path checkpoint = latestCheckpoint(out.resolve(".tributary/checkpoints").resolve(first));

      String second = submit(jobFile, "-s", checkpoint.toString());
      assertFinished(second);

      System.out.printf(
          "ClusterResumeIT: %d requests before the cancel (%s), %d after%n",
          requestsBeforeCancel, checkpoint, server.requests() - requestsBeforeCancel);
      SoftAssertions softly = new SoftAssertions();
      // Requests after the checkpoint were made again by the resumed job: at least TIMES each.
      softly
          .assertThat(requestsPerEndpoint(server))
          .as("requests per endpoint across both jobs")
          .hasSize(ENDPOINTS)
          .allSatisfy((path, n) -> assertThat(n).as(path).isGreaterThanOrEqualTo(TIMES));
      assertOutputOfOneUninterruptedRun(softly, out);
      softly.assertAll();
    }
  }

  /**
   * What a user checks after the resumed job ended: every record of every round written once, the
   * latest daily line of each date its total over all rounds, the summary's counts of all rounds.
   */
  private static void assertOutputOfOneUninterruptedRun(SoftAssertions softly, Path out) {
    // The stopped job's hidden in-progress part files stay behind, never committed.
    JobOutput output = JobOutput.afterRestarts(out);
    Map<String, Integer> timesWritten = new TreeMap<>();
    for (JsonNode record : output.records()) {
      timesWritten.merge(
          record.get("source").asText() + "/" + record.get("n").asText(), 1, Integer::sum);
    }
    softly
        .assertThat(output.records())
        .as("lines in records/")
        .hasSize(TIMES * ENDPOINTS * RECORDS_PER_ENDPOINT);
    softly
        .assertThat(timesWritten)
        .as("times each record was written")
        .hasSize(ENDPOINTS * RECORDS_PER_ENDPOINT)
        .allSatisfy((record, n) -> assertThat(n).as(record).isEqualTo(TIMES));
    softly
        .assertThat(output.currentDailyTotals())
        .as("the latest daily line of each date")
        .isEqualTo(
            Map.of(
                "2026-11-01",
                JobOutput.total("1.10", TIMES * ENDPOINTS),
                "2026-11-02",
                JobOutput.total("2.25", TIMES * ENDPOINTS)));
    JsonNode summary = output.summary();
    softly
        .assertThat(summary.path("endpoints").asInt())
        .as("summary endpoints")
        .isEqualTo(TIMES * ENDPOINTS);
    softly.assertThat(summary.path("failed").asInt()).as("summary failed").isZero();
    softly.assertThat(summary.path("round").asInt()).as("summary round").isEqualTo(TIMES);
  }

  private static LoopbackHttpServer startServer() {
    return LoopbackHttpServer.start(0, request -> Reply.json(200, BODY).after(ANSWER_DELAY))
        .recordPaths(true);
  }

  private static Path jobFile(String name, LoopbackHttpServer server) throws IOException {
    return Files.writeString(
        dir.resolve(name + ".yaml"),
        String.join(
            "\n",
            "name: cluster-resume-" + name,
            "source:",
            "  range: {count: "
                + ENDPOINTS
                + ", name: \"ep{i}\", url: \""
                + server.baseUrl()
                + "/api/ep{i}\"}",
            "  poll: {every: 1s, times: " + TIMES + "}",
            "http: {concurrency: " + CONCURRENCY + ", timeout: 5s}",
            "checkpoint: {every: 500ms}",
            "output: {path: " + dir.resolve("out-" + name) + "}",
            ""));
  }

  /** {@code flink run -d -p 2 [options] <job jar> run <job file>}: the new job's id. */
  private static String submit(Path jobFile, String... options) throws Exception {
    List<String> args = new ArrayList<>(List.of("run", "-d", "-p", "" + PARALLELISM));
    args.addAll(List.of(options));
    args.addAll(List.of(ProjectPom.jobJar().toString(), "run", jobFile.toString()));
    FlinkCli.Result submitted = flink(args.toArray(String[]::new));
    assertThat(submitted.exitCode()).as(submitted.output()).isZero();
    Matcher jobId = SUBMITTED_JOB.matcher(submitted.output());
    assertThat(jobId.find()).as(submitted.output()).isTrue();
    return jobId.group(1);
  }

  private static FlinkCli.Result flink(String... args) throws Exception {
    return FlinkCli.run(cluster.dir().resolve("conf"), dir, DEADLINE, args);
  }

  /** Waits until the job completed a checkpoint and the server saw at least one round. */
  private static void awaitCheckpointAfterFirstRound(String jobId, LoopbackHttpServer server)
      throws Exception {
    Instant deadline = Instant.now().plus(DEADLINE);
    while (cluster.rest().completedCheckpoints(jobId) < 1 || server.requests() < ENDPOINTS) {
      String state = cluster.rest().job(jobId).path("state").asText();
      if (!List.of("INITIALIZING", "CREATED", "RUNNING").contains(state)) {
        fail("job %s is %s before its first checkpoint: %s", jobId, state, rootException(jobId));
      }
      if (Instant.now().isAfter(deadline)) {
        fail("job %s made no checkpoint after a round within %s", jobId, DEADLINE);
      }
      Thread.sleep(50);
    }
  }

  private static void assertFinished(String jobId) throws Exception {
    assertThat(cluster.rest().awaitJobEnd(jobId, DEADLINE))
        .as("the resumed job's state; root exception: %s", rootException(jobId))
        .isEqualTo("FINISHED");
  }

  private static String rootException(String jobId) {
    try {
      return cluster.rest().rootException(jobId);
    } catch (Exception e) {
      return "(unavailable: " + e + ")";
    }
  }

  /** {@code /api/ep{i}} → requests the server received for it. */
  private static Map<String, Integer> requestsPerEndpoint(LoopbackHttpServer server) {
    Map<String, Integer> requests = new TreeMap<>();
    for (int i = 0; i < ENDPOINTS; i++) {
      String path = "/api/ep" + i;
      requests.put(path, server.requestsFor(path));
    }
    return requests;
  }

  /** The retained checkpoint with the highest number: {@code chk-N} holding a {@code _metadata}. */
  private static Path latestCheckpoint(Path jobCheckpoints) throws IOException {
    try (Stream<Path> folders = Files.list(jobCheckpoints)) {
      return folders
          .filter(p -> p.getFileName().toString().startsWith("chk-"))
          .filter(p -> Files.exists(p.resolve("_metadata")))
          .max(
              Comparator.comparingInt(
                  p -> Integer.parseInt(p.getFileName().toString().substring("chk-".length()))))
          .orElseThrow(() -> new AssertionError("no retained checkpoint in " + jobCheckpoints));
    }
  }
}
