package dev.tributary.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonPointer;
import java.io.Serializable;
import java.util.Objects;

/**
 * The job file's {@code response:} section; valid once constructed.
 *
 * @param recordsPointer JSON pointer to the array of records in a response body; "" when the body
 *     is the array itself
 */
public record ResponseConfig(String recordsPointer) implements Serializable {

  public static final String DEFAULT_RECORDS_POINTER = "";

  public ResponseConfig {
    Objects.requireNonNull(recordsPointer, "recordsPointer");
    if (!compiles(recordsPointer)) {
      throw new ConfigException(
          "records",
          "bad JSON pointer "
              + Messages.quote(recordsPointer)
              + " (write \"\" when the body is the array itself, or a path like /data/items)");
    }
  }

  /** The section as the job file gives it; a key not given takes its default. */
  @JsonCreator
  static ResponseConfig of(@JsonProperty("records") String records) {
    return new ResponseConfig(records == null ? DEFAULT_RECORDS_POINTER : records);
  }

  public static ResponseConfig defaults() {
    return new ResponseConfig(DEFAULT_RECORDS_POINTER);
  }

  private static boolean compiles(String pointer) {
    try {
      JsonPointer.compile(pointer);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
