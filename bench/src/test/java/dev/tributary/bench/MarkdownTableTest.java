package dev.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownTableTest {

  @Test
  void padsColumnsAndRightAlignsNumbers() {
    String table =
        new MarkdownTable()
            .right("N")
            .left("approach")
            .right("seconds")
            .row("50", "sequential", "17.2")
            .row("1,000", "tributary", "7.41 (7.30–7.60)")
            .render();

    assertThat(table)
        .isEqualTo(
            String.join(
                "\n",
                "|     N | approach   |          seconds |",
                "| ----: | ---------- | ---------------: |",
                "|    50 | sequential |             17.2 |",
                "| 1,000 | tributary  | 7.41 (7.30–7.60) |",
                ""));
  }

  @Test
  void aPipeInACellIsEscapedSoTheRowKeepsItsColumns() {
    String table = new MarkdownTable().left("a").row("x|y").render();

    assertThat(table.lines().toList().get(2)).isEqualTo("| x\\|y |");
  }

  @Test
  void aRowOfTheWrongWidthIsRefused() {
    assertThatThrownBy(() -> new MarkdownTable().left("a").left("b").row("only one"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void statsReadAsMedianAndRange() {
    assertThat(Stat.of(List.of(3.0, 1.0, 2.0)).format(Fmt::sig3)).isEqualTo("2.00 (1.00–3.00)");
    assertThat(Stat.of(List.of(4.0, 1.0, 2.0, 3.0)).median()).isEqualTo(2.5);
    assertThat(Stat.single(0.5).format(Fmt::sig3)).isEqualTo("0.500");
  }

  @Test
  void numbersReadWithAboutThreeSignificantDigits() {
    assertThat(Fmt.sig3(0.5321)).isEqualTo("0.532");
    assertThat(Fmt.sig3(2.154)).isEqualTo("2.15");
    assertThat(Fmt.sig3(35.24)).isEqualTo("35.2");
    assertThat(Fmt.sig3(35_241)).isEqualTo("35,241");
    assertThat(Fmt.whole(28_431.4)).isEqualTo("28,431");
  }

  @Test
  void csvKeepsRawNumbersAndQuotesText() {
    String csv =
        new Csv("n", "approach", "rate")
            .row(50_000, "bare, client", 28431.25)
            .row(1, null, 0.000123456789)
            .render();

    assertThat(csv).isEqualTo("n,approach,rate\n50000,\"bare, client\",28431.3\n1,,0.000123457\n");
  }
}
