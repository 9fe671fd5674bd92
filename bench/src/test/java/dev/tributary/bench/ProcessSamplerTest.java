package dev.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.bench.ProcessSampler.CpuSample;
import dev.tributary.bench.ProcessSampler.MemorySample;
import dev.tributary.bench.ProcessSampler.Samples;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessSamplerTest {
  private static final Samples SAMPLES =
      new Samples(
          List.of(new CpuSample(1000, 10), new CpuSample(1020, 12), new CpuSample(1040, 20)),
          List.of(
              new MemorySample(1000, 100, 100),
              new MemorySample(1500, 300, 300),
              new MemorySample(2000, 200, 300)));

  @Test
  void cpuInAWindowIsInterpolatedBetweenSamples() {
    // 11 ticks at 1010, 16 at 1030: 5 ticks = 0.05 s.
    assertThat(SAMPLES.cpuSecondsBetween(1010, 1030))
        .isEqualTo(0.05, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void aWindowBeyondTheSamplesIsClampedToThem() {
    assertThat(SAMPLES.cpuSecondsBetween(0, 5000))
        .isEqualTo(0.10, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(SAMPLES.totalCpuSeconds())
        .isEqualTo(0.20, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void rssAtAMomentIsTheLastSampleBeforeIt() {
    assertThat(SAMPLES.rssKbAt(1250)).isEqualTo(100);
    assertThat(SAMPLES.rssKbAt(1500)).isEqualTo(300);
    assertThat(SAMPLES.rssKbAt(2000)).isEqualTo(200);
    assertThat(SAMPLES.peakRssKb()).isEqualTo(300);
  }

  @Test
  void samplesALiveProcessUntilStopped() throws Exception {
    ProcessSampler sampler = ProcessSampler.start("self", ProcessHandle.current().pid());
    // Burn CPU for 200 ms (several sampling periods) so there is something to see.
    long end = System.nanoTime() + 200_000_000L;
    long spins = 0;
    while (System.nanoTime() < end) spins++;
    Samples samples = sampler.stop();

    assertThat(samples.cpu()).hasSizeGreaterThan(1);
    assertThat(samples.memory()).isNotEmpty();
    assertThat(samples.peakRssKb()).isPositive();
    assertThat(spins).isPositive();
  }
}
