package dev.tributary.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The job file's {@code output:} section as written. Its default, {@code out/<name>}, depends on
 * the job's name, so {@link JobConfig} applies it.
 *
 * @param given the output folder when {@code output.path} is given, else null
 */
record OutputSection(OutputConfig given) {
  @JsonCreator
  static OutputSection of(@JsonProperty("path") String path) {
    return new OutputSection(path == null ? null : OutputConfig.at(path));
  }
}
