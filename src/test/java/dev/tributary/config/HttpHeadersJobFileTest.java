package dev.tributary.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code http.headers}, {@code http.redact}, {@code http.allowHosts}, {@code http.maxRedirects}.
 */
class HttpHeadersJobFileTest extends JobFileTestBase {
  private static final Map<String, String> ENVIRONMENT = Map.of("API_TOKEN", "s3cr3t-token");

  @Override
  protected JobConfig read(Path jobFile, List<String> overrides) throws JobFileException {
    return JobFiles.load(jobFile, overrides, ENVIRONMENT::get);
  }

  @Test
  void headersAreReadInOrderWithEnvironmentVariablesReplaced() throws Exception {
    HttpConfig http =
        load(SOURCE
                + "http:\n"
                + "  headers:\n"
                + "    Authorization: \"Bearer ${env:API_TOKEN}\"\n"
                + "    X-Team: 42\n")
            .http();

    assertThat(http.headers().values())
        .containsExactly(
            Map.entry("Authorization", "Bearer s3cr3t-token"), Map.entry("X-Team", "42"));
  }

  @Test
  void aMissingEnvironmentVariableNamesTheHeaderAndTheVariable() {
    assertThat(error(SOURCE + "http: {headers: {Authorization: \"${env:NOT_SET_HERE}\"}}\n"))
        .isEqualTo(
            at("http.headers.Authorization", "environment variable NOT_SET_HERE is not set"));
  }

  @Test
  void headerValuesNeverPrintWithTheConfiguration() throws Exception {
    JobConfig config =
        load(SOURCE + "http: {headers: {Authorization: \"Bearer ${env:API_TOKEN}\"}}\n");

    assertThat(config.toString()).doesNotContain("s3cr3t-token").contains("Authorization=***");
  }

  @Test
  void aHeaderNameThatIsNotATokenIsRefused() {
    assertThat(error(SOURCE + "http: {headers: {\"X Bad\": v}}\n"))
        .startsWith(at("http.headers", "not a header name"));
  }

  @Test
  void aHeaderValueWithALineBreakIsRefusedWithoutQuotingIt() {
    assertThat(error(SOURCE + "http: {headers: {X-Token: \"abc\\r\\nInjected: 1\"}}\n"))
        .isEqualTo(
            at("http.headers.X-Token", "a header value cannot contain a line break (CR or LF)"));
  }

  @Test
  void aLineBreakArrivingThroughTheEnvironmentIsRefusedToo() throws Exception {
    Path jobFile = write(job(), SOURCE + "http: {headers: {X-Token: \"${env:WITH_NEWLINE}\"}}\n");
    JobFileException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            JobFileException.class,
            () -> JobFiles.load(jobFile, List.of(), Map.of("WITH_NEWLINE", "a\nb")::get));
    assertThat(e.getMessage())
        .isEqualTo(
            at("http.headers.X-Token", "a header value cannot contain a line break (CR or LF)"));
  }

  @Test
  void redactAndAllowHostsAreReadIgnoringCase() throws Exception {
    HttpConfig http =
        load(SOURCE
                + "http: {redact: [Api_Key], allowHosts: [API.example.com, '*.example.org',"
                + " '127.0.0.1:8089']}\n")
            .http();

    assertThat(http.redact()).containsExactly("api_key");
    assertThat(http.redactedNames()).contains("authorization", "cookie", "api_key");
    assertThat(http.allowHosts())
        .containsExactly("api.example.com", "*.example.org", "127.0.0.1:8089");
  }

  @Test
  void aHostPatternThatIsNoHostIsRefused() {
    assertThat(error(SOURCE + "http: {allowHosts: ['http://api.example.com/']}\n"))
        .startsWith(at("http.allowHosts[0]", "not a host pattern"));
  }

  @Test
  void maxRedirectsDefaultsToFiveAndIsChecked() throws Exception {
    assertThat(load(SOURCE).http().maxRedirects()).isEqualTo(5);
    assertThat(load(SOURCE + "http: {maxRedirects: 0}\n").http().maxRedirects()).isZero();
    assertThat(error(SOURCE + "http: {maxRedirects: -1}\n"))
        .isEqualTo(at("http.maxRedirects", "must be 0 to 50, got -1"));
  }

  @Test
  void aCaFileThatIsNotThereOrHoldsNoCertificateIsRefused() {
    assertThat(error(SOURCE + "http: {caFile: missing.pem}\n"))
        .isEqualTo(at("http.caFile", "cannot read \"missing.pem\""));
    write(dir.resolve("not.pem"), "hello\n");
    assertThat(error(SOURCE + "http: {caFile: not.pem}\n")).startsWith(at("http.caFile", ""));
  }
}
