package dev.tributary.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.time.Duration;

/**
 * The job file's {@code checkpoint:} section, for a job with an unbounded source ({@code
 * source.poll} or {@code source.watch}): how often Flink checkpoints the job's state, which also
 * commits its output files, and where the checkpoints are kept; valid once constructed.
 *
 * @param every the interval between checkpoints; at least {@link #MIN_EVERY}
 * @param dir where checkpoints are kept: a URI as written, or a local path (relative to the working
 *     directory), as {@code output.path}
 */
public record CheckpointConfig(Duration every, String dir) implements Serializable {

  public static final Duration DEFAULT_EVERY = Duration.ofSeconds(10);

  /** Checkpoints closer than this would spend the job's time writing state. */
  public static final Duration MIN_EVERY = Duration.ofMillis(100);

  /** The checkpoints' folder inside the output folder unless the job file says otherwise. */
  public static final String DEFAULT_DIR_IN_OUTPUT = ".tributary/checkpoints";

  public CheckpointConfig {
    ConfigValues.atLeast("every", every, MIN_EVERY);
    ConfigValues.required("dir", dir);
    try {
      new OutputConfig(dir); // the same syntax as output.path
    } catch (ConfigException e) {
      throw new ConfigException("dir", e.problem());
    }
  }

  /** The section as the job file gives it, or its defaults when {@code section} is null. */
  static CheckpointConfig of(CheckpointSection section, OutputConfig output) {
    String every = section == null ? null : section.every();
    String dir = section == null ? null : section.dir();
    return new CheckpointConfig(
        ConfigValues.duration("every", every, DEFAULT_EVERY),
        dir != null ? dir : output.path() + "/" + DEFAULT_DIR_IN_OUTPUT);
  }

  /** The folder as a Flink file-system path (see {@link FlinkPaths#of}). */
  public org.apache.flink.core.fs.Path flinkPath() {
    return FlinkPaths.of(dir);
  }

  /** The section's keys as written, before the defaults that depend on {@code output.path}. */
  record CheckpointSection(String every, String dir) {
    @JsonCreator
    CheckpointSection(@JsonProperty("every") String every, @JsonProperty("dir") String dir) {
      this.every = every;
      this.dir = dir;
    }
  }
}
