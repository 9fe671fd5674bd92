package dev.tributary.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.fetch.HostileServer.Route;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HostileServerTest {
  private static final int READ_TIMEOUT_MILLIS = 4000;

  private HostileServer server;

  @BeforeEach
  void start() throws IOException {
    server = HostileServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void goodAnswersTheKnownRecordsAsJson() throws IOException {
    HttpURLConnection connection = connect(Route.GOOD);

    assertThat(connection.getResponseCode()).isEqualTo(200);
    assertThat(connection.getContentType()).isEqualTo("application/json");
    try (InputStream body = connection.getInputStream()) {
      assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo(HostileServer.GOOD_BODY);
    }
    assertThat(server.requests(Route.GOOD)).isEqualTo(1);
  }

  @Test
  void redirectForeverPointsOneHopFurtherAndCountsEveryHop() throws IOException {
    String first = new String(exchange("/redirect-forever"), StandardCharsets.US_ASCII);
    String fifth = new String(exchange("/redirect-forever?n=4"), StandardCharsets.US_ASCII);

    assertThat(first)
        .startsWith("HTTP/1.1 302 ")
        .contains("\r\nLocation: /redirect-forever?n=1\r\n");
    assertThat(fifth).contains("\r\nLocation: /redirect-forever?n=5\r\n");
    assertThat(server.requests(Route.REDIRECT_FOREVER)).isEqualTo(2);
  }

  @Test
  void gzipBombIsSmallAndDecodesToOneGibibyteOfZeros() throws IOException {
    HttpURLConnection connection = connect(Route.GZIP_BOMB);

    assertThat(connection.getHeaderField("Content-Encoding")).isEqualTo("gzip");
    // GZIPInputStream checks the trailer's CRC and length once it reaches the end.
    try (InputStream decoded = new GZIPInputStream(connection.getInputStream(), 64 * 1024)) {
      assertThat(connection.getContentLengthLong())
          .isLessThan(HostileServer.BOMB_DECODED_LENGTH / 100);
      assertThat(countZeros(decoded)).isEqualTo(HostileServer.BOMB_DECODED_LENGTH);
    }
  }

  @Test
  void deflateBombIsSmallAndDecodesToOneGibibyteOfZeros() throws IOException {
    HttpURLConnection connection = connect(Route.DEFLATE_BOMB);

    assertThat(connection.getHeaderField("Content-Encoding")).isEqualTo("deflate");
    // The zlib format's Adler-32 is checked by the inflater at the end of the stream.
    try (InputStream decoded = new InflaterInputStream(connection.getInputStream())) {
      assertThat(connection.getContentLengthLong())
          .isLessThan(HostileServer.BOMB_DECODED_LENGTH / 100);
      assertThat(countZeros(decoded)).isEqualTo(HostileServer.BOMB_DECODED_LENGTH);
    }
  }

  @Test
  void resetMidBodySendsAHundredBytesThenResets() throws IOException {
    try (Socket socket = sendGet("/reset-mid-body")) {
      ByteArrayOutputStream received = new ByteArrayOutputStream();

      assertThatThrownBy(() -> readUntilEnd(socket.getInputStream(), received))
          .isInstanceOf(SocketException.class);
      String response = received.toString(StandardCharsets.US_ASCII);
      assertThat(response).contains("Content-Length: 10000\r\n");
      assertThat(response.substring(response.indexOf("\r\n\r\n") + 4)).hasSize(100);
    }
  }

  @Test
  void shortBodyClosesAfterTenOfTheThousandBytesItDeclares() throws IOException {
    String response = new String(exchange("/short-body"), StandardCharsets.US_ASCII);

    assertThat(response).contains("Content-Length: 1000\r\n");
    assertThat(response.substring(response.indexOf("\r\n\r\n") + 4)).hasSize(10);
  }

  @Test
  void garbageStatusHasNoStatusCode() throws IOException {
    assertThat(new String(exchange("/garbage-status"), StandardCharsets.US_ASCII))
        .startsWith("HTTP/1.1 OK\r\n");
  }

  @Test
  void dripSendsTheHeadThenWaitsBetweenBytes() throws IOException {
    try (Socket socket = sendGet("/drip")) {
      InputStream in = socket.getInputStream();
      String head = readHead(in);
      assertThat(head).contains("Content-Length: 1000\r\n");
      in.read(); // the first byte comes at once
      socket.setSoTimeout((int) HostileServer.DRIP_INTERVAL.toMillis() / 4);

      assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class);
    }
  }

  @Test
  void closeCutsAnEndlessBodyAtOnce() throws IOException {
    try (Socket socket = sendGet("/huge-chunked")) {
      InputStream in = socket.getInputStream();
      assertThat(readHead(in)).contains("Transfer-Encoding: chunked\r\n");

      long start = System.nanoTime();
      server.close();

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
      // What the server had written before it was stopped can still be read; then the stream ends.
      assertThat(drain(in)).isLessThan(HostileServer.STREAM_LIMIT);
    }
  }

  @Test
  void answersUnknownPaths404AndOtherMethods405() throws IOException {
    assertThat(new String(exchange("/nowhere"), StandardCharsets.US_ASCII))
        .startsWith("HTTP/1.1 404 ");
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(READ_TIMEOUT_MILLIS);
      socket.getOutputStream().write(request("POST", "/good"));
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      readUntilEnd(socket.getInputStream(), received);
      assertThat(received.toString(StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 405 ");
    }
    assertThat(server.unknownRequests()).isEqualTo(1);
    assertThat(server.requests(Route.GOOD)).isZero();
  }

  private HttpURLConnection connect(Route route) throws IOException {
    HttpURLConnection connection =
        (HttpURLConnection) URI.create(server.url(route)).toURL().openConnection();
    connection.setConnectTimeout(READ_TIMEOUT_MILLIS);
    connection.setReadTimeout(READ_TIMEOUT_MILLIS);
    return connection;
  }

  /** Sends a GET and reads everything until the server closes. */
  private byte[] exchange(String target) throws IOException {
    try (Socket socket = sendGet(target)) {
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      readUntilEnd(socket.getInputStream(), received);
      return received.toByteArray();
    }
  }

  private Socket sendGet(String target) throws IOException {
    Socket socket = new Socket("127.0.0.1", server.port());
    socket.setSoTimeout(READ_TIMEOUT_MILLIS);
    OutputStream out = socket.getOutputStream();
    out.write(request("GET", target));
    out.flush();
    return socket;
  }

  private static byte[] request(String method, String target) {
    return (method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static void readUntilEnd(InputStream in, ByteArrayOutputStream received)
      throws IOException {
    byte[] buffer = new byte[8192];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) received.write(buffer, 0, n);
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) throw new IOException("connection closed inside the response head: " + head);
      head.append((char) b);
    }
    return head.toString();
  }

  private static long drain(InputStream in) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    try {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) total += n;
    } catch (SocketException reset) {
      // A close with unread request bytes or a full send buffer may end in a reset, not an EOF.
    }
    return total;
  }

  private static long countZeros(InputStream decoded) throws IOException {
    byte[] buffer = new byte[1 << 20];
    long total = 0;
    for (int n = decoded.read(buffer); n >= 0; n = decoded.read(buffer)) {
      for (int k = 0; k < n; k += 4096) {
        if (buffer[k] != 0) throw new AssertionError("byte " + (total + k) + " is not zero");
      }
      total += n;
    }
    return total;
  }
}
