package dev.tributary.demo;

/**
 * Which fault, if any, the demo API plays for one attempt at an endpoint: a pure function of (seed,
 * name, attempt), so a test can compute which endpoints must end in the dead letters.
 *
 * <p>Permanent faults ({@link Fault#NOT_FOUND}, {@link Fault#MALFORMED}) are drawn once per
 * endpoint and win over the per-attempt ones ({@link Fault#THROTTLE}, {@link Fault#ERROR}, {@link
 * Fault#HANG}).
 */
public final class DemoFaults {

  /** How one attempt goes wrong. */
  public enum Fault {
    /** 200 with the endpoint's records. */
    NONE,
    /** 429 with {@code Retry-After: 1}. */
    THROTTLE,
    /** 503. */
    ERROR,
    /** No answer; the connection is closed after the hang limit. */
    HANG,
    /** 404 on every attempt. */
    NOT_FOUND,
    /** 200 with a truncated JSON body, on every attempt. */
    MALFORMED;

    /** Whether every attempt at the endpoint gets this fault. */
    public boolean isPermanent() {
      return this == NOT_FOUND || this == MALFORMED;
    }
  }

  private DemoFaults() {}

  /** The fault of attempt {@code attempt} (1-based) at endpoint {@code name}. */
  public static Fault faultFor(DemoApiOptions options, String name, int attempt) {
    return faultFor(options.seed(), options.faults(), name, attempt);
  }

  /** The fault of attempt {@code attempt} (1-based) at endpoint {@code name}. */
  public static Fault faultFor(long seed, FaultRates rates, String name, int attempt) {
    double endpoint = Seeds.unit(Seeds.of(seed, name, Seeds.ENDPOINT_FAULT));
    if (endpoint < rates.notFound()) return Fault.NOT_FOUND;
    if (endpoint < rates.notFound() + rates.malformed()) return Fault.MALFORMED;

    double draw = Seeds.unit(Seeds.of(seed, name, attempt, Seeds.ATTEMPT_FAULT));
    if (draw < rates.throttle()) return Fault.THROTTLE;
    if (draw < rates.throttle() + rates.error()) return Fault.ERROR;
    if (draw < rates.throttle() + rates.error() + rates.hang()) return Fault.HANG;
    return Fault.NONE;
  }
}
