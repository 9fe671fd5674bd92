package dev.tributary.fetch;

import dev.tributary.config.HostConfig;
import dev.tributary.config.HostLimits;
import dev.tributary.config.HttpConfig;
import dev.tributary.config.RequestHeaders;
import dev.tributary.config.RetryConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** One GET with a client, as the HTTP client tests send it, and the sections they build it from. */
final class OneGet {
  static final Duration TIMEOUT = Duration.ofSeconds(10);
  static final long ONE_MIB = 1024 * 1024;

  private OneGet() {}

  /** How the GET ended: a status, or the reason its endpoint would fail with. */
  record Ended(int status, String reason) {}

  /** Sends one GET with {@code client}, then closes it. */
  static Ended get(HttpGetClient client, String url) throws Exception {
    CompletableFuture<Ended> ended = new CompletableFuture<>();
    try (client) {
      client.get(
          url,
          1,
          TIMEOUT,
          new HttpGetClient.Listener() {
            @Override
            public void onResponse(int status, String retryAfter, byte[] body) {
              ended.complete(new Ended(status, null));
            }

            @Override
            public void onError(Throwable error) {
              ended.complete(new Ended(0, Failures.ofError(error, TIMEOUT, ONE_MIB).reason()));
            }
          });
      return ended.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
  }

  /**
   * An {@code http} section with headers for every host and, by {@code host} or {@code host:port},
   * a host's own.
   */
  static HttpConfig httpWithHeaders(
      Map<String, String> everywhere, Map<String, Map<String, String>> ownByHost) {
    Map<String, HostConfig> hosts = new LinkedHashMap<>();
    ownByHost.forEach(
        (host, own) -> hosts.put(host, new HostConfig(HostLimits.none(), new RequestHeaders(own))));
    return new HttpConfig(
        1,
        TIMEOUT,
        ONE_MIB,
        RetryConfig.defaults(),
        null,
        TIMEOUT,
        null,
        new RequestHeaders(everywhere),
        List.of(),
        List.of(),
        5,
        null,
        HostLimits.none(),
        hosts);
  }
}
