package dev.tributary.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.tributary.demo.DemoApiOptions;
import dev.tributary.demo.FaultRates;
import dev.tributary.model.Endpoint;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a job file (YAML) and its {@code --set} overrides into a {@link JobConfig}: the one place
 * where the job file's keys, defaults and checks live.
 */
public final class JobFiles {
  private static final YAMLMapper YAML =
      YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private static final String NOT_A_MAPPING =
      "the job file must be a YAML mapping of keys (name, source, http, ...)";
  private static final String SOURCE_KINDS = "endpoints, file, range";
  private static final Pattern MALFORMED_NUMBER = Pattern.compile("Malformed numeric value '(.*)'");
  private static final Pattern NON_FINITE =
      Pattern.compile("[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)");

  private JobFiles() {}

  /**
   * Reads and checks a job file.
   *
   * @param jobFile the job file; relative paths in it ({@code source.file}) are resolved against
   *     its folder
   * @param overrides {@code key.path=value} settings from {@code --set}, applied to the file before
   *     it is checked; a value is read as YAML ({@code 10} is an integer, {@code 2s} a string, an
   *     empty value the empty string), and text that is not valid YAML is taken as a string
   * @throws JobFileException with a one-line message naming the key, when the file cannot be read
   *     or a value is wrong
   */
  public static JobConfig load(Path jobFile, List<String> overrides) throws JobFileException {
    String given = jobFile.toString();
    ObjectNode root = readTree(jobFile, given);
    Set<String> fromOverrides = new HashSet<>();
    for (String override : overrides) {
      applyOverride(root, override, given, fromOverrides);
    }
    YamlSection.Origin origin = new YamlSection.Origin(given, Set.copyOf(fromOverrides));
    return jobConfig(YamlSection.root(root, origin), jobFile);
  }

  private static JobConfig jobConfig(YamlSection root, Path jobFile) throws JobFileException {
    root.allowOnly("name", "source", "http", "response", "transform", "output", "demo");
    String name = root.nonEmptyString("name").orElse(baseName(jobFile));
    SourceConfig source = source(root, jobFile);
    HttpConfig http = http(root.section("http"));
    ResponseConfig response = response(root.section("response"));
    TransformConfig transform = transform(root.section("transform"));
    OutputConfig output = output(root.section("output"), name);
    Optional<DemoApiOptions> demo =
        root.has("demo") ? Optional.of(demo(root.section("demo"))) : Optional.empty();
    return new JobConfig(name, source, http, response, transform, output, demo, jobFile);
  }

  private static SourceConfig source(YamlSection root, Path jobFile) throws JobFileException {
    YamlSection source = root.section("source");
    source.allowOnly("endpoints", "file", "range");
    List<String> given = new ArrayList<>();
    for (String kind : List.of("endpoints", "file", "range")) {
      if (source.has(kind)) given.add(kind);
    }
    if (given.isEmpty()) {
      throw root.problem("source", "missing (give exactly one of " + SOURCE_KINDS + ")");
    }
    if (given.size() > 1) {
      throw root.problem(
          "source", "give exactly one of " + SOURCE_KINDS + " (found " + andList(given) + ")");
    }
    return switch (given.get(0)) {
      case "endpoints" -> inline(source);
      case "file" -> file(source, jobFile);
      default -> range(source.section("range"));
    };
  }

  private static SourceConfig.Inline inline(YamlSection source) throws JobFileException {
    List<YamlSection> items = source.sections("endpoints");
    if (items.isEmpty()) throw source.problem("endpoints", "must list at least one endpoint");
    List<Endpoint> endpoints = new ArrayList<>();
    // Names tag every record, so two endpoints with one name would mix their data.
    Map<String, String> keyOfName = new HashMap<>();
    for (YamlSection item : items) {
      item.allowOnly("name", "url");
      String name = item.nonEmptyString("name").orElseThrow(() -> item.problem("name", "missing"));
      String url = item.nonEmptyString("url").orElseThrow(() -> item.problem("url", "missing"));
      String earlier = keyOfName.putIfAbsent(name, item.pathOf("name"));
      if (earlier != null) {
        throw item.problem("name", "\"" + name + "\" is already the name of " + earlier);
      }
      endpoints.add(new Endpoint(name, url));
    }
    return new SourceConfig.Inline(endpoints);
  }

  private static SourceConfig.File file(YamlSection source, Path jobFile) throws JobFileException {
    String file =
        source.nonEmptyString("file").orElseThrow(() -> source.problem("file", "missing"));
    Path path;
    try {
      path = folderOf(jobFile).resolve(file).normalize();
    } catch (InvalidPathException e) {
      throw source.problem(
          "file",
          "not a usable path: "
              + YamlSection.describe(TextNode.valueOf(file))
              + " ("
              + e.getReason()
              + ")");
    }
    Optional<String> unreadable = unreadable(path);
    if (unreadable.isPresent()) {
      throw source.problem("file", "cannot read " + path + " (" + unreadable.get() + ")");
    }
    return new SourceConfig.File(path.toString());
  }

  private static SourceConfig.Range range(YamlSection range) throws JobFileException {
    range.allowOnly("count", "name", "url");
    long count = range.longInteger("count").orElseThrow(() -> range.problem("count", "missing"));
    if (count < 1) throw range.problem("count", "must be at least 1, got " + count);
    String name = range.nonEmptyString("name").orElse(SourceConfig.Range.DEFAULT_NAME_TEMPLATE);
    if (!name.contains(SourceConfig.Range.INDEX)) {
      throw range.problem(
          "name",
          "must contain "
              + SourceConfig.Range.INDEX
              + " (else every endpoint gets the same name), got \""
              + name
              + "\"");
    }
    String url = range.nonEmptyString("url").orElseThrow(() -> range.problem("url", "missing"));
    return new SourceConfig.Range(count, name, url);
  }

  private static HttpConfig http(YamlSection http) throws JobFileException {
    http.allowOnly("concurrency", "timeout", "maxResponseBytes", "retry");
    int concurrency = http.integer("concurrency").orElse(HttpConfig.DEFAULT_CONCURRENCY);
    Duration timeout = http.duration("timeout").orElse(HttpConfig.DEFAULT_TIMEOUT);
    long maxResponseBytes =
        http.size("maxResponseBytes").orElse(HttpConfig.DEFAULT_MAX_RESPONSE_BYTES);
    RetryConfig retry = retry(http.section("retry"));
    try {
      return new HttpConfig(concurrency, timeout, maxResponseBytes, retry);
    } catch (ConfigException e) {
      throw http.problem(e.key(), e.problem());
    }
  }

  private static RetryConfig retry(YamlSection retry) throws JobFileException {
    retry.allowOnly("maxAttempts", "backoff", "maxBackoff");
    int maxAttempts = retry.integer("maxAttempts").orElse(RetryConfig.DEFAULT_MAX_ATTEMPTS);
    if (maxAttempts < 1 || maxAttempts > RetryConfig.MAX_MAX_ATTEMPTS) {
      throw retry.problem(
          "maxAttempts",
          "must be between 1 and " + RetryConfig.MAX_MAX_ATTEMPTS + ", got " + maxAttempts);
    }
    Duration backoff = retry.duration("backoff").orElse(RetryConfig.DEFAULT_BACKOFF);
    Optional<Duration> maxBackoff = retry.duration("maxBackoff");
    if (maxBackoff.isPresent() && maxBackoff.get().compareTo(backoff) < 0) {
      throw retry.problem(
          "maxBackoff",
          "must be at least backoff ("
              + Durations.format(backoff)
              + "), got "
              + Durations.format(maxBackoff.get()));
    }
    Duration cap =
        maxBackoff.orElse(
            backoff.compareTo(RetryConfig.DEFAULT_MAX_BACKOFF) > 0
                ? backoff
                : RetryConfig.DEFAULT_MAX_BACKOFF);
    return new RetryConfig(maxAttempts, backoff, cap);
  }

  private static ResponseConfig response(YamlSection response) throws JobFileException {
    response.allowOnly("records");
    String pointer = response.string("records").orElse(ResponseConfig.DEFAULT_RECORDS_POINTER);
    if (!pointer.isEmpty() && !compiles(pointer)) {
      throw response.problem(
          "records",
          "bad JSON pointer \""
              + pointer
              + "\" (write \"\" when the body is the array itself, or a path like /data/items)");
    }
    return new ResponseConfig(pointer);
  }

  private static boolean compiles(String pointer) {
    try {
      JsonPointer.compile(pointer);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static TransformConfig transform(YamlSection transform) throws JobFileException {
    transform.allowOnly("date", "amount");
    return new TransformConfig(
        transform.nonEmptyString("date").orElse(TransformConfig.DEFAULT_DATE_FIELD),
        transform.nonEmptyString("amount").orElse(TransformConfig.DEFAULT_AMOUNT_FIELD));
  }

  private static OutputConfig output(YamlSection output, String jobName) throws JobFileException {
    output.allowOnly("path");
    return output
        .nonEmptyString("path")
        .map(OutputConfig::new)
        .orElse(OutputConfig.defaultFor(jobName));
  }

  private static DemoApiOptions demo(YamlSection demo) throws JobFileException {
    demo.allowOnly("port", "latency", "seed", "faults", "hangLimit");
    int port = demo.integer("port").orElse(DemoApiOptions.DEFAULT_PORT);
    if (port < 0 || port > 65535) {
      throw demo.problem("port", "must be between 0 and 65535, got " + port);
    }
    Durations.Range latency = latency(demo);
    long seed = demo.longInteger("seed").orElse(DemoApiOptions.DEFAULT_SEED);
    FaultRates faults = faults(demo);
    Duration hangLimit = demo.duration("hangLimit").orElse(DemoApiOptions.DEFAULT_HANG_LIMIT);
    if (hangLimit.isZero()) {
      throw demo.problem("hangLimit", "must be more than 0, got " + Durations.format(hangLimit));
    }
    return new DemoApiOptions(port, latency.low(), latency.high(), seed, faults, hangLimit, false);
  }

  /** {@code LOW..HIGH}, or one duration for both. */
  private static Durations.Range latency(YamlSection demo) throws JobFileException {
    Optional<String> text = demo.string("latency");
    if (text.isEmpty()) {
      return new Durations.Range(
          DemoApiOptions.DEFAULT_LATENCY_MIN, DemoApiOptions.DEFAULT_LATENCY_MAX);
    }
    try {
      return Durations.parseRange(text.get());
    } catch (IllegalArgumentException e) {
      throw demo.problem("latency", e.getMessage());
    }
  }

  private static FaultRates faults(YamlSection demo) throws JobFileException {
    YamlSection faults = demo.section("faults");
    String[] kinds = {"throttle", "error", "hang", "notFound", "malformed"};
    faults.allowOnly(kinds);
    double[] rates = new double[kinds.length];
    for (int i = 0; i < kinds.length; i++) {
      rates[i] = faults.number(kinds[i]).orElse(0.0);
      // Checked here too, rather than only in FaultRates, so the message names the exact key.
      if (!(rates[i] >= 0 && rates[i] <= 1)) {
        throw faults.problem(kinds[i], "must be between 0 and 1, got " + rates[i]);
      }
    }
    try {
      return new FaultRates(rates[0], rates[1], rates[2], rates[3], rates[4]);
    } catch (IllegalArgumentException e) {
      throw demo.problem("faults", e.getMessage());
    }
  }

  // ---- reading the file and applying overrides ----

  private static ObjectNode readTree(Path jobFile, String given) throws JobFileException {
    Optional<String> unreadable = unreadable(jobFile);
    if (unreadable.isPresent()) {
      throw new JobFileException(
          given, null, "cannot read the job file (" + unreadable.get() + ")");
    }
    String text;
    try {
      text = Files.readString(jobFile);
    } catch (MalformedInputException e) {
      throw new JobFileException(given, null, "cannot read the job file (not UTF-8 text)");
    } catch (IOException e) {
      throw new JobFileException(given, null, "cannot read the job file (" + e.getMessage() + ")");
    }
    JsonNode tree;
    try {
      tree = YAML.readTree(text);
    } catch (JacksonException | RuntimeException e) {
      throw nonFiniteNumber(e, given)
          .orElseGet(() -> new JobFileException(given, null, invalidYaml(e)));
    }
    if (!(tree instanceof ObjectNode root)) throw new JobFileException(given, null, NOT_A_MAPPING);
    return root;
  }

  /** The parser's complaint, with the place it points at, in one line. */
  private static String invalidYaml(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
        Mark mark = marked.getProblemMark();
        String context = marked.getContext() == null ? "" : " (" + marked.getContext() + ")";
        return invalidYamlAt(mark.getLine() + 1, mark.getColumn() + 1)
            + firstLine(marked.getProblem())
            + context;
      }
    }
    if (e instanceof JacksonException jackson) {
      String reason = firstLine(jackson.getOriginalMessage());
      // Jackson's word for a mapping key is "field".
      reason = reason.replaceFirst("^Duplicate field ", "duplicate key ");
      JsonLocation at = jackson.getLocation();
      return at == null
          ? invalidYamlAt(0, 0) + reason
          : invalidYamlAt(at.getLineNr(), at.getColumnNr()) + reason;
    }
    return invalidYamlAt(0, 0) + firstLine(e.getMessage());
  }

  /**
   * YAML's {@code .nan} and {@code .inf} are valid YAML that Jackson cannot read as numbers; no key
   * takes them, so they get a message naming the key rather than "invalid YAML" (numbers too large
   * for a double, such as {@code 1e400}, read as infinity and are refused by {@link
   * YamlSection#number}).
   */
  private static Optional<JobFileException> nonFiniteNumber(Exception e, String given) {
    if (!(e instanceof JacksonException jackson)
        || !(jackson.getProcessor() instanceof JsonParser parser)) {
      return Optional.empty();
    }
    Matcher m = MALFORMED_NUMBER.matcher(firstLine(jackson.getOriginalMessage()));
    if (!m.matches() || !NON_FINITE.matcher(m.group(1)).matches()) return Optional.empty();
    String value = m.group(1);
    String meaning = value.toLowerCase(Locale.ROOT).endsWith("nan") ? "not-a-number" : "infinity";
    String key = keyPath(parser.getParsingContext());
    return Optional.of(
        new JobFileException(
            given,
            key.isEmpty() ? null : key,
            value
                + " is YAML's "
                + meaning
                + ", which no key takes (quote it if it is meant as text)"));
  }

  /** The parser's position as a key path, e.g. {@code demo.faults.error} or {@code a[0]}. */
  private static String keyPath(JsonStreamContext context) {
    List<String> parts = new ArrayList<>(); // leaf first
    for (JsonStreamContext c = context; c != null; c = c.getParent()) {
      if (c.inArray()) {
        parts.add("[" + c.getCurrentIndex() + "]");
      } else if (c.inObject() && c.getCurrentName() != null) {
        parts.add(c.getCurrentName());
      }
    }
    StringBuilder path = new StringBuilder();
    for (int i = parts.size() - 1; i >= 0; i--) {
      String part = parts.get(i);
      if (path.length() > 0 && !part.startsWith("[")) path.append('.');
      path.append(part);
    }
    return path.toString();
  }

  /** The start of the message, with the place when it is known (line numbers start at 1). */
  private static String invalidYamlAt(int line, int column) {
    return line > 0
        ? "invalid YAML at line " + line + ", column " + column + ": "
        : "invalid YAML: ";
  }

  private static void applyOverride(
      ObjectNode root, String override, String given, Set<String> fromOverrides)
      throws JobFileException {
    int equals = override.indexOf('=');
    String key = equals < 0 ? "" : override.substring(0, equals).strip();
    String[] keys = key.split("\\.", -1);
    for (String k : keys) {
      if (k.isBlank()) {
        throw new JobFileException(
            given, "--set " + override, "expected key.path=value, e.g. --set http.concurrency=10");
      }
    }
    ObjectNode parent = root;
    String path = "";
    for (int i = 0; i < keys.length - 1; i++) {
      path = path.isEmpty() ? keys[i] : path + "." + keys[i];
      JsonNode child = parent.get(keys[i]);
      if (child == null || child.isNull()) {
        child = parent.putObject(keys[i]);
        fromOverrides.add(path);
      } else if (!child.isObject()) {
        throw new JobFileException(
            given,
            key + " (from --set)",
            "cannot set it: " + path + " is " + YamlSection.describe(child) + ", not a mapping");
      }
      parent = (ObjectNode) child;
    }
    parent.set(keys[keys.length - 1], overrideValue(override.substring(equals + 1)));
    fromOverrides.add(key);
  }

  private static JsonNode overrideValue(String text) {
    try {
      JsonNode value = YAML.readTree(text);
      return value == null || value.isMissingNode() ? TextNode.valueOf(text) : value;
    } catch (JacksonException | RuntimeException e) {
      return TextNode.valueOf(text);
    }
  }

  // ---- small helpers ----

  /** Why a file cannot be read, if it cannot. */
  private static Optional<String> unreadable(Path path) {
    if (Files.isDirectory(path)) return Optional.of("it is a folder");
    if (!Files.exists(path)) return Optional.of("no such file");
    if (!Files.isRegularFile(path)) return Optional.of("not a regular file");
    if (!Files.isReadable(path)) return Optional.of("permission denied");
    return Optional.empty();
  }

  private static Path folderOf(Path jobFile) {
    return jobFile.toAbsolutePath().normalize().getParent();
  }

  private static String baseName(Path jobFile) {
    String file = jobFile.getFileName().toString();
    int dot = file.lastIndexOf('.');
    return dot > 0 ? file.substring(0, dot) : file;
  }

  private static String andList(List<String> items) {
    if (items.size() == 1) return items.get(0);
    return String.join(", ", items.subList(0, items.size() - 1))
        + " and "
        + items.get(items.size() - 1);
  }

  private static String firstLine(String text) {
    if (text == null || text.isBlank()) return "unknown problem";
    return text.strip().lines().findFirst().orElse("").strip();
  }
}
