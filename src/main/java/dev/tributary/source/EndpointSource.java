package dev.tributary.source;

import dev.tributary.config.PollConfig;
import dev.tributary.config.SourceConfig;
import dev.tributary.model.Endpoint;
import dev.tributary.model.RunCounts;
import java.util.Optional;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSource;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The endpoints of a job as a stream, from the job file's {@code source:} section, with the dead
 * letters of any endpoint that could not even be read and what those add to the run's counts (both
 * null when every endpoint can be read).
 */
public record EndpointSource(
    DataStream<Endpoint> endpoints,
    DataStream<String> deadLetters,
    DataStream<RunCounts> runCounts) {

  /**
   * Builds the source stage in {@code env}; nothing is read until the job runs. With {@code poll},
   * the endpoints are emitted again each round (see {@link PollSource}).
   */
  public static EndpointSource of(
      SourceConfig config, Optional<PollConfig> poll, StreamExecutionEnvironment env) {
    if (config instanceof SourceConfig.Watch watch) return fromWatchedFolder(watch, env);
    if (poll.isPresent()) return polled(config, poll.get(), env);
    if (config instanceof SourceConfig.Inline inline) return fromList(inline, env);
    if (config instanceof SourceConfig.Range range) return fromRange(range, env);
    if (config instanceof SourceConfig.File file) return fromFile(file, env);
    throw new IllegalArgumentException("data files are bodies, not endpoints: " + config);
  }

  private static EndpointSource fromList(
      SourceConfig.Inline inline, StreamExecutionEnvironment env) {
    DataStream<Endpoint> endpoints =
        env.fromData(inline.endpoints()).name("endpoints").uid("endpoints");
    return new EndpointSource(endpoints, null, null);
  }

  private static EndpointSource fromRange(
      SourceConfig.Range range, StreamExecutionEnvironment env) {
    DataStream<Endpoint> endpoints =
        env.fromSequence(0, range.count() - 1)
            .name("endpoint-numbers")
            .uid("endpoint-numbers")
            .map(range::endpoint)
            .returns(Endpoint.class)
            .name("endpoints")
            .uid("endpoints");
    return new EndpointSource(endpoints, null, null);
  }

  private static EndpointSource fromFile(SourceConfig.File file, StreamExecutionEnvironment env) {
    FileSource<String> lines =
        FileSource.forRecordStreamFormat(new TextLineInputFormat(), file.flinkPath()).build();
    return parsed(env.fromSource(lines, WatermarkStrategy.noWatermarks(), "endpoint-lines"));
  }

  /**
   * Each file of the folder read once, as it appears: the enumerator keeps the paths it has read in
   * its checkpointed state. Hidden files ({@code .x}, {@code _x}) are skipped by FileSource's
   * default filter, which is how a file is moved in complete.
   */
  private static EndpointSource fromWatchedFolder(
      SourceConfig.Watch watch, StreamExecutionEnvironment env) {
    FileSource<String> lines =
        FileSource.forRecordStreamFormat(new TextLineInputFormat(), watch.flinkPath())
            .monitorContinuously(watch.every())
            .build();
    return parsed(env.fromSource(lines, WatermarkStrategy.noWatermarks(), "endpoint-lines"));
  }

  private static EndpointSource parsed(DataStreamSource<String> lines) {
    SingleOutputStreamOperator<Endpoint> endpoints =
        lines
            .uid("endpoint-lines")
            .process(ParseEndpointLines.once())
            .name("endpoints")
            .uid("endpoints");
    return withDeadLetters(endpoints);
  }

  private static EndpointSource polled(
      SourceConfig config, PollConfig poll, StreamExecutionEnvironment env) {
    if (config instanceof SourceConfig.Inline inline) {
      return new EndpointSource(
          pollSource(new RoundItems.EndpointList(inline.endpoints()), poll, "endpoints", env),
          null,
          null);
    }
    if (config instanceof SourceConfig.Range range) {
      return new EndpointSource(
          pollSource(new RoundItems.EndpointRange(range), poll, "endpoints", env), null, null);
    }
    if (config instanceof SourceConfig.File file) {
      SingleOutputStreamOperator<Endpoint> endpoints =
          pollSource(new RoundItems.FileLines(file.flinkPath()), poll, "endpoint-lines", env)
              .process(ParseEndpointLines.polled(file.path()))
              .name("endpoints")
              .uid("endpoints");
      return withDeadLetters(endpoints);
    }
    throw new IllegalArgumentException("only endpoints are polled, not " + config);
  }

  private static <T> SingleOutputStreamOperator<T> pollSource(
      RoundItems<T> items, PollConfig poll, String name, StreamExecutionEnvironment env) {
    // One reader emits every round (see PollSource): the fetch stage has its own parallelism.
    return env.fromSource(
            new PollSource<>(poll, items), WatermarkStrategy.noWatermarks(), name, items.type())
        .setParallelism(1)
        .uid(name);
  }

  private static EndpointSource withDeadLetters(SingleOutputStreamOperator<Endpoint> endpoints) {
    return new EndpointSource(
        endpoints,
        endpoints.getSideOutput(ParseEndpointLines.DEAD_LETTERS),
        endpoints.getSideOutput(ParseEndpointLines.RUN_COUNTS));
  }
}
