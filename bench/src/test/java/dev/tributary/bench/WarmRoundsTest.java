package dev.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tributary.demo.LoopbackHttpServer.Exchange;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WarmRoundsTest {
  private static final long MS = 1_000_000;

  private static Exchange exchange(String path, long receivedMs, long answeredMs) {
    return new Exchange(path, 200, receivedMs * MS, answeredMs * MS);
  }

  @Test
  void theNthRequestForAPathBelongsToRoundN() {
    // Listed in the order answers were written, not the order requests came.
    List<WarmRounds.Round> rounds =
        WarmRounds.of(
            List.of(
                exchange("/a", 0, 400),
                exchange("/b", 10, 210),
                exchange("/b", 10_000, 10_200),
                exchange("/a", 10_005, 10_300)));

    assertThat(rounds).extracting(WarmRounds.Round::number).containsExactly(1, 2);
    assertThat(rounds).extracting(WarmRounds.Round::requests).containsExactly(2, 2);
  }

  @Test
  void aRoundLastsFromItsFirstRequestReadToItsLastAnswerWritten() {
    List<WarmRounds.Round> rounds =
        WarmRounds.of(
            List.of(
                exchange("/a", 5, 405),
                exchange("/b", 0, 300),
                exchange("/a", 10_000, 10_400),
                exchange("/b", 10_001, 10_250)));

    assertThat(rounds.get(0).seconds()).isCloseTo(0.405, within(1e-9));
    assertThat(rounds.get(1).seconds()).isCloseTo(0.400, within(1e-9));
    assertThat(rounds.get(0).requestSpreadSeconds()).isCloseTo(0.005, within(1e-9));
    assertThat(rounds.get(1).requestSpreadSeconds()).isCloseTo(0.001, within(1e-9));
  }

  @Test
  void requestsOfOnePathAreOrderedByArrivalWhateverTheOrderOfTheirAnswers() {
    // Round 2's request for /a was answered before round 1's (a shorter delay): still round 2.
    List<WarmRounds.Round> rounds =
        WarmRounds.of(List.of(exchange("/a", 1_000, 1_100), exchange("/a", 0, 2_000)));

    assertThat(rounds.get(0).firstReceivedNanos()).isZero();
    assertThat(rounds.get(0).lastAnsweredNanos()).isEqualTo(2_000 * MS);
    assertThat(rounds.get(1).firstReceivedNanos()).isEqualTo(1_000 * MS);
  }

  @Test
  void aRoundBeginningBeforeThePreviousOnesLastAnswerOverlaps() {
    List<WarmRounds.Round> rounds =
        WarmRounds.of(
            List.of(
                exchange("/a", 0, 500), exchange("/a", 400, 900), exchange("/a", 2_000, 2_500)));

    assertThat(WarmRounds.overlapping(rounds)).containsExactly(2);
  }

  @Test
  void theWarmMedianLeavesTheColdFirstRoundOut() {
    List<WarmRounds.Round> rounds =
        WarmRounds.of(
            List.of(
                exchange("/a", 0, 9_000),
                exchange("/a", 10_000, 10_300),
                exchange("/a", 20_000, 20_500),
                exchange("/a", 30_000, 30_400)));

    assertThat(WarmRounds.warmMedianSeconds(rounds)).isCloseTo(0.4, within(1e-9));
    assertThatThrownBy(() -> WarmRounds.warmMedianSeconds(rounds.subList(0, 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theRatioIsTheRoundsTimeOverTheIdeal() {
    WarmRounds.Round round = new WarmRounds.Round(2, 1000, 0, 10 * MS, 7_500 * MS);

    assertThat(round.ratio(7.32)).isCloseTo(7.5 / 7.32, within(1e-9));
  }

  @Test
  void noExchangesAreNoRounds() {
    assertThat(WarmRounds.of(List.of())).isEmpty();
  }

  @Test
  void thePollIntervalIsABitMoreThanTheIdealRoundAtTheSmallestLimitInWholeSeconds() {
    // 1,000 endpoints at limit 50: an ideal of 7.32 s, 1.25 × that rounded up.
    assertThat(WarmBench.every(new BenchOptions.Warm(1000, 5, List.of(50, 1000))))
        .isEqualTo(Duration.ofSeconds(10));
    // A tiny run still leaves rounds 2 s apart.
    assertThat(WarmBench.every(new BenchOptions.Warm(10, 2, List.of(50))))
        .isEqualTo(Duration.ofSeconds(2));
  }
}
