package dev.tributary.config;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A validated job file: what to fetch, how, and where the results go. Built by {@link
 * JobFiles#load}.
 *
 * @param name the job's name; defaults to the job file's base name without extension
 * @param source where the endpoints come from
 * @param http how requests are made
 * @param response where the records are in a response body
 * @param transform which fields of a record are read
 * @param output where the results are written
 * @param poll the schedule on which the endpoints are fetched again, when there is one
 * @param checkpoint how the job is checkpointed: present exactly when its source is unbounded
 *     ({@link #continuous()})
 * @param demoSection the job file's {@code demo:} section as written, when it has one: the demo
 *     package reads it (see {@link JobFiles#section})
 * @param jobFile the job file as given on the command line
 */
public record JobConfig(
    String name,
    SourceConfig source,
    HttpConfig http,
    ResponseConfig response,
    TransformConfig transform,
    OutputConfig output,
    Optional<PollConfig> poll,
    Optional<CheckpointConfig> checkpoint,
    Optional<RawSection> demoSection,
    Path jobFile) {

  /** The id under which the reader hands the job file's path to the factories that need it. */
  static final String JOB_FILE = "dev.tributary.config.jobFile";

  /** Where {@code ${env:NAME}} in the job file is looked up: name → value, or null when unset. */
  static final String ENVIRONMENT = "dev.tributary.config.environment";

  /** The id under which the reader hands over the key paths that {@code --set} gave. */
  static final String FROM_OVERRIDES = "dev.tributary.config.fromOverrides";

  public JobConfig {
    ConfigValues.required("name", name);
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(response, "response");
    Objects.requireNonNull(transform, "transform");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(poll, "poll");
    Objects.requireNonNull(checkpoint, "checkpoint");
    if (checkpoint.isPresent() != unbounded(source, poll)) {
      throw new ConfigException(
          "checkpoint",
          "only a job with source.poll or source.watch is checkpointed; a bounded run starts"
              + " over and replaces its output only when it succeeds");
    }
    Objects.requireNonNull(demoSection, "demoSection");
    Objects.requireNonNull(jobFile, "jobFile");
  }

  /** The job file as it is written; a section not given takes its defaults. */
  @JsonCreator
  static JobConfig of(
      @JacksonInject(JOB_FILE) Path jobFile,
      @JsonProperty("name") String name,
      @JsonProperty("source") SourceSection source,
      @JsonProperty("http") HttpConfig http,
      @JsonProperty("response") ResponseConfig response,
      @JsonProperty("transform") TransformConfig transform,
      @JsonProperty("output") OutputSection output,
      @JsonProperty("checkpoint") CheckpointConfig.CheckpointSection checkpoint,
      @JacksonInject(FROM_OVERRIDES) Set<String> fromOverrides,
      @JsonProperty("demo") JsonNode demo) {
    String jobName = ConfigValues.text("name", name, baseName(jobFile));
    if (source == null) throw new ConfigException("source", SourceConfigDeserializer.MISSING);
    OutputConfig outputConfig =
        output == null || output.given() == null ? defaultOutput(jobName) : output.given();
    return new JobConfig(
        jobName,
        source.kind(),
        http == null ? HttpConfig.defaults() : http,
        response == null ? ResponseConfig.defaults() : response,
        transform == null ? TransformConfig.defaults() : transform,
        outputConfig,
        Optional.ofNullable(source.poll()),
        unbounded(source.kind(), Optional.ofNullable(source.poll())) || checkpoint != null
            ? Optional.of(CheckpointConfig.of(checkpoint, outputConfig))
            : Optional.empty(),
        Optional.ofNullable(demo)
            .filter(section -> !section.isNull())
            .map(section -> new RawSection("demo", section, fromOverrides)),
        jobFile);
  }

  /** Whether a source never ends by itself (or ends after its poll rounds only). */
  private static boolean unbounded(SourceConfig source, Optional<PollConfig> poll) {
    return poll.isPresent() || source instanceof SourceConfig.Watch;
  }

  /**
   * Whether the job runs until it is stopped or its rounds are done, checkpointed, rather than once
   * through its input.
   */
  public boolean continuous() {
    return checkpoint.isPresent();
  }

  /**
   * How many endpoints the run fetches, when the job file says: inline endpoints and a range know
   * their number (times the rounds, when polled a known number of times); an endpoints file, a
   * watched folder and data files are read as the job runs.
   */
  public Optional<Long> knownEndpointCount() {
    long perRound;
    if (source instanceof SourceConfig.Inline inline) {
      perRound = inline.endpoints().size();
    } else if (source instanceof SourceConfig.Range range) {
      perRound = range.count();
    } else {
      return Optional.empty();
    }
    if (poll.isEmpty()) return Optional.of(perRound);
    return poll.get().forever()
        ? Optional.empty()
        : Optional.of(Math.multiplyExact(perRound, poll.get().times()));
  }

  private static OutputConfig defaultOutput(String jobName) {
    try {
      return OutputConfig.defaultFor(jobName);
    } catch (ConfigException e) {
      throw new ConfigException(
          "name", "cannot name the output folder (give output.path): " + e.problem());
    }
  }

  private static String baseName(Path jobFile) {
    String file = jobFile.getFileName().toString();
    int dot = file.lastIndexOf('.');
    return dot > 0 ? file.substring(0, dot) : file;
  }
}
