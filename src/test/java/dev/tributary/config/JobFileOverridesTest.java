package dev.tributary.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code --set key.path=value} overrides, applied before the job file is checked. */
class JobFileOverridesTest extends JobFileTestBase {

  @Test
  void integerOverrideReplacesTheFilesValue() throws Exception {
    JobConfig config = load(SOURCE + "http: {concurrency: 5}\n", "http.concurrency=10");

    assertThat(config.http().concurrency()).isEqualTo(10);
  }

  @Test
  void durationOverrideIsParsed() throws Exception {
    JobConfig config = load(SOURCE, "http.timeout=2s", "http.retry.backoff=1.5s");

    assertThat(config.http().timeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.http().retry().backoff()).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void emptyOverrideIsTheEmptyString() throws Exception {
    JobConfig config = load(SOURCE + "response: {records: /data}\n", "response.records=");

    assertThat(config.response().recordsPointer()).isEmpty();
  }

  @Test
  void overrideCreatesMissingSections() throws Exception {
    JobConfig config = load(SOURCE, "demo.faults.error=0.25", "transform.amount=total");

    assertThat(config.demoSection().orElseThrow().value().at("/faults/error").doubleValue())
        .isEqualTo(0.25);
    assertThat(config.transform().amountField()).isEqualTo("total");
  }

  @Test
  void overrideCanGiveTheWholeSource() throws Exception {
    JobConfig config =
        load("name: demo\n", "source.range.count=3", "source.range.url=http://h/{i}");

    assertThat(config.source()).isEqualTo(new SourceConfig.Range(3, "ep{i}", "http://h/{i}"));
  }

  @Test
  void laterOverrideOfTheSameKeyWins() throws Exception {
    assertThat(load(SOURCE, "name=a", "name=b").name()).isEqualTo("b");
  }

  @Test
  void valueMayContainAnEqualsSign() throws Exception {
    JobConfig config = load(SOURCE, "source.endpoints=[{name: a, url: \"http://h/x?p=1\"}]");

    assertThat(((SourceConfig.Inline) config.source()).endpoints().get(0).url())
        .isEqualTo("http://h/x?p=1");
  }

  @Test
  void textThatIsNotValidYamlIsTakenAsAString() throws Exception {
    assertThat(load(SOURCE, "name=[unclosed").name()).isEqualTo("[unclosed");
  }

  @Test
  void wrongTypeInAnOverrideIsMarkedAsFromSet() {
    assertThat(error(SOURCE, "http.concurrency=abc"))
        .isEqualTo(at("http.concurrency (from --set)", "expected an integer, got \"abc\""));
  }

  @Test
  void badDurationInAnOverrideIsMarkedAsFromSet() {
    assertThat(error(SOURCE, "http.timeout=soon"))
        .isEqualTo(
            at(
                "http.timeout (from --set)",
                "bad duration \"soon\" (write a number and a unit: 250ms, 10s, 2m, 1h)"));
  }

  @Test
  void unknownKeyInAnOverrideGetsTheSameSuggestion() {
    assertThat(error(SOURCE, "http.concurency=10"))
        .isEqualTo(
            at("http.concurency (from --set)", "unknown key (did you mean 'http.concurrency'?)"));
  }

  @Test
  void unknownSectionCreatedByAnOverrideIsMarkedAsFromSet() {
    assertThat(error(SOURCE, "htp.concurrency=10"))
        .isEqualTo(at("htp (from --set)", "unknown key (did you mean 'http'?)"));
  }

  @Test
  void problemsInTheFileAreNotMarkedAsFromSet() {
    assertThat(error(SOURCE + "http: {concurrency: 0}\n", "http.timeout=2s"))
        .isEqualTo(at("http.concurrency", "must be at least 1, got 0"));
  }

  @Test
  void overrideWithoutEqualsIsMalformed() {
    assertThat(error(SOURCE, "http.concurrency"))
        .isEqualTo(
            at(
                "--set http.concurrency",
                "expected key.path=value, e.g. --set http.concurrency=10"));
  }

  @Test
  void overrideWithAnEmptyKeyIsMalformed() {
    assertThat(error(SOURCE, "=10"))
        .isEqualTo(at("--set =10", "expected key.path=value, e.g. --set http.concurrency=10"));
    assertThat(error(SOURCE, "http..concurrency=10"))
        .isEqualTo(
            at(
                "--set http..concurrency=10",
                "expected key.path=value, e.g. --set http.concurrency=10"));
  }

  @Test
  void overrideBelowAScalarIsRejected() {
    assertThat(error(SOURCE + "name: demo\n", "name.first=a"))
        .isEqualTo(at("name.first (from --set)", "cannot set it: name is \"demo\", not a mapping"));
  }

  @Test
  void overridesAreAppliedBeforeTheFileIsChecked() throws Exception {
    JobConfig config = load(SOURCE + "http: {concurrency: 0}\n", "http.concurrency=4");

    assertThat(config.http().concurrency()).isEqualTo(4);
  }

  // ---- null, and switching the source kind ----

  @Test
  void nullOverrideCountsAsNotGiven() throws Exception {
    assertThat(load(SOURCE + "http: {concurrency: 5}\n", "http.concurrency=~").http().concurrency())
        .isEqualTo(HttpConfig.DEFAULT_CONCURRENCY);
    assertThat(load(SOURCE + "http: {concurrency: 5}\n", "http.concurrency=null").http())
        .isEqualTo(HttpConfig.defaults());
  }

  @Test
  void sourceKindSetKeyByKeyReplacesTheFilesKind() throws Exception {
    JobConfig config = load(SOURCE, "source.range.count=5", "source.range.url=http://x/{i}");

    assertThat(config.source()).isEqualTo(new SourceConfig.Range(5, "ep{i}", "http://x/{i}"));
  }

  @Test
  void sourceKindSetAsAMappingReplacesTheFilesKind() throws Exception {
    JobConfig config = load(SOURCE, "source.range={count: 5, url: \"http://x/{i}\"}");

    assertThat(config.source()).isEqualTo(new SourceConfig.Range(5, "ep{i}", "http://x/{i}"));
  }

  @Test
  void sourceFileSetReplacesTheFilesEndpoints() throws Exception {
    Path endpoints = write(dir.resolve("endpoints.jsonl"), "{}\n");

    JobConfig config = load(SOURCE, "source.file=endpoints.jsonl");

    assertThat(config.source()).isEqualTo(new SourceConfig.File(endpoints.toString()));
  }

  @Test
  void twoSourceKindsSetStillClash() {
    assertThat(error(SOURCE, "source.range.count=5", "source.file=endpoints.jsonl"))
        .isEqualTo(
            at(
                "source",
                "give exactly one of endpoints, file, range, files, watch (found file and range)"));
  }

  @Test
  void sourceKindSetToNullIsTakenAway() throws Exception {
    String twoKinds =
        """
        source:
          endpoints: [{name: a, url: "http://h/a"}]
          range: {count: 3, url: "http://h/{i}"}
        """;

    assertThat(load(twoKinds, "source.range=~").source()).isInstanceOf(SourceConfig.Inline.class);
    assertThat(load(twoKinds, "source.endpoints=null").source())
        .isInstanceOf(SourceConfig.Range.class);
  }

  @Test
  void sourceKindSetToNullLeavingNoneIsMissing() {
    assertThat(error(SOURCE, "source.endpoints=~"))
        .isEqualTo(
            at("source", "missing (give exactly one of endpoints, file, range, files, watch)"));
  }

  @Test
  void demoSetToNullTurnsTheDemoOff() throws Exception {
    assertThat(load(SOURCE + "demo:\n").demoSection()).isPresent();
    assertThat(load(SOURCE + "demo:\n", "demo=~").demoSection()).isEmpty();
  }

  @Test
  void valueThatIsAYamlAliasIsTakenAsText() throws Exception {
    assertThat(load(SOURCE, "name=*orders").name()).isEqualTo("*orders");
  }

  @Test
  void valueHoldingASecondDocumentIsTakenAsText() throws Exception {
    assertThat(load(SOURCE, "name=a\n---\nb").name()).isEqualTo("a\n---\nb");
  }
}
