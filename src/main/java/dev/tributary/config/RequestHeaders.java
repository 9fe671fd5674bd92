package dev.tributary.config;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The job file's {@code http.headers}: header name → value, sent with every request; valid once
 * constructed. Its {@link #toString()} shows the names only, since a record prints its components
 * and the configuration is printed where others can read it (logs, Flink's web UI).
 *
 * @param values header name → value, in the order given; {@code ${env:NAME}} already replaced
 */
public record RequestHeaders(Map<String, String> values) implements Serializable {

  /** A header name as RFC 9110 allows it (a token). */
  static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");

  /** {@code ${env:NAME}} in a value, replaced from the environment where the job file is read. */
  private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{env:([^}]*)}");

  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  public RequestHeaders {
    Objects.requireNonNull(values, "values");
    Map<String, String> checked = new LinkedHashMap<>();
    for (Map.Entry<String, String> header : values.entrySet()) {
      String name = header.getKey();
      String key = "headers." + name;
      if (name == null || !HEADER_NAME.matcher(name).matches()) {
        throw new ConfigException(
            "headers",
            "not a header name (letters, digits and !#$%&'*+-.^_`|~ only): "
                + Messages.quote(String.valueOf(name)));
      }
      String value = header.getValue();
      if (value == null) throw new ConfigException(key, "missing a value");
      // The value is never quoted back: it may be a secret.
      if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
        throw new ConfigException(key, "a header value cannot contain a line break (CR or LF)");
      }
      for (String previous : checked.keySet()) {
        if (previous.equalsIgnoreCase(name)) {
          throw new ConfigException(key, "given twice (header names ignore case): " + previous);
        }
      }
      checked.put(name, value);
    }
    values = Collections.unmodifiableMap(checked);
  }

  public static RequestHeaders none() {
    return new RequestHeaders(Map.of());
  }

  /**
   * The headers as the job file gives them, each {@code ${env:NAME}} replaced by the variable's
   * value from {@code environment}.
   *
   * @throws ConfigException naming the header and the variable when the variable is not set
   */
  static RequestHeaders of(Map<String, String> given, UnaryOperator<String> environment) {
    if (given == null) return none();
    Map<String, String> resolved = new LinkedHashMap<>();
    for (Map.Entry<String, String> header : given.entrySet()) {
      String value = header.getValue();
      resolved.put(
          header.getKey(),
          value == null ? null : substitute("headers." + header.getKey(), value, environment));
    }
    return new RequestHeaders(resolved);
  }

  private static String substitute(String key, String value, UnaryOperator<String> environment) {
    Matcher m = ENV_REFERENCE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String variable = m.group(1);
      if (!ENV_NAME.matcher(variable).matches()) {
        throw new ConfigException(
            key, "not an environment variable name in ${env:...}: " + Messages.quote(variable));
      }
      String set = environment.apply(variable);
      if (set == null) {
        throw new ConfigException(key, "environment variable " + variable + " is not set");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(set));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Whether any header is given. */
  public boolean any() {
    return !values.isEmpty();
  }

  /** Whether a header of this name is given (names ignore case). */
  public boolean has(String name) {
    return values.keySet().stream().anyMatch(n -> n.equalsIgnoreCase(name));
  }

  /** The names with {@code ***} for every value. */
  @Override
  public String toString() {
    return values.keySet().stream()
        .map(name -> name + "=***")
        .collect(Collectors.joining(", ", "{", "}"));
  }
}
