package dev.tributary.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.model.RunCounts;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class SummarySinkTest {
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
