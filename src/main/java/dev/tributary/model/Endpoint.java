package dev.tributary.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;

/**
 * One HTTP endpoint to fetch: a name the user chose (it tags every record) and the URL to GET.
 *
 * @param round the poll round this fetch belongs to, counted from 1; 0 when the job does not poll
 * @param polledAtMillis wall-clock time the round started, 0 when the job does not poll
 */
public record Endpoint(String name, String url, long round, long polledAtMillis)
    implements Serializable {

  /** An endpoint fetched once, not polled; also how the job file's endpoints are read. */
  @JsonCreator
  public Endpoint(@JsonProperty("name") String name, @JsonProperty("url") String url) {
    this(name, url, 0, 0);
  }

  /** This endpoint as fetched in poll round {@code round}, which started at {@code startMillis}. */
  public Endpoint inRound(long round, long startMillis) {
    return new Endpoint(name, url, round, startMillis);
  }

  public boolean polled() {
    return round > 0;
  }
}
