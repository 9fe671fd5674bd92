package dev.tributary.fetch;

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
  private final DefaultSslEngineFactory tls = new DefaultSslEngineFactory();
  private AsyncHttpClientConfig config;
  private boolean initialised;

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
