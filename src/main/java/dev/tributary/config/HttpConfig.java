package dev.tributary.config;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The job file's {@code http:} section; valid once constructed.
 *
 * @param concurrency hard bound on requests in flight for the whole job, 1 to {@link
 *     #MAX_CONCURRENCY}
 * @param timeout limit on one attempt, from sending the request to the end of the body; more than 0
 * @param maxResponseBytes largest response body accepted (decoded size), at least 1 byte
 * @param retry when and how failed attempts are repeated
 * @param attemptHeader name of a request header that carries the attempt number (1, 2, ...), for
 *     servers that tell retries apart (the demo API draws its faults from it); null: none is sent
 * @param connectTimeout limit on opening a connection, within each attempt; more than 0 (an attempt
 *     still ends at {@code timeout}, so a longer one has no effect)
 * @param totalTimeout limit on one endpoint, over every attempt and every wait between them; at
 *     least {@code timeout}; null: none (the attempts and waits bound it)
 * @param headers headers sent with every request; their values never print
 * @param redact names of headers and query parameters whose values are shown as {@code ***}
 *     wherever a URL or a header is shown, in addition to {@link #ALWAYS_REDACTED}; lower case
 * @param allowHosts host patterns ({@code api.example.com}, {@code *.example.com}, {@code
 *     host:port}) an endpoint's URL and its redirects must match; empty: any host
 * @param maxRedirects redirects followed in a row, 0 to {@link #MAX_REDIRECTS_LIMIT}; 0: none
 * @param caFile certificates trusted for TLS besides the JVM's own; null: the JVM's only
 * @param perHost limits for every host (scheme, host and port), under {@code concurrency}
 * @param hosts what differs for named hosts, by {@code host} (any port) or {@code host:port}; lower
 *     case
 */
public record HttpConfig(
    int concurrency,
    Duration timeout,
    long maxResponseBytes,
    RetryConfig retry,
    String attemptHeader,
    Duration connectTimeout,
    Duration totalTimeout,
    RequestHeaders headers,
    List<String> redact,
    List<String> allowHosts,
    int maxRedirects,
    TrustedCa caFile,
    HostLimits perHost,
    Map<String, HostConfig> hosts)
    implements Serializable {

  public static final int DEFAULT_CONCURRENCY = 50;

  /**
   * Each request in flight holds a connection, and a process may usually hold only a few tens of
   * thousands of open files; the async operator also allocates its queue for this many up front.
   */
  public static final int MAX_CONCURRENCY = 10_000;

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /**
   * Used when connectTimeout is not given, unless timeout is shorter: then connectTimeout is
   * timeout (as before the key existed, when a connection had the attempt's whole timeout).
   */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  public static final long DEFAULT_MAX_RESPONSE_BYTES = 16L * 1024 * 1024;

  /** A header name as RFC 9110 allows it (a token). */
  private static final Pattern HEADER_NAME = RequestHeaders.HEADER_NAME;

  public static final int DEFAULT_MAX_REDIRECTS = 5;
  public static final int MAX_REDIRECTS_LIMIT = 50;

  /** Headers (and query parameters) whose values are always shown as {@code ***}; lower case. */
  public static final List<String> ALWAYS_REDACTED =
      List.of("authorization", "proxy-authorization", "cookie", "set-cookie");

  /** {@code host}, {@code *.host} or an IPv6 address in brackets, each with an optional port. */
  private static final Pattern HOST_PATTERN =
      Pattern.compile(
          "(\\*\\.)?([A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*|\\[[0-9A-Fa-f:.]+])(:[0-9]{1,5})?");

  public HttpConfig {
    if (concurrency < 1) {
      throw new ConfigException("concurrency", "must be at least 1, got " + concurrency);
    }
    if (concurrency > MAX_CONCURRENCY) {
      throw new ConfigException(
          "concurrency",
          "must be at most "
              + MAX_CONCURRENCY
              + " (each request in flight holds a connection), got "
              + concurrency);
    }
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new ConfigException("timeout", "must be more than 0, got " + Durations.format(timeout));
    }
    if (maxResponseBytes < 1) {
      throw new ConfigException(
          "maxResponseBytes", "must be at least 1 byte, got " + maxResponseBytes);
    }
    Objects.requireNonNull(retry, "retry");
    if (attemptHeader != null && !HEADER_NAME.matcher(attemptHeader).matches()) {
      throw new ConfigException(
          "attemptHeader",
          "not a header name (letters, digits and !#$%&'*+-.^_`|~ only): "
              + Messages.quote(attemptHeader));
    }
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new ConfigException(
          "connectTimeout", "must be more than 0, got " + Durations.format(connectTimeout));
    }
    if (totalTimeout != null && (totalTimeout.isNegative() || totalTimeout.isZero())) {
      throw new ConfigException(
          "totalTimeout", "must be more than 0, got " + Durations.format(totalTimeout));
    }
    if (totalTimeout != null && totalTimeout.compareTo(timeout) < 0) {
      throw new ConfigException(
          "totalTimeout",
          "must be at least timeout ("
              + Durations.format(timeout)
              + "), got "
              + Durations.format(totalTimeout));
    }
    Objects.requireNonNull(headers, "headers");
    redact = lowerCase("redact", redact);
    allowHosts = hostPatterns(allowHosts);
    if (maxRedirects < 0 || maxRedirects > MAX_REDIRECTS_LIMIT) {
      throw new ConfigException(
          "maxRedirects", "must be 0 to " + MAX_REDIRECTS_LIMIT + ", got " + maxRedirects);
    }
    Objects.requireNonNull(perHost, "perHost");
    perHost.requireRateForBurst();
    hosts = namedHosts(hosts, perHost);
  }

  /**
   * The same section with the default connect timeout, no total timeout, no headers, redactions or
   * host limits, following {@link #DEFAULT_MAX_REDIRECTS} redirects.
   */
  public HttpConfig(
      int concurrency,
      Duration timeout,
      long maxResponseBytes,
      RetryConfig retry,
      String attemptHeader) {
    this(
        concurrency,
        timeout,
        maxResponseBytes,
        retry,
        attemptHeader,
        defaultConnectTimeout(timeout),
        null,
        RequestHeaders.none(),
        List.of(),
        List.of(),
        DEFAULT_MAX_REDIRECTS,
        null,
        HostLimits.none(),
        Map.of());
  }

  /** The same section without an attempt header (the default). */
  public HttpConfig(int concurrency, Duration timeout, long maxResponseBytes, RetryConfig retry) {
    this(concurrency, timeout, maxResponseBytes, retry, null);
  }

  /** This section with another total timeout (null: none). */
  public HttpConfig withTotalTimeout(Duration total) {
    return new HttpConfig(
        concurrency,
        timeout,
        maxResponseBytes,
        retry,
        attemptHeader,
        connectTimeout,
        total,
        headers,
        redact,
        allowHosts,
        maxRedirects,
        caFile,
        perHost,
        hosts);
  }

  /** This section with another connect timeout. */
  public HttpConfig withConnectTimeout(Duration connect) {
    return new HttpConfig(
        concurrency,
        timeout,
        maxResponseBytes,
        retry,
        attemptHeader,
        connect,
        totalTimeout,
        headers,
        redact,
        allowHosts,
        maxRedirects,
        caFile,
        perHost,
        hosts);
  }

  /** {@link #DEFAULT_CONNECT_TIMEOUT}, or {@code timeout} when that is shorter. */
  private static Duration defaultConnectTimeout(Duration timeout) {
    return timeout == null || timeout.compareTo(DEFAULT_CONNECT_TIMEOUT) >= 0
        ? DEFAULT_CONNECT_TIMEOUT
        : timeout;
  }

  /**
   * Every name whose value is shown as {@code ***}: {@link #ALWAYS_REDACTED} and {@code redact}.
   */
  public List<String> redactedNames() {
    List<String> names = new ArrayList<>(ALWAYS_REDACTED);
    redact.stream().filter(n -> !names.contains(n)).forEach(names::add);
    return List.copyOf(names);
  }

  /**
   * The limits for requests to {@code host} on {@code port}: its entry in {@link #hosts} ({@code
   * host:port} before {@code host}) over {@link #perHost}.
   */
  public HostLimits limitsFor(String host, int port) {
    HostConfig named = hostEntry(host, port);
    return named == null ? perHost : named.limits().over(perHost);
  }

  /**
   * The headers given for {@code host} on {@code port} alone, sent over {@link #headers} (a header
   * of the same name replaced).
   */
  public Map<String, String> hostHeaders(String host, int port) {
    HostConfig named = hostEntry(host, port);
    return named == null ? Map.of() : named.headers().values();
  }

  /** The lowest rate any host may be given, in requests a second; null: no host has a rate. */
  public Double slowestRate() {
    return lowestOverHosts(HostLimits::rate);
  }

  /** The fewest requests in flight any host may be given; null: no host has a bound of its own. */
  public Integer lowestHostConcurrency() {
    return lowestOverHosts(HostLimits::concurrency);
  }

  /** The lowest value of one limit over every host's limits (named or not); null: none sets it. */
  private <T extends Comparable<T>> T lowestOverHosts(Function<HostLimits, T> limit) {
    T lowest = limit.apply(perHost);
    for (HostConfig host : hosts.values()) {
      T value = limit.apply(host.limits().over(perHost));
      if (value != null && (lowest == null || value.compareTo(lowest) < 0)) lowest = value;
    }
    return lowest;
  }

  /** Whether any host has a limit of its own, beyond the global bound. */
  public boolean limitsHosts() {
    return perHost.setsAny() || hosts.values().stream().anyMatch(h -> h.limits().setsAny());
  }

  private HostConfig hostEntry(String host, int port) {
    if (hosts.isEmpty()) return null;
    String name = host.toLowerCase(Locale.ROOT);
    HostConfig exact = hosts.get(name + ":" + port);
    return exact != null ? exact : hosts.get(name);
  }

  private static Map<String, HostConfig> namedHosts(
      Map<String, HostConfig> hosts, HostLimits perHost) {
    if (hosts == null) return Map.of();
    Map<String, HostConfig> lower = new LinkedHashMap<>();
    Map<String, String> written = new LinkedHashMap<>();
    for (Map.Entry<String, HostConfig> entry : hosts.entrySet()) {
      String given = entry.getKey() == null ? "" : entry.getKey();
      String name = given.strip().toLowerCase(Locale.ROOT);
      if (name.startsWith("*")) {
        throw new ConfigException(
            "hosts", "not a host or host:port (no wildcards here): " + Messages.quote(given));
      }
      if (!isHostPattern(name)) {
        throw new ConfigException("hosts", "not a host or host:port: " + Messages.quote(given));
      }
      // Named as the reader names a key of the file (quoted when it has dots), so that every
      // message about one entry names it the same way.
      String key = "hosts." + Messages.key(given);
      if (entry.getValue() == null) {
        throw new ConfigException(key, "expected a mapping, got nothing");
      }
      String first = written.putIfAbsent(name, given);
      if (first != null) {
        throw new ConfigException(key, "given twice (host names ignore case): " + first);
      }
      lower.put(name, entry.getValue());
      try {
        entry.getValue().limits().over(perHost).requireRateForBurst();
      } catch (ConfigException e) {
        throw new ConfigException(key + "." + e.key(), e.problem());
      }
    }
    return java.util.Collections.unmodifiableMap(lower);
  }

  private static List<String> lowerCase(String key, List<String> names) {
    if (names == null) return List.of();
    List<String> lower = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (name == null || name.isBlank()) {
        throw new ConfigException(key + "[" + i + "]", "must not be empty");
      }
      lower.add(name.strip().toLowerCase(Locale.ROOT));
    }
    return List.copyOf(lower);
  }

  /** A host pattern whose port, when it has one, is a port (1 to 65535). */
  private static boolean isHostPattern(String pattern) {
    Matcher m = HOST_PATTERN.matcher(pattern);
    if (!m.matches()) return false;
    String port = m.group(4);
    if (port == null) return true;
    int number = Integer.parseInt(port.substring(1));
    return number >= 1 && number <= 65535;
  }

  private static List<String> hostPatterns(List<String> patterns) {
    List<String> lower = lowerCase("allowHosts", patterns);
    for (int i = 0; i < lower.size(); i++) {
      if (!isHostPattern(lower.get(i))) {
        throw new ConfigException(
            "allowHosts[" + i + "]",
            "not a host pattern (host, *.domain or host:port): " + Messages.quote(lower.get(i)));
      }
    }
    return lower;
  }

  /** The section as the job file gives it; a key not given takes its default. */
  @JsonCreator
  static HttpConfig of(
      @JsonProperty("concurrency") Integer concurrency,
      @JsonProperty("timeout") String timeout,
      @JsonProperty("maxResponseBytes") String maxResponseBytes,
      @JsonProperty("retry") RetryConfig retry,
      @JsonProperty("attemptHeader") String attemptHeader,
      @JsonProperty("connectTimeout") String connectTimeout,
      @JsonProperty("totalTimeout") String totalTimeout,
      @JsonProperty("headers") Map<String, String> headers,
      @JsonProperty("redact") List<String> redact,
      @JsonProperty("allowHosts") List<String> allowHosts,
      @JsonProperty("maxRedirects") Integer maxRedirects,
      @JsonProperty("caFile") String caFile,
      @JsonProperty("perHost") HostLimits perHost,
      @JsonProperty("hosts") Map<String, HostConfig> hosts,
      @JacksonInject(JobConfig.ENVIRONMENT) UnaryOperator<String> environment,
      @JacksonInject(JobConfig.JOB_FILE) Path jobFile) {
    Duration attemptTimeout = ConfigValues.duration("timeout", timeout, DEFAULT_TIMEOUT);
    return new HttpConfig(
        concurrency == null ? DEFAULT_CONCURRENCY : concurrency,
        attemptTimeout,
        ConfigValues.size("maxResponseBytes", maxResponseBytes, DEFAULT_MAX_RESPONSE_BYTES),
        retry == null ? RetryConfig.defaults() : retry,
        attemptHeader,
        ConfigValues.duration(
            "connectTimeout", connectTimeout, defaultConnectTimeout(attemptTimeout)),
        ConfigValues.duration("totalTimeout", totalTimeout, null),
        RequestHeaders.of(headers, environment),
        redact,
        allowHosts,
        maxRedirects == null ? DEFAULT_MAX_REDIRECTS : maxRedirects,
        TrustedCa.read(caFile, jobFile),
        perHost == null ? HostLimits.none() : perHost,
        hosts == null ? Map.of() : hosts);
  }

  public static HttpConfig defaults() {
    return new HttpConfig(
        DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES, RetryConfig.defaults());
  }
}
