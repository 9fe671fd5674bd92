package dev.tributary.transform;

import static org.assertj.core.api.Assertions.assertThat;

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

  private static final ObjectMapper JSON = BodyJson.newMapper();

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

  @Test
  void keepsTheScaleOfAJsonDecimal() throws Exception {
    assertThat(Amounts.parse(json("1.10"))).isEqualTo(new BigDecimal("1.10"));
    assertThat(Amounts.parse(json("1.10")).add(Amounts.parse(json("\"1.10\""))))
        .isEqualTo(new BigDecimal("2.20"));
  }

  @ParameterizedTest
  @CsvSource({"1e2, 100", "1E+2, 100", "100, 100", "2.5e1, 25", "1.5e-3, 0.0015"})
  void givesExponentNotationInPlainNotation(String text, String plain) throws Exception {
    BigDecimal amount = Amounts.parse(json(text));

    assertThat(amount.toString()).isEqualTo(plain);
    assertThat(amount.scale()).isNotNegative();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1e999999999",
        "-1e999999999",
        "1e-999999999",
        "1e31",
        "1234567890123456789012345678901",
        "0.1234567890123456789012345678901"
      })
  void dropsAnAmountWhoseSizeOrExponentIsAbsurd(String text) throws Exception {
    JsonNode node = json(text);

    assertThat(Amounts.parse(node)).isNull();
    assertThat(Amounts.problemWith("amount", node))
        .startsWith("amount is out of range (more than 30 digits before or after the point): ");
  }

  @Test
  void acceptsThirtyDigitsBeforeAndAfterThePoint() throws Exception {
    String thirty = "123456789012345678901234567890";

    assertThat(Amounts.parse(json(thirty + "." + thirty))).isNotNull();
    assertThat(Amounts.parse(JsonNodeFactory.instance.textNode(thirty + "." + thirty))).isNotNull();
  }

  @Test
  void dropsAStringAmountWithTooManyDigitsWithoutReadingIt() {
    JsonNode huge = JsonNodeFactory.instance.textNode("9".repeat(100_000));

    assertThat(Amounts.parse(huge)).isNull();
    assertThat(Amounts.problemWith("amount", huge))
        .startsWith("amount is out of range")
        .hasSizeLessThan(200);
  }

  @Test
  void cutsALongValueInTheReason() {
    String reason =
        Amounts.problemWith("amount", JsonNodeFactory.instance.textNode("x".repeat(10_000)));

    assertThat(reason)
        .startsWith("amount is not a number: \"xxx")
        .endsWith("...")
        .hasSizeLessThan(120);
  }
}
