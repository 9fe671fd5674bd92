package dev.tributary.demo;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What the demo API answers and how long it takes: pure functions of (seed, name, attempt).
 *
 * <p>An endpoint has 5 to 15 records dated in November 2026. About 85% of dates are ISO dates, 12%
 * ISO date-times (the day is the part before {@code T}) and 3% unparseable. About 80% of amounts
 * are JSON numbers, 8% numeric strings, 4% null, 3% missing and 5% unparseable strings. A record is
 * kept by a correct pipeline iff it has a day and an amount ({@link DemoRecord#kept()}).
 */
public final class DemoData {
  public static final int MIN_RECORDS = 5;
  public static final int MAX_RECORDS = 15;

  /** The month every record falls in. */
  public static final LocalDate FIRST_DAY = LocalDate.of(2026, 11, 1);

  public static final int DAYS = 30;

  // Cumulative shares of the date forms.
  private static final double ISO_DATE = 0.85;
  private static final double ISO_DATE_TIME = ISO_DATE + 0.12;
  // Cumulative shares of the amount forms.
  private static final double NUMBER = 0.80;
  private static final double NUMERIC_STRING = NUMBER + 0.08;
  private static final double NULL = NUMERIC_STRING + 0.04;
  private static final double ABSENT = NULL + 0.03;
  private static final String[] UNPARSEABLE_AMOUNTS = {"N/A", "", "12,50", "twelve"};
  private static final int MAX_CENTS = 99_999;
  private static final int CUSTOMERS = 500;

  private static final int STATIC_RECORDS = 10;
  private static final List<DemoRecord> STATIC = generateClean("static", STATIC_RECORDS);

  /** Shared, never changed: the static mode sends this very array on every answer. */
  static final byte[] STATIC_BODY = render(STATIC);

  private DemoData() {}

  /** The records of endpoint {@code name}. */
  public static List<DemoRecord> records(long seed, String name) {
    SplittableRandom random = new SplittableRandom(Seeds.of(seed, name, Seeds.RECORDS));
    int count = MIN_RECORDS + random.nextInt(MAX_RECORDS - MIN_RECORDS + 1);
    List<DemoRecord> records = new ArrayList<>(count);
    for (int k = 1; k <= count; k++) {
      LocalDate day = FIRST_DAY.plusDays(random.nextInt(DAYS));
      String dateText;
      LocalDate date = day;
      double dateForm = random.nextDouble();
      if (dateForm < ISO_DATE) {
        dateText = day.toString();
      } else if (dateForm < ISO_DATE_TIME) {
        dateText = String.format("%sT%02d:%02d:00Z", day, random.nextInt(24), random.nextInt(60));
      } else {
        dateText =
            random.nextBoolean()
                ? String.format(
                    "%02d/%02d/%d", day.getDayOfMonth(), day.getMonthValue(), day.getYear())
                : "soon";
        date = null;
      }

      BigDecimal value = BigDecimal.valueOf(1 + random.nextInt(MAX_CENTS), 2);
      Object amountJson;
      BigDecimal amount = null;
      double amountForm = random.nextDouble();
      if (amountForm < NUMBER) {
        amountJson = value;
        amount = value;
      } else if (amountForm < NUMERIC_STRING) {
        amountJson = value.toPlainString();
        amount = value;
      } else if (amountForm < NULL) {
        amountJson = null;
      } else if (amountForm < ABSENT) {
        amountJson = DemoRecord.MISSING;
      } else {
        amountJson = UNPARSEABLE_AMOUNTS[random.nextInt(UNPARSEABLE_AMOUNTS.length)];
      }
      String customer = "c" + (1 + random.nextInt(CUSTOMERS));
      records.add(new DemoRecord(name + "-" + k, dateText, date, amountJson, amount, customer));
    }
    return List.copyOf(records);
  }

  /** The JSON array of {@link #records(long, String)}, exactly. */
  public static byte[] body(long seed, String name) {
    return render(records(seed, name));
  }

  /** The body of a "malformed" answer: the real body cut in the middle, so never valid JSON. */
  public static byte[] malformedBody(long seed, String name) {
    byte[] body = body(seed, name);
    return Arrays.copyOf(body, body.length / 2);
  }

  /**
   * How long the answer to this attempt takes: uniform in [latencyMin, latencyMax], whole
   * milliseconds.
   */
  public static Duration latency(DemoApiOptions options, String name, int attempt) {
    long min = options.latencyMin().toMillis();
    long span = options.latencyMax().toMillis() - min + 1;
    double u = Seeds.unit(Seeds.of(options.seed(), name, attempt, Seeds.LATENCY));
    return Duration.ofMillis(min + (long) (u * span));
  }

  /**
   * The 10 records every answer carries in static mode; all of them clean (ISO date, number
   * amount).
   */
  public static List<DemoRecord> staticRecords() {
    return STATIC;
  }

  /** The body every answer carries in static mode. */
  public static byte[] staticBody() {
    return STATIC_BODY.clone();
  }

  /**
   * Renders records as a compact JSON array: {@code [{"id":…,"date":…,"amount":…,"customer":…},…]}.
   */
  public static byte[] render(List<DemoRecord> records) {
    StringBuilder json = new StringBuilder(records.size() * 80 + 2).append('[');
    for (int i = 0; i < records.size(); i++) {
      DemoRecord r = records.get(i);
      if (i > 0) json.append(',');
      json.append("{\"id\":");
      string(json, r.id());
      json.append(",\"date\":");
      string(json, r.dateText());
      if (r.amountJson() != DemoRecord.MISSING) {
        json.append(",\"amount\":");
        if (r.amountJson() == null) {
          json.append("null");
        } else if (r.amountJson() instanceof BigDecimal number) {
          json.append(number.toPlainString());
        } else {
          string(json, (String) r.amountJson());
        }
      }
      json.append(",\"customer\":");
      string(json, r.customer());
      json.append('}');
    }
    return json.append(']').toString().getBytes(StandardCharsets.UTF_8);
  }

  private static List<DemoRecord> generateClean(String name, int count) {
    SplittableRandom random = new SplittableRandom(Seeds.of(0, name, Seeds.RECORDS));
    List<DemoRecord> records = new ArrayList<>(count);
    for (int k = 1; k <= count; k++) {
      LocalDate day = FIRST_DAY.plusDays(random.nextInt(DAYS));
      BigDecimal amount = BigDecimal.valueOf(1 + random.nextInt(MAX_CENTS), 2);
      String customer = "c" + (1 + random.nextInt(CUSTOMERS));
      records.add(new DemoRecord(name + "-" + k, day.toString(), day, amount, amount, customer));
    }
    return List.copyOf(records);
  }

  private static void string(StringBuilder json, String s) {
    json.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20) json.append(String.format("\\u%04x", (int) c));
          else json.append(c);
        }
      }
    }
    json.append('"');
  }
}
