package dev.tributary.fetch;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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

  /**
   * @param ioThreads Netty I/O threads; one handles thousands of connections, and on a small
   *     machine more only compete with Flink's task threads for the cores
   * @param connectTimeout how long to wait for a connection
   * @param maxResponseBytes largest body accepted (decoded size); a larger one fails its request
   * @param attemptHeader header that carries the attempt number; null for none
   */
  @SuppressWarnings("deprecation") // AHC recognises only NioEventLoopGroup as a group passed in
  public AhcHttpGetClient(
      int ioThreads,
      Duration connectTimeout,
      long maxResponseBytes,
      String attemptHeader,
      String threadName) {
    this.maxResponseBytes = maxResponseBytes;
    this.attemptHeader = attemptHeader;
    // Our own group, shut down and awaited in close(): AHC's own group stops asynchronously, and on
    // a cluster its threads would then run after Flink closed the job's class loader.
    this.eventLoop = new NioEventLoopGroup(ioThreads, new DefaultThreadFactory(threadName, true));
    DefaultAsyncHttpClientConfig config =
        new DefaultAsyncHttpClientConfig.Builder()
            .setEventLoopGroup(eventLoop)
            .setConnectTimeout(connectTimeout)
            .setFollowRedirect(true)
            // Retries are ours to count and to space out; AHC's silent ones would do neither.
            .setMaxRequestRetry(0)
            .setKeepAlive(true)
            .setTcpNoDelay(true)
            .setThreadPoolName(threadName)
            .setSslEngineFactory(new LazySslEngineFactory())
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

  /** One GET handed to the I/O thread; it can be called off before or after it is sent. */
  private final class PendingGet implements Cancellable {
    private final String url;
    private final int attempt;
    private final Duration timeout;
    private final Listener listener;
    private volatile boolean calledOff;
    private volatile Future<?> inFlight;

    PendingGet(String url, int attempt, Duration timeout, Listener listener) {
      this.url = url;
      this.attempt = attempt;
      this.timeout = timeout;
      this.listener = listener;
    }

    void send() {
      if (calledOff) return;
      try {
        inFlight = execute(url, attempt, timeout, listener);
      } catch (RuntimeException e) {
        // AsyncHttpClient rejects some URLs only when it builds the request.
        listener.onError(new UnsendableRequestException(e));
        return;
      }
      if (calledOff) inFlight.cancel(true); // called off while it was being sent
    }

    @Override
    public void cancel() {
      calledOff = true;
      Future<?> sent = inFlight;
      if (sent != null) sent.cancel(true);
    }
  }

  private Future<?> execute(String url, int attempt, Duration timeout, Listener listener) {
    BoundRequestBuilder request = client.prepareGet(url).setRequestTimeout(timeout);
    if (attemptHeader != null) request.setHeader(attemptHeader, Integer.toString(attempt));
    return request.execute(new BoundedBodyHandler(maxResponseBytes, listener));
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
