package dev.tributary.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The flags of {@code tributary bench} and the sizes they choose.
 *
 * @param sections which tables to make, in order: latency, throughput, scale, startup, warm
 * @param reps repetitions of each measurement (the sequential client and the scale run use 1)
 * @param latencyCounts N of the latency table
 * @param tributaryLimits concurrency limits of Tributary in the latency table
 * @param throughputCounts N of the throughput table
 * @param warm endpoints, rounds and limits of the warm-rounds table
 * @param out where results go; null = the project's {@code target/bench}
 * @param nginxWorkers nginx's worker processes
 * @param mode "full", "quick" or "smoke", for the report
 */
record BenchOptions(
    List<String> sections,
    int reps,
    List<Integer> latencyCounts,
    List<Integer> tributaryLimits,
    List<Integer> throughputCounts,
    Warm warm,
    Path out,
    int nginxWorkers,
    String mode) {

  static final List<String> SECTIONS = List.of("latency", "throughput", "scale", "startup", "warm");
  static final String USAGE =
      "usage: tributary bench [--quick] [--reps N] [--only latency,throughput,scale,startup,warm]";

  static final int DEFAULT_REPS = 3;
  static final List<Integer> LATENCY_COUNTS = List.of(50, 200, 1000);
  static final List<Integer> QUICK_LATENCY_COUNTS = List.of(50, 200);
  static final List<Integer> TRIBUTARY_LIMITS = List.of(10, 50, 200, 1000);
  static final List<Integer> THROUGHPUT_COUNTS = List.of(50_000, 200_000);
  static final List<Integer> QUICK_THROUGHPUT_COUNTS = List.of(5_000);
  static final Warm WARM = new Warm(1000, 5, List.of(50, 1000));
  static final Warm QUICK_WARM = new Warm(1000, 3, List.of(50, 1000));
  static final Warm SMOKE_WARM = new Warm(100, 2, List.of(50));

  /**
   * The warm-rounds table's sizes.
   *
   * @param endpoints endpoints polled each round
   * @param rounds rounds of each run ({@code source.poll.times}), at least 2: the first is cold
   * @param limits {@code http.concurrency} of each run
   */
  record Warm(int endpoints, int rounds, List<Integer> limits) {
    Warm {
      if (rounds < 2)
        throw new IllegalArgumentException("rounds must be at least 2, got " + rounds);
      limits = List.copyOf(limits);
    }
  }

  /**
   * One nginx worker: on 2 cores it used 5–20% of a core at the bare client's 3k–14k req/s (the
   * "server busy" column), so it is never the limit, and a second worker would only take CPU from
   * the client. {@code --nginx-workers 2} measures the other choice.
   */
  static final int DEFAULT_NGINX_WORKERS = 1;

  /** Thrown for a bad command line; the message is one line. */
  static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }

  /**
   * Parses the flags. Hidden, for tests and tuning: {@code --smoke} (a tiny run of every table but
   * scale), {@code --out DIR}, {@code --nginx-workers N}.
   */
  static BenchOptions parse(List<String> args) throws UsageException {
    boolean quick = false;
    boolean smoke = false;
    Integer reps = null;
    Set<String> only = null;
    Path out = null;
    int nginxWorkers = DEFAULT_NGINX_WORKERS;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case "--quick" -> quick = true;
        case "--smoke" -> smoke = true;
        case "--reps" -> reps = positive(arg, value(args, ++i, arg));
        case "--only" -> only = sections(value(args, ++i, arg));
        case "--out" -> out = Path.of(value(args, ++i, arg));
        case "--nginx-workers" -> nginxWorkers = positive(arg, value(args, ++i, arg));
        default -> throw new UsageException("unknown option \"" + arg + "\"");
      }
    }

    List<String> chosen = new ArrayList<>();
    for (String section : SECTIONS) {
      // --quick and --smoke leave out the scale run unless it is asked for by name.
      boolean wanted =
          only == null ? !(section.equals("scale") && (quick || smoke)) : only.contains(section);
      if (wanted) chosen.add(section);
    }
    if (smoke) {
      return new BenchOptions(
          chosen,
          reps == null ? 1 : reps,
          List.of(10),
          List.of(50),
          List.of(2_000),
          SMOKE_WARM,
          out,
          nginxWorkers,
          "smoke");
    }
    if (quick) {
      return new BenchOptions(
          chosen,
          reps == null ? 1 : reps,
          QUICK_LATENCY_COUNTS,
          TRIBUTARY_LIMITS,
          QUICK_THROUGHPUT_COUNTS,
          QUICK_WARM,
          out,
          nginxWorkers,
          "quick");
    }
    return new BenchOptions(
        chosen,
        reps == null ? DEFAULT_REPS : reps,
        LATENCY_COUNTS,
        TRIBUTARY_LIMITS,
        THROUGHPUT_COUNTS,
        WARM,
        out,
        nginxWorkers,
        "full");
  }

  boolean runs(String section) {
    return sections.contains(section);
  }

  private static String value(List<String> args, int i, String flag) throws UsageException {
    if (i >= args.size()) throw new UsageException(flag + " needs a value");
    return args.get(i);
  }

  private static int positive(String flag, String value) throws UsageException {
    try {
      int n = Integer.parseInt(value);
      if (n >= 1) return n;
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw new UsageException(flag + " needs a whole number of at least 1, got \"" + value + "\"");
  }

  private static Set<String> sections(String list) throws UsageException {
    Set<String> sections = new LinkedHashSet<>();
    for (String name : list.split(",")) {
      String section = name.trim();
      if (!SECTIONS.contains(section)) {
        throw new UsageException(
            "--only: unknown table \""
                + section
                + "\" (known: "
                + String.join(",", SECTIONS)
                + ")");
      }
      sections.add(section);
    }
    return sections;
  }
}
