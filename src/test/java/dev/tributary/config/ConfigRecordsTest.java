package dev.tributary.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tributary.model.Endpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** No configuration record can be made invalid, whoever makes it: each constructor checks. */
class ConfigRecordsTest {

  private static final Duration SECOND = Duration.ofSeconds(1);

  /** The key and problem of the ConfigException that making something throws. */
  private static String refusal(Runnable make) {
    ConfigException e = catchThrowableOfType(ConfigException.class, make::run);
    assertThat(e).as("should be refused").isNotNull();
    return e.key() + ": " + e.problem();
  }

  @Test
  void httpConfigRefusesConcurrencyOutsideItsRange() {
    assertThat(refusal(() -> new HttpConfig(0, SECOND, 1, RetryConfig.defaults())))
        .isEqualTo("concurrency: must be at least 1, got 0");
    assertThat(refusal(() -> new HttpConfig(10_001, SECOND, 1, RetryConfig.defaults())))
        .isEqualTo(
            "concurrency: must be at most 10000 (each request in flight holds a connection),"
                + " got 10001");
  }

  @Test
  void httpConfigRefusesNoTimeoutAndNoBody() {
    assertThat(refusal(() -> new HttpConfig(1, Duration.ZERO, 1, RetryConfig.defaults())))
        .isEqualTo("timeout: must be more than 0, got 0ms");
    assertThat(refusal(() -> new HttpConfig(1, SECOND, 0, RetryConfig.defaults())))
        .isEqualTo("maxResponseBytes: must be at least 1 byte, got 0");
  }

  @Test
  void retryConfigRefusesAttemptsOutsideItsRange() {
    assertThat(refusal(() -> new RetryConfig(0, SECOND, SECOND)))
        .isEqualTo("maxAttempts: must be between 1 and 100, got 0");
    assertThat(refusal(() -> new RetryConfig(101, SECOND, SECOND)))
        .isEqualTo("maxAttempts: must be between 1 and 100, got 101");
  }

  @Test
  void retryConfigRefusesACapBelowTheBackoff() {
    assertThat(refusal(() -> new RetryConfig(3, SECOND, Duration.ofMillis(500))))
        .isEqualTo("maxBackoff: must be at least backoff (1s), got 500ms");
    assertThat(refusal(() -> new RetryConfig(3, Duration.ofMillis(-1), SECOND)))
        .isEqualTo("backoff: must not be negative, got -1ms");
  }

  @Test
  void retryConfigRefusesAMaxRetryAfterOfZeroOrLess() {
    assertThat(refusal(() -> new RetryConfig(3, SECOND, SECOND, Duration.ZERO)))
        .isEqualTo("maxRetryAfter: must be more than 0, got 0ms");
    assertThat(refusal(() -> new RetryConfig(3, SECOND, SECOND, Duration.ofMillis(-5))))
        .isEqualTo("maxRetryAfter: must be more than 0, got -5ms");
  }

  @Test
  void httpConfigRefusesAConnectTimeoutOfZeroOrLess() {
    assertThat(refusal(() -> HttpConfig.defaults().withConnectTimeout(Duration.ZERO)))
        .isEqualTo("connectTimeout: must be more than 0, got 0ms");
    assertThat(refusal(() -> HttpConfig.defaults().withConnectTimeout(Duration.ofMillis(-1))))
        .isEqualTo("connectTimeout: must be more than 0, got -1ms");
  }

  @Test
  void httpConfigRefusesATotalTimeoutOfZeroOrShorterThanOneAttempt() {
    assertThat(refusal(() -> HttpConfig.defaults().withTotalTimeout(Duration.ZERO)))
        .isEqualTo("totalTimeout: must be more than 0, got 0ms");
    assertThat(refusal(() -> HttpConfig.defaults().withTotalTimeout(Duration.ofSeconds(9))))
        .isEqualTo("totalTimeout: must be at least timeout (10s), got 9s");
  }

  @Test
  void httpConfigConnectsWithinTenSecondsOrTheAttemptTimeoutWhenShorter() {
    assertThat(HttpConfig.defaults().connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(new HttpConfig(1, SECOND, 1, RetryConfig.defaults()).connectTimeout())
        .isEqualTo(SECOND);
    assertThat(new HttpConfig(1, Duration.ofMinutes(2), 1, RetryConfig.defaults()).connectTimeout())
        .isEqualTo(Duration.ofSeconds(10));
    assertThat(HttpConfig.defaults().totalTimeout()).isNull();
    assertThat(RetryConfig.defaults().maxRetryAfter()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void responseConfigRefusesABadPointer() {
    assertThat(refusal(() -> new ResponseConfig("data")))
        .startsWith("records: bad JSON pointer \"data\"");
  }

  @Test
  void transformConfigRefusesBlankFields() {
    assertThat(refusal(() -> new TransformConfig(" ", "amount")))
        .isEqualTo("date: must not be empty");
    assertThat(refusal(() -> new TransformConfig("date", null))).isEqualTo("amount: missing");
    assertThat(refusal(() -> new TransformConfig("date", "amount", "", null)))
        .isEqualTo("id: must not be empty");
  }

  @Test
  void transformConfigRefusesAnIdTtlWithoutAnId() {
    assertThat(refusal(() -> new TransformConfig("date", "amount", null, Duration.ofDays(7))))
        .startsWith("idTtl: needs transform.id");
  }

  @Test
  void transformConfigRefusesAnIdTtlThatIsNotPositive() {
    assertThat(refusal(() -> new TransformConfig("date", "amount", "id", Duration.ZERO)))
        .isEqualTo("idTtl: must be more than 0, got 0ms");
    assertThat(refusal(() -> new TransformConfig("date", "amount", "id", Duration.ofMillis(-1))))
        .isEqualTo("idTtl: must be more than 0, got -1ms");
  }

  @Test
  void transformConfigTakesAnIdWithOrWithoutATtl() {
    assertThat(new TransformConfig("date", "amount", "id", null).hasIds()).isTrue();
    assertThat(new TransformConfig("date", "amount", "id", Duration.ofHours(12)).idTtl())
        .isEqualTo(Duration.ofHours(12));
    assertThat(new TransformConfig("date", "amount").hasIds()).isFalse();
  }

  @Test
  void outputConfigRefusesAnUnusablePath() {
    assertThat(refusal(() -> new OutputConfig(""))).isEqualTo("path: must not be empty");
    assertThat(refusal(() -> new OutputConfig("a\0b")))
        .isEqualTo("path: not a usable path: \"a\\u0000b\" (Nul character not allowed)");
  }

  @Test
  void inlineSourceRefusesNoEndpointsAndRepeatedNames() {
    assertThat(refusal(() -> new SourceConfig.Inline(List.of())))
        .isEqualTo(": must list at least one endpoint");
    assertThat(
            refusal(
                () ->
                    new SourceConfig.Inline(
                        List.of(new Endpoint("a", "u"), new Endpoint("a", "v")))))
        .isEqualTo("[1].name: \"a\" is already the name of source.endpoints[0].name");
  }

  @Test
  void inlineSourceRefusesAnEndpointWithoutNameOrUrl() {
    assertThat(refusal(() -> new SourceConfig.Inline(List.of(new Endpoint(null, "u")))))
        .isEqualTo("[0].name: missing");
    assertThat(refusal(() -> new SourceConfig.Inline(List.of(new Endpoint("a", " ")))))
        .isEqualTo("[0].url: must not be empty");
    assertThat(refusal(() -> new SourceConfig.Inline(Arrays.asList((Endpoint) null))))
        .isEqualTo("[0]: expected a mapping, got nothing");
  }

  @Test
  void rangeSourceRefusesNoCountAndANameWithoutTheIndex() {
    assertThat(refusal(() -> new SourceConfig.Range(0, "ep{i}", "u")))
        .isEqualTo("count: must be at least 1, got 0");
    assertThat(refusal(() -> new SourceConfig.Range(1, "ep", "u")))
        .isEqualTo("name: must contain {i} (else every endpoint gets the same name), got \"ep\"");
    assertThat(refusal(() -> new SourceConfig.Range(1, "ep{i}", null))).isEqualTo("url: missing");
  }

  @Test
  void fileSourceRefusesAnEmptyPath() {
    assertThat(refusal(() -> new SourceConfig.File(" "))).isEqualTo(": must not be empty");
  }

  @Test
  void jobConfigRefusesABlankName() {
    assertThat(
            refusal(
                () ->
                    new JobConfig(
                        "",
                        new SourceConfig.Range(1, "ep{i}", "u"),
                        HttpConfig.defaults(),
                        ResponseConfig.defaults(),
                        TransformConfig.defaults(),
                        new OutputConfig("out/x"),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Path.of("x.yaml"))))
        .isEqualTo("name: must not be empty");
  }
}
