package dev.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.demo.DemoData;
import org.junit.jupiter.api.Test;

class IdealScheduleTest {
  private static final long[] LATENCIES = {300, 200, 400, 100, 250};

  @Test
  void withOneSlotTheIdealIsTheSumOfTheLatencies() {
    assertThat(IdealSchedule.makespanMillis(LATENCIES, 1)).isEqualTo(1250);
  }

  @Test
  void withAtLeastAsManySlotsAsEndpointsTheIdealIsTheLongestLatency() {
    assertThat(IdealSchedule.makespanMillis(LATENCIES, 5)).isEqualTo(400);
    assertThat(IdealSchedule.makespanMillis(LATENCIES, 1000)).isEqualTo(400);
  }

  @Test
  void withTwoSlotsEachEndpointStartsWhenTheEarliestSlotFrees() {
    // slot A: 300 (0-300); slot B: 200 (0-200); 400 starts on B at 200 (-600);
    // 100 starts on A at 300 (-400); 250 starts on A at 400 (-650).
    assertThat(IdealSchedule.makespanMillis(LATENCIES, 2)).isEqualTo(650);
  }

  @Test
  void greedyInIndexOrderIsNotTheOptimalSchedule() {
    // Longest-first would finish at 4; in index order the long one starts last.
    assertThat(IdealSchedule.makespanMillis(new long[] {1, 1, 1, 1, 4}, 2)).isEqualTo(6);
  }

  @Test
  void noEndpointsTakeNoTime() {
    assertThat(IdealSchedule.makespanMillis(new long[0], 10)).isZero();
  }

  @Test
  void aLimitBelowOneIsRefused() {
    assertThatThrownBy(() -> IdealSchedule.makespanMillis(LATENCIES, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limit");
  }

  @Test
  void theDemoLatenciesAreTheDemoApisFirstAttempts() {
    long[] latencies = IdealSchedule.demoLatenciesMillis(LatencyBench.DEMO, 3);

    assertThat(latencies)
        .containsExactly(
            DemoData.latency(LatencyBench.DEMO, "ep0", 1).toMillis(),
            DemoData.latency(LatencyBench.DEMO, "ep1", 1).toMillis(),
            DemoData.latency(LatencyBench.DEMO, "ep2", 1).toMillis());
    for (long ms : latencies) assertThat(ms).isBetween(200L, 500L);
  }
}
