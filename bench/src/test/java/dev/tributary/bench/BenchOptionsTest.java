package dev.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

  @Test
  void withoutFlagsEveryTableRunsThreeTimesAtFullSize() throws Exception {
    BenchOptions options = BenchOptions.parse(List.of());

    assertThat(options.sections())
        .containsExactly("latency", "throughput", "scale", "startup", "warm");
    assertThat(options.reps()).isEqualTo(3);
    assertThat(options.latencyCounts()).containsExactly(50, 200, 1000);
    assertThat(options.tributaryLimits()).containsExactly(10, 50, 200, 1000);
    assertThat(options.throughputCounts()).containsExactly(50_000, 200_000);
    assertThat(options.warm()).isEqualTo(new BenchOptions.Warm(1000, 5, List.of(50, 1000)));
  }

  @Test
  void quickIsSmallOnceAndWithoutTheScaleRun() throws Exception {
    BenchOptions options = BenchOptions.parse(List.of("--quick"));

    assertThat(options.sections()).containsExactly("latency", "throughput", "startup", "warm");
    assertThat(options.reps()).isEqualTo(1);
    assertThat(options.latencyCounts()).containsExactly(50, 200);
    assertThat(options.throughputCounts()).containsExactly(5_000);
    assertThat(options.warm().rounds()).isEqualTo(3);
  }

  @Test
  void onlyChoosesTablesAndKeepsTheirOrder() throws Exception {
    BenchOptions options = BenchOptions.parse(List.of("--only", "startup,latency", "--reps", "5"));

    assertThat(options.sections()).containsExactly("latency", "startup");
    assertThat(options.reps()).isEqualTo(5);
  }

  @Test
  void smokeKeepsTheWarmTableTinyTwoRoundsOfAHundredEndpointsAtOneLimit() throws Exception {
    BenchOptions options = BenchOptions.parse(List.of("--smoke"));

    assertThat(options.sections()).contains("warm");
    assertThat(options.warm()).isEqualTo(new BenchOptions.Warm(100, 2, List.of(50)));
  }

  @Test
  void anUnknownTableOrFlagIsAUsageError() {
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--only", "latncy")))
        .isInstanceOf(BenchOptions.UsageException.class)
        .hasMessageContaining("latncy")
        .hasMessageContaining("latency,throughput,scale,startup,warm");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--fast")))
        .isInstanceOf(BenchOptions.UsageException.class)
        .hasMessageContaining("--fast");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--reps", "0")))
        .isInstanceOf(BenchOptions.UsageException.class)
        .hasMessageContaining("--reps");
  }
}
