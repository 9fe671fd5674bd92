package dev.tributary.config;

import dev.tributary.model.Endpoint;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The job file's {@code source:} section: where the endpoints to fetch come from (exactly one
 * kind).
 */
public sealed interface SourceConfig extends Serializable
    permits SourceConfig.Inline, SourceConfig.File, SourceConfig.Range {

  /** Endpoints listed in the job file itself ({@code source.endpoints}). */
  record Inline(List<Endpoint> endpoints) implements SourceConfig {
    public Inline {
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
    public Path file() {
      return Path.of(path);
    }
  }

  /**
   * {@code count} generated endpoints, numbered 0 to count - 1 ({@code source.range}); every
   * {@value #INDEX} in the templates is replaced by the number.
   */
  record Range(long count, String nameTemplate, String urlTemplate) implements SourceConfig {
    public static final String INDEX = "{i}";
    public static final String DEFAULT_NAME_TEMPLATE = "ep{i}";

    /** The {@code i}-th endpoint, 0 &lt;= i &lt; count. */
    public Endpoint endpoint(long i) {
      Objects.checkIndex(i, count);
      String number = Long.toString(i);
      return new Endpoint(nameTemplate.replace(INDEX, number), urlTemplate.replace(INDEX, number));
    }
  }
}
