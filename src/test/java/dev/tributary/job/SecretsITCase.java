package dev.tributary.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.config.JobConfig;
import dev.tributary.config.JobFiles;
import dev.tributary.demo.LoopbackHttpServer;
import dev.tributary.demo.LoopbackHttpServer.Reply;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole job on a MiniCluster with a secret in a header and in a query parameter: the server
 * gets them, and no output file and no log line shows them; hosts outside {@code http.allowHosts}
 * get no request.
 */
class SecretsITCase extends MiniClusterTestBase {
  private static final String HEADER_SECRET = "hdr-S3CRET-7f3a";
  private static final String QUERY_SECRET = "qry-S3CRET-91bc";
  private static final String PASSWORD_SECRET = "pwd-S3CRET-55d0";
  private static final List<String> SECRETS = List.of(HEADER_SECRET, QUERY_SECRET, PASSWORD_SECRET);

  private final List<String> logLines = new CopyOnWriteArrayList<>();
  private AbstractAppender capture;
  private Level rootLevel;

  @BeforeEach
  void captureLogs() {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    capture =
        new AbstractAppender("secrets-capture", null, null, true, Property.EMPTY_ARRAY) {
          @Override
          public void append(LogEvent event) {
            StringWriter text = new StringWriter();
            text.append(event.getLoggerName()).append(' ');
            text.append(event.getMessage().getFormattedMessage());
            if (event.getThrown() != null) event.getThrown().printStackTrace(new PrintWriter(text));
            logLines.add(text.toString());
          }
        };
    capture.start();
    LoggerConfig root = context.getConfiguration().getRootLogger();
    rootLevel = root.getLevel();
    // INFO rather than the default WARN: stricter, and it holds Flink's own view of the job.
    root.setLevel(Level.INFO);
    root.addAppender(capture, Level.INFO, null);
    context.updateLoggers();
  }

  @AfterEach
  void stopCapturing() {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    LoggerConfig root = context.getConfiguration().getRootLogger();
    root.removeAppender(capture.getName());
    root.setLevel(rootLevel);
    context.updateLoggers();
    capture.stop();
  }

  @Test
  void secretsInHeadersAndQueriesAppearInNoOutputFileAndNoLogLine() throws Exception {
    List<String> authorizations = new CopyOnWriteArrayList<>();
    try (LoopbackHttpServer outside = LoopbackHttpServer.start(0, r -> Reply.json(200, "[]"));
        LoopbackHttpServer api =
            LoopbackHttpServer.start(
                0,
                request -> {
                  authorizations.add(String.valueOf(request.headers().get("Authorization")));
                  return switch (request.path()) {
                    case "/ok" -> Reply.json(200, "[{\"date\":\"2026-11-01\",\"amount\":1.5}]");
                    case "/malformed" -> Reply.json(200, "not json");
                    case "/redirect" ->
                        Reply.json(302, "").withHeader("Location", outside.baseUrl() + "/x");
                    default -> Reply.json(404, "{}");
                  };
                })) {
      int closed = closedPort();
      String q = "?page=1&api_key=" + QUERY_SECRET;
      JobConfig config =
          load(
              String.join(
                  "\n",
                  "name: secrets",
                  "source:",
                  "  endpoints:",
                  "    - {name: ok, url: \"" + api.baseUrl() + "/ok" + q + "\"}",
                  "    - {name: missing, url: \"" + api.baseUrl() + "/missing" + q + "\"}",
                  "    - {name: malformed, url: \"" + api.baseUrl() + "/malformed" + q + "\"}",
                  "    - {name: redirect, url: \"" + api.baseUrl() + "/redirect" + q + "\"}",
                  "    - {name: refused, url: \"http://user:"
                      + PASSWORD_SECRET
                      + "@127.0.0.1:"
                      + closed
                      + "/x"
                      + q
                      + "\"}",
                  "    - {name: outside, url: \"" + outside.baseUrl() + "/x" + q + "\"}",
                  "http:",
                  "  timeout: 2s",
                  "  retry: {maxAttempts: 2, backoff: 50ms}",
                  "  headers: {Authorization: \"Bearer ${env:TEST_API_TOKEN}\"}",
                  "  redact: [API_KEY]",
                  "  allowHosts: [\"127.0.0.1:" + api.port() + "\", \"127.0.0.1:" + closed + "\"]",
                  "response: {records: \"\"}",
                  ""),
              Map.of("TEST_API_TOKEN", HEADER_SECRET));

      JobRunner.runBounded(config, environment(1));

      assertThat(authorizations).isNotEmpty().allMatch(("Bearer " + HEADER_SECRET)::equals);
      assertThat(outside.requests()).as("requests to the host outside allowHosts").isZero();

      Path out = dir.resolve("out");
      Map<String, String> reasons =
          new JobOutput(out)
              .deadLetters().stream()
                  .filter(l -> l.get("type").asText().equals("endpoint"))
                  .collect(
                      Collectors.toMap(
                          l -> l.get("source").asText(), l -> l.get("reason").asText()));
      assertThat(reasons)
          .containsEntry("missing", "http 404")
          .containsEntry("refused", "connection refused")
          .containsEntry(
              "outside", "host 127.0.0.1:" + outside.port() + " is not in http.allowHosts")
          .containsEntry(
              "redirect",
              "redirect refused: host 127.0.0.1:" + outside.port() + " is not in http.allowHosts")
          .containsKey("malformed")
          .doesNotContainKey("ok");
      JsonNode refused =
          new JobOutput(out)
              .deadLetters().stream()
                  .filter(l -> l.path("source").asText().equals("refused"))
                  .findFirst()
                  .orElseThrow();
      assertThat(refused.get("url").asText())
          .isEqualTo("http://***@127.0.0.1:" + closed + "/x?page=1&api_key=***");
      assertThat(new JobOutput(out).records()).hasSize(1);

      for (Path file : allFiles(out)) {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        for (String secret : SECRETS) {
          assertThat(text).as("%s holds %s", file, secret).doesNotContain(secret);
        }
      }
      assertThat(logLines).as("log lines captured").isNotEmpty();
      for (String secret : SECRETS) {
        assertThat(logLines).noneMatch(line -> line.contains(secret));
      }
      // The configuration as Flink may show it; the endpoints' own URLs print as written (left to
      // do: a source's endpoints are not redacted in JobConfig's toString).
      assertThat(config.http().toString()).doesNotContain(HEADER_SECRET);
    }
  }

  private JobConfig load(String yaml, Map<String, String> environment) throws Exception {
    Path jobFile = JobFileFixture.write(dir, "job.yaml", yaml);
    return JobFiles.load(jobFile, List.of("output.path=" + dir.resolve("out")), environment::get);
  }

  private static List<Path> allFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }

  /** A port on 127.0.0.1 that nothing listens on. */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
