package dev.tributary.config;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tributary.model.Endpoint;
import java.io.Serializable;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The job file's {@code source:} section: where the endpoints to fetch come from, or the JSON data
 * files to read instead (exactly one kind); each kind is valid once constructed. {@link
 * SourceConfigDeserializer} picks the kind.
 */
public sealed interface SourceConfig extends Serializable
    permits SourceConfig.Inline,
        SourceConfig.File,
        SourceConfig.Range,
        SourceConfig.DataFiles,
        SourceConfig.Watch {

  /**
   * Endpoints listed in the job file itself ({@code source.endpoints}): at least one, each with a
   * name and a URL, no two with the same name.
   */
  record Inline(List<Endpoint> endpoints) implements SourceConfig {
    /** Where these endpoints are in the job file, for a message that points at an earlier one. */
    private static final String KEY = "source.endpoints";

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public Inline {
      Objects.requireNonNull(endpoints, "endpoints");
      if (endpoints.isEmpty()) throw new ConfigException("", "must list at least one endpoint");
      // Names tag every record, so two endpoints with one name would mix their data.
      Map<String, Integer> indexOfName = new HashMap<>();
      for (int i = 0; i < endpoints.size(); i++) {
        Endpoint endpoint = endpoints.get(i);
        String at = "[" + i + "]";
        if (endpoint == null) throw new ConfigException(at, "expected a mapping, got nothing");
        String name = ConfigValues.required(at + ".name", endpoint.name());
        ConfigValues.required(at + ".url", endpoint.url());
        Integer earlier = indexOfName.putIfAbsent(name, i);
        if (earlier != null) {
          throw new ConfigException(
              at + ".name",
              Messages.quote(name) + " is already the name of " + KEY + "[" + earlier + "].name");
        }
      }
      endpoints = List.copyOf(endpoints);
    }
  }

  /**
   * Endpoints read from a file of JSON lines, one {@code {"name": ..., "url": ...}} object a line
   * ({@code source.file}).
   *
   * @param path absolute path of the file (a String because {@link Path} is not serializable)
   */
  record File(String path) implements SourceConfig {
    public File {
      Objects.requireNonNull(path, "path");
      if (path.isBlank()) throw new ConfigException("", "must not be empty");
      try {
        Path.of(path);
      } catch (InvalidPathException e) {
        throw notAPath(path, e);
      }
    }

    /**
     * The file {@code source.file} names, resolved against the job file's folder; it must be
     * readable now.
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static File in(@JacksonInject(JobConfig.JOB_FILE) Path jobFile, String file) {
      if (file.isBlank()) throw new ConfigException("", "must not be empty");
      // A URI (hdfs://, s3://) is read as it is by Flink's file systems, where the job runs.
      if (FlinkPaths.isUri(file)) return new File(file);
      Path path;
      try {
        path = jobFile.toAbsolutePath().normalize().resolveSibling(file).normalize();
      } catch (InvalidPathException e) {
        throw notAPath(file, e);
      }
      Optional<String> unreadable = Unreadable.reason(path);
      if (unreadable.isPresent()) {
        throw new ConfigException(
            "", "cannot read " + Messages.path(path.toString()) + " (" + unreadable.get() + ")");
      }
      return new File(path.toString());
    }

    /** The file as a Flink file-system path (see {@link FlinkPaths#of}). */
    public org.apache.flink.core.fs.Path flinkPath() {
      return FlinkPaths.of(path);
    }

    public Path file() {
      return Path.of(path);
    }

    private static ConfigException notAPath(String path, InvalidPathException e) {
      return new ConfigException(
          "", "not a usable path: " + Messages.quote(path) + " (" + e.getReason() + ")");
    }
  }

  /**
   * {@code count} generated endpoints, numbered 0 to count - 1 ({@code source.range}); every
   * {@value #INDEX} in the templates is replaced by the number.
   *
   * @param count at least 1
   * @param nameTemplate contains {@value #INDEX}, so that every endpoint has its own name
   * @param urlTemplate not blank
   */
  record Range(long count, String nameTemplate, String urlTemplate) implements SourceConfig {
    public static final String INDEX = "{i}";
    public static final String DEFAULT_NAME_TEMPLATE = "ep{i}";

    public Range {
      if (count < 1) throw new ConfigException("count", "must be at least 1, got " + count);
      ConfigValues.required("name", nameTemplate);
      if (!nameTemplate.contains(INDEX)) {
        throw new ConfigException(
            "name",
            "must contain "
                + INDEX
                + " (else every endpoint gets the same name), got "
                + Messages.quote(nameTemplate));
      }
      ConfigValues.required("url", urlTemplate);
    }

    /** The section as the job file gives it; {@code name} takes its default when not given. */
    @JsonCreator
    static Range of(
        @JsonProperty("count") Long count,
        @JsonProperty("name") String name,
        @JsonProperty("url") String url) {
      if (count == null) throw new ConfigException("count", "missing");
      return new Range(count, ConfigValues.text("name", name, DEFAULT_NAME_TEMPLATE), url);
    }

    /** The {@code i}-th endpoint, 0 &lt;= i &lt; count. */
    public Endpoint endpoint(long i) {
      Objects.checkIndex(i, count);
      String number = Long.toString(i);
      return new Endpoint(nameTemplate.replace(INDEX, number), urlTemplate.replace(INDEX, number));
    }
  }

  /**
   * JSON data files read directly, each as one response body ({@code source.files: "data/*.json"}):
   * the files under {@code folder} whose path relative to it matches {@code pattern}.
   *
   * @param folder a Flink file-system path: a URI as written ({@code s3://bucket/data}), or an
   *     absolute local path
   * @param pattern a glob on the path relative to {@code folder} ({@code *.json}, {@code
   *     **&#47;*.json}); hidden files (starting with {@code .} or {@code _}) are never read
   */
  record DataFiles(String folder, String pattern) implements SourceConfig {
    private static final String GLOB_CHARS = "*?[{";

    public DataFiles {
      ConfigValues.required("", folder);
      ConfigValues.required("", pattern);
      try {
        FileSystems.getDefault().getPathMatcher("glob:" + pattern);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(
            "", "not a usable glob: " + Messages.quote(pattern) + " (" + e.getMessage() + ")");
      }
    }

    /**
     * The glob {@code source.files} gives, split into the folder before its first wildcard and the
     * pattern after; a relative local path is resolved against the job file's folder, whose folder
     * must exist now (a URI is only checked where the job runs).
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static DataFiles in(@JacksonInject(JobConfig.JOB_FILE) Path jobFile, String glob) {
      ConfigValues.required("", glob);
      int wildcard = firstWildcard(glob);
      int slash = glob.lastIndexOf('/', wildcard < 0 ? glob.length() - 1 : wildcard);
      String folder = slash < 0 ? "." : glob.substring(0, slash + 1);
      String pattern = glob.substring(slash + 1);
      if (pattern.isEmpty()) {
        throw new ConfigException("", "names a folder, not files: add a pattern, e.g. *.json");
      }
      if (FlinkPaths.isUri(folder)) return new DataFiles(folder, pattern);
      Path dir;
      try {
        dir = jobFile.toAbsolutePath().normalize().resolveSibling(folder).normalize();
      } catch (InvalidPathException e) {
        throw new ConfigException(
            "", "not a usable path: " + Messages.quote(folder) + " (" + e.getReason() + ")");
      }
      if (!Files.isDirectory(dir)) {
        throw new ConfigException("", "no folder " + Messages.path(dir.toString()));
      }
      return new DataFiles(dir.toString(), pattern);
    }

    private static int firstWildcard(String glob) {
      for (int i = 0; i < glob.length(); i++) {
        if (GLOB_CHARS.indexOf(glob.charAt(i)) >= 0) return i;
      }
      return -1;
    }
  }

  /**
   * Files of endpoints (JSON lines, as {@code source.file}) that appear in a folder, each read once
   * as it appears ({@code source.watch}); the job runs until it is stopped.
   *
   * @param dir a Flink file-system path: a URI as written, or an absolute local path
   * @param every how often the folder is listed; at least {@link #MIN_EVERY}
   */
  record Watch(String dir, Duration every) implements SourceConfig {
    public static final Duration DEFAULT_EVERY = Duration.ofSeconds(10);

    /** Listing a folder more often than this costs more than it finds. */
    public static final Duration MIN_EVERY = Duration.ofMillis(100);

    public Watch {
      ConfigValues.required("dir", dir);
      ConfigValues.atLeast("every", every, MIN_EVERY);
    }

    /**
     * The section as the job file gives it; a relative local {@code dir} is resolved against the
     * job file's folder and must be a folder now (a URI is only checked where the job runs).
     */
    @JsonCreator
    static Watch of(
        @JacksonInject(JobConfig.JOB_FILE) Path jobFile,
        @JsonProperty("dir") String dir,
        @JsonProperty("every") String every) {
      if (dir == null) throw new ConfigException("dir", "missing (the folder to watch)");
      ConfigValues.required("dir", dir); // blank: before it is resolved to the job file's folder
      Duration interval = ConfigValues.duration("every", every, DEFAULT_EVERY);
      if (FlinkPaths.isUri(dir)) return new Watch(dir, interval);
      Path folder;
      try {
        folder = jobFile.toAbsolutePath().normalize().resolveSibling(dir).normalize();
      } catch (InvalidPathException e) {
        throw new ConfigException(
            "dir", "not a usable path: " + Messages.quote(dir) + " (" + e.getReason() + ")");
      }
      if (!Files.isDirectory(folder)) {
        throw new ConfigException("dir", "no folder " + Messages.path(folder.toString()));
      }
      return new Watch(folder.toString(), interval);
    }

    /** The folder as a Flink file-system path (see {@link FlinkPaths#of}). */
    public org.apache.flink.core.fs.Path flinkPath() {
      return FlinkPaths.of(dir);
    }
  }
}
