package dev.tributary.fetch;

import dev.tributary.config.HttpConfig;
import java.io.Serializable;
import java.util.Map;

/**
 * The headers a request carries: {@code http.headers} for every host, and a named host's own from
 * {@code http.hosts} over them. Kept apart because a redirect to another origin drops the secret
 * ones of the first kind but not a host's own, which were given for that host.
 */
final class HeadersByHost implements Serializable {
  private static final long serialVersionUID = 1L;

  private final HttpConfig http;
  private final Map<String, String> everywhere;

  private HeadersByHost(HttpConfig http, Map<String, String> everywhere) {
    this.http = http;
    this.everywhere = Map.copyOf(everywhere);
  }

  /** The headers of the job file's {@code http} section. */
  static HeadersByHost of(HttpConfig http) {
    return new HeadersByHost(http, http.headers().values());
  }

  /** The same headers for every host. */
  static HeadersByHost sameForAllHosts(Map<String, String> headers) {
    return new HeadersByHost(null, headers);
  }

  /** The headers for every host ({@code http.headers}). */
  Map<String, String> everywhere() {
    return everywhere;
  }

  /** Whether any host has headers of its own. */
  boolean anyOwn() {
    return http != null && http.hosts().values().stream().anyMatch(h -> h.headers().any());
  }

  /** The headers given for {@code origin}'s host alone, each replacing one of the same name. */
  Map<String, String> own(Origin origin) {
    return http == null ? Map.of() : http.hostHeaders(origin.host(), origin.port());
  }
}
