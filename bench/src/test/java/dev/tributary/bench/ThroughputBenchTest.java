package dev.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ThroughputBenchTest {
  @Test
  void thePerHostRowWritesLimitsThatDoNotBindIntoTheHttpSection() {
    assertThat(ThroughputBench.LIMITED.http().line())
        .isEqualTo(
            "http: {concurrency: 256, timeout: 10s,"
                + " perHost: {concurrency: 256, rate: 1000000, burst: 1000}}\n");
    assertThat(ThroughputBench.PLAIN.http().line())
        .isEqualTo("http: {concurrency: 256, timeout: 10s}\n");
  }

  @Test
  void perHostOverWithoutIsTheRatioOfMedianRatesAtEachN() {
    // Means would give 400 ÷ 300 = 133%; medians give 190 ÷ 200 = 95%.
    List<ThroughputBench.Row> rows =
        List.of(
            row(ThroughputBench.TRIBUTARY, 1_000, 100, 200, 600),
            row(ThroughputBench.PER_HOST, 1_000, 1_000, 190, 10),
            row(ThroughputBench.BARE, 1_000, 400),
            row(ThroughputBench.TRIBUTARY, 50_000, 400),
            row(ThroughputBench.PER_HOST, 50_000, 420));

    assertThat(ThroughputBench.perHostOverWithout(rows))
        .hasValueSatisfying(line -> assertThat(line).contains("N = 1,000: 95%, N = 50,000: 105%"));
    assertThat(
            ThroughputBench.rateRatio(rows, ThroughputBench.PER_HOST, ThroughputBench.BARE, 1_000))
        .isEqualTo(190 / 400.0);
  }

  @Test
  void withoutBothTributaryRowsThereIsNoRatioToReport() {
    List<ThroughputBench.Row> rows =
        List.of(
            row(ThroughputBench.PER_HOST, 1_000, 190), row(ThroughputBench.TRIBUTARY, 50_000, 400));

    assertThat(ThroughputBench.perHostOverWithout(rows)).isEmpty();
    assertThat(
            ThroughputBench.rateRatio(rows, ThroughputBench.PER_HOST, ThroughputBench.BARE, 1_000))
        .isNaN();
  }

  /** A row whose repetitions ran at these requests per second, one second each. */
  private static ThroughputBench.Row row(String approach, int n, double... rates) {
    List<ThroughputBench.Measurement> runs =
        IntStream.range(0, rates.length)
            .mapToObj(
                i ->
                    new ThroughputBench.Measurement(
                        approach,
                        n,
                        i + 1,
                        Math.round(rates[i]),
                        new FetchWindow(0, 1_000),
                        2,
                        1,
                        1,
                        0.1))
            .toList();
    return new ThroughputBench.Row(approach, n, runs);
  }
}
