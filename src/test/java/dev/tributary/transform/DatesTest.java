package dev.tributary.transform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatesTest {

  private static final LocalDate NOV_7 = LocalDate.of(2026, 11, 7);

  private static JsonNode text(String value) {
    return JsonNodeFactory.instance.textNode(value);
  }

  @Test
  void readsAnIsoDate() {
    assertThat(Dates.parse(text("2026-11-07"))).isEqualTo(NOV_7);
    assertThat(Dates.parse(text("2024-02-29"))).isEqualTo(LocalDate.of(2024, 2, 29));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-11-07T13:45:00Z",
        "2026-11-07T13:45:00",
        "2026-11-07T13:45",
        "2026-11-07T13:45:00.123Z",
        "2026-11-07T13:45:00.123456789+01:00",
        "2026-11-07t13:45:00z",
        " 2026-11-07T13:45:00Z "
      })
  void readsTheDateOfAnIsoDateTime(String value) {
    assertThat(Dates.parse(text(value))).isEqualTo(NOV_7);
  }

  @Test
  void keepsTheDateAsWrittenRatherThanConvertingToUtc() {
    // 23:30 at +05:00 is 18:30 UTC the same day, 00:30 at +05:00 is the day before in UTC.
    assertThat(Dates.parse(text("2026-11-07T23:30:00+05:00"))).isEqualTo(NOV_7);
    assertThat(Dates.parse(text("2026-11-07T00:30:00+05:00"))).isEqualTo(NOV_7);
    assertThat(Dates.parse(text("2026-11-07T22:30:00-05:00"))).isEqualTo(NOV_7);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "07/11/2026",
        "2026/11/07",
        "2026-13-01",
        "2026-02-30",
        "2026-02-29",
        "2026-11-7",
        "26-11-07",
        "soon",
        "",
        "  ",
        "2026-11-07 13:45:00",
        "2026-11-07T",
        "2026-11-07T25:00:00Z",
        "2026-02-30T10:00:00Z",
        "2026-11-07Z",
        "20261107",
        "2026-11-07TZ"
      })
  void givesNullForTextThatIsNoIsoDate(String value) {
    assertThat(Dates.parse(text(value))).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "20261107",
        "1762473600",
        "1.5",
        "true",
        "null",
        "[\"2026-11-07\"]",
        "{\"d\":\"2026-11-07\"}"
      })
  void givesNullForJsonThatIsNoString(String json) throws Exception {
    assertThat(Dates.parse(new ObjectMapper().readTree(json))).isNull();
  }

  @Test
  void givesNullForAMissingField() {
    assertThat(Dates.parse(null)).isNull();
    assertThat(Dates.parse(MissingNode.getInstance())).isNull();
    assertThat(Dates.parse(NullNode.getInstance())).isNull();
  }

  @Test
  void explainsWhyThereIsNoDate() {
    assertThat(Dates.problemWith("date", null)).isEqualTo("date is missing");
    assertThat(Dates.problemWith("date", MissingNode.getInstance())).isEqualTo("date is missing");
    assertThat(Dates.problemWith("date", NullNode.getInstance())).isEqualTo("date is null");
    assertThat(Dates.problemWith("created", text("07/11/2026")))
        .isEqualTo("created is not an ISO date: \"07/11/2026\"");
    assertThat(Dates.problemWith("date", JsonNodeFactory.instance.numberNode(20261107)))
        .isEqualTo("date is not an ISO date: 20261107");
  }
}
