package dev.tributary.config;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Says what went wrong binding a job file's tree onto the configuration records, in the job file's
 * words: the key path (from Jackson's path, joined with a {@link ConfigException}'s key) and the
 * problem. Jackson's own wording is never shown; values are quoted from the tree.
 */
final class BindingErrors {

  /**
   * A problem with one key.
   *
   * @param keyPath the key path as written, e.g. {@code source.endpoints[1].url}, for matching
   * @param shown the key path as a message shows it, each key cut to a readable length
   * @param problem what is wrong
   */
  record Problem(String keyPath, String shown, String problem) {}

  /** A key longer than this is not a misspelling of a known one (and distances cost its square). */
  private static final int MAX_SUGGESTED_FROM = 64;

  private final JsonNode root;
  private final DeserializationConfig config;

  /**
   * @param root the tree that was bound, to quote the bad values from
   * @param config the binding's configuration, to list a section's keys in their order
   */
  BindingErrors(JsonNode root, DeserializationConfig config) {
    this.root = root;
    this.config = config;
  }

  Problem explain(JsonMappingException e) {
    List<JsonMappingException.Reference> path = new ArrayList<>();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null || ref.getIndex() >= 0) path.add(ref);
    }
    Optional<ConfigException> invalid = cause(e, ConfigException.class);
    if (invalid.isPresent()) {
      return at(path, invalid.get().key(), invalid.get().problem());
    }
    if (e instanceof UnrecognizedPropertyException unknown && !path.isEmpty()) {
      return unknownKey(path, unknown);
    }
    JsonNode value = root.at(pointer(path));
    Optional<Class<?>> target = targetType(e);
    if (target.isPresent()) {
      String expected = expected(target.get());
      boolean integer = expected.equals("an integer");
      String problem =
          integer && value.isIntegralNumber()
              ? "out of range, got " + Messages.describe(value)
              : "expected " + expected + ", got " + Messages.describe(value);
      return at(path, "", problem);
    }
    Optional<IllegalArgumentException> refused = cause(e, IllegalArgumentException.class);
    if (refused.isPresent() && refused.get().getMessage() != null) {
      return at(path, "", Messages.cut(refused.get().getMessage()));
    }
    // Anything else is a mistake in the records' bindings, not in the job file.
    throw new IllegalStateException("cannot explain a binding error", e);
  }

  /** An unknown key (the last of the path), with the known key it is nearest to. */
  private Problem unknownKey(
      List<JsonMappingException.Reference> path, UnrecognizedPropertyException e) {
    List<String> known = inOrder(e.getReferringClass(), e.getKnownPropertyIds());
    String section = at(path.subList(0, path.size() - 1), "", "").shown();
    String prefix = section.isEmpty() ? "" : section + ".";
    String problem =
        nearest(e.getPropertyName(), known)
            .map(k -> "unknown key (did you mean '" + prefix + k + "'?)")
            .orElse("unknown key (known keys here: " + String.join(", ", known) + ")");
    return at(path, "", problem);
  }

  /** The known keys in the order of the section's factory, which is the order documented. */
  private List<String> inOrder(Class<?> section, Collection<Object> known) {
    List<String> ordered = new ArrayList<>();
    if (section != null) {
      for (BeanPropertyDefinition p :
          config.introspect(config.constructType(section)).findProperties()) {
        if (known.contains(p.getName())) ordered.add(p.getName());
      }
    }
    for (Object k : known) {
      if (!ordered.contains(String.valueOf(k))) ordered.add(String.valueOf(k));
    }
    return ordered;
  }

  private static Problem at(List<JsonMappingException.Reference> path, String key, String problem) {
    StringBuilder written = new StringBuilder();
    StringBuilder shown = new StringBuilder();
    for (JsonMappingException.Reference ref : path) {
      if (ref.getFieldName() != null) {
        String sep = written.length() == 0 ? "" : ".";
        written.append(sep).append(ref.getFieldName());
        shown.append(sep).append(Messages.key(ref.getFieldName()));
      } else {
        written.append('[').append(ref.getIndex()).append(']');
        shown.append('[').append(ref.getIndex()).append(']');
      }
    }
    if (!key.isEmpty()) {
      String sep = written.length() == 0 || key.startsWith("[") ? "" : ".";
      written.append(sep).append(key);
      shown.append(sep).append(key);
    }
    return new Problem(written.toString(), shown.toString(), problem);
  }

  private static JsonPointer pointer(List<JsonMappingException.Reference> path) {
    JsonPointer pointer = JsonPointer.empty();
    for (JsonMappingException.Reference ref : path) {
      pointer =
          ref.getFieldName() != null
              ? pointer.appendProperty(ref.getFieldName())
              : pointer.appendIndex(ref.getIndex());
    }
    return pointer;
  }

  private static Optional<Class<?>> targetType(JsonMappingException e) {
    if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      return Optional.of(m.getTargetType());
    }
    return cause(e, InputCoercionException.class).map(InputCoercionException::getTargetType);
  }

  /** What a value of this type is called in a message. */
  private static String expected(Class<?> type) {
    if (type == int.class
        || type == long.class
        || type == Integer.class
        || type == Long.class
        || type == BigInteger.class) {
      return "an integer";
    }
    if (type == double.class || type == Double.class || Number.class.isAssignableFrom(type)) {
      return "a number";
    }
    if (CharSequence.class.isAssignableFrom(type)) return "a string";
    if (type == boolean.class || type == Boolean.class) return "true or false";
    if (Collection.class.isAssignableFrom(type) || type.isArray()) return "a list";
    if (Map.class.isAssignableFrom(type)) return "a mapping";
    return "a mapping"; // a section
  }

  private static <T extends Throwable> Optional<T> cause(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) return Optional.of(type.cast(t));
    }
    return Optional.empty();
  }

  /** The known key nearest to a misspelt one, if it is close enough to be what was meant. */
  static Optional<String> nearest(String key, List<String> known) {
    if (key.length() > MAX_SUGGESTED_FROM) return Optional.empty();
    String lower = key.toLowerCase(Locale.ROOT);
    int bound = Math.max(2, key.length() / 3);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int d = levenshtein(lower, candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return bestDistance <= bound ? Optional.ofNullable(best) : Optional.empty();
  }

  static int levenshtein(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) previous[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
