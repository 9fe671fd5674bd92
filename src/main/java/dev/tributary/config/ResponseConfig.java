package dev.tributary.config;

import java.io.Serializable;

/**
 * The job file's {@code response:} section.
 *
 * @param recordsPointer JSON pointer to the array of records in a response body; "" when the body
 *     is the array itself
 */
public record ResponseConfig(String recordsPointer) implements Serializable {

  public static final String DEFAULT_RECORDS_POINTER = "";

  public static ResponseConfig defaults() {
    return new ResponseConfig(DEFAULT_RECORDS_POINTER);
  }
}
