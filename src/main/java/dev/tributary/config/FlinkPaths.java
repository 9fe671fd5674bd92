package dev.tributary.config;

import java.nio.file.Path;
import java.util.regex.Pattern;

/** Paths of the job file that Flink's file systems read: a URI as written, or a local path. */
final class FlinkPaths {
  private static final Pattern URI_SCHEME = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]+://");

  private FlinkPaths() {}

  /**
   * Whether the path is a URI ({@code s3://}, {@code hdfs://}, {@code file://}): only where the job
   * runs can it be looked at.
   */
  static boolean isUri(String path) {
    return URI_SCHEME.matcher(path).lookingAt();
  }

  /**
   * The path as Flink's file systems take it: a URI as written, a local path made absolute against
   * the working directory of the process that reads the job file (a TaskManager's own working
   * directory would differ).
   */
  static org.apache.flink.core.fs.Path of(String path) {
    if (isUri(path)) return new org.apache.flink.core.fs.Path(path);
    return new org.apache.flink.core.fs.Path(Path.of(path).toAbsolutePath().normalize().toUri());
  }
}
