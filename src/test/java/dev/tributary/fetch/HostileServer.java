package dev.tributary.fetch;

import dev.tributary.model.DailyTotal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.Checksum;
import java.util.zip.Deflater;

/**
 * A raw-socket HTTP/1.1 server on 127.0.0.1 with one path per way an API can misbehave (too slow,
 * endless, cut short, reset, compression bombs, a broken status line, JSON no parser should
 * swallow), for tests of the fetch stage's defences. One request per connection, GET only; every
 * loop that serves a body stops at a byte count and a time limit, and {@link #close()} stops them
 * all at once (also a write blocked on a client that stopped reading, which no limit would end).
 */
public final class HostileServer implements AutoCloseable {

  /** The paths it answers, each a way of misbehaving ({@link #GOOD} the one well-behaved). */
  public enum Route {
    /** 200 with {@link #GOOD_BODY}, three records whose totals are {@link #GOOD_TOTALS}. */
    GOOD("/good"),
    /** 200 declaring {@link #DRIP_LENGTH} bytes, then one byte every {@link #DRIP_INTERVAL}. */
    DRIP("/drip"),
    /** 200, {@code Content-Encoding: gzip}, ~4.6 MB that decode to {@link #BOMB_DECODED_LENGTH}. */
    GZIP_BOMB("/gzip-bomb"),
    /** As {@link #GZIP_BOMB} with {@code Content-Encoding: deflate} (zlib format). */
    DEFLATE_BOMB("/deflate-bomb"),
    /** 200 declaring 10,000 bytes; sends 100 then resets the connection (RST). */
    RESET_MID_BODY("/reset-mid-body"),
    /** A status line without a status code ({@code HTTP/1.1 OK}), headers, then close. */
    GARBAGE_STATUS("/garbage-status"),
    /** 302 to itself with {@code ?n=} one higher, every time. */
    REDIRECT_FOREVER("/redirect-forever"),
    /** 200 declaring 1,000 bytes; sends 10 and closes the connection normally (FIN). */
    SHORT_BODY("/short-body"),
    /**
     * 200 declaring {@link #HUGE_DECLARED_LENGTH} bytes and sending them while the client reads.
     */
    HUGE_DECLARED("/huge-declared"),
    /**
     * 200 chunked, {@code [} then {@code {"amount":1},} without end (see {@link #STREAM_LIMIT}).
     */
    HUGE_CHUNKED("/huge-chunked"),
    /** 200, {@link #NESTING_DEPTH} {@code [} then as many {@code ]}. */
    DEEP_NESTING("/deep-nesting"),
    /** 200, a record with amount {@code 1e999999999} and a good one (2 on 2026-11-01). */
    HUGE_EXPONENT("/huge-exponent"),
    /** 200, a record with a {@link #HUGE_DIGITS_COUNT}-digit amount and a good one. */
    HUGE_DIGITS("/huge-digits"),
    /** 200, {@code application/json} whose bytes are not UTF-8. */
    NOT_UTF8("/not-utf8"),
    /** 200 with {@code Content-Length: 0}. */
    EMPTY_200("/empty-200");

    private final String path;

    Route(String path) {
      this.path = path;
    }

    public String path() {
      return path;
    }

    static Route ofPath(String path) {
      for (Route route : values()) {
        if (route.path.equals(path)) return route;
      }
      return null;
    }
  }

  public static final String GOOD_BODY =
      "[{\"id\":\"g1\",\"date\":\"2026-11-01\",\"amount\":\"1.10\"},"
          + "{\"id\":\"g2\",\"date\":\"2026-11-01\",\"amount\":1.10},"
          + "{\"id\":\"g3\",\"date\":\"2026-11-02\",\"amount\":5}]";

  /** What {@link #GOOD_BODY} adds up to, by date. */
  public static final List<DailyTotal> GOOD_TOTALS =
      List.of(
          new DailyTotal("2026-11-01", new BigDecimal("2.20"), 2),
          new DailyTotal("2026-11-02", new BigDecimal("5"), 1));

  public static final String HUGE_EXPONENT_BODY =
      "[{\"date\":\"2026-11-01\",\"amount\":1e999999999}, {\"date\":\"2026-11-01\",\"amount\":2}]";

  /** The one well-formed record of {@link Route#HUGE_EXPONENT}. */
  public static final DailyTotal HUGE_EXPONENT_GOOD_TOTAL =
      new DailyTotal("2026-11-01", new BigDecimal("2"), 1);

  public static final int HUGE_DIGITS_COUNT = 100_000;

  /** The one well-formed record of {@link Route#HUGE_DIGITS}, on a date of its own. */
  public static final DailyTotal HUGE_DIGITS_GOOD_TOTAL =
      new DailyTotal("2026-11-03", new BigDecimal("3"), 1);

  public static final int NESTING_DEPTH = 100_000;
  public static final int DRIP_LENGTH = 1000;
  public static final Duration DRIP_INTERVAL = Duration.ofSeconds(1);

  /** How long a drip goes on if the client never gives up. */
  public static final Duration DRIP_LIMIT = Duration.ofSeconds(120);

  public static final long HUGE_DECLARED_LENGTH = 500L * 1024 * 1024;

  /** Where the endless bodies stop if the client keeps reading: bytes and time. */
  public static final long STREAM_LIMIT = 520L * 1024 * 1024;

  public static final Duration STREAM_TIME_LIMIT = Duration.ofSeconds(60);
  public static final long BOMB_DECODED_LENGTH = 1L << 30;

  private static final int HEAD_LIMIT = 64 * 1024;
  private static final Duration HEAD_READ_TIMEOUT = Duration.ofSeconds(10);
  private static final int HANDLERS = 32;
  private static final int WAITING_CONNECTIONS = 256;
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  /**
   * How long a reset waits after the partial body: a reset discards whatever the client's kernel
   * has not yet handed to it, and without the pause the client might not even see the head.
   */
  private static final Duration PAUSE_BEFORE_RESET = Duration.ofMillis(200);

  private static final byte[] CRLF = {'\r', '\n'};

  /** 64 KB of {@code {"amount":1},} objects, the unit the endless bodies are sent in. */
  private static final byte[] OBJECTS = objects(64 * 1024);

  private final ServerSocket listener;
  private final Thread acceptor;
  private final ThreadPoolExecutor handlers;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Map<Route, AtomicInteger> requests = new EnumMap<>(Route.class);
  private final AtomicInteger unknownRequests = new AtomicInteger();
  private volatile boolean closed;

  private HostileServer(ServerSocket listener) {
    this.listener = listener;
    for (Route route : Route.values()) requests.put(route, new AtomicInteger());
    AtomicInteger threads = new AtomicInteger();
    this.handlers =
        new ThreadPoolExecutor(
            HANDLERS,
            HANDLERS,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(WAITING_CONNECTIONS),
            task -> daemon(task, "hostile-" + threads.incrementAndGet()));
    this.acceptor = daemon(this::acceptUntilClosed, "hostile-accept");
  }

  /** Starts a server on a free port of 127.0.0.1. */
  public static HostileServer start() throws IOException {
    ServerSocket listener = new ServerSocket();
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), WAITING_CONNECTIONS);
    HostileServer server = new HostileServer(listener);
    server.acceptor.start();
    return server;
  }

  public int port() {
    return listener.getLocalPort();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  public String url(Route route) {
    return baseUrl() + route.path();
  }

  /** Requests received for a route so far (a redirect loop counts each hop). */
  public int requests(Route route) {
    return requests.get(route).get();
  }

  /** Requests for paths it does not know (answered 404). */
  public int unknownRequests() {
    return unknownRequests.get();
  }

  /** Stops accepting, cuts every open connection and waits (briefly) for the handlers to end. */
  @Override
  public void close() {
    closed = true;
    closeQuietly(listener);
    for (Socket socket : open) closeQuietly(socket);
    handlers.shutdownNow();
    try {
      handlers.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      acceptor.join(CLOSE_WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void acceptUntilClosed() {
    while (!closed) {
      Socket socket;
      try {
        socket = listener.accept();
      } catch (IOException e) {
        if (closed) return;
        continue; // one failed accept (say, a client that gave up at once) is no reason to stop
      }
      open.add(socket);
      if (closed) {
        // close() may have gone through the open sockets before this one was added
        closeQuietly(socket);
        return;
      }
      try {
        handlers.execute(() -> serve(socket));
      } catch (RejectedExecutionException e) {
        forget(socket);
      }
    }
  }

  private void serve(Socket socket) {
    try {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout((int) HEAD_READ_TIMEOUT.toMillis());
      String requestLine = readRequestLine(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      if (requestLine == null) {
        out.write(response(431, "Request Header Fields Too Large", new byte[0]));
        return;
      }
      String[] parts = requestLine.split(" ");
      if (parts.length != 3) {
        out.write(response(400, "Bad Request", new byte[0]));
        return;
      }
      if (!parts[0].equals("GET")) {
        out.write(response(405, "Method Not Allowed", new byte[0]));
        return;
      }
      String target = parts[1];
      int query = target.indexOf('?');
      Route route = Route.ofPath(query < 0 ? target : target.substring(0, query));
      if (route == null) {
        unknownRequests.incrementAndGet();
        out.write(response(404, "Not Found", new byte[0]));
        return;
      }
      requests.get(route).incrementAndGet();
      answer(route, target, socket, out);
    } catch (IOException e) {
      // The client went away, or close() cut the connection: either way this one is over.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      forget(socket);
    }
  }

  private void answer(Route route, String target, Socket socket, OutputStream out)
      throws IOException, InterruptedException {
    switch (route) {
      case GOOD -> out.write(json(GOOD_BODY.getBytes(StandardCharsets.UTF_8)));
      case DRIP -> drip(out);
      case GZIP_BOMB -> out.write(encoded("gzip", Bombs.Gzip.BODY));
      case DEFLATE_BOMB -> out.write(encoded("deflate", Bombs.Zlib.BODY));
      case RESET_MID_BODY -> resetMidBody(socket, out);
      case GARBAGE_STATUS -> {
        out.write(ascii("HTTP/1.1 OK\r\nContent-Type: application/json\r\n"));
        out.write(ascii("Content-Length: 2\r\nConnection: close\r\n\r\n[]"));
      }
      case REDIRECT_FOREVER -> {
        int hop = hop(target);
        String location = Route.REDIRECT_FOREVER.path() + "?n=" + (hop + 1);
        out.write(head(302, "Found", "Location: " + location, "Content-Length: 0"));
      }
      case SHORT_BODY -> {
        out.write(head(200, "OK", "Content-Type: application/json", "Content-Length: 1000"));
        out.write(ascii("[{\"id\":\"s1"));
      }
      case HUGE_DECLARED -> hugeDeclared(out);
      case HUGE_CHUNKED -> hugeChunked(out);
      case DEEP_NESTING -> out.write(json(deepNesting()));
      case HUGE_EXPONENT -> out.write(json(HUGE_EXPONENT_BODY.getBytes(StandardCharsets.UTF_8)));
      case HUGE_DIGITS -> out.write(json(hugeDigits()));
      case NOT_UTF8 -> out.write(json(notUtf8()));
      case EMPTY_200 -> out.write(json(new byte[0]));
    }
    out.flush();
  }

  private void drip(OutputStream out) throws IOException, InterruptedException {
    out.write(head(200, "OK", "Content-Type: application/json", "Content-Length: " + DRIP_LENGTH));
    out.flush();
    long deadline = System.nanoTime() + DRIP_LIMIT.toNanos();
    // Writing is also how a client that gave up is noticed: the write after its close fails.
    for (int sent = 0; sent < DRIP_LENGTH && !closed && System.nanoTime() < deadline; sent++) {
      out.write(' ');
      out.flush();
      Thread.sleep(DRIP_INTERVAL.toMillis());
    }
  }

  private void resetMidBody(Socket socket, OutputStream out)
      throws IOException, InterruptedException {
    out.write(head(200, "OK", "Content-Type: application/json", "Content-Length: 10000"));
    byte[] part = new byte[100];
    Arrays.fill(part, (byte) ' ');
    out.write(part);
    out.flush();
    Thread.sleep(PAUSE_BEFORE_RESET.toMillis());
    socket.setSoLinger(true, 0); // closing now sends RST instead of FIN
    socket.close();
  }

  private void hugeDeclared(OutputStream out) throws IOException {
    out.write(
        head(
            200,
            "OK",
            "Content-Type: application/json",
            "Content-Length: " + HUGE_DECLARED_LENGTH));
    out.write('[');
    long limit = Math.min(HUGE_DECLARED_LENGTH, STREAM_LIMIT);
    long deadline = System.nanoTime() + STREAM_TIME_LIMIT.toNanos();
    for (long sent = 1; sent < limit && !closed && System.nanoTime() < deadline; ) {
      int length = (int) Math.min(OBJECTS.length, limit - sent);
      out.write(OBJECTS, 0, length);
      sent += length;
    }
  }

  /** Ends, at its limits, by closing the connection: the last chunk is never sent. */
  private void hugeChunked(OutputStream out) throws IOException {
    out.write(head(200, "OK", "Content-Type: application/json", "Transfer-Encoding: chunked"));
    out.write(ascii("1\r\n[\r\n"));
    byte[] chunkSize = ascii(Integer.toHexString(OBJECTS.length) + "\r\n");
    long deadline = System.nanoTime() + STREAM_TIME_LIMIT.toNanos();
    for (long sent = 1; sent < STREAM_LIMIT && !closed && System.nanoTime() < deadline; ) {
      out.write(chunkSize);
      out.write(OBJECTS);
      out.write(CRLF);
      sent += OBJECTS.length;
    }
  }

  /** The first line of the request, once the whole head is read; null if the head is too long. */
  private static String readRequestLine(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int lineLength = 0;
    String requestLine = null;
    while (head.size() < HEAD_LIMIT) {
      int b = in.read();
      if (b < 0) throw new IOException("connection closed inside the request head");
      head.write(b);
      if (b != '\n') {
        if (b != '\r') lineLength++;
        continue;
      }
      if (requestLine == null) {
        requestLine = head.toString(StandardCharsets.ISO_8859_1).strip();
      } else if (lineLength == 0) {
        return requestLine;
      }
      lineLength = 0;
    }
    return null;
  }

  private static int hop(String target) {
    int at = target.indexOf("n=");
    if (at < 0) return 0;
    try {
      return Integer.parseInt(target.substring(at + 2));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static byte[] json(byte[] body) {
    return response(200, "OK", "application/json", body);
  }

  private static byte[] encoded(String encoding, byte[] body) {
    return concat(
        head(
            200,
            "OK",
            "Content-Type: application/json",
            "Content-Encoding: " + encoding,
            "Content-Length: " + body.length),
        body);
  }

  private static byte[] response(int status, String reason, byte[] body) {
    return response(status, reason, "text/plain", body);
  }

  private static byte[] response(int status, String reason, String type, byte[] body) {
    return concat(
        head(status, reason, "Content-Type: " + type, "Content-Length: " + body.length), body);
  }

  /** A status line and headers; every response ends its connection. */
  private static byte[] head(int status, String reason, String... headers) {
    StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason);
    head.append("\r\n");
    for (String header : headers) head.append(header).append("\r\n");
    return ascii(head.append("Connection: close\r\n\r\n").toString());
  }

  private static byte[] deepNesting() {
    byte[] body = new byte[2 * NESTING_DEPTH];
    Arrays.fill(body, 0, NESTING_DEPTH, (byte) '[');
    Arrays.fill(body, NESTING_DEPTH, body.length, (byte) ']');
    return body;
  }

  private static byte[] hugeDigits() {
    return ascii(
        "[{\"date\":\"2026-11-03\",\"amount\":"
            + "9".repeat(HUGE_DIGITS_COUNT)
            + "}, {\"date\":\"2026-11-03\",\"amount\":3}]");
  }

  private static byte[] notUtf8() {
    // 0xC3 0x28: a lead byte followed by a non-continuation byte; 0xFF 0xFE: never in UTF-8.
    return concat(
        ascii("[{\"name\":\""),
        new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xFE},
        ascii("\"}]"));
  }

  private static byte[] objects(int size) {
    byte[] one = ascii("{\"amount\":1},");
    byte[] objects = new byte[size - size % one.length];
    for (int at = 0; at < objects.length; at += one.length) {
      System.arraycopy(one, 0, objects, at, one.length);
    }
    return objects;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (byte[] part : parts) all.writeBytes(part);
    return all.toByteArray();
  }

  private void forget(Socket socket) {
    open.remove(socket);
    closeQuietly(socket);
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // Already closed, or the peer is gone: nothing left to release.
    }
  }

  private static Thread daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }

  /**
   * Bodies that decode to {@link #BOMB_DECODED_LENGTH} zero bytes, about 4.6 MB each, built on
   * first use and kept for the JVM's life.
   *
   * <p>Compressing 1 GiB takes seconds, so only two 1 MiB segments are compressed, each ended with
   * a sync flush (which byte-aligns it): the second starts after a window of zeros, so it decodes
   * to the same 1 MiB of zeros wherever it follows zeros, and is repeated. The container's header
   * and checksum are written here, as the compressor only ever saw 2 MiB.
   *
   * <p>Compressed at the fastest level rather than the best: the best makes a bomb a quarter the
   * size whose every match is one byte back, which inflates some 30 times slower, so a client under
   * test would reach its timeout before its decompression limit.
   */
  static final class Bombs {
    private static final int SEGMENT = 1 << 20;
    private static final int SEGMENTS = (int) (BOMB_DECODED_LENGTH / SEGMENT);

    /** RFC 1952 header: deflate, no flags, no time, unknown OS. */
    private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    /** RFC 1950 header: deflate with a 32 KiB window, fastest compression. */
    private static final byte[] ZLIB_HEADER = {0x78, 0x01};

    static final class Gzip {
      static final byte[] BODY = gzip();
    }

    static final class Zlib {
      static final byte[] BODY = zlib();
    }

    private static byte[] gzip() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(GZIP_HEADER);
      out.writeBytes(deflatedZeros());
      int crc = (int) checksumOfZeros(new CRC32());
      int size = (int) BOMB_DECODED_LENGTH; // ISIZE is the length modulo 2^32
      for (int value : new int[] {crc, size}) {
        for (int shift = 0; shift < 32; shift += 8) out.write(value >>> shift); // little-endian
      }
      return out.toByteArray();
    }

    private static byte[] zlib() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(ZLIB_HEADER);
      out.writeBytes(deflatedZeros());
      int adler = (int) checksumOfZeros(new Adler32());
      for (int shift = 24; shift >= 0; shift -= 8) out.write(adler >>> shift); // big-endian
      return out.toByteArray();
    }

    /** Raw DEFLATE of {@link #BOMB_DECODED_LENGTH} zeros. */
    private static byte[] deflatedZeros() {
      Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
      try {
        byte[] zeros = new byte[SEGMENT];
        byte[] first = deflate(deflater, zeros, Deflater.SYNC_FLUSH);
        byte[] repeated = deflate(deflater, zeros, Deflater.SYNC_FLUSH);
        deflater.finish();
        byte[] last = deflate(deflater, new byte[0], Deflater.NO_FLUSH); // the final, empty block
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(first);
        for (int k = 1; k < SEGMENTS; k++) out.writeBytes(repeated);
        out.writeBytes(last);
        return out.toByteArray();
      } finally {
        deflater.end();
      }
    }

    private static byte[] deflate(Deflater deflater, byte[] input, int flush) {
      deflater.setInput(input);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[64 * 1024];
      // A call that fills the buffer may have more to give; the input is at most 1 MiB, so this
      // ends well within a hundred rounds.
      for (int round = 0; round < 1000; round++) {
        int length = deflater.deflate(buffer, 0, buffer.length, flush);
        out.write(buffer, 0, length);
        if (length < buffer.length && (deflater.needsInput() || deflater.finished())) {
          return out.toByteArray();
        }
      }
      throw new IllegalStateException("deflating 1 MiB did not end");
    }

    private static long checksumOfZeros(Checksum checksum) {
      byte[] zeros = new byte[SEGMENT];
      for (int k = 0; k < SEGMENTS; k++) checksum.update(zeros, 0, zeros.length);
      return checksum.getValue();
    }
  }
}
