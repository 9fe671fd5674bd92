package dev.tributary.config;

/**
 * A configuration value that cannot be used, thrown by the constructor of the section it belongs
 * to. The job-file reader adds the section's path and the file's name.
 */
public final class ConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String key;
  private final String problem;

  /**
   * @param key the key within its section, e.g. {@code concurrency} or {@code [2].url}; empty when
   *     the problem is with the section (or value) as a whole
   * @param problem what is wrong, e.g. {@code must be at least 1, got 0}
   */
  public ConfigException(String key, String problem) {
    super(key.isEmpty() ? problem : key + ": " + problem);
    this.key = key;
    this.problem = problem;
  }

  public String key() {
    return key;
  }

  public String problem() {
    return problem;
  }
}
