package dev.tributary.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Secrets in URLs become {@code ***}; which hosts are allowed. */
class RedactorTest {
  private final Redactor redactor = new Redactor(List.of("authorization", "API_KEY"));

  @Test
  void aRedactedQueryParameterKeepsItsNameAndLosesItsValue() {
    assertThat(redactor.url("http://h/p?a=1&api_key=s3cret&b=2#frag"))
        .isEqualTo("http://h/p?a=1&api_key=***&b=2#frag");
    assertThat(redactor.url("http://h/p?API_KEY=s3cret")).isEqualTo("http://h/p?API_KEY=***");
  }

  @Test
  void userInfoIsHidden() {
    assertThat(redactor.url("https://user:pass@h:8443/p?x=1"))
        .isEqualTo("https://***@h:8443/p?x=1");
  }

  @Test
  void aUrlWithoutSecretsIsUnchanged() {
    assertThat(redactor.url("http://h/p?q=1")).isEqualTo("http://h/p?q=1");
    assertThat(redactor.url("not a url")).isEqualTo("not a url");
  }

  @Test
  void everyUrlInATextIsRedacted() {
    assertThat(
            redactor.text(
                "malformed url: no host: http://u:p@/x?api_key=k then ftp://h/?api_key=z"))
        .isEqualTo("malformed url: no host: http://***@/x?api_key=*** then ftp://h/?api_key=***");
  }

  @Test
  void allowedHostsMatchNamesSubdomainsAndPorts() {
    AllowedHosts allowed =
        new AllowedHosts(List.of("api.example.com", "*.example.org", "127.0.0.1:8089"));

    assertThat(allowed.problemWith(URI.create("https://API.example.com/x"))).isNull();
    assertThat(allowed.problemWith(URI.create("http://a.b.example.org/x"))).isNull();
    assertThat(allowed.problemWith(URI.create("http://example.org/x")))
        .isEqualTo("host example.org is not in http.allowHosts");
    assertThat(allowed.problemWith(URI.create("http://127.0.0.1:8089/x"))).isNull();
    assertThat(allowed.problemWith(URI.create("http://127.0.0.1:8090/x")))
        .isEqualTo("host 127.0.0.1:8090 is not in http.allowHosts");
    assertThat(AllowedHosts.any().problemWith(URI.create("http://10.0.0.5/"))).isNull();
  }
}
