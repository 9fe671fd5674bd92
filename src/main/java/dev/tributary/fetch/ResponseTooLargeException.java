package dev.tributary.fetch;

import java.io.IOException;

/** A response body that passed {@code http.maxResponseBytes}; it was cut off as it arrived. */
final class ResponseTooLargeException extends IOException {
  private static final long serialVersionUID = 1L;

  private final long limitBytes;

  ResponseTooLargeException(long limitBytes) {
    super("response body larger than " + limitBytes + " bytes");
    this.limitBytes = limitBytes;
  }

  long limitBytes() {
    return limitBytes;
  }
}
