package dev.tributary.fetch;

import java.io.Serializable;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * The hosts requests may go to ({@code http.allowHosts}): {@code host}, {@code *.domain} (any name
 * below it, not the domain itself) or either with {@code :port}; no patterns: any host.
 */
public final class AllowedHosts implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<String> patterns;

  /**
   * @param patterns checked by the configuration, lower case
   */
  public AllowedHosts(List<String> patterns) {
    this.patterns = List.copyOf(patterns);
  }

  public static AllowedHosts any() {
    return new AllowedHosts(List.of());
  }

  /** Why this URL may not be requested, or {@code null} when it may (or is not a URL at all). */
  String problemWith(URI uri) {
    if (patterns.isEmpty() || uri.getHost() == null) return null;
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    int port = uri.getPort() >= 0 ? uri.getPort() : defaultPort(uri.getScheme());
    for (String pattern : patterns) {
      if (matches(pattern, host, port)) return null;
    }
    String shown = uri.getPort() >= 0 ? host + ":" + uri.getPort() : host;
    return "host " + shown + " is not in http.allowHosts";
  }

  private static boolean matches(String pattern, String host, int port) {
    String hostPattern = pattern;
    int colon = pattern.lastIndexOf(':');
    if (colon > pattern.lastIndexOf(']')) {
      if (Integer.parseInt(pattern.substring(colon + 1)) != port) return false;
      hostPattern = pattern.substring(0, colon);
    }
    if (hostPattern.startsWith("*.")) return host.endsWith(hostPattern.substring(1));
    return host.equals(hostPattern);
  }

  private static int defaultPort(String scheme) {
    return "https".equalsIgnoreCase(scheme) ? 443 : 80;
  }
}
