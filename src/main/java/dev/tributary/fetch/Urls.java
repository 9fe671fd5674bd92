package dev.tributary.fetch;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Checks an endpoint's URL before anything is sent, so a typo fails that endpoint with a reason.
 */
final class Urls {
  private Urls() {}

  /**
   * Why the URL may not be requested, or {@code null} when it may: it cannot be requested at all
   * ({@link #problemWith(String)}) or its host is not allowed.
   */
  static String problemWith(String url, AllowedHosts allowed) {
    String problem = problemWith(url);
    return problem != null ? problem : allowed.problemWith(URI.create(url));
  }

  /** Why the URL cannot be requested, or {@code null} when it can. */
  static String problemWith(String url) {
    if (url == null || url.isBlank()) return "malformed url: empty";
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return "malformed url: " + e.getMessage();
    }
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
      return "malformed url: scheme must be http or https: " + url;
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      return "malformed url: no host: " + url;
    }
    return null;
  }
}
