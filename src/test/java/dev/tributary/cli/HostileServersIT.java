package dev.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.fetch.HostileServer;
import dev.tributary.fetch.HostileServer.Route;
import dev.tributary.job.JobOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One run of {@code bin/tributary} under a 256 MB heap against a server that misbehaves in every
 * way at once: the run ends, every endpoint is accounted for with its reason, and the good data is
 * exact.
 */
class HostileServersIT {
  private static final String HEAP = "-Xmx256m";

  /** The reason each hostile endpoint must end with; the others succeed. */
  private static final Map<Route, String> REASONS =
      Map.ofEntries(
          Map.entry(Route.DRIP, "timeout after 2s"),
          Map.entry(Route.GZIP_BOMB, "response too large (> 16 MiB)"),
          Map.entry(Route.DEFLATE_BOMB, "response too large (> 16 MiB)"),
          Map.entry(Route.RESET_MID_BODY, "connection reset"),
          Map.entry(
              Route.GARBAGE_STATUS, "invalid HTTP response: unreadable status line or headers"),
          Map.entry(Route.REDIRECT_FOREVER, "too many redirects (more than 5)"),
          Map.entry(Route.SHORT_BODY, "connection closed by the server"),
          Map.entry(Route.HUGE_DECLARED, "response too large (> 16 MiB)"),
          Map.entry(Route.HUGE_CHUNKED, "response too large (> 16 MiB)"),
          Map.entry(
              Route.DEEP_NESTING, "malformed body: nested too deeply (more than 1000 levels)"),
          Map.entry(Route.HUGE_DIGITS, "malformed body: a number longer than 1000 digits"),
          Map.entry(Route.NOT_UTF8, "malformed body: not UTF-8"),
          Map.entry(Route.EMPTY_200, "malformed body: empty"));

  @TempDir static Path dir;

  private static HostileServer server;
  private static Launcher.Run run;
  private static JobOutput output;

  @BeforeAll
  static void runTheJobAgainstTheHostileServer() throws Exception {
    server = HostileServer.start();
    List<String> lines = new ArrayList<>();
    lines.add("source:");
    lines.add("  endpoints:");
    for (Route route : Route.values()) {
      lines.add("    - {name: " + name(route) + ", url: \"" + server.url(route) + "\"}");
    }
    lines.add("http: {timeout: 2s, retry: {maxAttempts: 2, backoff: 100ms}}");
    lines.add("output: {path: out}");
    Path job = Files.writeString(dir.resolve("hostile.yaml"), String.join("\n", lines) + "\n");

    run = Launcher.run(dir, Map.of("JAVA_OPTS", HEAP), "run", job.toString());
    output = new JobOutput(dir.resolve("out"));
  }

  @AfterAll
  static void stopTheServer() {
    if (server != null) server.close();
  }

  private static String name(Route route) {
    return route.name().toLowerCase().replace('_', '-');
  }

  @Test
  void theRunEndsWithoutAStackTrace() {
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out() + run.err()).doesNotContain("Exception", "\tat ", "Error");
  }

  @Test
  void everyEndpointIsAccountedFor() {
    JsonNode summary = output.summary();

    assertThat(summary.get("endpoints").asLong()).isEqualTo(Route.values().length);
    assertThat(summary.get("success").asLong() + summary.get("failed").asLong())
        .isEqualTo(summary.get("endpoints").asLong());
    assertThat(summary.get("failed").asLong()).isEqualTo(REASONS.size());
  }

  @Test
  void eachHostileEndpointIsADeadLetterWithItsReason() {
    Map<String, String> reasons = new TreeMap<>();
    for (JsonNode line : output.deadLetters()) {
      if (line.get("type").asText().equals("endpoint")) {
        reasons.put(line.get("source").asText(), line.get("reason").asText());
      }
    }

    Map<String, String> expected = new TreeMap<>();
    REASONS.forEach((route, reason) -> expected.put(name(route), reason));
    assertThat(reasons).isEqualTo(expected);
  }

  @Test
  void aBodyCutOffForItsSizeKeepsTheStatusItCameWith() {
    assertThat(output.deadLetters())
        .filteredOn(line -> line.get("source").asText().equals(name(Route.HUGE_DECLARED)))
        .singleElement()
        .satisfies(line -> assertThat(line.get("last_status").asInt()).isEqualTo(200));
  }

  @Test
  void anAbsurdAmountDropsOnlyItsRecord() {
    List<JsonNode> dropped =
        output.deadLetters().stream().filter(l -> l.get("type").asText().equals("record")).toList();

    assertThat(dropped)
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.get("source").asText()).isEqualTo(name(Route.HUGE_EXPONENT));
              assertThat(line.get("reason").asText())
                  .startsWith(
                      "amount is out of range (more than 30 digits before or after the point)");
            });
  }

  @Test
  void theGoodDataIsExactToTheCentWithItsScale() throws Exception {
    // good: 1.10 + 1.10 on 2026-11-01, 5 on 2026-11-02; huge-exponent's good record: 2 on
    // 2026-11-01.
    assertThat(lines("daily"))
        .allMatch(line -> line.matches(".*,\"updated_at\":\"[-0-9]{10}T[:0-9]{8}\\.[0-9]{3}Z\"}"))
        .extracting(line -> line.replaceFirst(",\"updated_at\":\"[^\"]*\"", ""))
        .containsExactlyInAnyOrder(
            "{\"date\":\"2026-11-01\",\"amount\":4.20,\"count\":3}",
            "{\"date\":\"2026-11-02\",\"amount\":5,\"count\":1}");
    // Read as text: a JSON reader would make 1.10 into 1.1.
    assertThat(lines("records"))
        .extracting(
            line -> line.replaceAll(".*\"source\":\"([^\"]+)\".*\"amount\":([^,}]+).*", "$1 $2"))
        .containsExactlyInAnyOrder("good 1.10", "good 1.10", "good 5", "huge-exponent 2");
  }

  private static List<String> lines(String folder) throws IOException {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir.resolve("out").resolve(folder))) {
      for (Path file : files.toList()) lines.addAll(Files.readAllLines(file));
    }
    return lines;
  }

  @Test
  void aRedirectLoopIsCutOffAfterFiveRedirects() {
    // Not retried, so one attempt: the first request and the 5 redirects it may follow.
    assertThat(server.requests(Route.REDIRECT_FOREVER)).isEqualTo(6);
  }
}
