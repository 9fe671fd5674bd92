package dev.tributary.fetch;

import java.net.URI;
import java.util.Locale;

/**
 * Where a request goes, as politeness counts hosts: scheme, host and port (the default port when
 * the URL gives none), lower case.
 */
record Origin(String scheme, String host, int port) {

  /** The origin of a URL whose scheme and host are known to be there ({@link Urls#problemWith}). */
  static Origin of(URI url) {
    String scheme = url.getScheme().toLowerCase(Locale.ROOT);
    int port = url.getPort() >= 0 ? url.getPort() : defaultPort(scheme);
    return new Origin(scheme, url.getHost().toLowerCase(Locale.ROOT), port);
  }

  static Origin of(String url) {
    return of(URI.create(url));
  }

  static int defaultPort(String scheme) {
    return "https".equalsIgnoreCase(scheme) ? 443 : 80;
  }

  @Override
  public String toString() {
    return scheme + "://" + host + ":" + port;
  }
}
