package dev.tributary.config;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The job file's {@code output:} section; its path is usable as a path once constructed.
 *
 * @param path the folder the results are written to, relative to the working directory (a String
 *     because {@link Path} is not serializable)
 */
public record OutputConfig(String path) implements Serializable {

  /** The results go to {@code out/<job name>} unless the job file says otherwise. */
  public static final String DEFAULT_PARENT = "out";

  /** Linux's PATH_MAX: a longer path cannot be opened. */
  static final int MAX_PATH_CHARS = 4096;

  /** Linux's NAME_MAX, in bytes of the name's UTF-8 form: no file system takes a longer name. */
  static final int MAX_NAME_BYTES = 255;

  /** Checks the path's syntax only: a record is also rebuilt where it is deserialized. */
  public OutputConfig {
    Objects.requireNonNull(path, "path");
    if (path.isBlank()) throw new ConfigException("path", "must not be empty");
    if (path.length() > MAX_PATH_CHARS) {
      throw new ConfigException(
          "path",
          "too long ("
              + path.length()
              + " characters, at most "
              + MAX_PATH_CHARS
              + "): "
              + Messages.quote(path));
    }
    Path dir;
    try {
      dir = Path.of(path);
    } catch (InvalidPathException e) {
      throw new ConfigException(
          "path", "not a usable path: " + Messages.quote(path) + " (" + e.getReason() + ")");
    }
    for (Path name : dir) {
      int bytes = name.toString().getBytes(StandardCharsets.UTF_8).length;
      if (bytes > MAX_NAME_BYTES) {
        throw new ConfigException(
            "path",
            "has a name longer than "
                + MAX_NAME_BYTES
                + " bytes ("
                + bytes
                + "): "
                + Messages.quote(name.toString()));
      }
    }
  }

  /**
   * The output folder at {@code path}, checked against what is on disk now without creating
   * anything: the path, or the nearest part of it that exists, must be a folder.
   */
  public static OutputConfig at(String path) {
    OutputConfig output = new OutputConfig(path);
    if (FlinkPaths.isUri(path)) return output; // hdfs://, s3://: only the cluster can look
    Path dir = output.dir().toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isDirectory(p)) break;
      if (Files.exists(p)) {
        String kind = Files.isRegularFile(p) ? " (it is a file)" : "";
        throw new ConfigException(
            "path",
            p.equals(dir)
                ? Messages.quotePath(path) + " exists and is not a folder" + kind
                : "cannot be a folder: " + Messages.quotePath(p.toString()) + " is not one" + kind);
      }
    }
    return output;
  }

  public static OutputConfig defaultFor(String jobName) {
    return at(DEFAULT_PARENT + "/" + jobName);
  }

  public Path dir() {
    return Path.of(path);
  }

  /** The folder as a Flink file-system path (see {@link FlinkPaths#of}). */
  public org.apache.flink.core.fs.Path flinkPath() {
    return FlinkPaths.of(path);
  }
}
