package dev.tributary.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.config.JobConfig;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code source.files}: JSON data files read directly, each as one response body. */
class DataFilesITCase extends MiniClusterTestBase {

  @BeforeEach
  void writeDataFiles() throws Exception {
    Files.createDirectories(dir.resolve("data/sub"));
    JobFileFixture.write(
        dir.resolve("data"),
        "a.json",
        "[{\"date\": \"2026-11-01\", \"amount\": \"1.10\"}, {\"date\": \"2026-11-01\", \"amount\":"
            + " 1.10}, {\"date\": \"soon\", \"amount\": 1}]");
    JobFileFixture.write(
        dir.resolve("data"), "b.json", "[{\"date\": \"2026-11-02\", \"amount\": 5}");
    JobFileFixture.write(
        dir.resolve("data/sub"), "c.json", "[{\"date\": \"2026-11-03\", \"amount\": 7}]");
    JobFileFixture.write(dir.resolve("data"), ".hidden.json", "[{\"date\": \"2026-11-09\"}]");
    JobFileFixture.write(dir.resolve("data"), "notes.txt", "not data");
  }

  private RunSummary run(String glob) throws Exception {
    JobConfig config = JobFileFixture.load(dir, "source: {files: \"" + glob + "\"}\n");
    return JobRunner.runBounded(config, environment(2));
  }

  @Test
  void readsEachMatchingFileAsOneBody() throws Exception {
    RunSummary summary = run("data/*.json");

    JobOutput out = new JobOutput(dir.resolve("out"));
    assertThat(out.dailyAmounts()).isEqualTo(Map.of("2026-11-01", new BigDecimal("2.2")));
    assertThat(out.dailyCounts()).isEqualTo(Map.of("2026-11-01", 2L));
    assertThat(out.records()).extracting(r -> r.get("source").asText()).containsOnly("a.json");
    assertThat(summary.counts().endpoints()).isEqualTo(2);
    assertThat(summary.counts().success()).isEqualTo(1);
    assertThat(summary.counts().failed()).isEqualTo(1);
    assertThat(summary.counts().recordsDropped()).isEqualTo(1);
  }

  @Test
  void aMalformedFileIsADeadLetterNamingTheFile() throws Exception {
    run("data/*.json");

    Map<String, String> failed = new TreeMap<>();
    for (JsonNode line : new JobOutput(dir.resolve("out")).deadLetters()) {
      if (line.get("type").asText().equals("endpoint")) {
        failed.put(line.get("source").asText(), line.get("reason").asText());
      }
    }
    assertThat(failed).containsOnlyKeys("b.json");
    assertThat(failed.get("b.json")).startsWith("malformed body: ");
  }

  @Test
  void aGlobWithTwoStarsReadsSubfoldersToo() throws Exception {
    RunSummary summary = run("data/**.json");

    JobOutput out = new JobOutput(dir.resolve("out"));
    assertThat(out.dailyCounts()).isEqualTo(Map.of("2026-11-01", 2L, "2026-11-03", 1L));
    assertThat(out.records())
        .extracting(r -> r.get("source").asText())
        .contains("sub/c.json")
        .doesNotContain(".hidden.json");
    assertThat(summary.counts().endpoints()).isEqualTo(3);
  }
}
