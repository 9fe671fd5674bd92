package dev.tributary.fetch;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Arrays;
import org.asynchttpclient.AsyncHandler;
import org.asynchttpclient.HttpResponseBodyPart;
import org.asynchttpclient.HttpResponseStatus;

/**
 * Receives one response for an {@link HttpGetClient.Listener}, holding at most {@code maxBytes} of
 * its body: a larger body, declared or streamed (decoded, for gzip and deflate), is cut off as it
 * arrives and reported as a {@link ResponseTooLargeException}, so no answer can fill the heap.
 *
 * <p>Only a 2xx body is kept; the body of any other status is counted against the limit and
 * dropped, since nothing reads it.
 */
final class BoundedBodyHandler implements AsyncHandler<Void> {
  private static final int FIRST_BUFFER_BYTES = 8 * 1024;

  /**
   * The most allocated up front for a declared length: a server may declare a large body and send
   * it slowly, or never, and many requests are in flight at once.
   */
  private static final int MAX_PREALLOCATED_BYTES = 1024 * 1024;

  /** Takes over a redirect's {@code Location} instead of the listener hearing the 3xx. */
  @FunctionalInterface
  interface Redirects {
    void follow(String location);
  }

  private final long maxBytes;
  private final HttpGetClient.Listener listener;
  private final Redirects redirects;

  private int status;
  private String retryAfter;
  private String location;
  private boolean keepBody;
  private boolean tooLarge;
  private long received;
  private byte[] body = new byte[0];

  BoundedBodyHandler(long maxBytes, HttpGetClient.Listener listener) {
    this(maxBytes, listener, null);
  }

  /**
   * @param redirects follows a redirect (301, 302, 303, 307, 308 with a Location); null: none
   */
  BoundedBodyHandler(long maxBytes, HttpGetClient.Listener listener, Redirects redirects) {
    this.maxBytes = maxBytes;
    this.listener = listener;
    this.redirects = redirects;
  }

  @Override
  public State onStatusReceived(HttpResponseStatus responseStatus) {
    status = responseStatus.getStatusCode();
    keepBody = status >= 200 && status < 300;
    return State.CONTINUE;
  }

  @Override
  public State onHeadersReceived(HttpHeaders headers) {
    retryAfter = headers.get(HttpHeaderNames.RETRY_AFTER);
    if (isRedirect(status)) location = headers.get(HttpHeaderNames.LOCATION);
    long declared = declaredLength(headers);
    if (declared > maxBytes && !headers.contains(HttpHeaderNames.CONTENT_ENCODING)) {
      tooLarge = true;
      return State.ABORT;
    }
    if (keepBody && declared > 0 && !headers.contains(HttpHeaderNames.CONTENT_ENCODING)) {
      body = new byte[(int) Math.min(declared, MAX_PREALLOCATED_BYTES)];
    }
    return State.CONTINUE;
  }

  @Override
  public State onBodyPartReceived(HttpResponseBodyPart part) {
    ByteBuf bytes = part.getBodyByteBuf();
    int length = bytes.readableBytes();
    if (received + length > maxBytes) {
      tooLarge = true;
      return State.ABORT;
    }
    if (keepBody) {
      ensureRoom(received + length);
      bytes.getBytes(bytes.readerIndex(), body, (int) received, length);
    }
    received += length;
    return State.CONTINUE;
  }

  /** Grows the body buffer by doubling, never beyond the limit. */
  private void ensureRoom(long needed) {
    if (needed <= body.length) return;
    long grown = Math.max(needed, Math.max(FIRST_BUFFER_BYTES, 2L * body.length));
    body = Arrays.copyOf(body, (int) Math.min(grown, Math.min(maxBytes, Integer.MAX_VALUE - 8)));
  }

  @Override
  public Void onCompleted() {
    if (tooLarge) {
      listener.onError(new ResponseTooLargeException(maxBytes, status));
    } else if (redirects != null && location != null) {
      redirects.follow(location);
    } else {
      byte[] kept = body.length == received ? body : Arrays.copyOf(body, (int) received);
      listener.onResponse(status, retryAfter, keepBody ? kept : new byte[0]);
    }
    return null;
  }

  @Override
  public void onThrowable(Throwable error) {
    listener.onError(error);
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static long declaredLength(HttpHeaders headers) {
    String value = headers.get(HttpHeaderNames.CONTENT_LENGTH);
    if (value == null) return -1;
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return -1; // Netty's decoder has refused such a response before it gets here
    }
  }
}
