package dev.tributary.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {

  private static final Instant NOW = Instant.parse("2015-10-21T07:28:00Z");

  @Test
  void readsDeltaSeconds() {
    assertThat(RetryAfter.parse("120", NOW)).isEqualTo(Duration.ofSeconds(120));
    assertThat(RetryAfter.parse("1", NOW)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void readsZeroSecondsAsNoWait() {
    assertThat(RetryAfter.parse("0", NOW)).isEqualTo(Duration.ZERO);
  }

  @Test
  void ignoresSurroundingWhitespace() {
    assertThat(RetryAfter.parse("  30 ", NOW)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void readsAnHttpDateInTheFutureAsTheTimeUntilThen() {
    assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:29:30 GMT", NOW))
        .isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void readsAnHttpDateInThePastAsNoWait() {
    assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:27:00 GMT", NOW)).isEqualTo(Duration.ZERO);
    assertThat(RetryAfter.parse("Sun, 06 Nov 1994 08:49:37 GMT", NOW)).isEqualTo(Duration.ZERO);
  }

  @Test
  void readsAnHttpDateOfExactlyNowAsNoWait() {
    assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:28:00 GMT", NOW)).isEqualTo(Duration.ZERO);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "",
        "   ",
        "soon",
        "-5",
        "1.5",
        "12s",
        "0x10",
        "2015-10-21T07:29:30Z",
        "Wed, 32 Oct 2015 07:29:30 GMT",
        "Wed 21 Oct 2015"
      })
  void givesNullForAnAbsentOrUnreadableHeader(String header) {
    assertThat(RetryAfter.parse(header, NOW)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"9223372036854775808", "99999999999999999999999999999999"})
  void givesNullForDigitStringsTooLongForALong(String header) {
    assertThat(RetryAfter.parse(header, NOW)).isNull();
  }
}
