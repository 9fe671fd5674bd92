package dev.tributary.demo;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * A small, non-blocking HTTP/1.1 server on 127.0.0.1 that answers every request through a {@link
 * Responder}: the demo API runs on it, and tests use it as a scripted fake server.
 *
 * <p>It ships in the main jar, not with the tests, because the built-in demo API ({@code
 * bin/tributary demo-api}, or a job file's {@code demo:} section) runs on it; the tests reuse it as
 * their scripted server rather than keeping a second one.
 *
 * <p>It counts what it sees so a test can check how a client behaved: {@link #requests()}, {@link
 * #inFlight()} and {@link #peakInFlight()} (requests read but not yet answered), and, when switched
 * on with {@link #recordPaths(boolean)}, requests per path; a listener set with {@link #onAnswered}
 * sees when each request was read and when its answer was written.
 *
 * <p>Responses on one connection are written as they become ready; clients that pipeline requests
 * with different delays would see them out of order (neither AsyncHttpClient nor the JDK client
 * pipelines).
 */
public final class LoopbackHttpServer implements AutoCloseable {

  /** Worker event-loop threads when none are given. */
  public static final int DEFAULT_WORKER_THREADS = 2;

  /** How long a hanging request is held before its connection is closed, when not given. */
  public static final Duration DEFAULT_HANG_LIMIT = Duration.ofSeconds(60);

  /** The request header a client uses to number its attempts at one request (1-based). */
  public static final String ATTEMPT_HEADER = "X-Tributary-Attempt";

  private static final int MAX_REQUEST_BYTES = 1 << 20;
  private static final long SHUTDOWN_WAIT_MILLIS = 5_000;

  /** Decides the answer to one request. Called on an event loop: it must not block. */
  @FunctionalInterface
  public interface Responder {
    Reply reply(Request request);
  }

  /**
   * One request as the responder sees it.
   *
   * @param path the decoded path, without the query string
   * @param attempt from the {@value #ATTEMPT_HEADER} header; 1 when missing or not a positive
   *     number
   */
  public record Request(String method, String path, int attempt, HttpHeaders headers) {}

  /**
   * One answer: a status, headers and body, written after {@code delay}; or no answer at all, when
   * {@code hangs} (the connection is closed after the server's hang limit or when the client
   * leaves; the component is not called {@code hang} because {@link #hang()} makes one). The server
   * adds {@code Content-Length}. The body array is sent as is, never copied: do not change it after
   * handing it over.
   */
  public record Reply(
      int status, Map<String, String> headers, byte[] body, Duration delay, boolean hangs) {

    private static final Map<String, String> JSON_HEADERS =
        Map.of("Content-Type", "application/json");
    private static final Reply HANG = new Reply(0, Map.of(), new byte[0], Duration.ZERO, true);

    public Reply {
      headers = Map.copyOf(headers); // free when already immutable, as in the helpers
      Objects.requireNonNull(body, "body");
      Objects.requireNonNull(delay, "delay");
      if (delay.isNegative())
        throw new IllegalArgumentException("delay must not be negative, got " + delay);
      if (!hangs && (status < 100 || status > 599)) {
        throw new IllegalArgumentException("status must be 100..599, got " + status);
      }
    }

    /** A JSON answer, sent at once. */
    public static Reply json(int status, String body) {
      return json(status, body.getBytes(StandardCharsets.UTF_8));
    }

    /** A JSON answer from already encoded bytes, sent at once. */
    public static Reply json(int status, byte[] body) {
      return new Reply(status, JSON_HEADERS, body, Duration.ZERO, false);
    }

    /** No answer: the request is held until the hang limit or until the client disconnects. */
    public static Reply hang() {
      return HANG;
    }

    /** The same answer, written {@code delay} after the request was read. */
    public Reply after(Duration delay) {
      return new Reply(status, headers, body, delay, hangs);
    }

    /** The same answer with one more header (replacing one of the same name). */
    public Reply withHeader(String name, String value) {
      Map<String, String> more = new LinkedHashMap<>(headers);
      more.put(name, value);
      return new Reply(status, more, body, delay, hangs);
    }
  }

  /**
   * One answered request as the server saw it: when it was read and when its answer was written
   * ({@link System#nanoTime()}).
   */
  public record Exchange(String path, int status, long receivedNanos, long answeredNanos) {}

  private final Responder responder;
  private final long hangLimitMillis;
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private final Channel serverChannel;
  private final int port;
  private final AtomicBoolean closed = new AtomicBoolean();

  private final LongAdder requests = new LongAdder();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger peakInFlight = new AtomicInteger();
  private final Map<String, AtomicInteger> perPath = new ConcurrentHashMap<>();
  private volatile boolean recordPaths;
  private volatile Consumer<Exchange> answered;

  private LoopbackHttpServer(int port, int workerThreads, Duration hangLimit, Responder responder) {
    if (port < 0 || port > 65535)
      throw new IllegalArgumentException("port must be 0..65535, got " + port);
    if (workerThreads < 1)
      throw new IllegalArgumentException("worker threads must be at least 1, got " + workerThreads);
    if (hangLimit.isNegative())
      throw new IllegalArgumentException("hang limit must not be negative, got " + hangLimit);
    this.responder = Objects.requireNonNull(responder, "responder");
    this.hangLimitMillis = hangLimit.toMillis();
    this.boss =
        new MultiThreadIoEventLoopGroup(
            1, new DefaultThreadFactory("loopback-http-boss", true), NioIoHandler.newFactory());
    this.workers =
        new MultiThreadIoEventLoopGroup(
            workerThreads,
            new DefaultThreadFactory("loopback-http", true),
            NioIoHandler.newFactory());
    try {
      ServerBootstrap bootstrap =
          new ServerBootstrap()
              .group(boss, workers)
              .channel(NioServerSocketChannel.class)
              .option(ChannelOption.SO_BACKLOG, 1024)
              .option(ChannelOption.SO_REUSEADDR, true)
              .childOption(ChannelOption.TCP_NODELAY, true)
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      channels.add(ch);
                      ch.pipeline()
                          .addLast(new HttpServerCodec())
                          .addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES))
                          .addLast(new ConnectionHandler());
                    }
                  });
      this.serverChannel =
          bootstrap
              .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
              .syncUninterruptibly()
              .channel();
    } catch (RuntimeException e) {
      shutDownGroups();
      throw e;
    }
    this.port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
  }

  /**
   * Starts a server on 127.0.0.1:{@code port} (0 picks a free port) with the default worker
   * threads.
   */
  public static LoopbackHttpServer start(int port, Responder responder) {
    return start(port, DEFAULT_WORKER_THREADS, DEFAULT_HANG_LIMIT, responder);
  }

  /** Starts a server on 127.0.0.1:{@code port} (0 picks a free port). */
  public static LoopbackHttpServer start(int port, int workerThreads, Responder responder) {
    return start(port, workerThreads, DEFAULT_HANG_LIMIT, responder);
  }

  /**
   * Starts a server on 127.0.0.1:{@code port} (0 picks a free port).
   *
   * @param hangLimit how long a {@link Reply#hang()} holds its connection before closing it
   */
  public static LoopbackHttpServer start(
      int port, int workerThreads, Duration hangLimit, Responder responder) {
    return new LoopbackHttpServer(port, workerThreads, hangLimit, responder);
  }

  /** The port the server listens on (the chosen one when started with port 0). */
  public int port() {
    return port;
  }

  /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** Requests received since start or the last {@link #resetCounters()}. */
  public long requests() {
    return requests.sum();
  }

  /** Requests read but not yet answered (a hanging request counts until its connection closes). */
  public int inFlight() {
    return inFlight.get();
  }

  /** The most requests ever in flight at once since start or the last {@link #resetCounters()}. */
  public int peakInFlight() {
    return peakInFlight.get();
  }

  /**
   * Zeroes the request count and the per-path counts; the peak restarts from what is in flight now.
   * Requests in flight stay counted.
   */
  public void resetCounters() {
    requests.reset();
    perPath.clear();
    peakInFlight.set(inFlight.get());
  }

  /**
   * Switches counting requests per path on or off (off by default, so a long benchmark does not
   * grow a map).
   */
  public LoopbackHttpServer recordPaths(boolean on) {
    this.recordPaths = on;
    return this;
  }

  /**
   * Calls {@code listener} on an event loop for each answer written from now on (not for hanging
   * requests, nor for answers whose connection closed first); null stops it. The listener must not
   * block.
   */
  public LoopbackHttpServer onAnswered(Consumer<Exchange> listener) {
    this.answered = listener;
    return this;
  }

  /**
   * Requests received for {@code path} while path recording was on.
   *
   * @throws IllegalStateException when path recording is off, so a test cannot read a silent 0
   */
  public int requestsFor(String path) {
    if (!recordPaths)
      throw new IllegalStateException("path recording is off: call recordPaths(true) first");
    AtomicInteger count = perPath.get(path);
    return count == null ? 0 : count.get();
  }

  /**
   * Closes every connection (hanging ones included) and stops the event loops, waiting up to 5 s.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) return;
    serverChannel.close().awaitUninterruptibly(SHUTDOWN_WAIT_MILLIS);
    channels.close().awaitUninterruptibly(SHUTDOWN_WAIT_MILLIS);
    shutDownGroups();
  }

  private void shutDownGroups() {
    workers.shutdownGracefully(0, SHUTDOWN_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    boss.shutdownGracefully(0, SHUTDOWN_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    workers.terminationFuture().awaitUninterruptibly(SHUTDOWN_WAIT_MILLIS);
    boss.terminationFuture().awaitUninterruptibly(SHUTDOWN_WAIT_MILLIS);
  }

  /** The decoded path of a request URI, without query or fragment. */
  static String path(String uri) {
    // The decoder's work is only needed for escapes; most benchmark URIs have none.
    if (uri.indexOf('%') >= 0) return new QueryStringDecoder(uri).path();
    int end = uri.length();
    int query = uri.indexOf('?');
    if (query >= 0) end = query;
    int fragment = uri.indexOf('#');
    if (fragment >= 0 && fragment < end) end = fragment;
    return uri.substring(0, end);
  }

  static int parseAttempt(String header) {
    if (header == null) return 1;
    try {
      int attempt = Integer.parseInt(header.trim());
      return attempt >= 1 ? attempt : 1;
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  private void received(String path) {
    requests.increment();
    int now = inFlight.incrementAndGet();
    if (now > peakInFlight.get()) peakInFlight.accumulateAndGet(now, Math::max);
    if (recordPaths) perPath.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
  }

  /** One request read but not answered yet. Touched only on its connection's event loop. */
  private final class Pending {
    private final String path;
    private final long receivedNanos;
    private boolean finished;

    Pending(String path, long receivedNanos) {
      this.path = path;
      this.receivedNanos = receivedNanos;
    }

    /** Leaves the in-flight count exactly once, whether answered or dropped with its connection. */
    boolean finish() {
      if (finished) return false;
      finished = true;
      inFlight.decrementAndGet();
      return true;
    }
  }

  /**
   * Per-connection handler: reads whole requests, asks the responder, writes (or withholds)
   * answers.
   */
  private final class ConnectionHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final List<Pending> pending = new ArrayList<>(1);
    private ScheduledFuture<?> hangLimitTimer;

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      if (request.decoderResult().isFailure()) {
        ctx.writeAndFlush(plain(HttpResponseStatus.BAD_REQUEST, "bad request"))
            .addListener(ChannelFutureListener.CLOSE);
        return;
      }
      String path = path(request.uri());
      received(path);
      // Read only with a listener: the throughput benchmarks need no clock per request.
      Pending p = new Pending(path, answered == null ? 0 : System.nanoTime());
      pending.add(p);
      boolean keepAlive = HttpUtil.isKeepAlive(request);
      boolean http10 = HttpVersion.HTTP_1_0.equals(request.protocolVersion());
      Reply reply;
      try {
        reply =
            responder.reply(
                new Request(
                    request.method().name(),
                    path,
                    parseAttempt(request.headers().get(ATTEMPT_HEADER)),
                    request.headers()));
      } catch (RuntimeException e) {
        reply =
            new Reply(
                500,
                Map.of("Content-Type", "text/plain; charset=utf-8"),
                ("responder failed: " + e).getBytes(StandardCharsets.UTF_8),
                Duration.ZERO,
                false);
      }
      if (reply.hangs()) {
        // Held without an answer; channelInactive takes it out of the in-flight count.
        if (hangLimitMillis > 0) {
          if (hangLimitTimer == null) {
            hangLimitTimer =
                ctx.executor().schedule(() -> ctx.close(), hangLimitMillis, TimeUnit.MILLISECONDS);
          }
        } else {
          ctx.close();
        }
        return;
      }
      Reply answer = reply;
      long delayMillis = answer.delay().toMillis();
      if (delayMillis <= 0) {
        answer(ctx, p, answer, keepAlive, http10);
      } else {
        ctx.executor()
            .schedule(
                () -> answer(ctx, p, answer, keepAlive, http10),
                delayMillis,
                TimeUnit.MILLISECONDS);
      }
    }

    private void answer(
        ChannelHandlerContext ctx, Pending p, Reply reply, boolean keepAlive, boolean http10) {
      pending.remove(p);
      // Counted out before the write: a client that sends its next request on reading this answer
      // must never be seen as one more request in flight.
      if (!p.finish() || !ctx.channel().isActive()) return;
      FullHttpResponse response =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1,
              HttpResponseStatus.valueOf(reply.status()),
              Unpooled.wrappedBuffer(reply.body()));
      HttpHeaders headers = response.headers();
      for (Map.Entry<String, String> h : reply.headers().entrySet())
        headers.set(h.getKey(), h.getValue());
      headers.setInt(HttpHeaderNames.CONTENT_LENGTH, reply.body().length);
      Consumer<Exchange> listener = answered;
      if (listener != null) {
        listener.accept(new Exchange(p.path, reply.status(), p.receivedNanos, System.nanoTime()));
      }
      if (keepAlive) {
        if (http10) {
          // HTTP/1.0 closes after each answer unless told otherwise.
          headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        ctx.writeAndFlush(response, ctx.voidPromise());
      } else {
        headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      for (Pending p : pending) p.finish();
      pending.clear();
      if (hangLimitTimer != null) hangLimitTimer.cancel(false);
      super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      // Mostly clients resetting connections; nothing to answer, nothing worth logging.
      ctx.close();
    }
  }

  private static FullHttpResponse plain(HttpResponseStatus status, String text) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    response
        .headers()
        .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
        .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
        .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    return response;
  }
}
