package dev.tributary.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.demo.DemoApi;
import dev.tributary.demo.DemoApiOptions;
import dev.tributary.demo.FaultRates;
import dev.tributary.demo.LoopbackHttpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs Tributary as a user would: {@code bin/tributary run JOB.yaml}, one JVM per run (a child of
 * the launcher's shell; both are sampled), on a job file generated under {@code runs/<id>/}, and
 * reads back its {@code summary.json}. The JVM's options are the launcher's ({@code
 * conf/jvm.options}, the class-data-sharing archive, then {@code JAVA_OPTS}).
 */
final class TributaryRunner {
  /** Outputs of runs larger than this are deleted after reading the summary (they reach GBs). */
  private static final int KEEP_OUTPUT_UP_TO_ENDPOINTS = 1000;

  private static final int WARM_UP_ENDPOINTS = 200;
  private static final DemoApiOptions WARM_UP_API =
      new DemoApiOptions(
          0,
          Duration.ZERO,
          Duration.ZERO,
          42,
          FaultRates.NONE,
          DemoApiOptions.DEFAULT_HANG_LIMIT,
          false);

  private final Project project;
  private final Path runsDir;
  private final ObjectMapper json = new ObjectMapper();
  private final FileTime jarBuiltAt;

  TributaryRunner(Project project, Path runsDir) throws IOException {
    this.project = project;
    this.runsDir = runsDir;
    this.jarBuiltAt = Files.getLastModifiedTime(project.jar());
  }

  /**
   * Makes sure the class-data-sharing archive of {@code bin/tributary} ({@code
   * target/tributary.jsa}) exists for this jar, so every measured run starts the way a user's
   * second and later runs do: the launcher writes it during a first run.
   */
  void ensureClassArchive(PrintStream log) throws IOException, InterruptedException {
    if (archiveIsFresh()) return;
    log.println(
        "bench: writing the class-data-sharing archive " + archive() + " (one warm-up run)");
    try (LoopbackHttpServer api = DemoApi.start(WARM_UP_API)) {
      run(
          "warm-up",
          rangeSource(api.baseUrl() + DemoApi.PATH_PREFIX + "ep", WARM_UP_ENDPOINTS),
          "",
          Http.of(WARM_UP_ENDPOINTS),
          List.of(),
          Duration.ofMinutes(3));
    }
    if (!archiveIsFresh()) throw new IOException("the warm-up run wrote no " + archive());
  }

  /** Runs endpoints {@code ep0 .. ep(count-1)} at {@code urlPrefix + i}. */
  TributaryRun runRange(String id, String urlPrefix, int count, int concurrency, Duration deadline)
      throws IOException, InterruptedException {
    return runRange(id, urlPrefix, count, Http.of(concurrency), deadline);
  }

  /** Runs endpoints {@code ep0 .. ep(count-1)} at {@code urlPrefix + i} with this http section. */
  TributaryRun runRange(String id, String urlPrefix, int count, Http http, Duration deadline)
      throws IOException, InterruptedException {
    return run(id, rangeSource(urlPrefix, count), "", http, List.of(), deadline);
  }

  /**
   * Runs endpoints {@code ep0 .. ep(count-1)} at {@code urlPrefix + i}, polled {@code times} rounds
   * {@code every} apart ({@code source.poll}), checkpointed every {@code checkpointEvery}.
   */
  TributaryRun runPolledRange(
      String id,
      String urlPrefix,
      int count,
      Duration every,
      int times,
      Duration checkpointEvery,
      int concurrency,
      Duration deadline)
      throws IOException, InterruptedException {
    String source =
        rangeSource(urlPrefix, count)
            + "  poll: {every: "
            + every.toMillis()
            + "ms, times: "
            + times
            + "}\n";
    String checkpoint = "checkpoint: {every: " + checkpointEvery.toMillis() + "ms}\n";
    return run(id, source, checkpoint, Http.of(concurrency), List.of(), deadline);
  }

  private static String rangeSource(String urlPrefix, int count) {
    return "  range: {count: " + count + ", url: \"" + urlPrefix + "{i}\"}\n";
  }

  /** Runs the endpoints of a JSON-lines file. */
  TributaryRun runFile(
      String id, Path endpoints, int concurrency, List<String> jvmOptions, Duration deadline)
      throws IOException, InterruptedException {
    String source = "  file: \"" + endpoints.toAbsolutePath() + "\"\n";
    return run(id, source, "", Http.of(concurrency), jvmOptions, deadline);
  }

  /**
   * @param source the lines of the {@code source:} section
   * @param sections more top-level sections of the job file, whole lines ("" for none)
   */
  private TributaryRun run(
      String id,
      String source,
      String sections,
      Http http,
      List<String> jvmOptions,
      Duration deadline)
      throws IOException, InterruptedException {
    Path dir = runsDir.resolve(id);
    Path out = dir.resolve("out");
    Files.createDirectories(dir);
    Path job = dir.resolve("job.yaml");
    Files.writeString(
        job,
        "name: bench-"
            + id
            + "\nsource:\n"
            + source
            + http.line()
            + sections
            + "output: {path: \""
            + out.toAbsolutePath()
            + "\"}\n",
        StandardCharsets.UTF_8);
    List<String> javaOpts = new ArrayList<>();
    String inherited = System.getenv("JAVA_OPTS");
    if (inherited != null && !inherited.isBlank()) javaOpts.add(inherited.strip());
    javaOpts.addAll(jvmOptions);
    ChildRun child =
        ChildRun.run(
                "tributary-" + id,
                List.of(project.launcher().toString(), "run", job.toAbsolutePath().toString()),
                Map.of(
                    "FLINK_CONF_DIR", project.confDir().toString(),
                    "JAVA_OPTS", String.join(" ", javaOpts)),
                dir,
                deadline)
            .requireSuccess("tributary run " + job);
    if (!Files.getLastModifiedTime(project.jar()).equals(jarBuiltAt)) {
      // The launcher rebuilds the jar when a source is newer: that run measured a build, and
      // the runs before and after it are of different code.
      throw new IOException(
          project.jar() + " was rebuilt during the benchmark (a source changed): start it again");
    }
    JsonNode summary = json.readTree(out.resolve("summary.json").toFile());
    long endpoints = summary.path("endpoints").asLong();
    if (summary.path("failed").asLong() != 0) {
      throw new IOException(
          "tributary run " + job + ": " + summary.path("failed").asLong() + " endpoints failed");
    }
    if (endpoints > KEEP_OUTPUT_UP_TO_ENDPOINTS) deleteOutputsBesideSummary(out);
    return new TributaryRun(summary, child, FetchWindow.ofResult(summary));
  }

  private Path archive() {
    return project.dir().resolve("target/tributary.jsa");
  }

  /** As the launcher decides: the archive exists and is not older than the jar. */
  private boolean archiveIsFresh() throws IOException {
    return Files.isRegularFile(archive())
        && Files.getLastModifiedTime(archive()).compareTo(Files.getLastModifiedTime(project.jar()))
            >= 0;
  }

  private static void deleteOutputsBesideSummary(Path out) throws IOException {
    try (Stream<Path> children = Files.list(out)) {
      for (Path child : children.toList()) {
        if (!Files.isDirectory(child)) continue;
        try (Stream<Path> tree = Files.walk(child)) {
          for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
      }
    }
  }

  /**
   * The job file's {@code http} section.
   *
   * @param concurrency {@code http.concurrency}
   * @param moreKeys more keys of the section in YAML flow style, such as {@code perHost: {rate:
   *     10}}; "" for none
   */
  record Http(int concurrency, String moreKeys) {
    static Http of(int concurrency) {
      return new Http(concurrency, "");
    }

    String line() {
      String more = moreKeys.isEmpty() ? "" : ", " + moreKeys;
      return "http: {concurrency: " + concurrency + ", timeout: 10s" + more + "}\n";
    }
  }

  /** One finished run: its summary, the process as seen from outside, and its fetch window. */
  record TributaryRun(JsonNode summary, ChildRun child, FetchWindow window) {
    double seconds() {
      return summary.path("seconds").asDouble();
    }

    double requestsPerSecond() {
      return summary.path("requests_per_second").asDouble();
    }

    long requests() {
      return summary.path("requests").asLong();
    }
  }
}
