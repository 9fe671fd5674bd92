package dev.tributary.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://example.com",
        "https://example.com/",
        "http://127.0.0.1:8080/orders?page=2",
        "https://api.example.com/v1/items#top",
        "HTTPS://EXAMPLE.COM/x",
        "http://[::1]:9000/x"
      })
  void acceptsHttpAndHttpsUrlsWithAHost(String url) {
    assertThat(Urls.problemWith(url)).isNull();
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "",
        " ",
        "   ",
        "htp://x",
        "ftp://host/x",
        "http:///nohost",
        "not a url",
        "example.com/x",
        "http://exa mple.com/",
        "mailto:someone@example.com",
        "file:///etc/passwd"
      })
  void explainsWhyAUrlCannotBeRequested(String url) {
    assertThat(Urls.problemWith(url)).startsWith("malformed url");
  }

  @Test
  void saysAnEmptyUrlIsEmpty() {
    assertThat(Urls.problemWith(null)).isEqualTo("malformed url: empty");
    assertThat(Urls.problemWith("  ")).isEqualTo("malformed url: empty");
  }

  @Test
  void namesTheSchemeProblemAndTheUrl() {
    assertThat(Urls.problemWith("ftp://host/x"))
        .isEqualTo("malformed url: scheme must be http or https: ftp://host/x");
  }

  @Test
  void namesAMissingHostAndTheUrl() {
    assertThat(Urls.problemWith("http:///nohost"))
        .isEqualTo("malformed url: no host: http:///nohost");
  }
}
