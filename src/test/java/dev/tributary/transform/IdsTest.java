package dev.tributary.transform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import org.junit.jupiter.api.Test;

class IdsTest {
  private static JsonNode json(String text) throws Exception {
    return BodyJson.newMapper().readTree(text);
  }

  @Test
  void readsAStringAsItIs() throws Exception {
    assertThat(Ids.parse(json("\"ep7-1\""))).isEqualTo("ep7-1");
    assertThat(Ids.parse(json("\" x \""))).isEqualTo(" x ");
  }

  @Test
  void readsAWholeNumberAsItsDigitsSoSevenAndTheStringSevenAreOneId() throws Exception {
    assertThat(Ids.parse(json("7"))).isEqualTo("7").isEqualTo(Ids.parse(json("\"7\"")));
    assertThat(Ids.parse(json("123456789012345678901234567890")))
        .isEqualTo("123456789012345678901234567890");
  }

  @Test
  void keepsAFractionOrExponentAsWrittenWithoutExpandingIt() throws Exception {
    assertThat(Ids.parse(json("7.0"))).isEqualTo("7.0");
    assertThat(Ids.parse(json("1e999999999"))).isEqualTo("1E+999999999");
  }

  @Test
  void refusesWhatIsNeitherAStringNorANumber() throws Exception {
    assertThat(Ids.parse(null)).isNull();
    assertThat(Ids.parse(MissingNode.getInstance())).isNull();
    assertThat(Ids.parse(NullNode.getInstance())).isNull();
    assertThat(Ids.parse(json("true"))).isNull();
    assertThat(Ids.parse(json("{\"a\": 1}"))).isNull();
    assertThat(Ids.parse(json("[1]"))).isNull();
  }

  @Test
  void saysWhyNamingTheIdField() throws Exception {
    assertThat(Ids.problemWith("order_no", null)).isEqualTo("id \"order_no\" is missing");
    assertThat(Ids.problemWith("order_no", NullNode.getInstance()))
        .isEqualTo("id \"order_no\" is null");
    assertThat(Ids.problemWith("order_no", json("[1, 2]")))
        .isEqualTo("id \"order_no\" is not a string or a number: [1,2]");
  }
}
