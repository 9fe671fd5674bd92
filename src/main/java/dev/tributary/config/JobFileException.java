package dev.tributary.config;

/**
 * A job file that cannot be used. The message is one line, {@code <job file>: <key.path>:
 * <problem>}, ready to show the user as it is.
 */
public class JobFileException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * @param jobFile the job file as the user gave it
   * @param key the key the problem is about, e.g. {@code http.retry.backoff}; null when it is about
   *     the file as a whole
   * @param problem what is wrong, e.g. {@code must be at least 1, got 0}
   */
  public JobFileException(String jobFile, String key, String problem) {
    super(oneLine(jobFile + ": " + (key == null ? "" : key + ": ") + problem));
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
