package dev.tributary.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoDataTest {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final long SEED = 42;
  private static final int NAMES = 5000;

  @Test
  void sameSeedAndNameAlwaysGiveTheSameRecordsBodyAndLatency() {
    DemoApiOptions options = latency(100, 900);
    assertThat(DemoData.records(SEED, "orders")).isEqualTo(DemoData.records(SEED, "orders"));
    assertThat(DemoData.body(SEED, "orders")).isEqualTo(DemoData.body(SEED, "orders"));
    assertThat(DemoData.latency(options, "orders", 2))
        .isEqualTo(DemoData.latency(options, "orders", 2));
  }

  @Test
  void aDifferentSeedOrNameGivesDifferentData() {
    assertThat(DemoData.body(SEED, "orders")).isNotEqualTo(DemoData.body(SEED + 1, "orders"));
    assertThat(DemoData.body(SEED, "orders")).isNotEqualTo(DemoData.body(SEED, "orders2"));
    DemoApiOptions options = latency(100, 900);
    DemoApiOptions reseeded = withSeed(options, SEED + 1);
    long differing =
        names().stream()
            .filter(n -> !DemoData.latency(options, n, 1).equals(DemoData.latency(reseeded, n, 1)))
            .count();
    assertThat(differing).isGreaterThan(NAMES * 9 / 10);
  }

  @Test
  void eachAttemptHasItsOwnLatencyUniformInTheConfiguredRange() {
    DemoApiOptions options = latency(200, 500);
    long sum = 0;
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    int differsFromFirstAttempt = 0;
    for (String name : names()) {
      long ms = DemoData.latency(options, name, 1).toMillis();
      sum += ms;
      min = Math.min(min, ms);
      max = Math.max(max, ms);
      if (DemoData.latency(options, name, 2).toMillis() != ms) differsFromFirstAttempt++;
    }
    assertThat(min).isEqualTo(200);
    assertThat(max).isEqualTo(500);
    assertThat(sum / (double) NAMES).isCloseTo(350, within(8.0));
    assertThat(differsFromFirstAttempt).isGreaterThan(NAMES * 9 / 10);
    assertThat(DemoData.latency(latency(250, 250), "x", 7)).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void everyEndpointHasFiveToFifteenRecordsNamedAfterIt() {
    int[] counts = new int[16];
    for (String name : names()) {
      List<DemoRecord> records = DemoData.records(SEED, name);
      assertThat(records.size()).isBetween(5, 15);
      counts[records.size()]++;
      for (int k = 0; k < records.size(); k++) {
        assertThat(records.get(k).id()).isEqualTo(name + "-" + (k + 1));
        assertThat(records.get(k).customer()).matches("c\\d+");
      }
    }
    for (int n = 5; n <= 15; n++)
      assertThat(counts[n]).as("endpoints with %d records", n).isPositive();
  }

  @Test
  void theRenderedBodyParsesIntoExactlyTheModelRecords() throws Exception {
    for (String name : names().subList(0, 1000)) {
      List<DemoRecord> records = DemoData.records(SEED, name);
      JsonNode array = JSON.readTree(DemoData.body(SEED, name));
      assertThat(array.isArray()).isTrue();
      assertThat(array.size()).isEqualTo(records.size());
      for (int i = 0; i < records.size(); i++) {
        DemoRecord expected = records.get(i);
        JsonNode node = array.get(i);
        assertThat(node.get("id").textValue()).isEqualTo(expected.id());
        assertThat(node.get("customer").textValue()).isEqualTo(expected.customer());
        assertThat(node.get("date").textValue()).isEqualTo(expected.dateText());
        assertWritten(node.get("amount"), expected.amountJson());

        // What a reader makes of the JSON, worked out without the model's help.
        LocalDate day = parseDay(node.get("date").textValue());
        BigDecimal amount = parseAmount(node.get("amount"));
        assertThat(day).isEqualTo(expected.date());
        // Jackson's tree strips trailing zeros (12.50 reads as 12.5): compare values, not scales.
        if (expected.amount() == null) assertThat(amount).isNull();
        else assertThat(amount).isEqualByComparingTo(expected.amount());
        assertThat(expected.kept()).isEqualTo(day != null && amount != null);
      }
    }
  }

  @Test
  void datesAndAmountsComeInTheirDocumentedFormsAtRoughlyTheirRates() {
    int total = 0;
    int isoDate = 0, dateTime = 0, badDate = 0;
    int number = 0, numericString = 0, nullAmount = 0, missing = 0, badAmount = 0;
    for (String name : names()) {
      for (DemoRecord r : DemoData.records(SEED, name)) {
        total++;
        if (r.dateText().matches("\\d{4}-\\d{2}-\\d{2}")) isoDate++;
        else if (r.dateText().matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:00Z")) dateTime++;
        else badDate++;
        if (r.date() != null) {
          assertThat(r.date()).isBetween(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30));
        }

        Object written = r.amountJson();
        if (written instanceof BigDecimal value) {
          number++;
          assertThat(value.scale()).isEqualTo(2);
          assertThat(value).isBetween(new BigDecimal("0.01"), new BigDecimal("999.99"));
        } else if (written == DemoRecord.MISSING) {
          missing++;
        } else if (written == null) {
          nullAmount++;
        } else if (r.amount() != null) {
          numericString++;
        } else {
          badAmount++;
          assertThat((String) written).isIn("N/A", "", "12,50", "twelve");
        }
      }
    }
    assertThat(share(isoDate, total)).isCloseTo(0.85, within(0.015));
    assertThat(share(dateTime, total)).isCloseTo(0.12, within(0.015));
    assertThat(share(badDate, total)).isCloseTo(0.03, within(0.01));
    assertThat(share(number, total)).isCloseTo(0.80, within(0.015));
    assertThat(share(numericString, total)).isCloseTo(0.08, within(0.01));
    assertThat(share(nullAmount, total)).isCloseTo(0.04, within(0.01));
    assertThat(share(missing, total)).isCloseTo(0.03, within(0.01));
    assertThat(share(badAmount, total)).isCloseTo(0.05, within(0.01));
  }

  @Test
  void aMalformedBodyIsNeverValidJson() {
    for (String name : names().subList(0, 500)) {
      byte[] body = DemoData.malformedBody(SEED, name);
      assertThatThrownBy(() -> JSON.readTree(body)).as(name).isInstanceOf(Exception.class);
    }
  }

  @Test
  void theStaticBodyIsTenCleanRecords() throws Exception {
    List<DemoRecord> records = DemoData.staticRecords();
    assertThat(records).hasSize(10).allMatch(DemoRecord::kept);
    assertThat(DemoData.staticBody()).isEqualTo(DemoData.render(records));
    assertThat(JSON.readTree(DemoData.staticBody()).size()).isEqualTo(10);
  }

  @Test
  void namesNeedingEscapesStillRenderValidJson() throws Exception {
    String name = "we\"ird\\name\u0001é";
    JsonNode array = JSON.readTree(DemoData.body(SEED, name));
    assertThat(array.get(0).get("id").textValue()).isEqualTo(name + "-1");
  }

  private static void assertWritten(JsonNode amount, Object expected) {
    if (expected == DemoRecord.MISSING) {
      assertThat(amount).isNull();
    } else if (expected == null) {
      assertThat(amount.isNull()).isTrue();
    } else if (expected instanceof BigDecimal value) {
      assertThat(amount.isNumber()).isTrue();
      assertThat(amount.decimalValue()).isEqualByComparingTo(value);
    } else {
      assertThat(amount.isTextual()).isTrue();
      assertThat(amount.textValue()).isEqualTo(expected);
    }
  }

  private static LocalDate parseDay(String text) {
    int t = text.indexOf('T');
    try {
      return LocalDate.parse(t < 0 ? text : text.substring(0, t));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static BigDecimal parseAmount(JsonNode amount) {
    if (amount == null || amount.isNull()) return null;
    if (amount.isNumber()) return amount.decimalValue();
    try {
      return new BigDecimal(amount.textValue());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static double share(int count, int total) {
    return count / (double) total;
  }

  private static List<String> names() {
    return java.util.stream.IntStream.range(0, NAMES).mapToObj(i -> "endpoint-" + i).toList();
  }

  private static DemoApiOptions latency(long minMillis, long maxMillis) {
    DemoApiOptions d = DemoApiOptions.defaults();
    return new DemoApiOptions(
        d.port(),
        Duration.ofMillis(minMillis),
        Duration.ofMillis(maxMillis),
        SEED,
        d.faults(),
        d.hangLimit(),
        false);
  }

  private static DemoApiOptions withSeed(DemoApiOptions o, long seed) {
    return new DemoApiOptions(
        o.port(), o.latencyMin(), o.latencyMax(), seed, o.faults(), o.hangLimit(), false);
  }
}
