package dev.tributary.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BodyJsonTest {
  private static final ObjectMapper JSON = BodyJson.newMapper();

  private static String problemReading(byte[] body) {
    IOException error = catchThrowableOfType(IOException.class, () -> JSON.readTree(body));
    assertThat(error).as("reading the body fails").isNotNull();
    return BodyJson.problemWith(error);
  }

  private static String problemReading(String body) {
    return problemReading(body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void saysABodyNestedTooDeeplyIsNestedTooDeeply() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);

    assertThat(problemReading(deep))
        .isEqualTo("malformed body: nested too deeply (more than 1000 levels)");
  }

  @Test
  void saysABodyWithAHugeNumberHasANumberTooLong() {
    String body = "[{\"date\":\"2026-11-01\",\"amount\":" + "9".repeat(100_000) + "}]";

    assertThat(problemReading(body)).isEqualTo("malformed body: a number longer than 1000 digits");
  }

  @Test
  void saysABodyThatIsNotUtf8IsNotUtf8() {
    byte[] body = {'[', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', ']'};

    assertThat(problemReading(body)).isEqualTo("malformed body: not UTF-8");
  }

  @Test
  void describesATruncatedBodyWithoutWhereTheParserWas() {
    assertThat(problemReading("[{\"amount\": 1"))
        .startsWith("malformed body: Unexpected end-of-input")
        .doesNotContain("Source")
        .doesNotContain("\n");
  }

  @Test
  void readsAHundredLevelsAndAThousandDigitNumber() throws Exception {
    String nested = "[".repeat(100) + "]".repeat(100);
    String number = "[" + "1".repeat(1_000) + "]";

    assertThat(JSON.readTree(nested)).isNotNull();
    assertThat(JSON.readTree(number).get(0).bigIntegerValue().toString()).hasSize(1_000);
  }

  @Test
  void keepsTrailingZerosOfDecimals() throws Exception {
    assertThat(JSON.readTree("[1.10, 100, 1.0E+2]").toString()).isEqualTo("[1.10,100,1.0E+2]");
  }
}
