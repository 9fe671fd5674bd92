package dev.tributary.fetch;

import static dev.tributary.fetch.OneGet.ONE_MIB;
import static dev.tributary.fetch.OneGet.TIMEOUT;
import static dev.tributary.fetch.OneGet.get;
import static dev.tributary.fetch.OneGet.httpWithHeaders;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.config.HttpConfig;
import dev.tributary.demo.LoopbackHttpServer;
import dev.tributary.demo.LoopbackHttpServer.Reply;
import dev.tributary.fetch.OneGet.Ended;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The production client's headers, allowed hosts and redirects, against real servers on 127.0.0.1
 * (two ports are two hosts).
 */
class AhcHttpGetClientScopeTest {

  /** How one GET ended: a status, or the reason the one classifier gives its error. */
  @Test
  void theServerReceivesTheConfiguredHeaders() throws Exception {
    List<HttpHeaders> seen = new CopyOnWriteArrayList<>();
    try (LoopbackHttpServer server =
        LoopbackHttpServer.start(
            0,
            request -> {
              seen.add(request.headers());
              return Reply.json(200, "[]");
            })) {
      Ended ended =
          get(
              client(Map.of("Authorization", "Bearer t0k", "X-Team", "42"), List.of(), 5),
              server.baseUrl() + "/x");

      assertThat(ended.status()).isEqualTo(200);
      assertThat(seen).hasSize(1);
      assertThat(seen.get(0).get("Authorization")).isEqualTo("Bearer t0k");
      assertThat(seen.get(0).get("X-Team")).isEqualTo("42");
    }
  }

  @Test
  void aRedirectToAHostOutsideAllowHostsIsRefusedAndNeverSent() throws Exception {
    try (LoopbackHttpServer outside = LoopbackHttpServer.start(0, r -> Reply.json(200, "[]"));
        LoopbackHttpServer allowed =
            LoopbackHttpServer.start(
                0,
                r -> Reply.json(302, "").withHeader("Location", outside.baseUrl() + "/stolen"))) {
      Ended ended =
          get(
              client(Map.of(), List.of("127.0.0.1:" + allowed.port()), 5),
              allowed.baseUrl() + "/start");

      assertThat(ended.reason())
          .isEqualTo(
              "redirect refused: host 127.0.0.1:" + outside.port() + " is not in http.allowHosts");
      assertThat(allowed.requests()).isEqualTo(1);
      assertThat(outside.requests()).isZero();
    }
  }

  @Test
  void aRedirectToAnotherSchemeIsRefused() throws Exception {
    try (LoopbackHttpServer server =
        LoopbackHttpServer.start(
            0, r -> Reply.json(302, "").withHeader("Location", "file:///etc/passwd"))) {
      Ended ended = get(client(Map.of(), List.of(), 5), server.baseUrl() + "/start");

      assertThat(ended.reason()).startsWith("redirect refused: malformed url: scheme must be http");
    }
  }

  @Test
  void twoRedirectsAreFollowedWithMaxRedirectsTwoAndAThirdIsRefused() throws Exception {
    try (LoopbackHttpServer server =
        LoopbackHttpServer.start(0, AhcHttpGetClientScopeTest::chain)) {
      AhcHttpGetClient twoAtMost = client(Map.of(), List.of(), 2);

      assertThat(get(twoAtMost, server.baseUrl() + "/r2").status()).isEqualTo(200);
      long afterTwo = server.requests();
      assertThat(afterTwo).isEqualTo(3);

      Ended three = get(client(Map.of(), List.of(), 2), server.baseUrl() + "/r3");
      assertThat(three.reason()).isEqualTo("too many redirects (more than 2)");
      assertThat(server.requests() - afterTwo).as("/r3, /r2, /r1 but not /r0").isEqualTo(3);
    }
  }

  @Test
  void withMaxRedirectsZeroARedirectIsTheAnswer() throws Exception {
    try (LoopbackHttpServer server =
        LoopbackHttpServer.start(0, AhcHttpGetClientScopeTest::chain)) {
      assertThat(get(client(Map.of(), List.of(), 0), server.baseUrl() + "/r1").status())
          .isEqualTo(302);
      assertThat(server.requests()).isEqualTo(1);
    }
  }

  @Test
  void credentialsAreNotSentOnARedirectToAnotherOrigin() throws Exception {
    List<HttpHeaders> seen = new CopyOnWriteArrayList<>();
    try (LoopbackHttpServer other =
            LoopbackHttpServer.start(
                0,
                request -> {
                  seen.add(request.headers());
                  return Reply.json(200, "[]");
                });
        LoopbackHttpServer first =
            LoopbackHttpServer.start(
                0, r -> Reply.json(302, "").withHeader("Location", other.baseUrl() + "/x"))) {
      Ended ended =
          get(
              client(Map.of("Authorization", "Bearer t0k", "X-Team", "42"), List.of(), 5),
              first.baseUrl() + "/start");

      assertThat(ended.status()).isEqualTo(200);
      assertThat(seen).hasSize(1);
      assertThat(seen.get(0).contains("Authorization")).isFalse();
      assertThat(seen.get(0).get("X-Team")).isEqualTo("42");
    }
  }

  @Test
  void aHostsOwnHeaderReachesThatHostOnly() throws Exception {
    List<HttpHeaders> seenByA = new CopyOnWriteArrayList<>();
    List<HttpHeaders> seenByB = new CopyOnWriteArrayList<>();
    try (LoopbackHttpServer a = recording(seenByA);
        LoopbackHttpServer b = recording(seenByB)) {
      HttpConfig http = httpWithHeaders(Map.of(), Map.of(hostOf(a), Map.of("X-Key", "for-a")));

      assertThat(get(client(HeadersByHost.of(http)), a.baseUrl() + "/x").status()).isEqualTo(200);
      assertThat(get(client(HeadersByHost.of(http)), b.baseUrl() + "/x").status()).isEqualTo(200);

      assertThat(seenByA.get(0).get("X-Key")).isEqualTo("for-a");
      assertThat(seenByB.get(0).contains("X-Key")).isFalse();
    }
  }

  @Test
  void aHostsOwnHeaderReplacesAGlobalOneOfTheSameName() throws Exception {
    List<HttpHeaders> seenByA = new CopyOnWriteArrayList<>();
    List<HttpHeaders> seenByB = new CopyOnWriteArrayList<>();
    try (LoopbackHttpServer a = recording(seenByA);
        LoopbackHttpServer b = recording(seenByB)) {
      HttpConfig http =
          httpWithHeaders(Map.of("X-Team", "42"), Map.of(hostOf(a), Map.of("x-team", "7")));

      get(client(HeadersByHost.of(http)), a.baseUrl() + "/x");
      get(client(HeadersByHost.of(http)), b.baseUrl() + "/x");

      assertThat(seenByA.get(0).getAll("X-Team")).containsExactly("7");
      assertThat(seenByB.get(0).getAll("X-Team")).containsExactly("42");
    }
  }

  @Test
  void afterARedirectTheFirstHostsGlobalAuthorizationStaysBehindButTheNextHostsOwnIsSent()
      throws Exception {
    List<HttpHeaders> seenByA = new CopyOnWriteArrayList<>();
    List<HttpHeaders> seenByB = new CopyOnWriteArrayList<>();
    try (LoopbackHttpServer b = recording(seenByB);
        LoopbackHttpServer a =
            LoopbackHttpServer.start(
                0,
                request -> {
                  seenByA.add(request.headers());
                  return Reply.json(302, "").withHeader("Location", b.baseUrl() + "/x");
                })) {
      HttpConfig http =
          httpWithHeaders(
              Map.of("Authorization", "Bearer everywhere"),
              Map.of(hostOf(b), Map.of("Authorization", "Bearer for-b")));

      Ended ended = get(client(HeadersByHost.of(http)), a.baseUrl() + "/start");

      assertThat(ended.status()).isEqualTo(200);
      assertThat(seenByA.get(0).getAll("Authorization")).containsExactly("Bearer everywhere");
      assertThat(seenByB).hasSize(1);
      assertThat(seenByB.get(0).getAll("Authorization")).containsExactly("Bearer for-b");
    }
  }

  /** A server that answers 200 and keeps the headers of each request. */
  private static LoopbackHttpServer recording(List<HttpHeaders> seen) {
    return LoopbackHttpServer.start(
        0,
        request -> {
          seen.add(request.headers());
          return Reply.json(200, "[]");
        });
  }

  /** The server's {@code host:port}, as a key of {@code http.hosts}. */
  private static String hostOf(LoopbackHttpServer server) {
    return "127.0.0.1:" + server.port();
  }

  /** {@code /rN} redirects to {@code /r(N-1)}; {@code /r0} answers. */
  private static Reply chain(LoopbackHttpServer.Request request) {
    int n = Integer.parseInt(request.path().substring(2));
    return n == 0
        ? Reply.json(200, "[]")
        : Reply.json(302, "").withHeader("Location", "/r" + (n - 1));
  }

  private static AhcHttpGetClient client(HeadersByHost headers) {
    return new AhcHttpGetClient(
        1,
        TIMEOUT,
        ONE_MIB,
        null,
        "scope-test",
        headers,
        new Redactor(List.of("authorization")),
        AllowedHosts.any(),
        5,
        null);
  }

  private static AhcHttpGetClient client(
      Map<String, String> headers, List<String> allowHosts, int maxRedirects) {
    return new AhcHttpGetClient(
        1,
        TIMEOUT,
        ONE_MIB,
        null,
        "scope-test",
        HeadersByHost.sameForAllHosts(headers),
        new Redactor(List.of("authorization")),
        new AllowedHosts(allowHosts),
        maxRedirects,
        null);
  }
}
