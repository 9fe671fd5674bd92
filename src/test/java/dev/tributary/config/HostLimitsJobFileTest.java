package dev.tributary.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code http.perHost} and {@code http.hosts}, read through the job-file loader. */
class HostLimitsJobFileTest extends JobFileTestBase {
  private static final Map<String, String> ENVIRONMENT = Map.of("API_TOKEN", "s3cr3t-token");

  @Override
  protected JobConfig read(Path jobFile, List<String> overrides) throws JobFileException {
    return JobFiles.load(jobFile, overrides, ENVIRONMENT::get);
  }

  private HttpConfig http(String section) throws JobFileException {
    return load(SOURCE + "http: " + section + "\n").http();
  }

  @Test
  void withoutPerHostNoHostHasALimit() throws Exception {
    HttpConfig http = load(SOURCE).http();

    assertThat(http.perHost()).isEqualTo(HostLimits.none());
    assertThat(http.hosts()).isEmpty();
    assertThat(http.limitsHosts()).isFalse();
    assertThat(http.slowestRate()).isNull();
    assertThat(http.limitsFor("api.example.com", 443)).isEqualTo(HostLimits.none());
  }

  @Test
  void perHostReadsEachKey() throws Exception {
    assertThat(http("{perHost: {concurrency: 4, rate: 2.5, burst: 3}}").perHost())
        .isEqualTo(new HostLimits(4, 2.5, 3));
    assertThat(http("{perHost: {concurrency: 4}}").perHost())
        .isEqualTo(new HostLimits(4, null, null));
    assertThat(http("{perHost: {rate: 10}}").perHost()).isEqualTo(new HostLimits(null, 10.0, null));
    assertThat(http("{perHost: {rate: 10}}").limitsHosts()).isTrue();
    assertThat(http("{perHost: {rate: 10}}").perHost().burstOrDefault()).isEqualTo(1);
  }

  @Test
  void aConcurrencyBelowOneIsRefused() {
    assertThat(error(SOURCE + "http: {perHost: {concurrency: 0}}\n"))
        .isEqualTo(at("http.perHost.concurrency", "must be at least 1, got 0"));
  }

  @Test
  void aRateOfLessThanAboutOneADayIsRefused() throws Exception {
    assertThat(error(SOURCE + "http: {perHost: {rate: 0.000001}}\n"))
        .isEqualTo(
            at(
                "http.perHost.rate",
                "must be at least 0.00001 requests a second (about one a day), got 0.000001"));
    assertThat(http("{perHost: {rate: 0.00001}}").perHost().rate()).isEqualTo(0.00001);
  }

  @Test
  void aRateOfZeroOrLessIsRefused() {
    assertThat(error(SOURCE + "http: {perHost: {rate: 0}}\n"))
        .startsWith(at("http.perHost.rate", "must be at least 0.00001 requests a second"));
    assertThat(error(SOURCE + "http: {perHost: {rate: -1}}\n"))
        .startsWith(at("http.perHost.rate", "must be at least 0.00001 requests a second"))
        .contains("-1");
  }

  @Test
  void aRateThatIsNoNumberIsRefused() {
    assertThat(error(SOURCE + "http: {perHost: {rate: fast}}\n"))
        .startsWith(at("http.perHost.rate", ""))
        .contains("\"fast\"");
    assertThat(error(SOURCE + "http: {perHost: {rate: .inf}}\n"))
        .startsWith(at("http.perHost.rate", ""));
  }

  @Test
  void aBurstBelowOneIsRefused() {
    assertThat(error(SOURCE + "http: {perHost: {rate: 1, burst: 0}}\n"))
        .isEqualTo(at("http.perHost.burst", "must be at least 1, got 0"));
  }

  @Test
  void aBurstWithoutARateIsRefused() {
    assertThat(error(SOURCE + "http: {perHost: {burst: 3}}\n"))
        .startsWith(at("http.perHost.burst", "needs a rate"));
    assertThat(error(SOURCE + "http: {hosts: {api.example.com: {burst: 3}}}\n"))
        .startsWith(at("http.hosts.\"api.example.com\".burst", "needs a rate"));
  }

  @Test
  void aHostEntrysBurstMayUseTheRateOfPerHost() throws Exception {
    HttpConfig http = http("{perHost: {rate: 2}, hosts: {api.example.com: {burst: 5}}}");

    assertThat(http.limitsFor("api.example.com", 443)).isEqualTo(new HostLimits(null, 2.0, 5));
  }

  @Test
  void aHostEntryAppliesOnAnyPort() throws Exception {
    HttpConfig http = http("{hosts: {api.example.com: {concurrency: 2}}}");

    assertThat(http.limitsFor("api.example.com", 443).concurrency()).isEqualTo(2);
    assertThat(http.limitsFor("api.example.com", 8080).concurrency()).isEqualTo(2);
    assertThat(http.limitsFor("other.example.com", 443)).isEqualTo(HostLimits.none());
  }

  @Test
  void aHostAndPortEntryWinsOverAHostEntry() throws Exception {
    HttpConfig http =
        http(
            "{hosts: {api.example.com: {concurrency: 2}, 'api.example.com:8443': {concurrency: 7}}}");

    assertThat(http.limitsFor("api.example.com", 8443).concurrency()).isEqualTo(7);
    assertThat(http.limitsFor("api.example.com", 443).concurrency()).isEqualTo(2);
  }

  @Test
  void hostNamesIgnoreCase() throws Exception {
    HttpConfig http = http("{hosts: {API.Example.COM: {rate: 3}}}");

    assertThat(http.hosts()).containsOnlyKeys("api.example.com");
    assertThat(http.limitsFor("Api.example.com", 80).rate()).isEqualTo(3.0);
  }

  @Test
  void theSameHostTwiceInAnotherCaseIsRefused() {
    assertThat(error(SOURCE + "http: {hosts: {API.example.com: {rate: 1}, api.EXAMPLE.com: {}}}\n"))
        .isEqualTo(
            at(
                "http.hosts.\"api.EXAMPLE.com\"",
                "given twice (host names ignore case): API.example.com"));
  }

  @Test
  void aWildcardHostIsRefused() {
    assertThat(error(SOURCE + "http: {hosts: {'*.example.com': {rate: 1}}}\n"))
        .isEqualTo(
            at("http.hosts", "not a host or host:port (no wildcards here): \"*.example.com\""));
  }

  @Test
  void aHostKeyThatIsNoHostIsRefused() {
    assertThat(error(SOURCE + "http: {hosts: {'https://api.example.com/': {rate: 1}}}\n"))
        .isEqualTo(at("http.hosts", "not a host or host:port: \"https://api.example.com/\""));
    assertThat(error(SOURCE + "http: {hosts: {'api.example.com:': {rate: 1}}}\n"))
        .startsWith(at("http.hosts", "not a host or host:port"));
    assertThat(error(SOURCE + "http: {hosts: {'api.example.com:99999': {rate: 1}}}\n"))
        .isEqualTo(at("http.hosts", "not a host or host:port: \"api.example.com:99999\""));
    assertThat(error(SOURCE + "http: {allowHosts: ['api.example.com:0']}\n"))
        .startsWith(at("http.allowHosts[0]", "not a host pattern"));
  }

  @Test
  void aHostEntryWithNothingInItIsRefusedWithAMessage() {
    assertThat(error(SOURCE + "http: {hosts: {api.example.com: ~}}\n"))
        .isEqualTo(at("http.hosts.\"api.example.com\"", "expected a mapping, got nothing"));
  }

  @Test
  void aHostEntrysInvalidLimitNamesTheEntryAndTheKey() {
    assertThat(error(SOURCE + "http: {hosts: {localhost: {concurrency: 0}}}\n"))
        .isEqualTo(at("http.hosts.localhost.concurrency", "must be at least 1, got 0"));
    assertThat(error(SOURCE + "http: {hosts: {api.example.com: {rate: -2}}}\n"))
        .startsWith(
            at(
                "http.hosts.\"api.example.com\".rate",
                "must be at least 0.00001 requests a second"));
  }

  @Test
  void anEntrysMissingKeysAreTakenFromPerHost() throws Exception {
    HttpConfig http =
        http(
            "{perHost: {concurrency: 4, rate: 10, burst: 2}, hosts: {slow.example.com: {rate: 1}}}");

    assertThat(http.limitsFor("slow.example.com", 443)).isEqualTo(new HostLimits(4, 1.0, 2));
    assertThat(http.limitsFor("fast.example.com", 443)).isEqualTo(new HostLimits(4, 10.0, 2));
    assertThat(http.slowestRate()).isEqualTo(1.0);
  }

  @Test
  void hostHeadersAreReadWithEnvironmentVariablesReplaced() throws Exception {
    HttpConfig http =
        http(
            "{headers: {X-Team: 42}, hosts: {api.example.com: {headers: {Authorization: \"Bearer"
                + " ${env:API_TOKEN}\"}}}}");

    assertThat(http.hostHeaders("api.example.com", 443))
        .containsExactly(Map.entry("Authorization", "Bearer s3cr3t-token"));
    assertThat(http.headers().values()).containsExactly(Map.entry("X-Team", "42"));
  }

  @Test
  void aMissingEnvironmentVariableInAHostHeaderNamesTheHostAndTheHeader() {
    assertThat(
            error(
                SOURCE
                    + "http: {hosts: {api.example.com: {headers: {Authorization:"
                    + " \"${env:NOT_SET_HERE}\"}}}}\n"))
        .isEqualTo(
            at(
                "http.hosts.\"api.example.com\".headers.Authorization",
                "environment variable NOT_SET_HERE is not set"));
  }

  @Test
  void aHostWithoutHeadersOfItsOwnHasNone() throws Exception {
    HttpConfig http =
        http(
            "{headers: {X-Team: 42}, hosts: {api.example.com: {headers: {X-Key: k}}, b.example: {rate: 1}}}");

    assertThat(http.hostHeaders("b.example", 80)).isEmpty();
    assertThat(http.hostHeaders("unnamed.example", 80)).isEmpty();
  }

  @Test
  void hostHeaderValuesNeverPrintWithTheConfiguration() throws Exception {
    JobConfig config =
        load(
            SOURCE
                + "http: {hosts: {api.example.com: {headers: {Authorization: \"Bearer"
                + " ${env:API_TOKEN}\", X-Plain: visible-value}}}}\n");

    assertThat(config.toString())
        .doesNotContain("s3cr3t-token", "visible-value")
        .contains("Authorization=***");
  }
}
