package dev.tributary.config;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tributary.model.Endpoint;
import java.io.Serializable;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The job file's {@code source:} section: where the endpoints to fetch come from (exactly one
 * kind); each kind is valid once constructed. {@link SourceConfigDeserializer} picks the kind.
 */
public sealed interface SourceConfig extends Serializable
    permits SourceConfig.Inline, SourceConfig.File, SourceConfig.Range {

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
}
