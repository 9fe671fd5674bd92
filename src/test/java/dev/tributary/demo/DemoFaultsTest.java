package dev.tributary.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tributary.demo.DemoFaults.Fault;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DemoFaultsTest {
  private static final long SEED = 42;
  private static final int NAMES = 5000;
  private static final FaultRates RATES = new FaultRates(0.10, 0.05, 0.02, 0.03, 0.04);

  @Test
  void sameSeedNameAndAttemptAlwaysGiveTheSameFault() {
    for (String name : names()) {
      for (int attempt = 1; attempt <= 3; attempt++) {
        assertThat(DemoFaults.faultFor(SEED, RATES, name, attempt))
            .isEqualTo(DemoFaults.faultFor(SEED, RATES, name, attempt));
      }
    }
  }

  @Test
  void faultsHappenAtRoughlyTheConfiguredRates() {
    Map<Fault, Integer> counts = new EnumMap<>(Fault.class);
    for (String name : names())
      counts.merge(DemoFaults.faultFor(SEED, RATES, name, 1), 1, Integer::sum);
    // Per-attempt faults are drawn only for endpoints without a permanent one.
    double healthy = 1 - RATES.notFound() - RATES.malformed();
    assertThat(share(counts, Fault.NOT_FOUND)).isCloseTo(0.03, within(0.01));
    assertThat(share(counts, Fault.MALFORMED)).isCloseTo(0.04, within(0.01));
    assertThat(share(counts, Fault.THROTTLE)).isCloseTo(0.10 * healthy, within(0.015));
    assertThat(share(counts, Fault.ERROR)).isCloseTo(0.05 * healthy, within(0.01));
    assertThat(share(counts, Fault.HANG)).isCloseTo(0.02 * healthy, within(0.01));
    assertThat(share(counts, Fault.NONE)).isCloseTo(0.83 * healthy, within(0.02));
  }

  @Test
  void permanentFaultsHitEveryAttemptWhileTransientOnesVaryByAttempt() {
    int transientThenRecovered = 0;
    for (String name : names()) {
      Fault first = DemoFaults.faultFor(SEED, RATES, name, 1);
      if (first.isPermanent()) {
        for (int attempt = 2; attempt <= 5; attempt++) {
          assertThat(DemoFaults.faultFor(SEED, RATES, name, attempt)).isEqualTo(first);
        }
      } else if (first != Fault.NONE && DemoFaults.faultFor(SEED, RATES, name, 2) == Fault.NONE) {
        transientThenRecovered++;
      }
    }
    assertThat(transientThenRecovered).isGreaterThan(500);
  }

  @Test
  void noRatesMeanNoFaults() {
    for (String name : names()) {
      assertThat(DemoFaults.faultFor(SEED, FaultRates.NONE, name, 1)).isEqualTo(Fault.NONE);
    }
  }

  @Test
  void aDifferentSeedGivesDifferentFaults() {
    long differing =
        names().stream()
            .filter(
                n ->
                    DemoFaults.faultFor(SEED, RATES, n, 1)
                        != DemoFaults.faultFor(SEED + 1, RATES, n, 1))
            .count();
    assertThat(differing).isGreaterThan(NAMES / 10);
  }

  @Test
  void optionsCarryTheSeedAndRates() {
    DemoApiOptions d = DemoApiOptions.defaults();
    DemoApiOptions options =
        new DemoApiOptions(0, d.latencyMin(), d.latencyMax(), SEED, RATES, d.hangLimit(), false);
    for (String name : names().subList(0, 100)) {
      assertThat(DemoFaults.faultFor(options, name, 2))
          .isEqualTo(DemoFaults.faultFor(SEED, RATES, name, 2));
    }
  }

  private static double share(Map<Fault, Integer> counts, Fault fault) {
    return counts.getOrDefault(fault, 0) / (double) NAMES;
  }

  private static List<String> names() {
    return IntStream.range(0, NAMES).mapToObj(i -> "endpoint-" + i).toList();
  }
}
