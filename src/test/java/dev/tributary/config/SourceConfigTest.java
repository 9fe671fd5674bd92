package dev.tributary.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.model.Endpoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceConfigTest {

  @Test
  void rangeEndpointSubstitutesEveryIndexInBothTemplates() {
    SourceConfig.Range range =
        new SourceConfig.Range(1000, "ep{i}-{i}", "http://127.0.0.1:8089/api/ep{i}?n={i}");

    assertThat(range.endpoint(0))
        .isEqualTo(new Endpoint("ep0-0", "http://127.0.0.1:8089/api/ep0?n=0"));
    assertThat(range.endpoint(999))
        .isEqualTo(new Endpoint("ep999-999", "http://127.0.0.1:8089/api/ep999?n=999"));
  }

  @Test
  void rangeUrlNeedNotContainTheIndex() {
    assertThat(new SourceConfig.Range(2, "ep{i}", "http://h/same").endpoint(1))
        .isEqualTo(new Endpoint("ep1", "http://h/same"));
  }

  @Test
  void rangeEndpointOutsideTheRangeIsAnError() {
    SourceConfig.Range range = new SourceConfig.Range(3, "ep{i}", "u");

    assertThatThrownBy(() -> range.endpoint(3)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> range.endpoint(-1)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void inlineKeepsAnUnmodifiableCopy() {
    List<Endpoint> endpoints = new ArrayList<>(List.of(new Endpoint("a", "u")));
    SourceConfig.Inline inline = new SourceConfig.Inline(endpoints);

    endpoints.add(new Endpoint("b", "u"));

    assertThat(inline.endpoints()).containsExactly(new Endpoint("a", "u"));
    assertThatThrownBy(() -> inline.endpoints().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void fileGivesItsPath() {
    assertThat(new SourceConfig.File("/data/endpoints.jsonl").file())
        .isEqualTo(Path.of("/data/endpoints.jsonl"));
  }
}
