package dev.tributary.fetch;

import static dev.tributary.fetch.OneGet.ONE_MIB;
import static dev.tributary.fetch.OneGet.TIMEOUT;
import static dev.tributary.fetch.OneGet.httpWithHeaders;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.tributary.demo.LoopbackHttpServer;
import dev.tributary.demo.LoopbackHttpServer.Reply;
import dev.tributary.fetch.OneGet.Ended;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS stays verified, and {@code http.caFile} adds a certificate authority: a real HTTPS server on
 * 127.0.0.1 with a certificate the JVM does not trust, made with the JDK's keytool.
 */
class AhcHttpGetClientTlsTest {
  private static final char[] PASSWORD = "changeit".toCharArray();

  @TempDir static Path dir;
  private static HttpsServer server;
  private static String certificatePem;

  /** Where the HTTPS server's {@code /to-plain} redirects. */
  private static volatile String plainTarget;

  /** The {@code X-Key} header of each request the HTTPS server read ({@code -} for none). */
  private static final List<String> keysOverTls = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startHttpsServer() throws Exception {
    Path keyStore = dir.resolve("server.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "server",
        "-keyalg",
        "EC",
        "-dname",
        "CN=127.0.0.1",
        "-ext",
        "san=ip:127.0.0.1",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        keyStore.toString(),
        "-storepass",
        new String(PASSWORD));
    Path pem = dir.resolve("ca.pem");
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "server",
        "-keystore",
        keyStore.toString(),
        "-storepass",
        new String(PASSWORD),
        "-file",
        pem.toString());
    certificatePem = Files.readString(pem, StandardCharsets.US_ASCII);

    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      store.load(in, PASSWORD);
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, PASSWORD);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keys.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext(
        "/to-plain",
        exchange -> {
          String key = exchange.getRequestHeaders().getFirst("X-Key");
          keysOverTls.add(key == null ? "-" : key);
          exchange.getResponseHeaders().add("Location", plainTarget);
          exchange.sendResponseHeaders(302, -1);
          exchange.close();
        });
    server.createContext(
        "/",
        exchange -> {
          byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  @AfterAll
  static void stopServer() {
    if (server != null) server.stop(0);
  }

  @Test
  void aCertificateTheJvmDoesNotTrustIsRefusedByDefault() throws Exception {
    String reason = get(null).reason();

    assertThat(reason).startsWith("tls handshake failed");
  }

  @Test
  void aCertificateSignedByTheCaFileIsTrusted() throws Exception {
    assertThat(get(certificatePem).status()).isEqualTo(200);
  }

  @Test
  void aHostsOwnHeadersAreNotSentOverPlainHttpAfterARedirectFromHttps() throws Exception {
    List<String> keysInTheClear = new CopyOnWriteArrayList<>();
    try (LoopbackHttpServer plain =
        LoopbackHttpServer.start(
            0,
            request -> {
              String key = request.headers().get("X-Key");
              keysInTheClear.add(request.path() + " " + (key == null ? "-" : key));
              return Reply.json(200, "[]");
            })) {
      plainTarget = plain.baseUrl() + "/landing";
      // "127.0.0.1" names the host on any port: both servers are that host.
      HeadersByHost headers =
          HeadersByHost.of(httpWithHeaders(Map.of(), Map.of("127.0.0.1", Map.of("X-Key", "k-1"))));

      assertThat(get(certificatePem, headers, httpsUrl("/to-plain")).status()).isEqualTo(200);
      assertThat(get(certificatePem, headers, plain.baseUrl() + "/direct").status()).isEqualTo(200);

      assertThat(keysOverTls).as("over TLS").containsExactly("k-1");
      assertThat(keysInTheClear)
          .as("in the clear: after the redirect, and asked directly")
          .containsExactly("/landing -", "/direct k-1");
    }
  }

  private static Ended get(String extraCaPem) throws Exception {
    return get(extraCaPem, HeadersByHost.sameForAllHosts(Map.of()), httpsUrl("/x"));
  }

  private static Ended get(String extraCaPem, HeadersByHost headers, String url) throws Exception {
    return OneGet.get(
        new AhcHttpGetClient(
            1,
            TIMEOUT,
            ONE_MIB,
            null,
            "tls-test",
            headers,
            new Redactor(List.of()),
            AllowedHosts.any(),
            5,
            extraCaPem),
        url);
  }

  private static String httpsUrl(String path) {
    return "https://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private static void keytool(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
  }
}
