package dev.tributary.transform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AmountsTest {

  /** Configured as ParseResponses configures it. */
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Test
  void readsJsonIntegers() throws Exception {
    assertThat(Amounts.parse(json("42"))).isEqualTo(new BigDecimal("42"));
    assertThat(Amounts.parse(json("-7"))).isEqualTo(new BigDecimal("-7"));
    assertThat(Amounts.parse(json("0"))).isEqualTo(BigDecimal.ZERO);
  }

  @Test
  void readsJsonIntegersTooBigForALong() throws Exception {
    assertThat(Amounts.parse(json("123456789012345678901234567890")))
        .isEqualTo(new BigDecimal("123456789012345678901234567890"));
  }

  @Test
  void readsJsonDecimalsExactlyWithoutGoingThroughDouble() throws Exception {
    assertThat(Amounts.parse(json("0.1"))).isEqualTo(new BigDecimal("0.1"));
    assertThat(Amounts.parse(json("1234.56"))).isEqualTo(new BigDecimal("1234.56"));
    assertThat(Amounts.parse(json("-3.5"))).isEqualTo(new BigDecimal("-3.5"));
    assertThat(Amounts.parse(json("0.30000000000000000001")))
        .isEqualTo(new BigDecimal("0.30000000000000000001"));
  }

  @Test
  void readsJsonDecimalsWithTrailingZerosAtTheirValue() throws Exception {
    assertThat(Amounts.parse(json("12.50"))).isEqualByComparingTo("12.5");
  }

  @Test
  void readsAJsonNumberInExponentNotation() throws Exception {
    assertThat(Amounts.parse(json("1e3"))).isEqualByComparingTo("1000");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"12.50|12.50", "' 12.50 '|12.50", "+7|7", "-3.5|-3.5", "0|0", "007|7", "0.1|0.1"})
  void readsPlainNumericStringsExactly(String text, String expected) {
    assertThat(Amounts.parse(JsonNodeFactory.instance.textNode(text)))
        .isEqualTo(new BigDecimal(expected));
  }

  @Test
  void keepsTheScaleWrittenInAString() {
    assertThat(Amounts.parse(JsonNodeFactory.instance.textNode("12.50")).scale()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "N/A",
        "",
        "  ",
        "12,50",
        "twelve",
        "1e3",
        "1E3",
        "1,000",
        "12.",
        ".5",
        "--1",
        "+-1",
        "12 50",
        "0x1A",
        "NaN",
        "Infinity",
        "١٢"
      })
  void givesNullForStringsThatAreNoPlainNumber(String text) {
    assertThat(Amounts.parse(JsonNodeFactory.instance.textNode(text))).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"null", "true", "false", "{\"value\":12}", "[12]", "[]", "{}"})
  void givesNullForJsonThatIsNoNumber(String text) throws Exception {
    assertThat(Amounts.parse(json(text))).isNull();
  }

  @Test
  void givesNullForAMissingField() {
    assertThat(Amounts.parse(null)).isNull();
    assertThat(Amounts.parse(MissingNode.getInstance())).isNull();
    assertThat(Amounts.parse(NullNode.getInstance())).isNull();
  }

  @Test
  void saysAnAbsentFieldIsMissing() throws Exception {
    assertThat(Amounts.problemWith("amount", null)).isEqualTo("amount is missing");
    assertThat(Amounts.problemWith("amount", json("{}").path("amount")))
        .isEqualTo("amount is missing");
  }

  @Test
  void saysANullFieldIsNull() {
    assertThat(Amounts.problemWith("amount", NullNode.getInstance())).isEqualTo("amount is null");
  }

  @Test
  void quotesTheValueThatIsNotANumber() throws Exception {
    assertThat(Amounts.problemWith("amount", JsonNodeFactory.instance.textNode("N/A")))
        .isEqualTo("amount is not a number: \"N/A\"");
    assertThat(Amounts.problemWith("total", json("true"))).isEqualTo("total is not a number: true");
    assertThat(Amounts.problemWith("amount", json("{\"v\":1}")))
        .isEqualTo("amount is not a number: {\"v\":1}");
  }
}
