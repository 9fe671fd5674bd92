package dev.tributary.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @Test
  void parsesEachUnit() {
    assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Durations.parse("10s")).isEqualTo(Duration.ofSeconds(10));
    assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(Durations.parse("7d")).isEqualTo(Duration.ofDays(7));
  }

  @Test
  void parsesFractionsDownToTheMillisecond() {
    assertThat(Durations.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(Durations.parse("0.001s")).isEqualTo(Duration.ofMillis(1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"10 sec", "10", "", "s", "-1s", "1,5s", "10S", "1w"})
  void rejectsWhatIsNotANumberAndAUnit(String text) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Durations.parse(text))
        .withMessage(
            "bad duration \"" + text + "\" (write a number and a unit: 250ms, 10s, 2m, 1h, 7d)");
  }

  @Test
  void rejectsFractionsOfAMillisecond() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Durations.parse("1.5ms"))
        .withMessage("bad duration \"1.5ms\" (finer than a millisecond)");
  }

  @Test
  void formatsInTheLargestWholeUnit() {
    assertThat(Durations.format(Duration.ofMillis(250))).isEqualTo("250ms");
    assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(Durations.format(Duration.ofSeconds(10))).isEqualTo("10s");
    assertThat(Durations.format(Duration.ofMinutes(2))).isEqualTo("2m");
    assertThat(Durations.format(Duration.ofHours(36))).isEqualTo("36h");
    assertThat(Durations.format(Duration.ofDays(7))).isEqualTo("7d");
    assertThat(Durations.format(Duration.ZERO)).isEqualTo("0ms");
  }

  @Test
  void rejectsDurationsTooLongForALongOfMilliseconds() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Durations.parse("9999999999999h"))
        .withMessage("bad duration \"9999999999999h\" (too long)");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Durations.parse("1" + "0".repeat(40) + "ms"))
        .withMessageEndingWith("(too long)");
  }

  @Test
  void acceptsUpToTheLongestDurationWhoseNanosecondsFitALong() {
    long maxMillis = Long.MAX_VALUE / 1_000_000;
    Duration longest = Durations.parse(maxMillis + "ms");

    assertThat(longest).isEqualTo(Duration.ofMillis(maxMillis));
    assertThat(longest.toNanos()).isPositive();
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Durations.parse((maxMillis + 1) + "ms"))
        .withMessageEndingWith("(too long)");
  }

  @Test
  void rangeReadsLowAndHighOrOneDurationForBoth() {
    assertThat(Durations.parseRange("200ms..1.5s"))
        .isEqualTo(new Durations.Range(Duration.ofMillis(200), Duration.ofMillis(1500)));
    assertThat(Durations.parseRange("300ms"))
        .isEqualTo(new Durations.Range(Duration.ofMillis(300), Duration.ofMillis(300)));
    assertThat(Durations.parseRange(" 1s .. 2s "))
        .isEqualTo(new Durations.Range(Duration.ofSeconds(1), Duration.ofSeconds(2)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"200ms-500ms", "1s..2s..3s", "..1s", "1s..", "fast", ""})
  void rangeRejectsWhatIsNotLowDotDotHigh(String text) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Durations.parseRange(text))
        .withMessage(
            "bad latency \"" + text + "\" (write LOW..HIGH or one duration, e.g. 200ms..500ms)");
  }

  @Test
  void rangeRejectsALowEndAboveTheHighEnd() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Durations.parseRange("500ms..200ms"))
        .withMessage("low end 500ms is above high end 200ms");
  }

  @Test
  void rangeSaysWhyAWellFormedEndIsRefused() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Durations.parseRange("1ms..9999999999999h"))
        .withMessage("bad duration \"9999999999999h\" (too long)");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Durations.parseRange("1.5ms"))
        .withMessage("bad duration \"1.5ms\" (finer than a millisecond)");
  }
}
