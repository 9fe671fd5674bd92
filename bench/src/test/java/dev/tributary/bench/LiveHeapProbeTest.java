package dev.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LiveHeapProbeTest {
  @Test
  void readsTheLiveBytesFromTheTotalLineOfAClassHistogram() {
    String histogram =
        String.join(
            "\n",
            "12345:",
            " num     #instances         #bytes  class name (module)",
            "-------------------------------------------------------",
            "   1:         41234        9876543  [B (java.base@17.0.15)",
            "   2:          1234         456789  java.lang.String (java.base@17.0.15)",
            "Total        215367       45678901",
            "");

    assertThat(LiveHeapProbe.parseTotal(histogram)).hasValue(45_678_901L);
  }

  @Test
  void anErrorFromJcmdIsNoMeasurement() {
    assertThat(LiveHeapProbe.parseTotal("12345:\ncom.sun.tools.attach.AttachNotSupportedException"))
        .isEmpty();
    assertThat(LiveHeapProbe.parseTotal("")).isEmpty();
  }

  @Test
  void picksTheSampleNearestToAMoment() {
    List<LiveHeapProbe.Sample> samples =
        List.of(
            new LiveHeapProbe.Sample(1_000, 10),
            new LiveHeapProbe.Sample(2_000, 20),
            new LiveHeapProbe.Sample(3_000, 30));

    assertThat(LiveHeapProbe.liveBytesNear(samples, 2_400)).hasValue(20);
    assertThat(LiveHeapProbe.liveBytesNear(samples, 9_000)).hasValue(30);
    assertThat(LiveHeapProbe.liveBytesNear(List.of(), 9_000)).isEmpty();
  }

  @Test
  void measuresTheLiveHeapOfARunningJvm() throws Exception {
    // This test's own JVM, found by its command line like the scale run's Tributary.
    String mark = ProcessHandle.current().info().commandLine().orElseThrow();
    LiveHeapProbe probe = LiveHeapProbe.start(mark, java.time.Duration.ofMillis(100));
    Thread.sleep(1_500);
    List<LiveHeapProbe.Sample> samples = probe.stop();

    assertThat(samples).isNotEmpty();
    assertThat(samples.get(0).liveBytes()).isBetween(1L << 20, Runtime.getRuntime().totalMemory());
  }
}
