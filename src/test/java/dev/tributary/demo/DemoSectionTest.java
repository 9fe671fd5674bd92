package dev.tributary.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.config.JobConfig;
import dev.tributary.config.JobFileException;
import dev.tributary.config.JobFileTestBase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The optional {@code demo:} section of a job file, which the demo package reads. */
class DemoSectionTest extends JobFileTestBase {

  /** Reads the job file as a run does: the file, then its demo section. */
  @Override
  protected JobConfig read(Path jobFile, List<String> overrides) throws JobFileException {
    JobConfig config = super.read(jobFile, overrides);
    DemoSection.of(config);
    return config;
  }

  private DemoApiOptions demo(String section) throws JobFileException {
    return DemoSection.of(load(SOURCE + "demo:" + section + "\n")).orElseThrow();
  }

  @Test
  void noDemoSectionMeansNoDemo() throws Exception {
    assertThat(DemoSection.of(load(SOURCE))).isEmpty();
  }

  @Test
  void emptyDemoSectionStartsTheDemoWithDefaults() throws Exception {
    assertThat(demo("")).isEqualTo(DemoApiOptions.defaults());
    assertThat(demo(" {}")).isEqualTo(DemoApiOptions.defaults());
  }

  @Test
  void latencyRangeGivesLowAndHigh() throws Exception {
    DemoApiOptions demo = demo(" {latency: 1.5s..2m}");

    assertThat(demo.latencyMin()).isEqualTo(Duration.ofMillis(1500));
    assertThat(demo.latencyMax()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void singleLatencyIsBothLowAndHigh() throws Exception {
    DemoApiOptions demo = demo(" {latency: 300ms}");

    assertThat(demo.latencyMin()).isEqualTo(Duration.ofMillis(300));
    assertThat(demo.latencyMax()).isEqualTo(Duration.ofMillis(300));
  }

  @Test
  void badLatencyShowsTheForm() {
    assertThat(error(SOURCE + "demo: {latency: 200ms-500ms}\n"))
        .isEqualTo(
            at(
                "demo.latency",
                "bad latency \"200ms-500ms\" (write LOW..HIGH or one duration, e.g."
                    + " 200ms..500ms)"));
    assertThat(error(SOURCE + "demo: {latency: 1s..2s..3s}\n"))
        .startsWith(at("demo.latency", "bad latency"));
  }

  @Test
  void latencyLowEndMustNotExceedTheHighEnd() {
    assertThat(error(SOURCE + "demo: {latency: 500ms..200ms}\n"))
        .isEqualTo(at("demo.latency", "low end 500ms is above high end 200ms"));
  }

  @Test
  void faultRatesAreRead() throws Exception {
    DemoApiOptions demo = demo(" {faults: {throttle: 0.5, hang: 0.5, malformed: 0.25}}");

    assertThat(demo.faults()).isEqualTo(new FaultRates(0.5, 0, 0.5, 0, 0.25));
  }

  @Test
  void faultRateAboveOneIsRejected() {
    assertThat(error(SOURCE + "demo: {faults: {error: 1.5}}\n"))
        .isEqualTo(at("demo.faults.error", "must be between 0 and 1, got 1.5"));
  }

  @Test
  void negativeFaultRateIsRejected() {
    assertThat(error(SOURCE + "demo: {faults: {notFound: -0.1}}\n"))
        .isEqualTo(at("demo.faults.notFound", "must be between 0 and 1, got -0.1"));
  }

  @Test
  void faultRateMustBeANumber() {
    assertThat(error(SOURCE + "demo: {faults: {hang: often}}\n"))
        .isEqualTo(at("demo.faults.hang", "expected a number, got \"often\""));
  }

  @Test
  void perAttemptFaultRatesMustNotAddUpToMoreThanOne() {
    assertThat(error(SOURCE + "demo: {faults: {throttle: 0.5, error: 0.4, hang: 0.2}}\n"))
        .isEqualTo(at("demo.faults", "throttle + error + hang must add up to at most 1"));
  }

  @Test
  void perEndpointFaultRatesMustNotAddUpToMoreThanOne() {
    assertThat(error(SOURCE + "demo: {faults: {notFound: 0.6, malformed: 0.6}}\n"))
        .isEqualTo(at("demo.faults", "notFound + malformed must add up to at most 1"));
  }

  @Test
  void unknownFaultSuggestsTheNearestOne() {
    assertThat(error(SOURCE + "demo: {faults: {notfound: 0.1}}\n"))
        .isEqualTo(
            at("demo.faults.notfound", "unknown key (did you mean 'demo.faults.notFound'?)"));
  }

  @Test
  void yamlNotANumberIsRefusedNamingTheKey() {
    assertThat(error(SOURCE + "demo: {faults: {error: .nan}}\n"))
        .isEqualTo(
            at(
                "demo.faults.error",
                ".nan is YAML's not-a-number, which no key takes"
                    + " (quote it if it is meant as text)"));
  }

  @Test
  void yamlInfinityIsRefusedNamingTheKey() {
    assertThat(error(SOURCE + "demo:\n  faults:\n    hang: .inf\n"))
        .isEqualTo(
            at(
                "demo.faults.hang",
                ".inf is YAML's infinity, which no key takes (quote it if it is meant as text)"));
    assertThat(error(SOURCE + "demo: {faults: {throttle: -.Inf}}\n"))
        .startsWith(at("demo.faults.throttle", "-.Inf is YAML's infinity"));
  }

  @Test
  void notANumberFromSetIsNotANumber() {
    assertThat(error(SOURCE, "demo.faults.error=.nan"))
        .isEqualTo(at("demo.faults.error (from --set)", "expected a number, got \".nan\""));
  }

  @Test
  void numberTooLargeForADoubleIsOutOfRange() {
    assertThat(error(SOURCE + "demo: {faults: {malformed: 1e400}}\n"))
        .isEqualTo(at("demo.faults.malformed", "out of range, got Infinity"));
    assertThat(error(SOURCE + "demo: {faults: {notFound: 1" + "0".repeat(400) + "}}\n"))
        .startsWith(at("demo.faults.notFound", "out of range, got 1000"));
  }

  @Test
  void latencyEndTooLongIsRefused() {
    assertThat(error(SOURCE + "demo: {latency: 1ms..9999999999999h}\n"))
        .isEqualTo(at("demo.latency", "bad duration \"9999999999999h\" (too long)"));
  }

  @Test
  void hangLimitMustBePositive() {
    assertThat(error(SOURCE + "demo: {hangLimit: 0ms}\n"))
        .isEqualTo(at("demo.hangLimit", "must be more than 0, got 0ms"));
  }

  @Test
  void portMustFitInSixteenBits() {
    assertThat(error(SOURCE + "demo: {port: 70000}\n"))
        .isEqualTo(at("demo.port", "must be between 0 and 65535, got 70000"));
  }

  @Test
  void portZeroPicksAFreePort() throws Exception {
    assertThat(demo(" {port: 0}").port()).isZero();
  }

  @Test
  void seedAndHangLimitAreRead() throws Exception {
    DemoApiOptions demo = demo(" {seed: 123456789012, hangLimit: 2m}");

    assertThat(demo.seed()).isEqualTo(123456789012L);
    assertThat(demo.hangLimit()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void seedTooLargeForALongIsOutOfRange() {
    assertThat(error(SOURCE + "demo: {seed: 99999999999999999999999}\n"))
        .isEqualTo(at("demo.seed", "out of range, got 99999999999999999999999"));
  }
}
