package dev.tributary.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.model.RunCounts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummarySinkTest {
  @TempDir Path dir;

  @Test
  void aRestoredWriterCountsOnFromItsCheckpointAndRewritesTheSummaryAtEachCheckpoint()
      throws Exception {
    Path file = dir.resolve("summary.json");
    SummarySink sink = new SummarySink(new org.apache.flink.core.fs.Path(file.toUri()));
    RunCounts before = new RunCounts(5, 4, 1, 7, 2, 40, 38, 2, 1_000, 3_000, 2, 0);
    RunCounts since = new RunCounts(3, 3, 0, 3, 0, 30, 30, 0, 4_000, 5_000, 3, 0);

    var writer =
        sink.restoreWriter(
            null,
            List.of(
                sink.getWriterStateSerializer()
                    .deserialize(1, sink.getWriterStateSerializer().serialize(before))));
    writer.write(since, null);
    List<RunCounts> state = writer.snapshotState(12);

    assertThat(state).containsExactly(before.plus(since));
    JsonNode json = new ObjectMapper().readTree(file.toFile());
    assertThat(json.get("endpoints").asLong()).isEqualTo(8);
    assertThat(json.get("round").asLong()).isEqualTo(3);
    assertThat(json.get("as_of_checkpoint").asLong()).isEqualTo(12);
    assertThat(json.has("updated_at")).isTrue();
    try (var files = Files.list(dir)) {
      assertThat(files).as("nothing left beside it").containsExactly(file);
    }
  }

  @Test
  void writesTheCountsAndTheFetchWindowAsTheDocumentedKeys() throws Exception {
    RunCounts counts = new RunCounts(5, 4, 1, 7, 2, 40, 38, 2, 1_000, 3_000, 0, 0);

    JsonNode json = new ObjectMapper().readTree(SummarySink.toJson(counts));

    List<String> keys =
        StreamSupport.stream(((Iterable<String>) json::fieldNames).spliterator(), false).toList();
    assertThat(keys)
        .containsExactly(
            "endpoints",
            "success",
            "failed",
            "retried",
            "requests",
            "records_in",
            "records_kept",
            "records_dropped",
            "seconds",
            "requests_per_second",
            "first_request_epoch_millis",
            "last_finished_epoch_millis");
    assertThat(RunCounts.fromJson(json)).isEqualTo(counts);
    assertThat(json.get("seconds").doubleValue()).isEqualTo(2.0);
    assertThat(json.get("requests_per_second").doubleValue()).isEqualTo(3.5);
  }
}
