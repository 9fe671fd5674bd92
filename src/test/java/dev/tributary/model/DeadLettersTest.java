package dev.tributary.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant AT = Instant.parse("2026-11-30T05:06:07.008Z");

  /** Checks the line is a single line of JSON ending in a newline, and reads it back. */
  private static JsonNode readLine(String line) throws Exception {
    assertThat(line).endsWith("\n");
    assertThat(line.substring(0, line.length() - 1)).doesNotContain("\n", "\r");
    return JSON.readTree(line);
  }

  private static List<String> fieldNames(JsonNode node) {
    return StreamSupport.stream(((Iterable<String>) node::fieldNames).spliterator(), false)
        .toList();
  }

  @Test
  void describesAFailedEndpoint() throws Exception {
    FetchResult failed =
        FetchResult.failure(
            new Endpoint("orders", "http://127.0.0.1:8080/orders"), "http 503", 3, 503, 1000, 2000);

    JsonNode line = readLine(DeadLetters.endpoint(failed, "http 503", AT));

    assertThat(fieldNames(line))
        .containsExactly("type", "time", "source", "url", "reason", "attempts", "last_status");
    assertThat(line.get("time").textValue()).isEqualTo("2026-11-30T05:06:07.008Z");
    assertThat(line.get("type").textValue()).isEqualTo("endpoint");
    assertThat(line.get("source").textValue()).isEqualTo("orders");
    assertThat(line.get("url").textValue()).isEqualTo("http://127.0.0.1:8080/orders");
    assertThat(line.get("reason").textValue()).isEqualTo("http 503");
    assertThat(line.get("attempts").isInt()).isTrue();
    assertThat(line.get("attempts").intValue()).isEqualTo(3);
    assertThat(line.get("last_status").intValue()).isEqualTo(503);
  }

  @Test
  void writesAFailedEndpointAsCompactJson() {
    FetchResult failed =
        FetchResult.failure(new Endpoint("a", "http://x/"), "timeout after 10s", 2, 0, 0, 5);

    assertThat(DeadLetters.endpoint(failed, "timeout after 10s", AT))
        .isEqualTo(
            "{\"type\":\"endpoint\",\"time\":\"2026-11-30T05:06:07.008Z\",\"source\":\"a\",\"url\":\"http://x/\",\"reason\":\"timeout after 10s\","
                + "\"attempts\":2,\"last_status\":0}\n");
  }

  @Test
  void escapesQuotesAndNewlinesInAFailedEndpoint() throws Exception {
    String name = "the \"main\"\nfeed\\";
    String url = "http://x/q?a=\"b\"";
    String reason = "IllegalArgumentException: bad\r\n\tthing \u0001 \u2028";
    FetchResult failed = FetchResult.failure(new Endpoint(name, url), reason, 0, 0, 0, 0);

    JsonNode line = readLine(DeadLetters.endpoint(failed, reason, AT));

    assertThat(line.get("source").textValue()).isEqualTo(name);
    assertThat(line.get("url").textValue()).isEqualTo(url);
    assertThat(line.get("reason").textValue()).isEqualTo(reason);
  }

  @Test
  void keepsADroppedRecordAsItCame() throws Exception {
    JsonNode record =
        JSON.readTree("{\"id\":7,\"amount\":\"N/A\",\"tags\":[\"a\",\"b\"],\"note\":null}");

    JsonNode line =
        readLine(DeadLetters.record("orders", "amount is not a number: \"N/A\"", record, AT));

    assertThat(fieldNames(line)).containsExactly("type", "time", "source", "reason", "record");
    assertThat(line.get("type").textValue()).isEqualTo("record");
    assertThat(line.get("source").textValue()).isEqualTo("orders");
    assertThat(line.get("reason").textValue()).isEqualTo("amount is not a number: \"N/A\"");
    assertThat(line.get("record")).isEqualTo(record);
  }

  @Test
  void escapesNewlinesInsideADroppedRecord() throws Exception {
    JsonNode record = JSON.readTree("{\"note\":\"line one\\nline \\\"two\\\"\"}");

    JsonNode line = readLine(DeadLetters.record("s\n", "date is missing", record, AT));

    assertThat(line.get("record").get("note").textValue()).isEqualTo("line one\nline \"two\"");
    assertThat(line.get("source").textValue()).isEqualTo("s\n");
  }

  @Test
  void keepsARecordThatIsNotAnObject() throws Exception {
    JsonNode line =
        readLine(
            DeadLetters.record(
                "orders", "record is not an object", JSON.readTree("[1,\"x\"]"), AT));

    assertThat(line.get("record")).isEqualTo(JSON.readTree("[1,\"x\"]"));
  }

  @Test
  void describesABadEndpointLine() throws Exception {
    String text = "{\"name\": \"a\", \"url\": \"ftp://x\"}\t";

    JsonNode line =
        readLine(
            DeadLetters.endpointLine(
                text, "malformed url: scheme must be http or https: ftp://x", AT));

    assertThat(fieldNames(line)).containsExactly("type", "time", "line", "reason");
    assertThat(line.get("type").textValue()).isEqualTo("endpoint-line");
    assertThat(line.get("line").textValue()).isEqualTo(text);
    assertThat(line.get("reason").textValue())
        .isEqualTo("malformed url: scheme must be http or https: ftp://x");
  }

  @Test
  void escapesQuotesAndNewlinesInABadEndpointLine() throws Exception {
    String text = "not \"json\"\r";
    String reason = "Unexpected character ('n')\n at [Source: line 1]";

    JsonNode line = readLine(DeadLetters.endpointLine(text, reason, AT));

    assertThat(line.get("line").textValue()).isEqualTo(text);
    assertThat(line.get("reason").textValue()).isEqualTo(reason);
  }

  @Test
  void givenAPolledEndpoint_itsDeadLetterCarriesTheRoundAndWhenItStarted() throws Exception {
    Endpoint polled =
        new Endpoint("orders", "http://x/orders")
            .inRound(3, Instant.parse("2026-11-30T05:00:00.250Z").toEpochMilli());
    FetchResult failed = FetchResult.failure(polled, "http 503", 3, 503, 1000, 2000);

    JsonNode line = readLine(DeadLetters.endpoint(failed, "http 503", AT));

    assertThat(fieldNames(line))
        .containsExactly(
            "type",
            "time",
            "source",
            "url",
            "round",
            "polled_at",
            "reason",
            "attempts",
            "last_status");
    assertThat(line.get("round").longValue()).isEqualTo(3);
    assertThat(line.get("polled_at").textValue()).isEqualTo("2026-11-30T05:00:00.250Z");
  }

  @Test
  void givenABadLineReadInAPollRound_itsDeadLetterCarriesTheRound() throws Exception {
    long startedAt = Instant.parse("2026-11-30T05:00:00Z").toEpochMilli();

    JsonNode line =
        readLine(DeadLetters.endpointLine("not json", "not a JSON object", 2, startedAt, AT));

    assertThat(fieldNames(line))
        .containsExactly("type", "time", "line", "round", "polled_at", "reason");
    assertThat(line.get("round").longValue()).isEqualTo(2);
    assertThat(line.get("polled_at").textValue()).isEqualTo("2026-11-30T05:00:00.000Z");
  }

  @Test
  void describesAPolledEndpointsFileThatCannotBeRead() throws Exception {
    JsonNode line =
        readLine(DeadLetters.endpointFile("/data/endpoints.jsonl", "no such file", 4, 0, AT));

    assertThat(fieldNames(line))
        .containsExactly("type", "time", "file", "round", "polled_at", "reason");
    assertThat(line.get("type").textValue()).isEqualTo("endpoint-file");
    assertThat(line.get("file").textValue()).isEqualTo("/data/endpoints.jsonl");
    assertThat(line.get("reason").textValue()).isEqualTo("no such file");
  }
}
