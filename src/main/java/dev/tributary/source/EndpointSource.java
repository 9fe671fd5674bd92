package dev.tributary.source;

import dev.tributary.config.SourceConfig;
import dev.tributary.model.Endpoint;
import dev.tributary.model.RunCounts;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.streaming.api.datastream.DataStream;
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

  /** Builds the source stage in {@code env}; nothing is read until the job runs. */
  public static EndpointSource of(SourceConfig config, StreamExecutionEnvironment env) {
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
    SingleOutputStreamOperator<Endpoint> endpoints =
        env.fromSource(lines, WatermarkStrategy.noWatermarks(), "endpoint-lines")
            .uid("endpoint-lines")
            .process(new ParseEndpointLines())
            .name("endpoints")
            .uid("endpoints");
    return new EndpointSource(
        endpoints,
        endpoints.getSideOutput(ParseEndpointLines.DEAD_LETTERS),
        endpoints.getSideOutput(ParseEndpointLines.RUN_COUNTS));
  }
}
