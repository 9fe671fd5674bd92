package dev.tributary.demo;

import dev.tributary.config.Durations;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * Settings of the built-in demo API, from {@code bin/tributary demo-api} flags or a job file's
 * {@code demo:} section.
 *
 * @param port port on 127.0.0.1; 0 picks a free one
 * @param latencyMin shortest answer delay
 * @param latencyMax longest answer delay (a delay is drawn uniformly between the two)
 * @param seed everything the API answers is a pure function of the seed, the name and the attempt
 * @param faults how often it misbehaves
 * @param hangLimit how long a "hanging" request is held before the server closes the connection
 * @param staticBody answer every request at once with the same fixed 10-record body (benchmarks)
 */
public record DemoApiOptions(
    int port,
    Duration latencyMin,
    Duration latencyMax,
    long seed,
    FaultRates faults,
    Duration hangLimit,
    boolean staticBody)
    implements Serializable {

  public static final int DEFAULT_PORT = 8089;
  public static final Duration DEFAULT_LATENCY_MIN = Duration.ofMillis(200);
  public static final Duration DEFAULT_LATENCY_MAX = Duration.ofMillis(500);
  public static final long DEFAULT_SEED = 42;
  public static final Duration DEFAULT_HANG_LIMIT = Duration.ofSeconds(60);

  public DemoApiOptions {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(
          "port must be 0..65535 (0 picks a free port), got " + port);
    }
    if (latencyMin.isNegative() || latencyMax.compareTo(latencyMin) < 0) {
      throw new IllegalArgumentException("latency range must be non-negative and low..high");
    }
    if (hangLimit.isNegative() || hangLimit.isZero()) {
      throw new IllegalArgumentException(
          "hangLimit must be more than 0, got " + Durations.format(hangLimit));
    }
  }

  public static DemoApiOptions defaults() {
    return new DemoApiOptions(
        DEFAULT_PORT,
        DEFAULT_LATENCY_MIN,
        DEFAULT_LATENCY_MAX,
        DEFAULT_SEED,
        FaultRates.NONE,
        DEFAULT_HANG_LIMIT,
        false);
  }

  /**
   * Parses the flags of {@code bin/tributary demo-api}: {@code --port 8089 --latency 200ms..500ms
   * (or one duration) --seed 42 --throttle-rate R --error-rate R --hang-rate R --not-found-rate R
   * --malformed-rate R --hang-limit 60s --static}; also {@code --flag=value}. Unset flags keep
   * {@link #defaults()}.
   *
   * @throws IllegalArgumentException with a one-line message naming the flag, on a bad value or an
   *     unknown flag (then listing the known ones)
   */
  public static DemoApiOptions fromArgs(List<String> args) {
    return DemoApiArgs.parse(args);
  }
}
