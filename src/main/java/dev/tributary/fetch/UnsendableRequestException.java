package dev.tributary.fetch;

/** A request the HTTP client refused to build from its URL, so it was never sent. */
final class UnsendableRequestException extends Exception {
  private static final long serialVersionUID = 1L;

  UnsendableRequestException(RuntimeException cause) {
    super(cause.getMessage(), cause);
  }
}
