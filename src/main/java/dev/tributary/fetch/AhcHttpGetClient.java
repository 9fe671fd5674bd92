package dev.tributary.fetch;

import dev.tributary.config.HttpConfig;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.asynchttpclient.AsyncHttpClient;
import org.asynchttpclient.AsyncHttpClientConfig.ResponseBodyPartFactory;
import org.asynchttpclient.BoundRequestBuilder;
import org.asynchttpclient.DefaultAsyncHttpClient;
import org.asynchttpclient.DefaultAsyncHttpClientConfig;

/** {@link HttpGetClient} on AsyncHttpClient, with an event-loop group of its own. */
public final class AhcHttpGetClient implements HttpGetClient {
  private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);

  private final NioEventLoopGroup eventLoop;
  private final AsyncHttpClient client;
  private final long maxResponseBytes;
  private final String attemptHeader;
  private final HeadersByHost headers;
  private final boolean anyOwnHeaders;
  private final Redactor redactor;
  private final AllowedHosts allowedHosts;
  private final int maxRedirects;

  /** A client with no headers of its own, any host allowed, following up to 5 redirects. */
  public AhcHttpGetClient(
      int ioThreads,
      Duration connectTimeout,
      long maxResponseBytes,
      String attemptHeader,
      String threadName) {
    this(
        ioThreads,
        connectTimeout,
        maxResponseBytes,
        attemptHeader,
        threadName,
        HeadersByHost.sameForAllHosts(Map.of()),
        new Redactor(List.of()),
        AllowedHosts.any(),
        HttpConfig.DEFAULT_MAX_REDIRECTS,
        null);
  }

  /**
   * @param ioThreads Netty I/O threads; one handles thousands of connections, and on a small
   *     machine more only compete with Flink's task threads for the cores
   * @param connectTimeout how long to wait for a connection
   * @param maxResponseBytes largest body accepted (decoded size); a larger one fails its request
   * @param attemptHeader header that carries the attempt number; null for none
   * @param headers sent with requests; those for every host that {@code redactor} hides are dropped
   *     on a redirect to another origin (scheme, host, port), as browsers and curl drop
   *     credentials, while a host's own go to it however it is reached
   * @param allowedHosts where requests and redirects may go
   * @param maxRedirects redirects followed in a row; 0: a 3xx is the answer
   * @param extraCaPem certificates (PEM) trusted for TLS besides the JVM's own; null: none
   */
  @SuppressWarnings("deprecation") // AHC recognises only NioEventLoopGroup as a group passed in
  AhcHttpGetClient(
      int ioThreads,
      Duration connectTimeout,
      long maxResponseBytes,
      String attemptHeader,
      String threadName,
      HeadersByHost headers,
      Redactor redactor,
      AllowedHosts allowedHosts,
      int maxRedirects,
      String extraCaPem) {
    this.maxResponseBytes = maxResponseBytes;
    this.attemptHeader = attemptHeader;
    this.headers = Objects.requireNonNull(headers, "headers");
    this.anyOwnHeaders = headers.anyOwn();
    this.redactor = Objects.requireNonNull(redactor, "redactor");
    this.allowedHosts = Objects.requireNonNull(allowedHosts, "allowedHosts");
    this.maxRedirects = maxRedirects;
    // Our own group, shut down and awaited in close(): AHC's own group stops asynchronously, and on
    // a cluster its threads would then run after Flink closed the job's class loader.
    this.eventLoop = new NioEventLoopGroup(ioThreads, new DefaultThreadFactory(threadName, true));
    DefaultAsyncHttpClientConfig config =
        new DefaultAsyncHttpClientConfig.Builder()
            .setEventLoopGroup(eventLoop)
            .setConnectTimeout(connectTimeout)
            // Redirects are followed by PendingGet, which checks each Location against
            // http.allowHosts before anything is sent there; AHC's own following cannot refuse.
            .setFollowRedirect(false)
            // Retries are ours to count and to space out; AHC's silent ones would do neither.
            .setMaxRequestRetry(0)
            .setKeepAlive(true)
            .setTcpNoDelay(true)
            .setThreadPoolName(threadName)
            .setSslEngineFactory(new LazySslEngineFactory(extraCaPem))
            // Body parts handed over as Netty's own buffers, copied once into the body.
            .setResponseBodyPartFactory(ResponseBodyPartFactory.LAZY)
            // AsyncHttpClient's own bound on a decoded body; ours (BoundedBodyHandler) fires first.
            .setMaxDecompressedResponseSize(saturatedDouble(maxResponseBytes))
            .build();
    this.client = new DefaultAsyncHttpClient(config);
    initialiseWhatTheFirstRequestWould();
  }

  /**
   * Builds a request and takes a buffer from Netty's pool without sending anything: in a fresh JVM
   * the first request otherwise pays for loading and initialising both (Netty's pool starts JFR
   * events), and it lands inside the fetch, delaying the first wave of requests by ~0.1 s.
   */
  private void initialiseWhatTheFirstRequestWould() {
    client.prepareGet("http://127.0.0.1/").build();
    ByteBufAllocator.DEFAULT.directBuffer(1).release();
  }

  /** The connect timeout AsyncHttpClient was given, for tests. */
  Duration connectTimeout() {
    return client.getConfig().getConnectTimeout();
  }

  @Override
  public Cancellable get(String url, int attempt, Duration timeout, Listener listener) {
    // Sent from the client's own I/O thread rather than the caller's (Flink's task thread):
    // building a request and opening a connection cost up to a millisecond each in a fresh JVM,
    // and with a thousand requests to start, the last went out after the first answers came.
    PendingGet get = new PendingGet(url, attempt, timeout, listener);
    eventLoop.execute(get::send);
    return get;
  }

  /**
   * One GET handed to the I/O thread, with the redirects it follows; it can be called off before or
   * after it is sent. Runs on the client's single I/O thread except for {@link #cancel()}.
   */
  private final class PendingGet implements Cancellable {
    private final String firstUrl;
    private final int attempt;
    private final Listener listener;
    private final long deadlineNanos;
    private String url;
    private int redirects;
    private volatile boolean calledOff;
    private volatile Future<?> inFlight;

    PendingGet(String url, int attempt, Duration timeout, Listener listener) {
      this.firstUrl = url;
      this.url = url;
      this.attempt = attempt;
      this.listener = listener;
      // The attempt's timeout covers its redirects too, as it did when AHC followed them.
      this.deadlineNanos = System.nanoTime() + timeout.toNanos();
    }

    void send() {
      if (calledOff) return;
      long remaining = deadlineNanos - System.nanoTime();
      if (remaining <= 0) {
        listener.onError(new TimeoutException("request timeout while following redirects"));
        return;
      }
      try {
        inFlight = execute(this, Duration.ofNanos(remaining));
      } catch (RuntimeException e) {
        // AsyncHttpClient rejects some URLs only when it builds the request.
        listener.onError(new UnsendableRequestException(e));
        return;
      }
      if (calledOff) inFlight.cancel(true); // called off while it was being sent
    }

    /** A 3xx with a Location: refused, or followed with the same attempt's remaining time. */
    void follow(String location) {
      if (calledOff) return;
      String next;
      try {
        next = URI.create(url).resolve(location.strip()).toString();
      } catch (IllegalArgumentException e) {
        listener.onError(RefusedUrlException.outOfScope("redirect to a malformed url"));
        return;
      }
      if (redirects >= maxRedirects) {
        listener.onError(RefusedUrlException.tooManyRedirects(maxRedirects));
        return;
      }
      String problem = Urls.problemWith(next, allowedHosts);
      if (problem != null) {
        listener.onError(RefusedUrlException.outOfScope("redirect refused: " + problem));
        return;
      }
      redirects++;
      url = next;
      send();
    }

    Origin origin() {
      return Origin.of(url);
    }

    /**
     * Whether this hop is no less private than the first: a redirect from https to plain http would
     * show a host's own headers (its keys) to anyone on the way.
     */
    boolean keepsItsTransport() {
      return redirects == 0
          || "https".equalsIgnoreCase(URI.create(url).getScheme())
          || "http".equalsIgnoreCase(URI.create(firstUrl).getScheme());
    }

    boolean sameOriginAsFirst() {
      return redirects == 0 || Origin.of(firstUrl).equals(origin());
    }

    @Override
    public void cancel() {
      calledOff = true;
      Future<?> sent = inFlight;
      if (sent != null) sent.cancel(true);
    }
  }

  private Future<?> execute(PendingGet get, Duration timeout) {
    BoundRequestBuilder request = client.prepareGet(get.url).setRequestTimeout(timeout);
    boolean sameOrigin = get.sameOriginAsFirst();
    headers
        .everywhere()
        .forEach(
            (name, value) -> {
              if (sameOrigin || !redactor.hides(name)) request.setHeader(name, value);
            });
    if (anyOwnHeaders && get.keepsItsTransport()) {
      headers.own(get.origin()).forEach(request::setHeader);
    }
    if (attemptHeader != null) request.setHeader(attemptHeader, Integer.toString(get.attempt));
    BoundedBodyHandler.Redirects redirects = maxRedirects == 0 ? null : get::follow;
    return request.execute(new BoundedBodyHandler(maxResponseBytes, get.listener, redirects));
  }

  private static long saturatedDouble(long bytes) {
    return bytes > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : 2 * bytes;
  }

  @Override
  public Cancellable schedule(Runnable task, Duration delay) {
    Future<?> scheduled = eventLoop.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    return () -> scheduled.cancel(false);
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (Exception e) {
      // Closing is best effort; the event loop below is what must stop.
    }
    eventLoop
        .shutdownGracefully(0, SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS)
        .awaitUninterruptibly(SHUTDOWN_WAIT.toMillis());
  }
}
