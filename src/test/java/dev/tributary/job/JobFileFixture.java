package dev.tributary.job;

import dev.tributary.config.JobConfig;
import dev.tributary.config.JobFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes a job file into a test's folder and loads it through the real parser. */
final class JobFileFixture {
  private JobFileFixture() {}

  static JobConfig load(Path dir, String yaml) throws Exception {
    Path jobFile = dir.resolve("job.yaml");
    Files.writeString(jobFile, yaml);
    return JobFiles.load(jobFile, List.of("output.path=" + dir.resolve("out")));
  }

  static Path write(Path dir, String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }
}
