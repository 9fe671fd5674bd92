package dev.tributary.config;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * The job file's {@code output:} section.
 *
 * @param path the folder the results are written to, relative to the working directory (a String
 *     because {@link Path} is not serializable)
 */
public record OutputConfig(String path) implements Serializable {

  /** The results go to {@code out/<job name>} unless the job file says otherwise. */
  public static final String DEFAULT_PARENT = "out";

  public static OutputConfig defaultFor(String jobName) {
    return new OutputConfig(DEFAULT_PARENT + "/" + jobName);
  }

  public Path dir() {
    return Path.of(path);
  }
}
