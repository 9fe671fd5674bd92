package dev.tributary.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** Writes job files into a temporary folder and loads them. */
public abstract class JobFileTestBase {
  /** The smallest valid source section. */
  protected static final String SOURCE =
      """
      source:
        endpoints:
          - {name: orders-eu, url: "http://127.0.0.1:8089/api/orders-eu"}
      """;

  @TempDir protected Path dir;

  /** Where {@link #load} and {@link #error} write the job file. */
  protected Path job() {
    return dir.resolve("job.yaml");
  }

  protected Path write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  protected JobConfig load(String yaml, String... overrides) throws JobFileException {
    return read(write(job(), yaml), List.of(overrides));
  }

  /** Reads a job file as a run does; a test of a section read elsewhere adds that reading. */
  protected JobConfig read(Path jobFile, List<String> overrides) throws JobFileException {
    return JobFiles.load(jobFile, overrides);
  }

  /** The message of the error loading this job file gives; checks that it is one line. */
  protected String error(String yaml, String... overrides) {
    return errorLoading(write(job(), yaml), overrides);
  }

  protected String errorLoading(Path jobFile, String... overrides) {
    JobFileException e =
        catchThrowableOfType(JobFileException.class, () -> read(jobFile, List.of(overrides)));
    assertThat(e).as("loading %s should fail", jobFile).isNotNull();
    assertThat(e.getMessage()).doesNotContain("\n", "\r");
    return e.getMessage();
  }

  /** The message expected for a problem with {@code key} in {@link #job()}. */
  protected String at(String key, String problem) {
    return job() + ": " + key + ": " + problem;
  }
}
