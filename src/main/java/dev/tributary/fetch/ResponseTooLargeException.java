package dev.tributary.fetch;

import java.io.IOException;

/** A response body that passed {@code http.maxResponseBytes}; it was cut off as it arrived. */
final class ResponseTooLargeException extends IOException {
  private static final long serialVersionUID = 1L;

  private final int status;

  /**
   * @param status the status of the response whose body was cut off
   */
  ResponseTooLargeException(long limitBytes, int status) {
    super("response body larger than " + limitBytes + " bytes");
    this.status = status;
  }

  int status() {
    return status;
  }
}
