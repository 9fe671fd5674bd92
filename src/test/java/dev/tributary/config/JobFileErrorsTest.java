package dev.tributary.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Each way a job file can be wrong, and the one-line message it gets. */
class JobFileErrorsTest extends JobFileTestBase {

  // ---- the file as a whole ----

  @Test
  void missingJobFileSaysNoSuchFile() {
    Path missing = dir.resolve("jobs/x.yaml");

    assertThat(errorLoading(missing))
        .isEqualTo(missing + ": cannot read the job file (no such file)");
  }

  @Test
  void folderIsNotAJobFile() {
    assertThat(errorLoading(dir)).isEqualTo(dir + ": cannot read the job file (it is a folder)");
  }

  @Test
  void jobFileIsNamedAsGiven() {
    Path relative = Path.of("no-such-folder/x.yaml");

    assertThat(errorLoading(relative))
        .isEqualTo("no-such-folder/x.yaml: cannot read the job file (no such file)");
  }

  // The parser's own explanation follows the place; its wording is the library's, so only the
  // place is asserted.

  @Test
  void invalidYamlNamesTheLineAndColumn() {
    assertThat(error("name: demo\nsource: [1\nhttp: {}\n"))
        .startsWith(job() + ": invalid YAML at line 3, column 5: ");
  }

  @Test
  void tabIndentationIsInvalidYaml() {
    assertThat(error("http:\n\tconcurrency: 5\n"))
        .startsWith(job() + ": invalid YAML at line 2, column 1: ");
  }

  @Test
  void unterminatedQuoteIsInvalidYaml() {
    assertThat(error("name: \"demo\n")).startsWith(job() + ": invalid YAML at line 2, column 1: ");
  }

  @Test
  void keyWrittenTwiceNamesTheKeyAndBothLines() {
    assertThat(error(SOURCE + "name: a\nname: b\n"))
        .isEqualTo(at("name", "written twice (lines 4 and 5)"));
  }

  @Test
  void keyWrittenTwiceInOneFlowMappingNamesItsLine() {
    assertThat(error(SOURCE + "http: {concurrency: 1, timeout: 2s, concurrency: 3}\n"))
        .isEqualTo(at("http.concurrency", "written twice (line 4)"));
  }

  @Test
  void emptyFileIsNotAMapping() {
    assertThat(error(""))
        .isEqualTo(
            job() + ": the job file must be a YAML mapping of keys (name, source, http, ...)");
    assertThat(error("# only a comment\n"))
        .isEqualTo(
            job() + ": the job file must be a YAML mapping of keys (name, source, http, ...)");
  }

  @Test
  void listOrScalarAtTheTopIsNotAMapping() {
    assertThat(error("- name: a\n"))
        .isEqualTo(
            job() + ": the job file must be a YAML mapping of keys (name, source, http, ...)");
    assertThat(error("demo\n"))
        .isEqualTo(
            job() + ": the job file must be a YAML mapping of keys (name, source, http, ...)");
  }

  // ---- unknown keys ----

  @Test
  void unknownKeySuggestsTheNearestOne() {
    assertThat(error(SOURCE + "http: {concurency: 5}\n"))
        .isEqualTo(at("http.concurency", "unknown key (did you mean 'http.concurrency'?)"));
  }

  @Test
  void unknownTopLevelKeySuggestsTheNearestOne() {
    assertThat(error(SOURCE + "nmae: demo\n"))
        .isEqualTo(at("nmae", "unknown key (did you mean 'name'?)"));
  }

  @Test
  void unknownKeyIsMatchedIgnoringCase() {
    assertThat(error(SOURCE + "http: {retry: {MaxAttempts: 5}}\n"))
        .isEqualTo(
            at("http.retry.MaxAttempts", "unknown key (did you mean 'http.retry.maxAttempts'?)"));
  }

  @Test
  void unknownKeyFarFromAnyListsTheKnownKeys() {
    assertThat(error(SOURCE + "http: {parallelism: 5}\n"))
        .isEqualTo(
            at(
                "http.parallelism",
                "unknown key (known keys here: concurrency, timeout, maxResponseBytes, retry,"
                    + " attemptHeader, connectTimeout, totalTimeout, headers, redact, allowHosts,"
                    + " maxRedirects, caFile, perHost, hosts)"));
  }

  @Test
  void unknownKeyThatIsNotAPlainWordIsQuoted() {
    assertThat(error(SOURCE + "http: {\"con currency\\u0001\": 5}\n"))
        .isEqualTo(
            at("http.\"con currency\\u0001\"", "unknown key (did you mean 'http.concurrency'?)"));
  }

  @Test
  void unknownKeyInAnEndpointNamesItsIndex() {
    assertThat(error("source: {endpoints: [{name: a, url: u}, {name: b, ulr: u}]}\n"))
        .isEqualTo(
            at("source.endpoints[1].ulr", "unknown key (did you mean 'source.endpoints[1].url'?)"));
  }

  // ---- wrong types ----

  @Test
  void stringForAnIntegerIsQuotedBack() {
    assertThat(error(SOURCE + "http: {concurrency: fifty}\n"))
        .isEqualTo(at("http.concurrency", "expected an integer, got \"fifty\""));
  }

  @Test
  void quotedNumberIsNotAnInteger() {
    assertThat(error(SOURCE + "http: {concurrency: \"5\"}\n"))
        .isEqualTo(at("http.concurrency", "expected an integer, got \"5\""));
  }

  @Test
  void fractionIsNotAnInteger() {
    assertThat(error(SOURCE + "http: {retry: {maxAttempts: 1.5}}\n"))
        .isEqualTo(at("http.retry.maxAttempts", "expected an integer, got 1.5"));
  }

  @Test
  void integerTooLargeForAnIntIsOutOfRange() {
    assertThat(error(SOURCE + "http: {concurrency: 99999999999}\n"))
        .isEqualTo(at("http.concurrency", "out of range, got 99999999999"));
  }

  @Test
  void mappingWhereAStringIsExpected() {
    assertThat(error(SOURCE + "name: {first: a}\n"))
        .isEqualTo(at("name", "expected a string, got a mapping"));
  }

  @Test
  void listWhereAMappingIsExpected() {
    assertThat(error(SOURCE + "http: [concurrency, 5]\n"))
        .isEqualTo(at("http", "expected a mapping, got a list"));
  }

  @Test
  void scalarWhereAListIsExpected() {
    assertThat(error("source: {endpoints: orders}\n"))
        .isEqualTo(at("source.endpoints", "expected a list, got \"orders\""));
  }

  @Test
  void longStringsAreShortenedInMessages() {
    String message = error(SOURCE + "http: {concurrency: " + "x".repeat(500) + "}\n");

    assertThat(message).endsWith("got \"" + "x".repeat(59) + "...").hasSizeLessThan(200);
  }

  // ---- source ----

  @Test
  void sourceIsRequired() {
    assertThat(error("name: demo\n"))
        .isEqualTo(
            at("source", "missing (give exactly one of endpoints, file, range, files, watch)"));
    assertThat(error("source:\n"))
        .isEqualTo(
            at("source", "missing (give exactly one of endpoints, file, range, files, watch)"));
  }

  @Test
  void sourceTakesExactlyOneKind() {
    assertThat(
            error(
                """
                source:
                  endpoints: [{name: a, url: u}]
                  range: {count: 3, url: u}
                """))
        .isEqualTo(
            at(
                "source",
                "give exactly one of endpoints, file, range, files, watch (found endpoints and range)"));
  }

  @Test
  void sourceWithAllThreeKindsListsThem() {
    assertThat(error("source: {endpoints: [], file: f, range: {}}\n"))
        .isEqualTo(
            at(
                "source",
                "give exactly one of endpoints, file, range, files, watch (found endpoints, file and range)"));
  }

  @Test
  void endpointsMustNotBeEmpty() {
    assertThat(error("source: {endpoints: []}\n"))
        .isEqualTo(at("source.endpoints", "must list at least one endpoint"));
  }

  @Test
  void endpointWithoutUrlNamesItsIndex() {
    assertThat(
            error(
                """
                source:
                  endpoints:
                    - {name: a, url: u}
                    - {name: b, url: u}
                    - {name: c}
                """))
        .isEqualTo(at("source.endpoints[2].url", "missing"));
  }

  @Test
  void endpointWithEmptyNameIsRejected() {
    assertThat(error("source: {endpoints: [{name: \"\", url: u}]}\n"))
        .isEqualTo(at("source.endpoints[0].name", "must not be empty"));
  }

  @Test
  void endpointThatIsNotAMappingIsRejected() {
    assertThat(error("source: {endpoints: [\"http://x\"]}\n"))
        .isEqualTo(at("source.endpoints[0]", "expected a mapping, got \"http://x\""));
  }

  @Test
  void endpointNamesMustBeUnique() {
    assertThat(error("source: {endpoints: [{name: a, url: u1}, {name: a, url: u2}]}\n"))
        .isEqualTo(
            at(
                "source.endpoints[1].name",
                "\"a\" is already the name of source.endpoints[0].name"));
  }

  @Test
  void sourceFileMustExist() {
    Path expected = dir.resolve("endpoints.jsonl").toAbsolutePath();

    assertThat(error("source: {file: endpoints.jsonl}\n"))
        .isEqualTo(at("source.file", "cannot read " + expected + " (no such file)"));
  }

  @Test
  void sourceFileMustNotBeAFolder() throws Exception {
    Files.createDirectories(dir.resolve("lists"));

    assertThat(error("source: {file: lists}\n"))
        .isEqualTo(at("source.file", "cannot read " + dir.resolve("lists") + " (it is a folder)"));
  }

  @Test
  void rangeNeedsACountOfAtLeastOne() {
    assertThat(error("source: {range: {url: u}}\n")).isEqualTo(at("source.range.count", "missing"));
    assertThat(error("source: {range: {count: 0, url: u}}\n"))
        .isEqualTo(at("source.range.count", "must be at least 1, got 0"));
  }

  @Test
  void rangeNameMustContainTheIndex() {
    assertThat(error("source: {range: {count: 3, name: ep, url: u}}\n"))
        .isEqualTo(
            at(
                "source.range.name",
                "must contain {i} (else every endpoint gets the same name), got \"ep\""));
  }

  @Test
  void rangeNeedsAUrl() {
    assertThat(error("source: {range: {count: 3}}\n")).isEqualTo(at("source.range.url", "missing"));
  }

  // ---- http, response, transform, output ----

  @Test
  void concurrencyMustBeAtLeastOne() {
    assertThat(error(SOURCE + "http: {concurrency: 0}\n"))
        .isEqualTo(at("http.concurrency", "must be at least 1, got 0"));
  }

  @Test
  void concurrencyHasAMaximum() throws Exception {
    assertThat(error(SOURCE + "http: {concurrency: 10001}\n"))
        .isEqualTo(
            at(
                "http.concurrency",
                "must be at most 10000 (each request in flight holds a connection), got 10001"));
    assertThat(load(SOURCE + "http: {concurrency: 10000}\n").http().concurrency())
        .isEqualTo(10_000);
  }

  @Test
  void badSizeReusesTheSizesMessage() {
    assertThat(error(SOURCE + "http: {maxResponseBytes: 16 MB}\n"))
        .isEqualTo(
            at(
                "http.maxResponseBytes",
                "bad size \"16 MB\" (write a number and a unit: 512KiB, 16MiB, 1GiB, or bytes)"));
  }

  @Test
  void badDurationReusesTheDurationsMessage() {
    assertThat(error(SOURCE + "http: {timeout: 10 sec}\n"))
        .isEqualTo(
            at(
                "http.timeout",
                "bad duration \"10 sec\" (write a number and a unit: 250ms, 10s, 2m, 1h, 7d)"));
  }

  @Test
  void durationWithoutAUnitIsBad() {
    assertThat(error(SOURCE + "http: {timeout: 10}\n"))
        .isEqualTo(
            at(
                "http.timeout",
                "bad duration \"10\" (write a number and a unit: 250ms, 10s, 2m, 1h, 7d)"));
  }

  @Test
  void timeoutMustBePositive() {
    assertThat(error(SOURCE + "http: {timeout: 0s}\n"))
        .isEqualTo(at("http.timeout", "must be more than 0, got 0ms"));
  }

  @Test
  void durationTooLongIsBad() {
    assertThat(error(SOURCE + "http: {timeout: 9999999999999h}\n"))
        .isEqualTo(at("http.timeout", "bad duration \"9999999999999h\" (too long)"));
  }

  @Test
  void integerTooLargeForALongIsOutOfRange() {
    assertThat(error("source:\n  range: {count: 99999999999999999999999, url: \"http://h/{i}\"}\n"))
        .isEqualTo(at("source.range.count", "out of range, got 99999999999999999999999"));
    assertThat(error(SOURCE + "http: {concurrency: 99999999999999999999999}\n"))
        .isEqualTo(at("http.concurrency", "out of range, got 99999999999999999999999"));
  }

  @Test
  void sourceFileThatIsNoPathIsRejected() {
    assertThat(error("source: {file: \"a\\0b\"}\n"))
        .isEqualTo(
            at("source.file", "not a usable path: \"a\\u0000b\" (Nul character not allowed)"));
  }

  @Test
  void maxAttemptsMustBeAtLeastOne() {
    assertThat(error(SOURCE + "http: {retry: {maxAttempts: 0}}\n"))
        .isEqualTo(at("http.retry.maxAttempts", "must be between 1 and 100, got 0"));
  }

  @Test
  void maxAttemptsMustBeASaneNumber() {
    assertThat(error(SOURCE + "http: {retry: {maxAttempts: 1000000}}\n"))
        .isEqualTo(at("http.retry.maxAttempts", "must be between 1 and 100, got 1000000"));
  }

  @Test
  void maxBackoffMustNotBeBelowBackoff() {
    assertThat(error(SOURCE + "http: {retry: {backoff: 2s, maxBackoff: 500ms}}\n"))
        .isEqualTo(at("http.retry.maxBackoff", "must be at least backoff (2s), got 500ms"));
  }

  @Test
  void maxRetryAfterMustBeMoreThanZero() {
    assertThat(error(SOURCE + "http: {retry: {maxRetryAfter: 0s}}\n"))
        .isEqualTo(at("http.retry.maxRetryAfter", "must be more than 0, got 0ms"));
  }

  @Test
  void connectTimeoutMustBeMoreThanZero() {
    assertThat(error(SOURCE + "http: {connectTimeout: 0ms}\n"))
        .isEqualTo(at("http.connectTimeout", "must be more than 0, got 0ms"));
  }

  @Test
  void totalTimeoutMustNotBeShorterThanOneAttempt() {
    assertThat(error(SOURCE + "http: {timeout: 5s, totalTimeout: 2s}\n"))
        .isEqualTo(at("http.totalTimeout", "must be at least timeout (5s), got 2s"));
  }

  @Test
  void recordsPointerMustStartWithASlash() {
    assertThat(error(SOURCE + "response: {records: data/items}\n"))
        .isEqualTo(
            at(
                "response.records",
                "bad JSON pointer \"data/items\" (write \"\" when the body is the array itself,"
                    + " or a path like /data/items)"));
  }

  @Test
  void transformFieldsMustNotBeEmpty() {
    assertThat(error(SOURCE + "transform: {amount: \"\"}\n"))
        .isEqualTo(at("transform.amount", "must not be empty"));
  }

  @Test
  void transformIdMustNotBeEmpty() {
    assertThat(error(SOURCE + "transform: {id: \"\"}\n"))
        .isEqualTo(at("transform.id", "must not be empty"));
  }

  @Test
  void idTtlNeedsAnId() {
    assertThat(error(SOURCE + "transform: {idTtl: 7d}\n")).startsWith(at("transform.idTtl", ""));
    assertThat(error(SOURCE + "transform: {idTtl: 7d}\n")).contains("needs transform.id");
  }

  @Test
  void idTtlMustBePositive() {
    assertThat(error(SOURCE + "transform: {id: id, idTtl: 0h}\n"))
        .isEqualTo(at("transform.idTtl", "must be more than 0, got 0ms"));
  }

  @Test
  void idTtlMustBeADuration() {
    assertThat(error(SOURCE + "transform: {id: id, idTtl: a week}\n"))
        .isEqualTo(
            at(
                "transform.idTtl",
                "bad duration \"a week\" (write a number and a unit: 250ms, 10s, 2m, 1h, 7d)"));
  }

  @Test
  void misspelledIdTtlSuggestsTheKey() {
    assertThat(error(SOURCE + "transform: {id: id, idTTL: 7d}\n"))
        .isEqualTo(at("transform.idTTL", "unknown key (did you mean 'transform.idTtl'?)"));
  }

  @Test
  void outputPathMustNotBeEmpty() {
    assertThat(error(SOURCE + "output: {path: \" \"}\n"))
        .isEqualTo(at("output.path", "must not be empty"));
  }
}
