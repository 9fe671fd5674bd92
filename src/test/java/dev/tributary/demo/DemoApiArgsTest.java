package dev.tributary.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoApiArgsTest {

  @Test
  void parsesEveryFlag() {
    DemoApiOptions o = DemoApiOptions.fromArgs(List.of(
        "--port", "9000", "--latency", "10ms..2s", "--seed", "-5",
        "--throttle-rate", "0.1", "--error-rate", "0.2", "--hang-rate=0.05",
        "--not-found-rate", "0.01", "--malformed-rate", "0.02", "--hang-limit", "3s", "--static"));
    assertThat(o).isEqualTo(new DemoApiOptions(9000, Duration.ofMillis(10), Duration.ofSeconds(2), -5,
        new FaultRates(0.1, 0.2, 0.05, 0.01, 0.02), Duration.ofSeconds(3), true));
  }

  @Test
  void noFlagsGiveTheDefaults() {
    assertThat(DemoApiOptions.fromArgs(List.of())).isEqualTo(DemoApiOptions.defaults());
  }

  @Test
  void aSingleLatencyIsBothEndsOfTheRange() {
    DemoApiOptions o = DemoApiOptions.fromArgs(List.of("--latency", "250ms"));
    assertThat(o.latencyMin()).isEqualTo(Duration.ofMillis(250));
    assertThat(o.latencyMax()).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void anUnknownFlagIsRefusedListingTheKnownOnes() {
    assertThatThrownBy(() -> DemoApiOptions.fromArgs(List.of("--prot", "1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--prot")
        .hasMessageContaining("--port --latency --seed")
        .hasMessageContaining("--static");
  }

  @Test
  void aBadValueIsRefusedNamingItsFlag() {
    assertRefused("--port", "--port", "x");
    assertRefused("--port", "--port", "70000");
    assertRefused("--latency", "--latency", "500ms..200ms");
    assertRefused("--latency", "--latency", "fast");
    assertRefused("--seed", "--seed", "1.5");
    assertRefused("--error-rate", "--error-rate", "2");
    assertRefused("--hang-limit", "--hang-limit", "60");
    assertRefused("--throttle-rate", "--throttle-rate", "0.6", "--error-rate", "0.6");
    assertRefused("--not-found-rate", "--not-found-rate", "0.6", "--malformed-rate", "0.6");
    assertRefused("--seed", "--seed");
    assertRefused("--static", "--static=yes");
  }

  private static void assertRefused(String flag, String... args) {
    assertThatThrownBy(() -> DemoApiOptions.fromArgs(List.of(args)))
        .as(String.join(" ", args))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(flag)
        .hasMessageNotContaining("\n");
  }
}
