package dev.tributary.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.config.JobConfig;
import dev.tributary.demo.LoopbackHttpServer;
import dev.tributary.demo.LoopbackHttpServer.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code source.poll} end to end: every endpoint is fetched once a round, {@code times} rounds, and
 * the job then ends as a bounded one does.
 */
class PollITCase extends MiniClusterTestBase {
  private static final Reply ONE_RECORD =
      Reply.json(200, "[{\"date\": \"2026-11-05\", \"amount\": \"1.25\"}]");
  private static final Reply NOT_FOUND = Reply.json(404, "{}");

  private static LoopbackHttpServer server() {
    return LoopbackHttpServer.start(
            0, request -> request.path().startsWith("/missing") ? NOT_FOUND : ONE_RECORD)
        .recordPaths(true);
  }

  @Test
  void pollsInlineEndpointsOnceARound_andTheTotalsAreThoseOfEveryRound() throws Exception {
    try (LoopbackHttpServer server = server()) {
      String url = server.baseUrl();
      JobConfig config =
          JobFileFixture.load(
              dir,
              String.join(
                  "\n",
                  "source:",
                  "  poll: {every: 200ms, times: 3}",
                  "  endpoints:",
                  "    - {name: a, url: \"" + url + "/api/a\"}",
                  "    - {name: b, url: \"" + url + "/api/b\"}",
                  "    - {name: gone, url: \"" + url + "/missing/gone\"}",
                  ""));

      RunSummary summary = JobRunner.runContinuous(config, environment(2));

      assertThat(server.requestsFor("/api/a")).isEqualTo(3);
      assertThat(server.requestsFor("/api/b")).isEqualTo(3);
      assertThat(server.requestsFor("/missing/gone")).isEqualTo(3);
      JobOutput out = new JobOutput(dir.resolve("out"));
      // A checkpointed run may write a date more than once: its latest line is the total.
      assertThat(out.currentDailyTotals()).isEqualTo(Map.of("2026-11-05", "7.5/6"));
      assertThat(summary.counts().endpoints()).isEqualTo(9);
    }
  }

  @Test
  void deadLettersOfAPolledEndpointCarryEachRoundAndItsStart() throws Exception {
    try (LoopbackHttpServer server = server()) {
      JobConfig config =
          JobFileFixture.load(
              dir,
              String.join(
                  "\n",
                  "source:",
                  "  poll: {every: 200ms, times: 3}",
                  "  endpoints:",
                  "    - {name: gone, url: \"" + server.baseUrl() + "/missing/gone\"}",
                  ""));

      JobRunner.runContinuous(config, environment(1));

      List<JsonNode> letters = new JobOutput(dir.resolve("out")).deadLetters();
      assertThat(letters)
          .extracting(l -> l.get("round").asLong())
          .containsExactlyInAnyOrder(1L, 2L, 3L);
      assertThat(letters)
          .allSatisfy(l -> assertThat(l.get("reason").asText()).isEqualTo("http 404"));
      List<String> starts =
          letters.stream()
              .sorted((x, y) -> Long.compare(x.get("round").asLong(), y.get("round").asLong()))
              .map(l -> l.get("polled_at").asText())
              .toList();
      assertThat(starts).doesNotHaveDuplicates().isSorted();
    }
  }

  @Test
  void pollsARangeOnceARound() throws Exception {
    try (LoopbackHttpServer server = server()) {
      JobConfig config =
          JobFileFixture.load(
              dir,
              String.join(
                  "\n",
                  "source:",
                  "  poll: {every: 200ms, times: 3}",
                  "  range: {count: 4, url: \"" + server.baseUrl() + "/api/{i}\"}",
                  ""));

      RunSummary summary = JobRunner.runContinuous(config, environment(2));

      for (int i = 0; i < 4; i++) assertThat(server.requestsFor("/api/" + i)).isEqualTo(3);
      JobOutput out = new JobOutput(dir.resolve("out"));
      assertThat(out.currentDailyTotals()).isEqualTo(Map.of("2026-11-05", "15/12"));
      assertThat(summary.counts().endpoints()).isEqualTo(12);
    }
  }

  @Test
  void aPolledFileIsReadAgainEachRound_soALineAddedBetweenRoundsIsFetchedFromTheNext()
      throws Exception {
    try (LoopbackHttpServer server = server()) {
      String url = server.baseUrl();
      Path endpoints =
          JobFileFixture.write(
              dir,
              "endpoints.jsonl",
              String.join(
                  "\n", "{\"name\": \"a\", \"url\": \"" + url + "/api/a\"}", "not json", ""));
      // A period long enough to add the line after round 1 and before round 2 is due.
      JobConfig config =
          JobFileFixture.load(
              dir,
              String.join(
                  "\n", "source:", "  poll: {every: 2s, times: 3}", "  file: endpoints.jsonl", ""));

      CompletableFuture<RunSummary> run =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return JobRunner.runContinuous(config, environment(1));
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      Await.until("round 1 fetched a", () -> server.requestsFor("/api/a") == 1 || run.isDone());
      // The round's reader may still be at the file's end when a's request arrives: a line added
      // that instant would still be round 1's. Well inside the 2s period, it is past it.
      Thread.sleep(300);
      Files.writeString(
          endpoints,
          "{\"name\": \"late\", \"url\": \"" + url + "/missing/late\"}\n",
          StandardOpenOption.APPEND);
      RunSummary summary = run.get(Await.DEADLINE.toSeconds(), TimeUnit.SECONDS);

      assertThat(server.requestsFor("/api/a")).isEqualTo(3);
      JobOutput out = new JobOutput(dir.resolve("out"));
      List<JsonNode> letters = out.deadLetters();
      assertThat(letters)
          .filteredOn(l -> l.get("type").asText().equals("endpoint"))
          .extracting(l -> l.get("round").asLong())
          .as("the added endpoint is fetched in the rounds after it was added")
          .containsExactlyInAnyOrder(2L, 3L);
      assertThat(server.requestsFor("/missing/late")).isEqualTo(2);
      assertThat(letters)
          .filteredOn(l -> l.get("type").asText().equals("endpoint-line"))
          .extracting(l -> l.get("round").asLong())
          .containsExactlyInAnyOrder(1L, 2L, 3L);
      assertThat(out.currentDailyTotals().get("2026-11-05")).endsWith("/3");
      // a three times, the bad line three times, the added endpoint twice.
      assertThat(summary.counts().endpoints()).isEqualTo(8);
      assertThat(summary.counts().failed()).isEqualTo(5);
    }
  }
}
