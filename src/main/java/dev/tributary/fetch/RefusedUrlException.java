package dev.tributary.fetch;

import java.io.Serial;

/**
 * A redirect the client would not follow: to a host outside {@code http.allowHosts}, to a URL that
 * cannot be requested, or one too many. Its message is the dead letter's reason.
 */
final class RefusedUrlException extends Exception {
  @Serial private static final long serialVersionUID = 1L;

  private final boolean tooManyRedirects;

  private RefusedUrlException(String reason, boolean tooManyRedirects) {
    super(reason, null, false, false);
    this.tooManyRedirects = tooManyRedirects;
  }

  static RefusedUrlException outOfScope(String reason) {
    return new RefusedUrlException(reason, false);
  }

  static RefusedUrlException tooManyRedirects(int limit) {
    return new RefusedUrlException("too many redirects (more than " + limit + ")", true);
  }

  boolean isTooManyRedirects() {
    return tooManyRedirects;
  }
}
