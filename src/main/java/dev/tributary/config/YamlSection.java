package dev.tributary.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One mapping of the parsed job file, read key by key with the job file's own error messages. A key
 * that is absent or empty ({@code key:} or {@code key: ~}) reads as not given.
 */
final class YamlSection {
  /** Longest bad value quoted back in a message. */
  private static final int MAX_QUOTED = 60;

  /**
   * Where problems are reported.
   *
   * @param jobFile the job file as given
   * @param fromOverrides key paths whose values came from {@code --set} rather than the file
   */
  record Origin(String jobFile, Set<String> fromOverrides) {
    JobFileException problem(String keyPath, String problem) {
      return new JobFileException(jobFile, label(keyPath), problem);
    }

    private String label(String keyPath) {
      for (String set : fromOverrides) {
        if (keyPath.equals(set) || keyPath.startsWith(set + ".") || keyPath.startsWith(set + "[")) {
          return keyPath + " (from --set)";
        }
      }
      return keyPath;
    }
  }

  private final ObjectNode node;
  private final String path;
  private final Origin origin;

  private YamlSection(ObjectNode node, String path, Origin origin) {
    this.node = node;
    this.path = path;
    this.origin = origin;
  }

  static YamlSection root(ObjectNode node, Origin origin) {
    return new YamlSection(node, "", origin);
  }

  /** Fails on the first key that is not one of {@code known}, suggesting the nearest known one. */
  void allowOnly(String... known) throws JobFileException {
    Iterator<String> keys = node.fieldNames();
    while (keys.hasNext()) {
      String key = keys.next();
      if (!Arrays.asList(known).contains(key)) {
        String problem =
            nearest(key, known)
                .map(k -> "unknown key (did you mean '" + pathOf(k) + "'?)")
                .orElse("unknown key (known keys here: " + String.join(", ", known) + ")");
        throw problem(key, problem);
      }
    }
  }

  /** Whether the key is written in this mapping, even with an empty value. */
  boolean has(String key) {
    return node.has(key);
  }

  /** A nested mapping; empty when not given. */
  YamlSection section(String key) throws JobFileException {
    JsonNode value = node.get(key);
    if (isAbsent(value)) return new YamlSection(node.objectNode(), pathOf(key), origin);
    if (!value.isObject()) throw expected(key, "a mapping", value);
    return new YamlSection((ObjectNode) value, pathOf(key), origin);
  }

  /** A list of mappings, each read as a section named {@code key[i]}; empty when not given. */
  List<YamlSection> sections(String key) throws JobFileException {
    JsonNode value = node.get(key);
    List<YamlSection> items = new ArrayList<>();
    if (isAbsent(value)) return items;
    if (!value.isArray()) throw expected(key, "a list", value);
    for (int i = 0; i < value.size(); i++) {
      String itemKey = key + "[" + i + "]";
      JsonNode item = value.get(i);
      if (item == null || !item.isObject()) throw expected(itemKey, "a mapping", item);
      items.add(new YamlSection((ObjectNode) item, pathOf(itemKey), origin));
    }
    return items;
  }

  /** A string; any other scalar reads as its text (a number as its digits). */
  Optional<String> string(String key) throws JobFileException {
    JsonNode value = node.get(key);
    if (isAbsent(value)) return Optional.empty();
    if (!value.isValueNode()) throw expected(key, "a string", value);
    return Optional.of(value.asText());
  }

  /** A string that is not blank. */
  Optional<String> nonEmptyString(String key) throws JobFileException {
    Optional<String> text = string(key);
    if (text.isPresent() && text.get().isBlank()) throw problem(key, "must not be empty");
    return text;
  }

  /** A YAML integer that fits an int; 1.5 and "3" are refused. */
  Optional<Integer> integer(String key) throws JobFileException {
    Optional<Long> value = longInteger(key);
    if (value.isPresent() && (value.get() < Integer.MIN_VALUE || value.get() > Integer.MAX_VALUE)) {
      throw problem(key, "out of range, got " + value.get());
    }
    return value.map(Long::intValue);
  }

  /** A YAML integer that fits a long; 1.5 and "3" are refused. */
  Optional<Long> longInteger(String key) throws JobFileException {
    JsonNode value = node.get(key);
    if (isAbsent(value)) return Optional.empty();
    if (!value.isIntegralNumber()) throw expected(key, "an integer", value);
    if (!value.canConvertToLong()) throw problem(key, "out of range, got " + describe(value));
    return Optional.of(value.longValue());
  }

  /** A finite YAML number, integer or not; one too large for a double (1e400) is refused. */
  Optional<Double> number(String key) throws JobFileException {
    JsonNode value = node.get(key);
    if (isAbsent(value)) return Optional.empty();
    if (!value.isNumber()) throw expected(key, "a number", value);
    double number = value.doubleValue();
    if (!Double.isFinite(number)) {
      // A float's text is gone by now (1e400 reads as Infinity); a big integer keeps its digits.
      String got = value.isIntegralNumber() ? describe(value) : String.valueOf(number);
      throw problem(key, "out of range, got " + got);
    }
    return Optional.of(number);
  }

  /** A duration such as {@code 250ms} or {@code 10s}, read by {@link Durations#parse}. */
  Optional<Duration> duration(String key) throws JobFileException {
    Optional<String> text = string(key);
    if (text.isEmpty()) return Optional.empty();
    try {
      return Optional.of(Durations.parse(text.get()));
    } catch (IllegalArgumentException e) {
      throw problem(key, e.getMessage());
    }
  }

  /** A size in bytes such as {@code 16MiB}, read by {@link DataSizes#parse}. */
  Optional<Long> size(String key) throws JobFileException {
    Optional<String> text = string(key);
    if (text.isEmpty()) return Optional.empty();
    try {
      return Optional.of(DataSizes.parse(text.get()));
    } catch (IllegalArgumentException e) {
      throw problem(key, e.getMessage());
    }
  }

  /** A problem with the value of {@code key} in this mapping. */
  JobFileException problem(String key, String problem) {
    return origin.problem(pathOf(key), problem);
  }

  /** The full key path of {@code key} in this mapping, e.g. {@code http.retry.backoff}. */
  String pathOf(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private JobFileException expected(String key, String what, JsonNode got) {
    return problem(key, "expected " + what + ", got " + describe(got));
  }

  private static boolean isAbsent(JsonNode value) {
    return value == null || value.isNull() || value.isMissingNode();
  }

  /** A value as a message shows it: strings quoted, containers by kind. */
  static String describe(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) return "nothing";
    if (value.isObject()) return "a mapping";
    if (value.isArray()) return "a list";
    String text = value.toString(); // JSON form: strings quoted, newlines escaped
    return text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED) + "...";
  }

  /** The known key nearest to a misspelt one, if it is close enough to be what was meant. */
  static Optional<String> nearest(String key, String... known) {
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
    return bestDistance <= bound ? Optional.of(best) : Optional.empty();
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
