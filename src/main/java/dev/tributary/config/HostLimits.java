package dev.tributary.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.math.BigDecimal;

/**
 * How hard one host may be asked: the job file's {@code http.perHost}, or the limits of one entry
 * of {@code http.hosts}; valid once constructed. A key not given is null here: an entry of {@code
 * http.hosts} takes it from {@code http.perHost} ({@link #over}).
 *
 * @param concurrency requests in flight to the host at most, at least 1; null: only the global
 *     bound
 * @param rate requests a second to the host at most (a token bucket), more than 0; null: no rate
 * @param burst requests that may go at once after a quiet spell (the bucket's size), at least 1;
 *     null: 1
 */
public record HostLimits(Integer concurrency, Double rate, Integer burst) implements Serializable {

  public static final int DEFAULT_BURST = 1;

  /**
   * One request a day, rounded down: a slower rate is a typo, and the times waited for it must stay
   * sane numbers.
   */
  public static final double MIN_RATE = 0.00001;

  public HostLimits {
    if (concurrency != null && concurrency < 1) {
      throw new ConfigException("concurrency", "must be at least 1, got " + concurrency);
    }
    if (rate != null && !(rate >= MIN_RATE && Double.isFinite(rate))) {
      throw new ConfigException(
          "rate",
          "must be at least "
              + BigDecimal.valueOf(MIN_RATE).stripTrailingZeros().toPlainString()
              + " requests a second (about one a day), got "
              + BigDecimal.valueOf(rate).stripTrailingZeros().toPlainString());
    }
    if (burst != null && burst < 1) {
      throw new ConfigException("burst", "must be at least 1, got " + burst);
    }
  }

  @JsonCreator
  static HostLimits of(
      @JsonProperty("concurrency") Integer concurrency,
      @JsonProperty("rate") Double rate,
      @JsonProperty("burst") Integer burst) {
    return new HostLimits(concurrency, rate, burst).requireRateForBurst();
  }

  public static HostLimits none() {
    return new HostLimits(null, null, null);
  }

  /** These limits, each key not given here taken from {@code defaults}. */
  public HostLimits over(HostLimits defaults) {
    return new HostLimits(
        concurrency != null ? concurrency : defaults.concurrency,
        rate != null ? rate : defaults.rate,
        burst != null ? burst : defaults.burst);
  }

  /** A burst is a size of the rate's bucket: without a rate it would be silently ignored. */
  HostLimits requireRateForBurst() {
    if (burst != null && rate == null) {
      throw new ConfigException("burst", "needs a rate (burst is how many of rate may go at once)");
    }
    return this;
  }

  /** {@link #concurrency}, or no bound of its own when not given. */
  public int concurrencyOrUnbounded() {
    return concurrency == null ? Integer.MAX_VALUE : concurrency;
  }

  /** The bucket's size: {@link #burst}, or {@link #DEFAULT_BURST}. */
  public int burstOrDefault() {
    return burst == null ? DEFAULT_BURST : burst;
  }

  /** Whether any limit is set. */
  public boolean setsAny() {
    return concurrency != null || rate != null;
  }
}
