package dev.tributary.fetch;

import java.util.ArrayList;
import java.util.List;

/** Walks an exception's causes, outermost first; bounded, as causes can form a cycle. */
final class Causes {
  private static final int MAX_DEPTH = 32;

  private Causes() {}

  static List<Throwable> of(Throwable error) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = error; t != null && chain.size() < MAX_DEPTH; t = t.getCause()) {
      chain.add(t);
      if (t.getCause() == t) break;
    }
    return chain;
  }
}
