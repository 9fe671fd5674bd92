package dev.tributary.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Why a file the job needs cannot be read, said the way the job file's messages say it. */
final class Unreadable {
  private Unreadable() {}

  /** Why the file cannot be read, if it cannot. */
  static Optional<String> reason(Path path) {
    if (Files.isDirectory(path)) return Optional.of("it is a folder");
    if (!Files.exists(path)) return Optional.of("no such file");
    if (!Files.isRegularFile(path)) return Optional.of("not a regular file");
    if (!Files.isReadable(path)) return Optional.of("permission denied");
    return Optional.empty();
  }
}
