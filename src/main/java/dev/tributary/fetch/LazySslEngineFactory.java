package dev.tributary.fetch;

import io.netty.handler.ssl.SslContextBuilder;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import org.asynchttpclient.AsyncHttpClientConfig;
import org.asynchttpclient.SslEngineFactory;
import org.asynchttpclient.netty.ssl.DefaultSslEngineFactory;

/**
 * AsyncHttpClient's own TLS set-up, made at the first https connection instead of when the client
 * is made. Building the SSL context (JSSE providers, the trust store) took ~0.1 s of the task
 * thread before the first request could go out, and a job of http:// endpoints never needs it.
 */
final class LazySslEngineFactory implements SslEngineFactory {
  private final DefaultSslEngineFactory tls;
  private AsyncHttpClientConfig config;
  private boolean initialised;

  LazySslEngineFactory() {
    this(null);
  }

  /**
   * @param extraCaPem certificates (PEM) trusted besides the JVM's own; null: the JVM's only.
   *     Certificates are still verified, and host names checked, either way.
   */
  LazySslEngineFactory(String extraCaPem) {
    this.tls =
        extraCaPem == null
            ? new DefaultSslEngineFactory()
            : new DefaultSslEngineFactory() {
              @Override
              protected SslContextBuilder configureSslContextBuilder(SslContextBuilder builder) {
                return builder.trustManager(TrustStores.withExtra(extraCaPem));
              }
            };
  }

  @Override
  public synchronized void init(AsyncHttpClientConfig config) {
    this.config = config;
  }

  @Override
  public SSLEngine newSslEngine(AsyncHttpClientConfig config, String peerHost, int peerPort) {
    return initialised().newSslEngine(config, peerHost, peerPort);
  }

  @Override
  public SSLEngine newSslEngine(
      AsyncHttpClientConfig config, String peerHost, int peerPort, boolean http2Allowed) {
    return initialised().newSslEngine(config, peerHost, peerPort, http2Allowed);
  }

  @Override
  public synchronized void destroy() {
    if (initialised) tls.destroy();
  }

  private synchronized SslEngineFactory initialised() {
    if (!initialised) {
      try {
        tls.init(config);
      } catch (SSLException e) {
        // Fails this connection's request (a dead letter with the reason), not the client.
        throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
      }
      initialised = true;
    }
    return tls;
  }
}
