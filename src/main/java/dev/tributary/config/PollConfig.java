package dev.tributary.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.time.Duration;

/**
 * The job file's {@code source.poll:} section: every endpoint is fetched again each {@code every},
 * forever or {@code times} rounds; valid once constructed.
 *
 * @param every the time from the start of one round to the start of the next; at least {@link
 *     #MIN_EVERY}
 * @param times rounds before the job ends, at least 1; {@link #FOREVER} when not given
 */
public record PollConfig(Duration every, long times) implements Serializable {

  /** Rounds closer than this would poll as fast as the APIs answer: a typo, not a schedule. */
  public static final Duration MIN_EVERY = Duration.ofMillis(100);

  /** {@code times} of a job that polls until it is stopped. */
  public static final long FOREVER = Long.MAX_VALUE;

  public PollConfig {
    ConfigValues.atLeast("every", every, MIN_EVERY);
    if (times < 1) throw new ConfigException("times", "must be at least 1, got " + times);
  }

  /** The section as the job file gives it: {@code every} is required. */
  @JsonCreator
  static PollConfig of(@JsonProperty("every") String every, @JsonProperty("times") Long times) {
    if (every == null) throw new ConfigException("every", "missing (e.g. every: 1m)");
    return new PollConfig(
        ConfigValues.duration("every", every, null), times == null ? FOREVER : times);
  }

  public boolean forever() {
    return times == FOREVER;
  }
}
