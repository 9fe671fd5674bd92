package dev.tributary.demo;

import java.io.Serializable;

/**
 * How often the demo API misbehaves, each a probability in [0, 1]; together at most 1.
 *
 * <p>{@code throttle} (429 with Retry-After), {@code error} (503) and {@code hang} (no answer) are
 * drawn per attempt, so a retry may succeed; {@code notFound} (404) and {@code malformed} (a 200
 * whose body is not JSON) are drawn per endpoint, so they stay the same on every attempt.
 */
public record FaultRates(
    double throttle, double error, double hang, double notFound, double malformed)
    implements Serializable {

  // Rates are decimals written by people: 0.1 + 0.2 + 0.7 must count as 1.
  private static final double SUM_TOLERANCE = 1e-9;

  public static final FaultRates NONE = new FaultRates(0, 0, 0, 0, 0);

  public FaultRates {
    check("throttle", throttle);
    check("error", error);
    check("hang", hang);
    check("notFound", notFound);
    check("malformed", malformed);
    if (throttle + error + hang > 1 + SUM_TOLERANCE) {
      throw new IllegalArgumentException("throttle + error + hang must add up to at most 1");
    }
    if (notFound + malformed > 1 + SUM_TOLERANCE) {
      throw new IllegalArgumentException("notFound + malformed must add up to at most 1");
    }
  }

  private static void check(String name, double rate) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException(name + " rate must be between 0 and 1, got " + rate);
    }
  }
}
