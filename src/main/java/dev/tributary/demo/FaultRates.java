package dev.tributary.demo;

import java.io.Serializable;

/**
 * How often the demo API misbehaves, each a probability in [0, 1]; together at most 1.
 *
 * <p>{@code throttle} (429 with Retry-After), {@code error} (503) and {@code hang} (no answer) are
 * drawn per attempt, so a retry may succeed; {@code notFound} (404) and {@code malformed} (a 200 whose
 * body is not JSON) are drawn per endpoint, so they stay the same on every attempt.
 */
public record FaultRates(
    double throttle, double error, double hang, double notFound, double malformed)
    implements Serializable {

  public static final FaultRates NONE = new FaultRates(0, 0, 0, 0, 0);

  public FaultRates {
    check("throttle", throttle);
    check("error", error);
    check("hang", hang);
    check("notFound", notFound);
    check("malformed", malformed);
    if (throttle + error + hang > 1 || notFound + malformed > 1) {
      throw new IllegalArgumentException("fault rates add up to more than 1");
    }
  }

  private static void check(String name, double rate) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException(name + " rate must be between 0 and 1, got " + rate);
    }
  }
}
