package dev.tributary.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.demo.DemoApi;
import dev.tributary.demo.LoopbackHttpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The warm-rounds table: the latency table's endpoints polled for several rounds by one {@code
 * tributary run}, each round's time taken from the server's side and set against the ideal schedule
 * of its limit. Round 1 pays for the cold JVM; the rounds after it show what a continuous job does
 * once warm.
 */
final class WarmBench {
  /** The goals for rounds 2 and later: measured ÷ ideal at most this, per limit. */
  static final Map<Integer, Double> TARGETS = Map.of(50, 1.03, 1000, 1.2);

  /** Rounds start at least this long after the previous one's start (poll.every's floor). */
  private static final Duration MIN_EVERY = Duration.ofSeconds(2);

  /**
   * The poll interval over the ideal round at the smallest limit: the rounds must not overlap, and
   * a round late to start would begin as soon as the previous one was emitted, inside its tail.
   */
  private static final double EVERY_OVER_IDEAL = 1.25;

  private static final Duration CHECKPOINT_EVERY = Duration.ofSeconds(10);

  /** One limit's rounds, over the repetitions. */
  record Row(
      int limit,
      double idealSeconds,
      List<Stat> roundSeconds,
      List<Stat> requestSpreadSeconds,
      Stat warmMedianSeconds) {}

  private final BenchOptions options;
  private final BenchOptions.Warm size;
  private final TributaryRunner tributary;
  private final PrintStream log;
  private final ObjectMapper json = new ObjectMapper();
  private final ArrayNode raw = json.createArrayNode();
  private final List<Row> rows = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();

  WarmBench(BenchOptions options, TributaryRunner tributary, PrintStream log) {
    this.options = options;
    this.size = options.warm();
    this.tributary = tributary;
    this.log = log;
  }

  SectionReport run() throws IOException, InterruptedException {
    Duration every = every(size);
    try (LoopbackHttpServer api = DemoApi.start(LatencyBench.DEMO)) {
      String urlPrefix = api.baseUrl() + DemoApi.PATH_PREFIX + "ep";
      for (int limit : size.limits()) measure(api, urlPrefix, limit, every);
    }
    return report(every);
  }

  /** The poll interval: a bit more than the ideal round at the smallest limit, whole seconds. */
  static Duration every(BenchOptions.Warm size) {
    int smallest = size.limits().stream().mapToInt(Integer::intValue).min().orElseThrow();
    double seconds = EVERY_OVER_IDEAL * LatencyBench.ideal(size.endpoints(), smallest);
    return Duration.ofSeconds(Math.max(MIN_EVERY.toSeconds(), (long) Math.ceil(seconds)));
  }

  private void measure(LoopbackHttpServer api, String urlPrefix, int limit, Duration every)
      throws IOException, InterruptedException {
    int n = size.endpoints();
    int times = size.rounds();
    List<List<Double>> seconds = new ArrayList<>();
    List<List<Double>> spreads = new ArrayList<>();
    for (int r = 0; r < times; r++) {
      seconds.add(new ArrayList<>());
      spreads.add(new ArrayList<>());
    }
    List<Double> warmMedians = new ArrayList<>();
    for (int rep = 1; rep <= options.reps(); rep++) {
      Queue<LoopbackHttpServer.Exchange> exchanges = new ConcurrentLinkedQueue<>();
      api.onAnswered(exchanges::add);
      String id = "warm-n" + n + "-c" + limit + "-r" + rep;
      TributaryRunner.TributaryRun run;
      try {
        run =
            tributary.runPolledRange(
                id, urlPrefix, n, every, times, CHECKPOINT_EVERY, limit, deadline(every, times));
      } finally {
        api.onAnswered(null);
      }
      List<WarmRounds.Round> rounds = WarmRounds.of(exchanges);
      check(id, rounds, n, times);
      List<Integer> late = WarmRounds.overlapping(rounds);
      if (!late.isEmpty()) {
        warnings.add(
            "limit "
                + limit
                + ", rep "
                + rep
                + ": round(s) "
                + late
                + " began before the last"
                + " answer of the round before (their times overlap)");
      }
      ObjectNode r = raw.addObject();
      r.put("limit", limit);
      r.put("rep", rep);
      r.put("endpoints", n);
      r.put("poll_every_seconds", every.toSeconds());
      r.put("ideal_seconds", ideal(limit));
      ArrayNode perRound = r.putArray("rounds");
      for (WarmRounds.Round round : rounds) {
        seconds.get(round.number() - 1).add(round.seconds());
        spreads.get(round.number() - 1).add(round.requestSpreadSeconds());
        ObjectNode o = perRound.addObject();
        o.put("round", round.number());
        o.put("requests", round.requests());
        o.put("seconds", round.seconds());
        o.put("request_spread_seconds", round.requestSpreadSeconds());
        o.put("ratio", round.ratio(ideal(limit)));
      }
      double warm = WarmRounds.warmMedianSeconds(rounds);
      warmMedians.add(warm);
      r.put("warm_median_seconds", warm);
      ArrayNode overlapping = r.putArray("overlapping_rounds");
      late.forEach(overlapping::add);
      r.set("summary", run.summary());
      log.printf(
          "warm: N=%d limit %d, rep %d/%d: rounds %s s (ideal %s s)%n",
          n,
          limit,
          rep,
          options.reps(),
          String.join(", ", rounds.stream().map(x -> Fmt.sig3(x.seconds())).toList()),
          Fmt.sig3(ideal(limit)));
      log.flush();
    }
    rows.add(
        new Row(
            limit,
            ideal(limit),
            seconds.stream().map(Stat::of).toList(),
            spreads.stream().map(Stat::of).toList(),
            Stat.of(warmMedians)));
  }

  /** Fails unless every round requested every endpoint once: else rounds cannot be told apart. */
  private static void check(String id, List<WarmRounds.Round> rounds, int n, int times)
      throws IOException {
    if (rounds.size() != times) {
      throw new IOException(
          "warm: run "
              + id
              + " made "
              + rounds.size()
              + " round(s) of "
              + times
              + " (does this job jar poll? source.poll needs the poll source)");
    }
    for (WarmRounds.Round round : rounds) {
      if (round.requests() != n) {
        throw new IOException(
            "warm: run "
                + id
                + ", round "
                + round.number()
                + ": "
                + round.requests()
                + " requests for "
                + n
                + " endpoints");
      }
    }
  }

  private double ideal(int limit) {
    return LatencyBench.ideal(size.endpoints(), limit);
  }

  /** Generous: start-up, every round's interval, three times the slowest ideal, and a minute. */
  private Duration deadline(Duration every, int times) {
    int smallest = size.limits().stream().mapToInt(Integer::intValue).min().orElseThrow();
    return Duration.ofSeconds(60 + every.toSeconds() * times + Math.round(3 * ideal(smallest)));
  }

  private SectionReport report(Duration every) {
    MarkdownTable table =
        new MarkdownTable()
            .right("limit")
            .left("round")
            .right("seconds")
            .right("requests sent within s")
            .right("ideal s")
            .right("measured ÷ ideal")
            .left("target")
            .left("met");
    Csv csv =
        new Csv(
            "limit",
            "round",
            "seconds_median",
            "seconds_min",
            "seconds_max",
            "request_spread_seconds_median",
            "ideal_seconds",
            "ratio",
            "target_ratio",
            "met",
            "reps");
    String warmLabel = "2–" + size.rounds() + " median";
    for (Row row : rows) {
      Double target = TARGETS.get(row.limit());
      for (int i = 0; i < row.roundSeconds().size(); i++) {
        Stat s = row.roundSeconds().get(i);
        boolean cold = i == 0;
        addRow(
            table,
            csv,
            row,
            cold ? "1 (cold)" : Integer.toString(i + 1),
            s,
            row.requestSpreadSeconds().get(i),
            cold ? null : target);
      }
      // With two rounds the median of the warm ones is round 2's row.
      if (size.rounds() > 2) {
        addRow(table, csv, row, warmLabel, row.warmMedianSeconds(), null, target);
      }
    }
    List<String> notes = new ArrayList<>();
    notes.add("");
    notes.add(
        "- One `tributary run` per limit polls "
            + Fmt.whole(size.endpoints())
            + " endpoints of the latency table's API (200–500 ms, seed 42, no faults) "
            + size.rounds()
            + " times (`source.poll: {every: "
            + every.toSeconds()
            + "s, times: "
            + size.rounds()
            + "}`, `checkpoint: {every: "
            + CHECKPOINT_EVERY.toSeconds()
            + "s}`); round 1 runs in a cold JVM, the later ones in a warm one.");
    notes.add(
        "- seconds: from the server's side, from the first request of the round to the last answer"
            + " it wrote (the n-th request for an endpoint belongs to round n); requests sent within:"
            + " from its first request to its last, as they reached the server (0 in the ideal"
            + " schedule when the limit is at least the endpoints); ideal: the latency table's"
            + " schedule of the seeded latencies at that limit.");
    notes.add(
        "- target: the goal for the warm rounds (round 2 on) at that limit; met: the"
            + " measured ratio is at most the target. "
            + (options.reps() == 1
                ? "One run per limit."
                : "Medians of " + options.reps() + " runs per limit (min–max)."));
    for (String warning : warnings) notes.add("- **" + warning + ".**");
    notes.add("");
    return new SectionReport(
        "warm",
        "Speed while warm: polled rounds of 200–500 ms endpoints",
        table.render() + String.join("\n", notes),
        csv,
        raw);
  }

  private static void addRow(
      MarkdownTable table,
      Csv csv,
      Row row,
      String round,
      Stat seconds,
      Stat requestSpread,
      Double target) {
    double ratio = seconds.median() / row.idealSeconds();
    Boolean met = target == null ? null : ratio <= target;
    table.row(
        Integer.toString(row.limit()),
        round,
        seconds.format(Fmt::sig3),
        requestSpread == null ? "" : requestSpread.format(Fmt::sig3),
        Fmt.sig3(row.idealSeconds()),
        // Three decimals: a ratio just over its target must not print as equal to it.
        String.format(Locale.ROOT, "%.3f", ratio),
        target == null ? "—" : "≤ " + Fmt.sig3(target),
        met == null ? "—" : met ? "yes" : "no");
    csv.row(
        row.limit(),
        round,
        seconds.median(),
        seconds.min(),
        seconds.max(),
        requestSpread == null ? null : requestSpread.median(),
        row.idealSeconds(),
        ratio,
        target,
        met,
        seconds.count());
  }
}
