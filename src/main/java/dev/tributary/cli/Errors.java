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

  /** Whether the error or one of its causes is a {@code type}; bounded, as causes can cycle. */
  static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
    int depth = 0;
    for (Throwable t = error; t != null && depth++ < 32; t = t.getCause()) {
      if (type.isInstance(t)) return true;
    }
    return false;
  }
}
