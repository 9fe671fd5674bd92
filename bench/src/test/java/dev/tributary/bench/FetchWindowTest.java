package dev.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FetchWindowTest {
  @Test
  void aShareOfTheWindowIsAMomentBetweenItsEnds() {
    FetchWindow window = new FetchWindow(1_000, 3_000);

    assertThat(window.at(0)).isEqualTo(1_000);
    assertThat(window.at(0.25)).isEqualTo(1_500);
    assertThat(window.at(1)).isEqualTo(3_000);
    assertThat(window.seconds()).isEqualTo(2.0);
  }
}
