package dev.tributary.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.model.Endpoint;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JobFilesTest extends JobFileTestBase {

  @Test
  void fullExampleParsesToTheExpectedRecords() throws Exception {
    JobConfig config =
        load(
            """
            name: demo
            source:
              endpoints:
                - {name: orders-eu, url: "http://127.0.0.1:8089/api/orders-eu"}
                - name: orders-us
                  url: http://127.0.0.1:8089/api/orders-us
            http:
              concurrency: 20
              timeout: 2s
              retry: {maxAttempts: 5, backoff: 250ms, maxBackoff: 1m}
            response:
              records: /data/items
            transform:
              date: day
              amount: total
            output:
              path: results/demo
            demo:
              port: 9000
              latency: 10ms..20ms
              seed: 7
              faults: {throttle: 0.1, error: 0.2, hang: 0.05, notFound: 0.01, malformed: 0.02}
              hangLimit: 5s
            """);

    assertThat(config)
        .isEqualTo(
            new JobConfig(
                "demo",
                new SourceConfig.Inline(
                    List.of(
                        new Endpoint("orders-eu", "http://127.0.0.1:8089/api/orders-eu"),
                        new Endpoint("orders-us", "http://127.0.0.1:8089/api/orders-us"))),
                new HttpConfig(
                    20,
                    Duration.ofSeconds(2),
                    HttpConfig.DEFAULT_MAX_RESPONSE_BYTES,
                    new RetryConfig(5, Duration.ofMillis(250), Duration.ofMinutes(1))),
                new ResponseConfig("/data/items"),
                new TransformConfig("day", "total"),
                new OutputConfig("results/demo"),
                Optional.empty(),
                Optional.empty(),
                Optional.of(
                    new RawSection(
                        "demo",
                        new ObjectMapper()
                            .readTree(
                                "{\"port\": 9000, \"latency\": \"10ms..20ms\", \"seed\": 7, \"faults\":"
                                    + " {\"throttle\": 0.1, \"error\": 0.2, \"hang\": 0.05, \"notFound\":"
                                    + " 0.01, \"malformed\": 0.02}, \"hangLimit\": \"5s\"}"),
                        Set.of())),
                job()));
  }

  @Test
  void missingSectionsTakeTheirDefaults() throws Exception {
    JobConfig config = load(SOURCE);

    assertThat(config.name()).isEqualTo("job");
    assertThat(config.http()).isEqualTo(HttpConfig.defaults());
    assertThat(config.http())
        .isEqualTo(
            new HttpConfig(
                50,
                Duration.ofSeconds(10),
                HttpConfig.DEFAULT_MAX_RESPONSE_BYTES,
                new RetryConfig(3, Duration.ofSeconds(1), Duration.ofSeconds(30))));
    assertThat(config.response()).isEqualTo(new ResponseConfig(""));
    assertThat(config.transform()).isEqualTo(new TransformConfig("date", "amount"));
    assertThat(config.output()).isEqualTo(new OutputConfig("out/job"));
    assertThat(config.output().dir()).isEqualTo(Path.of("out", "job"));
    assertThat(config.demoSection()).isEmpty();
    assertThat(config.jobFile()).isEqualTo(job());
  }

  @Test
  void emptySectionsAndKeysTakeTheirDefaults() throws Exception {
    JobConfig config =
        load(
            SOURCE
                + """
                name:
                http:
                  concurrency:
                  retry:
                response:
                transform: {}
                output: ~
                """);

    assertThat(config.name()).isEqualTo("job");
    assertThat(config.http()).isEqualTo(HttpConfig.defaults());
    assertThat(config.response()).isEqualTo(ResponseConfig.defaults());
    assertThat(config.transform()).isEqualTo(TransformConfig.defaults());
    assertThat(config.output()).isEqualTo(OutputConfig.defaultFor("job"));
  }

  @Test
  void nameDefaultsToTheBaseNameWithoutTheLastExtension() throws Exception {
    Path jobFile = write(dir.resolve("jobs/nightly.orders.yml"), SOURCE);

    JobConfig config = JobFiles.load(jobFile, List.of());

    assertThat(config.name()).isEqualTo("nightly.orders");
    assertThat(config.output().path()).isEqualTo("out/nightly.orders");
  }

  @Test
  void outputDefaultFollowsAGivenName() throws Exception {
    assertThat(load("name: orders\n" + SOURCE).output()).isEqualTo(new OutputConfig("out/orders"));
  }

  @Test
  void outputPathIsKeptAsGiven() throws Exception {
    JobConfig config = load(SOURCE + "output: {path: ../elsewhere/x}\n");

    assertThat(config.output().dir()).isEqualTo(Path.of("../elsewhere/x"));
  }

  @Test
  void transformIdAndItsTtlAreRead() throws Exception {
    assertThat(load(SOURCE + "transform: {id: order_no, idTtl: 7d}\n").transform())
        .isEqualTo(new TransformConfig("date", "amount", "order_no", Duration.ofDays(7)));
    assertThat(load(SOURCE + "transform: {id: order_no}\n").transform())
        .isEqualTo(new TransformConfig("date", "amount", "order_no", null));
  }

  @Test
  void numbersAreAcceptedAsStrings() throws Exception {
    JobConfig config = load(SOURCE + "name: 2024\ntransform: {date: 1, amount: 2}\n");

    assertThat(config.name()).isEqualTo("2024");
    assertThat(config.transform()).isEqualTo(new TransformConfig("1", "2"));
  }

  @Test
  void fileSourceIsResolvedAgainstTheJobFileFolder() throws Exception {
    Path endpoints = write(dir.resolve("jobs/lists/endpoints.jsonl"), "{}\n");
    Path jobFile =
        write(dir.resolve("jobs/nightly.yaml"), "source: {file: lists/endpoints.jsonl}\n");

    SourceConfig source = JobFiles.load(jobFile, List.of()).source();

    assertThat(source).isEqualTo(new SourceConfig.File(endpoints.toAbsolutePath().toString()));
    assertThat(((SourceConfig.File) source).file()).isAbsolute().isEqualTo(endpoints);
  }

  @Test
  void fileSourceMayLeaveTheJobFileFolder() throws Exception {
    Path endpoints = write(dir.resolve("data/endpoints.jsonl"), "{}\n");
    Path jobFile =
        write(dir.resolve("jobs/nightly.yaml"), "source: {file: ../data/endpoints.jsonl}\n");

    SourceConfig.File source = (SourceConfig.File) JobFiles.load(jobFile, List.of()).source();

    assertThat(source.file()).isEqualTo(endpoints);
  }

  @Test
  void rangeSourceDefaultsItsNameTemplate() throws Exception {
    JobConfig config =
        load("source: {range: {count: 1000, url: \"http://127.0.0.1:8089/api/ep{i}\"}}\n");

    assertThat(config.source())
        .isEqualTo(new SourceConfig.Range(1000, "ep{i}", "http://127.0.0.1:8089/api/ep{i}"));
  }

  @Test
  void rangeCountMayExceedAnInt() throws Exception {
    JobConfig config = load("source: {range: {count: 5000000000, name: \"n{i}\", url: u}}\n");

    assertThat(((SourceConfig.Range) config.source()).count()).isEqualTo(5_000_000_000L);
  }

  @Test
  void urlsAreNotCheckedHere() throws Exception {
    JobConfig config = load("source: {endpoints: [{name: a, url: \"not a url\"}]}\n");

    assertThat(config.source())
        .isEqualTo(new SourceConfig.Inline(List.of(new Endpoint("a", "not a url"))));
  }

  @Test
  void maxResponseBytesIsReadAsASize() throws Exception {
    assertThat(load(SOURCE + "http: {maxResponseBytes: 512KiB}\n").http().maxResponseBytes())
        .isEqualTo(512 * 1024);
    assertThat(load(SOURCE + "http: {maxResponseBytes: 1000}\n").http().maxResponseBytes())
        .isEqualTo(1000);
  }

  @Test
  void backoffLongerThanTheDefaultCapRaisesTheCap() throws Exception {
    RetryConfig retry = load(SOURCE + "http: {retry: {backoff: 1m}}\n").http().retry();

    assertThat(retry.maxBackoff()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void readsTheConnectAndTotalTimeoutsAndMaxRetryAfter() throws Exception {
    HttpConfig http =
        load(SOURCE
                + "http: {timeout: 5s, connectTimeout: 2s, totalTimeout: 1m,"
                + " retry: {maxRetryAfter: 90s}}\n")
            .http();

    assertThat(http.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(http.totalTimeout()).isEqualTo(Duration.ofMinutes(1));
    assertThat(http.retry().maxRetryAfter()).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void aShortAttemptTimeoutAlsoBoundsTheDefaultConnectTimeout() throws Exception {
    assertThat(load(SOURCE + "http: {timeout: 3s}\n").http().connectTimeout())
        .isEqualTo(Duration.ofSeconds(3));
    assertThat(load(SOURCE + "http: {timeout: 1m}\n").http().connectTimeout())
        .isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void zeroBackoffIsAllowed() throws Exception {
    RetryConfig retry =
        load(SOURCE + "http: {retry: {backoff: 0ms, maxBackoff: 0ms}}\n").http().retry();

    assertThat(retry.backoff()).isZero();
    assertThat(retry.maxBackoff()).isZero();
  }

  @Test
  void sectionsSurviveJavaSerialization() throws Exception {
    Path endpoints = write(dir.resolve("endpoints.jsonl"), "{}\n");
    JobConfig config = load(SOURCE + "demo: {}\n");
    List<Serializable> sections =
        List.of(
            config.source(),
            new SourceConfig.File(endpoints.toString()),
            new SourceConfig.Range(3, "ep{i}", "u{i}"),
            config.http(),
            config.http().retry(),
            config.response(),
            config.transform(),
            config.output());

    for (Serializable section : sections) {
      assertThat(roundTrip(section)).isEqualTo(section);
    }
  }

  private static Object roundTrip(Serializable value) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return in.readObject();
    }
  }
}
