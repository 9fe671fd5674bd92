package dev.tributary.job;

import dev.tributary.demo.LoopbackHttpServer;
import dev.tributary.demo.LoopbackHttpServer.Reply;
import dev.tributary.demo.LoopbackHttpServer.Request;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A scripted API for end-to-end tests: healthy endpoints with known records (some unparseable), and
 * one endpoint per fault. Bodies are {@code {"data": [...]}}. Knows, independently of the job's
 * parsing, which records must be kept and what the daily totals must be.
 */
final class FaultyApi implements LoopbackHttpServer.Responder {
  static final int HEALTHY = 40;
  static final Duration LATENCY = Duration.ofMillis(20);

  /** A record as the test wrote it: its JSON text, and what parsing must make of it. */
  record TestRecord(String json, LocalDate date, BigDecimal amount, String dropReason) {
    boolean kept() {
      return dropReason == null;
    }
  }

  private final Map<String, Function<Request, Reply>> script = new ConcurrentHashMap<>();
  private final Map<String, List<TestRecord>> data = new TreeMap<>();
  private final Map<String, Long> arrivalMillis = new ConcurrentHashMap<>();

  FaultyApi() {
    for (int k = 0; k < HEALTHY; k++) healthy("ok-" + k, records(k));
    healthy("edge-forms", edgeForms());
    script.put(
        "/throttled-once",
        attemptIs(1, Reply.json(429, "{}").withHeader("Retry-After", "1"), "throttled-once"));
    data.put("throttled-once", records(100));
    script.put("/unavailable-once", attemptIs(1, Reply.json(503, "{}"), "unavailable-once"));
    data.put("unavailable-once", records(101));
    script.put("/hangs-once", attemptIs(1, Reply.hang(), "hangs-once"));
    data.put("hangs-once", records(102));
    script.put("/always-500", r -> Reply.json(500, "{\"error\":\"boom\"}"));
    script.put("/not-found", r -> Reply.json(404, "{\"error\":\"no such thing\"}"));
    script.put("/malformed", r -> Reply.json(200, "{\"data\": [{\"id\": 1, \"amount\": 1"));
    script.put("/not-an-array", r -> Reply.json(200, "{\"data\": {\"id\": 1}}"));
    script.put("/always-hangs", r -> Reply.hang());
  }

  /** Names of the endpoints that must end in the dead letters, with the reason's beginning. */
  static Map<String, String> failingEndpoints() {
    return Map.of(
        "always-500", "http 500",
        "not-found", "http 404",
        "malformed", "malformed body",
        "not-an-array", "malformed body: no array of records at \"/data\"",
        "always-hangs", "timeout after 1s",
        "refused", "connection refused",
        "bad-url", "malformed url");
  }

  /** Every endpoint of the job: the scripted ones, one on a closed port, one with a broken URL. */
  List<String> endpointLines(String baseUrl, int closedPort) {
    List<String> lines = new ArrayList<>();
    for (String path : script.keySet()) {
      lines.add("{name: " + path.substring(1) + ", url: \"" + baseUrl + path + "\"}");
    }
    lines.add("{name: refused, url: \"http://127.0.0.1:" + closedPort + "/api/x\"}");
    lines.add("{name: bad-url, url: \"htp:/127.0.0.1 nope\"}");
    return lines;
  }

  Map<String, List<TestRecord>> dataByEndpoint() {
    return data;
  }

  /** date → exact sum of the kept amounts. */
  Map<String, BigDecimal> expectedTotals() {
    Map<String, BigDecimal> totals = new TreeMap<>();
    allRecords().stream()
        .filter(TestRecord::kept)
        .forEach(r -> totals.merge(r.date().toString(), r.amount(), BigDecimal::add));
    return totals;
  }

  Map<String, Long> expectedCounts() {
    Map<String, Long> counts = new TreeMap<>();
    allRecords().stream()
        .filter(TestRecord::kept)
        .forEach(r -> counts.merge(r.date().toString(), 1L, Long::sum));
    return counts;
  }

  List<TestRecord> allRecords() {
    return data.values().stream().flatMap(List::stream).toList();
  }

  /** When the given attempt of an endpoint reached the server (millis), or null. */
  Long arrival(String name, int attempt) {
    return arrivalMillis.get(name + "#" + attempt);
  }

  @Override
  public Reply reply(Request request) {
    Function<Request, Reply> answer = script.get(request.path());
    if (answer == null) return Reply.json(404, "{}");
    return answer.apply(request);
  }

  private void healthy(String name, List<TestRecord> records) {
    data.put(name, records);
    script.put("/" + name, r -> Reply.json(200, body(records)).after(LATENCY));
  }

  private Function<Request, Reply> attemptIs(int failingAttempt, Reply failure, String name) {
    return r -> {
      arrivalMillis.put(name + "#" + r.attempt(), System.currentTimeMillis());
      if (r.attempt() == failingAttempt) return failure;
      return Reply.json(200, body(data.get(name)));
    };
  }

  private static String body(List<TestRecord> records) {
    StringBuilder json = new StringBuilder("{\"data\": [");
    for (int i = 0; i < records.size(); i++)
      json.append(i == 0 ? "" : ", ").append(records.get(i).json());
    return json.append("]}").toString();
  }

  /** Eight records for endpoint k: six kept (numbers and numeric strings), two dropped. */
  private static List<TestRecord> records(int k) {
    List<TestRecord> records = new ArrayList<>();
    for (int j = 0; j < 8; j++) {
      LocalDate date = LocalDate.of(2026, 11, 1 + (k * 3 + j) % 7);
      BigDecimal amount =
          new BigDecimal((k * 37 + j * 11) % 1000 + "." + String.format("%02d", (k + j) % 100));
      String id = "\"id\": \"" + k + "-" + j + "\", \"customer\": \"c" + k + "\"";
      if (j == 3) {
        records.add(
            new TestRecord(
                "{" + id + ", \"date\": \"" + date + "\", \"amount\": null}",
                null,
                null,
                "amount is null"));
      } else if (j == 6) {
        records.add(
            new TestRecord(
                "{" + id + ", \"date\": \"someday\", \"amount\": " + amount + "}",
                null,
                null,
                "date is not an ISO date: \"someday\""));
      } else if (j % 2 == 0) {
        records.add(
            new TestRecord(
                "{" + id + ", \"date\": \"" + date + "\", \"amount\": " + amount + "}",
                date,
                amount,
                null));
      } else {
        records.add(
            new TestRecord(
                "{" + id + ", \"date\": \"" + date + "\", \"amount\": \"" + amount + "\"}",
                date,
                amount,
                null));
      }
    }
    return records;
  }

  /** Every form of amount and date the parser must accept or drop. */
  private static List<TestRecord> edgeForms() {
    LocalDate d1 = LocalDate.of(2026, 11, 1);
    LocalDate d2 = LocalDate.of(2026, 11, 2);
    return List.of(
        new TestRecord(
            "{\"date\": \"2026-11-01\", \"amount\": 0.1}", d1, new BigDecimal("0.1"), null),
        new TestRecord(
            "{\"date\": \"2026-11-01\", \"amount\": 0.2}", d1, new BigDecimal("0.2"), null),
        new TestRecord(
            "{\"date\": \"2026-11-01\", \"amount\": -3}", d1, new BigDecimal("-3"), null),
        new TestRecord(
            "{\"date\": \"2026-11-02T23:30:00+05:00\", \"amount\": \" 12.50 \"}",
            d2,
            new BigDecimal("12.50"),
            null),
        new TestRecord(
            "{\"date\": \"2026-11-02T01:00:00Z\", \"amount\": 1e2}",
            d2,
            new BigDecimal("100"),
            null),
        new TestRecord(
            "{\"date\": \"2026-11-02T01:00:00\", \"amount\": \"+7\"}",
            d2,
            new BigDecimal("7"),
            null),
        new TestRecord(
            "{\"date\": \"2026-11-02\", \"amount\": \"N/A\"}",
            null,
            null,
            "amount is not a number: \"N/A\""),
        new TestRecord(
            "{\"date\": \"2026-11-02\", \"amount\": \"\"}",
            null,
            null,
            "amount is not a number: \"\""),
        new TestRecord(
            "{\"date\": \"2026-11-02\", \"amount\": \"12,50\"}",
            null,
            null,
            "amount is not a number: \"12,50\""),
        new TestRecord(
            "{\"date\": \"2026-11-02\", \"amount\": \"twelve\"}",
            null,
            null,
            "amount is not a number: \"twelve\""),
        new TestRecord(
            "{\"date\": \"2026-11-02\", \"amount\": true}",
            null,
            null,
            "amount is not a number: true"),
        new TestRecord("{\"date\": \"2026-11-02\"}", null, null, "amount is missing"),
        new TestRecord("{\"amount\": 5}", null, null, "date is missing"),
        new TestRecord(
            "{\"date\": \"07/11/2026\", \"amount\": 5}",
            null,
            null,
            "date is not an ISO date: \"07/11/2026\""),
        new TestRecord(
            "{\"date\": 20261102, \"amount\": 5}", null, null, "date is not an ISO date: 20261102"),
        new TestRecord("42", null, null, "record is not a JSON object"));
  }
}
