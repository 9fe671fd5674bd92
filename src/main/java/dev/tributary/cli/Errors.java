package dev.tributary.cli;

/** One-line descriptions of errors for people, not stack traces. */
final class Errors {
  private Errors() {}

  /** The innermost cause's message, which is usually the one that says what happened. */
  static String describe(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    String message = root.getMessage();
    String text = message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }
}
