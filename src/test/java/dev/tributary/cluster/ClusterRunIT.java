package dev.tributary.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.config.JobFiles;
import dev.tributary.demo.DemoApi;
import dev.tributary.demo.DemoApiOptions;
import dev.tributary.demo.FaultRates;
import dev.tributary.demo.LoopbackHttpServer;
import dev.tributary.job.JobOutput;
import dev.tributary.job.JobRunner;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shaded job jar submitted through the REST API to a standalone cluster of separate JVMs (one
 * JobManager, two TaskManagers of one slot), as a user submits it, compared with the same job file
 * run on a MiniCluster in this JVM. A Failsafe test: it uploads the jar {@code package} built.
 *
 * <p>The cluster, the demo API and the jar upload are shared by the tests; the good run happens
 * once, on first use, so the broken-job-file test still says something if the good run fails.
 * Everything is kept in {@code target/cluster-it/} for a look after a failure.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterRunIT {
  private static final int ENDPOINTS = 300;
  private static final int CONCURRENCY = 16;
  private static final int PARALLELISM = 2;
  private static final Duration JOB_DEADLINE = Duration.ofSeconds(180);

  /** How long the TaskManagers' logs are watched after the job ended, for late errors. */
  private static final Duration QUIET_AFTER_JOB = Duration.ofSeconds(3);

  /** What {@code flink run -d} prints once the job is submitted. */
  private static final Pattern SUBMITTED_JOB = Pattern.compile("JobID ([0-9a-f]{32})");

  private static final Pattern ERROR_LINE =
      Pattern.compile("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} ERROR ");

  @RegisterExtension
  static final MiniClusterExtension MINI_CLUSTER =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(PARALLELISM)
              .build());

  private static Path dir;
  private static LoopbackHttpServer demoApi;
  private static StandaloneCluster cluster;
  private static String jarId;
  private static String entryClass;
  private static Path jobFile;
  private static Runs runs;
  private static Throwable runsFailure;

  /** The good job file's run on both clusters. */
  private record Runs(
      String jobId, Instant clusterEnd, JobOutput onCluster, JobOutput onMini, int peakInFlight) {}

  @BeforeAll
  static void startClusterAndDemoApi() throws Exception {
    dir = Path.of("target", "cluster-it").toAbsolutePath();
    StandaloneCluster.deleteRecursively(dir);
    Files.createDirectories(dir);
    demoApi =
        DemoApi.start(
            new DemoApiOptions(
                0,
                Duration.ofMillis(20),
                Duration.ofMillis(60),
                11,
                new FaultRates(0.02, 0.03, 0, 0.01, 0.01),
                Duration.ofSeconds(5),
                false));
    jobFile =
        Files.writeString(
            dir.resolve("job.yaml"),
            String.join(
                "\n",
                "name: cluster-run",
                "source:",
                "  range: {count: "
                    + ENDPOINTS
                    + ", name: \"ep{i}\", url: \""
                    + demoApi.baseUrl()
                    + "/api/ep{i}\"}",
                "http:",
                "  concurrency: " + CONCURRENCY,
                "  timeout: 2s",
                "  retry: {maxAttempts: 3, backoff: 10ms, maxBackoff: 100ms}",
                "  attemptHeader: " + LoopbackHttpServer.ATTEMPT_HEADER,
                "output:",
                "  path: " + dir.resolve("out-cluster"),
                ""));

    Path jar = ProjectPom.jobJar();
    assertThat(jar).as("the job jar `mvn package` builds").exists();
    try (JarFile jarFile = new JarFile(jar.toFile())) {
      entryClass = jarFile.getManifest().getMainAttributes().getValue("Main-Class");
      assertThat(jarFile.getEntry("org/asynchttpclient/AsyncHttpClient.class"))
          .as("%s is the shaded jar, with the job's libraries", jar)
          .isNotNull();
    }
    assertThat(entryClass).as("the jar's manifest entry point").isNotBlank();

    Instant starting = Instant.now();
    cluster = StandaloneCluster.start(dir.resolve("cluster"), 2);
    System.out.printf(
        "ClusterRunIT: the cluster answered with 2 TaskManagers after %.1f s%n",
        Duration.between(starting, Instant.now()).toMillis() / 1000.0);
    jarId = cluster.rest().uploadJar(jar);
  }

  @AfterAll
  static void stopAll() {
    if (cluster != null) cluster.close();
    if (demoApi != null) demoApi.close();
  }

  @Test
  @Order(1)
  void aBrokenJobFileFailsWithItsOneLineMessageAndCreatesNoJob() throws Exception {
    Path broken =
        Files.writeString(
            dir.resolve("broken.yaml"),
            "source:\n  range: {count: 3, url: \"http://127.0.0.1:1/x\"}\nhttp:\n  concurency: 5\n");
    Set<String> jobsBefore = cluster.rest().jobIds();

    FlinkRest.Response response =
        cluster.rest().runJar(jarId, entryClass, PARALLELISM, List.of("run", broken.toString()));

    assertThat(response.status()).as(response.toString()).isBetween(400, 599);
    assertThat(response.body().path("errors").toString())
        .contains(broken + ": http.concurency: unknown key (did you mean 'http.concurrency'?)");
    assertThat(cluster.rest().jobIds()).isEqualTo(jobsBefore);
    assertThat(cluster.allAlive()).as("every process of the cluster still runs").isTrue();
  }

  @Test
  @Order(2)
  void dailyTotalsAndCountsEqualThoseOfTheMiniClusterRun() throws Exception {
    Runs runs = runs();

    assertThat(dailyAmounts(runs.onCluster())).isEqualTo(dailyAmounts(runs.onMini()));
    assertThat(dailyCounts(runs.onCluster())).isEqualTo(dailyCounts(runs.onMini()));
    assertThat(runs.onCluster().records()).hasSameSizeAs(runs.onMini().records());
    assertThat(runs.onCluster().deadLetters()).hasSameSizeAs(runs.onMini().deadLetters());
  }

  @Test
  @Order(3)
  void theSummaryIsBesideTheOutputsWithTheMiniClusterRunsCounts() throws Exception {
    Runs runs = runs();

    Path summary = dir.resolve("out-cluster").resolve("summary.json");
    assertThat(summary).exists();
    JsonNode onCluster = runs.onCluster().summary();
    JsonNode onMini = runs.onMini().summary();
    for (String count :
        List.of(
            "endpoints",
            "success",
            "failed",
            "retried",
            "requests",
            "records_in",
            "records_kept",
            "records_dropped")) {
      assertThat(onCluster.path(count).asLong()).as(count).isEqualTo(onMini.path(count).asLong());
    }
    assertThat(onCluster.path("endpoints").asInt()).isEqualTo(ENDPOINTS);
  }

  @Test
  @Order(4)
  void bothTaskManagersRanFetchSubtasks() throws Exception {
    String jobId = runs().jobId();

    assertThat(cluster.rest().taskManagersRunning(jobId, "fetch")).hasSize(2);
  }

  @Test
  @Order(5)
  void theApiNeverSawMoreRequestsAtOnceThanTheConcurrency() throws Exception {
    assertThat(runs().peakInFlight()).isPositive().isLessThanOrEqualTo(CONCURRENCY);
  }

  @Test
  @Order(6)
  void noTaskManagerLogsAnErrorDuringOrAfterTheJob() throws Exception {
    Instant end = runs().clusterEnd().plus(QUIET_AFTER_JOB);
    do {
      for (Path log : cluster.taskManagerLogs()) {
        assertThat(errorLines(log)).as("ERROR lines in %s", log).isEmpty();
      }
      Thread.sleep(200);
    } while (Instant.now().isBefore(end));
  }

  @Test
  @Order(7)
  void jsonDataFilesAreReadByTheTaskManagersAsOnTheMiniCluster() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    for (int f = 0; f < 6; f++) {
      Files.writeString(
          data.resolve("day-" + f + ".json"),
          "[{\"date\": \"2026-11-0"
              + (1 + f % 3)
              + "\", \"amount\": \""
              + f
              + ".10\"}, {\"date\": \"2026-11-01\", \"amount\": 1}]");
    }
    Files.writeString(data.resolve("broken.json"), "[{\"date\": ");
    Path filesJob =
        Files.writeString(
            dir.resolve("files.yaml"),
            "source: {files: \"data/*.json\"}\noutput: {path: "
                + dir.resolve("out-files-cluster")
                + "}\n");

    FlinkRest.Response submitted =
        cluster.rest().runJar(jarId, entryClass, PARALLELISM, List.of("run", filesJob.toString()));
    assertThat(submitted.status()).as(submitted.toString()).isEqualTo(200);
    String jobId = submitted.body().path("jobid").asText();
    assertThat(cluster.rest().awaitJobEnd(jobId, JOB_DEADLINE))
        .as("job state; root exception: %s", cluster.rest().rootException(jobId))
        .isEqualTo("FINISHED");
    Path miniOut = dir.resolve("out-files-mini");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(PARALLELISM);
    JobRunner.runBounded(JobFiles.load(filesJob, List.of("output.path=" + miniOut)), env);

    JobOutput onCluster = new JobOutput(dir.resolve("out-files-cluster"));
    JobOutput onMini = new JobOutput(miniOut);
    assertThat(dailyAmounts(onCluster)).isEqualTo(dailyAmounts(onMini));
    assertThat(dailyCounts(onCluster)).isEqualTo(dailyCounts(onMini));
    assertThat(dailyCounts(onCluster).values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(12);
    assertThat(onCluster.deadLetters())
        .singleElement()
        .satisfies(line -> assertThat(line.get("source").asText()).isEqualTo("broken.json"));
    assertThat(onCluster.summary().path("endpoints").asInt()).isEqualTo(7);
  }

  @Test
  @Order(8)
  void flinkRunSubmitsTheJobDetachedAndItEndsWithTheSameTotals() throws Exception {
    Runs runs = runs();
    Path out = dir.resolve("out-flink-run");

    FlinkCli.Result submitted =
        FlinkCli.run(
            cluster.dir().resolve("conf"),
            dir,
            JOB_DEADLINE,
            "run",
            "-d",
            "-p",
            Integer.toString(PARALLELISM),
            ProjectPom.jobJar().toString(),
            "run",
            jobFile.toString(),
            "--set",
            "output.path=" + out);

    assertThat(submitted.exitCode()).as(submitted.output()).isZero();
    Matcher jobId = SUBMITTED_JOB.matcher(submitted.output());
    assertThat(jobId.find()).as(submitted.output()).isTrue();
    assertThat(cluster.rest().awaitJobEnd(jobId.group(1), JOB_DEADLINE)).isEqualTo("FINISHED");
    JobOutput onCluster = new JobOutput(out);
    assertThat(dailyAmounts(onCluster)).isEqualTo(dailyAmounts(runs.onMini()));
    assertThat(dailyCounts(onCluster)).isEqualTo(dailyCounts(runs.onMini()));
    assertThat(onCluster.summary().path("endpoints").asInt()).isEqualTo(ENDPOINTS);
  }

  @Test
  @Order(9)
  void eachOfTwoHostsSeesAtMostItsPerHostConcurrencyAndBothAreServedTogether() throws Exception {
    int perHost = 3;
    int perServer = 60;
    AtomicReferenceArray<LoopbackHttpServer> servers = new AtomicReferenceArray<>(2);
    // Each server notes, on each request, how many the other has in flight: above 0, both hosts
    // were being served at once.
    AtomicInteger otherInFlight = new AtomicInteger();
    try (LoopbackHttpServer first =
            LoopbackHttpServer.start(0, notingTheOther(servers, 1, "2026-11-01", otherInFlight));
        LoopbackHttpServer second =
            LoopbackHttpServer.start(0, notingTheOther(servers, 0, "2026-11-02", otherInFlight))) {
      servers.set(0, first);
      servers.set(1, second);
      List<String> job =
          new ArrayList<>(List.of("name: cluster-polite", "source:", "  endpoints:"));
      for (int i = 0; i < 2 * perServer; i++) {
        // Two of a host in a row: without routing by host, the list source (one subtask) deals
        // endpoints round-robin to the two fetch subtasks, so each would get half of each host's
        // endpoints and count that host's requests on its own.
        int host = i / 2 % 2;
        job.add(
            "    - {name: h"
                + host
                + "-"
                + i
                + ", url: \""
                + servers.get(host).baseUrl()
                + "/api/ep"
                + i
                + "\"}");
      }
      job.add("http: {concurrency: 20, perHost: {concurrency: " + perHost + "}}");
      job.add("output: {path: " + dir.resolve("out-polite") + "}");
      Path politeJob = Files.writeString(dir.resolve("polite.yaml"), String.join("\n", job) + "\n");

      FlinkRest.Response submitted =
          cluster
              .rest()
              .runJar(jarId, entryClass, PARALLELISM, List.of("run", politeJob.toString()));
      assertThat(submitted.status()).as(submitted.toString()).isEqualTo(200);
      String jobId = submitted.body().path("jobid").asText();
      assertThat(cluster.rest().awaitJobEnd(jobId, JOB_DEADLINE))
          .as("job state; root exception: %s", cluster.rest().rootException(jobId))
          .isEqualTo("FINISHED");
      System.out.printf(
          "ClusterRunIT: per host at most %d: the servers saw at most %d and %d in flight; "
              + "one saw the other with %d in flight%n",
          perHost, first.peakInFlight(), second.peakInFlight(), otherInFlight.get());

      for (LoopbackHttpServer server : List.of(first, second)) {
        assertThat(server.peakInFlight())
            .as("at most %d in flight at %s", perHost, server.baseUrl())
            .isLessThanOrEqualTo(perHost);
        assertThat(server.peakInFlight())
            .as("reaches %d in flight at %s", perHost, server.baseUrl())
            .isGreaterThanOrEqualTo(perHost);
      }
      assertThat(otherInFlight.get()).as("both hosts served at once").isPositive();
      assertThat(cluster.rest().taskManagersRunning(jobId, "fetch")).hasSize(2);
      JobOutput output = new JobOutput(dir.resolve("out-polite"));
      assertThat(output.summary().path("success").asInt()).isEqualTo(2 * perServer);
      assertThat(output.summary().path("failed").asInt()).isZero();
      assertThat(dailyCounts(output))
          .isEqualTo(Map.of("2026-11-01", (long) perServer, "2026-11-02", (long) perServer));
    }
  }

  /**
   * Answers one record of {@code date} after 50 ms, first noting in {@code otherInFlight} the most
   * requests seen in flight at {@code servers[other]}.
   */
  private static LoopbackHttpServer.Responder notingTheOther(
      AtomicReferenceArray<LoopbackHttpServer> servers,
      int other,
      String date,
      AtomicInteger otherInFlight) {
    LoopbackHttpServer.Reply slowOk =
        LoopbackHttpServer.Reply.json(200, "[{\"date\": \"" + date + "\", \"amount\": 1}]")
            .after(Duration.ofMillis(50));
    return request -> {
      LoopbackHttpServer server = servers.get(other);
      if (server != null) otherInFlight.accumulateAndGet(server.inFlight(), Math::max);
      return slowOk;
    };
  }

  /** Runs the good job file on the cluster, then on the MiniCluster, once for all tests. */
  private static synchronized Runs runs() throws Exception {
    if (runsFailure != null) throw new AssertionError("the run failed before", runsFailure);
    if (runs != null) return runs;
    try {
      runs = runOnBoth();
      return runs;
    } catch (Exception | Error e) {
      runsFailure = e;
      throw e;
    }
  }

  private static Runs runOnBoth() throws Exception {
    demoApi.resetCounters();
    FlinkRest rest = cluster.rest();
    Instant submittedAt = Instant.now();
    FlinkRest.Response submitted =
        rest.runJar(jarId, entryClass, PARALLELISM, List.of("run", jobFile.toString()));
    assertThat(submitted.status()).as(submitted.toString()).isEqualTo(200);
    String jobId = submitted.body().path("jobid").asText();
    String state = rest.awaitJobEnd(jobId, JOB_DEADLINE);
    Instant clusterEnd = Instant.now();
    assertThat(state)
        .as("job state; root exception: %s", rest.rootException(jobId))
        .isEqualTo("FINISHED");
    int peakInFlight = demoApi.peakInFlight();
    System.out.printf(
        "ClusterRunIT: job %s %s in %.1f s on the cluster; the API saw at most %d of %d in flight%n",
        jobId,
        state,
        Duration.between(submittedAt, clusterEnd).toMillis() / 1000.0,
        peakInFlight,
        CONCURRENCY);

    Path miniOut = dir.resolve("out-mini");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(PARALLELISM);
    JobRunner.runBounded(JobFiles.load(jobFile, List.of("output.path=" + miniOut)), env);

    return new Runs(
        jobId,
        clusterEnd,
        new JobOutput(dir.resolve("out-cluster")),
        new JobOutput(miniOut),
        peakInFlight);
  }

  /** date → exact total without trailing zeros; a date written twice fails. */
  private static Map<String, BigDecimal> dailyAmounts(JobOutput output) {
    Map<String, BigDecimal> totals = new TreeMap<>();
    for (JsonNode line : output.daily()) {
      BigDecimal previous =
          totals.put(
              line.get("date").asText(), line.get("amount").decimalValue().stripTrailingZeros());
      assertThat(previous).as("second line for %s", line.get("date")).isNull();
    }
    assertThat(totals).isNotEmpty();
    return totals;
  }

  private static Map<String, Long> dailyCounts(JobOutput output) {
    Map<String, Long> counts = new TreeMap<>();
    for (JsonNode line : output.daily())
      counts.put(line.get("date").asText(), line.get("count").asLong());
    return counts;
  }

  private static List<String> errorLines(Path log) throws IOException {
    List<String> errors = new ArrayList<>();
    if (!Files.exists(log)) return errors;
    List<String> lines = Files.readAllLines(log);
    for (int i = 0; i < lines.size(); i++) {
      if (!ERROR_LINE.matcher(lines.get(i)).find()) continue;
      // The line and what follows it (a stack trace's first lines) say what went wrong.
      errors.add(String.join("\n", lines.subList(i, Math.min(lines.size(), i + 6))));
    }
    return errors;
  }
}
