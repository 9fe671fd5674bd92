package dev.tributary.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoApiArgsTest {

  @Test
  void parsesEveryFlag() {
    DemoApiOptions o =
        DemoApiOptions.fromArgs(
            List.of(
                "--port",
                "9000",
                "--latency",
                "10ms..2s",
                "--seed",
                "-5",
                "--throttle-rate",
                "0.1",
                "--error-rate",
                "0.2",
                "--hang-rate=0.05",
                "--not-found-rate",
                "0.01",
                "--malformed-rate",
                "0.02",
                "--hang-limit",
                "3s",
                "--static"));
    assertThat(o)
        .isEqualTo(
            new DemoApiOptions(
                9000,
                Duration.ofMillis(10),
                Duration.ofSeconds(2),
                -5,
                new FaultRates(0.1, 0.2, 0.05, 0.01, 0.02),
                Duration.ofSeconds(3),
                true));
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

  @Test
  void faultRatesAddingUpToOneWithRoundingAreAcceptedAsInAJobFile() {
    DemoApiOptions o =
        DemoApiOptions.fromArgs(
            List.of("--throttle-rate", "0.34", "--error-rate", "0.56", "--hang-rate", "0.1"));
    assertThat(o.faults()).isEqualTo(new FaultRates(0.34, 0.56, 0.1, 0, 0));
  }

  @Test
  void aZeroHangLimitIsRefused() {
    assertThatThrownBy(() -> DemoApiOptions.fromArgs(List.of("--hang-limit", "0ms")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--hang-limit must be more than 0, got 0ms");
  }

  @Test
  void refusalsFromTheOptionsNameTheFlags() {
    assertRefusedWith(
        "--port must be 0..65535 (0 picks a free port), got 70000", "--port", "70000");
    assertRefusedWith("--error-rate must be between 0 and 1, got 2.0", "--error-rate", "2");
    assertRefusedWith(
        "--not-found-rate must be between 0 and 1, got NaN", "--not-found-rate", "NaN");
    assertRefusedWith(
        "--throttle-rate + --error-rate + --hang-rate must add up to at most 1",
        "--throttle-rate",
        "0.6",
        "--error-rate",
        "0.6");
    assertRefusedWith(
        "--not-found-rate + --malformed-rate must add up to at most 1",
        "--not-found-rate",
        "0.6",
        "--malformed-rate",
        "0.6");
    assertRefusedWith(
        "--latency: low end 500ms is above high end 200ms", "--latency", "500ms..200ms");
    assertRefusedWith(
        "--latency: bad latency \"1s..2s..3s\" (write LOW..HIGH or one duration,"
            + " e.g. 200ms..500ms)",
        "--latency",
        "1s..2s..3s");
  }

  private static void assertRefusedWith(String message, String... args) {
    assertThatThrownBy(() -> DemoApiOptions.fromArgs(List.of(args)))
        .as(String.join(" ", args))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  private static void assertRefused(String flag, String... args) {
    assertThatThrownBy(() -> DemoApiOptions.fromArgs(List.of(args)))
        .as(String.join(" ", args))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(flag)
        .hasMessageNotContaining("\n");
  }
}
