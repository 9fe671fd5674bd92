package dev.tributary.model;

/**
 * What fetching one endpoint came to: the body of its successful response, or why it failed.
 *
 * @param endpoint the endpoint fetched
 * @param body the body of the 2xx response; {@code null} when the endpoint failed
 * @param failure why the endpoint failed (status, timeout, connection refused, ...); {@code null}
 *     on success
 * @param attempts requests sent for this endpoint (0 when its URL could not be requested at all)
 * @param lastStatus HTTP status of the last response, 0 when no response came
 * @param firstSentMillis wall-clock time the first request was sent, 0 when none was
 * @param finishedMillis wall-clock time the endpoint was settled
 */
public record FetchResult(
    Endpoint endpoint,
    byte[] body,
    String failure,
    int attempts,
    int lastStatus,
    long firstSentMillis,
    long finishedMillis) {

  public static FetchResult success(
      Endpoint endpoint, byte[] body, int attempts, int status, long firstSent, long finished) {
    return new FetchResult(endpoint, body, null, attempts, status, firstSent, finished);
  }

  public static FetchResult failure(
      Endpoint endpoint,
      String reason,
      int attempts,
      int lastStatus,
      long firstSent,
      long finished) {
    return new FetchResult(endpoint, null, reason, attempts, lastStatus, firstSent, finished);
  }

  public boolean succeeded() {
    return failure == null;
  }
}
