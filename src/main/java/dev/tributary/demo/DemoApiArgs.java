package dev.tributary.demo;

import dev.tributary.config.Durations;
import java.time.Duration;
import java.util.List;

/** Parses the flags of {@code bin/tributary demo-api} into {@link DemoApiOptions}. */
final class DemoApiArgs {
  static final List<String> FLAGS = List.of(
      "--port", "--latency", "--seed", "--throttle-rate", "--error-rate", "--hang-rate",
      "--not-found-rate", "--malformed-rate", "--hang-limit", "--static");

  private DemoApiArgs() {}

  /**
   * Parses {@code --flag value} or {@code --flag=value} pairs; unset flags keep {@link
   * DemoApiOptions#defaults()}.
   *
   * @throws IllegalArgumentException naming the flag, on an unknown flag or a bad value
   */
  static DemoApiOptions parse(List<String> args) {
    DemoApiOptions d = DemoApiOptions.defaults();
    int port = d.port();
    Duration latencyMin = d.latencyMin();
    Duration latencyMax = d.latencyMax();
    long seed = d.seed();
    double throttle = d.faults().throttle();
    double error = d.faults().error();
    double hang = d.faults().hang();
    double notFound = d.faults().notFound();
    double malformed = d.faults().malformed();
    Duration hangLimit = d.hangLimit();
    boolean staticBody = d.staticBody();

    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String flag = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        flag = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      if (!FLAGS.contains(flag)) {
        throw new IllegalArgumentException(
            "unknown option \"" + arg + "\" (known: " + String.join(" ", FLAGS) + ")");
      }
      if (flag.equals("--static")) {
        if (value != null) throw new IllegalArgumentException("--static takes no value");
        staticBody = true;
        continue;
      }
      if (value == null) {
        if (i + 1 >= args.size()) throw new IllegalArgumentException(flag + " needs a value");
        value = args.get(++i);
      }
      switch (flag) {
        case "--port" -> port = port(value);
        case "--latency" -> {
          Duration[] range = latency(value);
          latencyMin = range[0];
          latencyMax = range[1];
        }
        case "--seed" -> seed = seed(value);
        case "--throttle-rate" -> throttle = rate(flag, value);
        case "--error-rate" -> error = rate(flag, value);
        case "--hang-rate" -> hang = rate(flag, value);
        case "--not-found-rate" -> notFound = rate(flag, value);
        case "--malformed-rate" -> malformed = rate(flag, value);
        case "--hang-limit" -> hangLimit = duration(flag, value);
        default -> throw new AssertionError(flag);
      }
    }

    if (throttle + error + hang > 1) {
      throw new IllegalArgumentException(
          "--throttle-rate + --error-rate + --hang-rate add up to more than 1");
    }
    if (notFound + malformed > 1) {
      throw new IllegalArgumentException("--not-found-rate + --malformed-rate add up to more than 1");
    }
    return new DemoApiOptions(
        port, latencyMin, latencyMax, seed,
        new FaultRates(throttle, error, hang, notFound, malformed),
        hangLimit, staticBody);
  }

  private static int port(String value) {
    try {
      int port = Integer.parseInt(value.trim());
      if (port >= 0 && port <= 65535) return port;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("--port must be a number 0..65535 (0 picks a free port), got \"" + value + "\"");
  }

  private static Duration[] latency(String value) {
    int dots = value.indexOf("..");
    Duration min = duration("--latency", dots < 0 ? value : value.substring(0, dots));
    Duration max = dots < 0 ? min : duration("--latency", value.substring(dots + 2));
    if (max.compareTo(min) < 0) {
      throw new IllegalArgumentException("--latency must be low..high, got \"" + value + "\"");
    }
    return new Duration[] {min, max};
  }

  private static long seed(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--seed must be a whole number, got \"" + value + "\"");
    }
  }

  private static double rate(String flag, String value) {
    try {
      double rate = Double.parseDouble(value.trim());
      if (rate >= 0 && rate <= 1) return rate;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(flag + " must be a number between 0 and 1, got \"" + value + "\"");
  }

  private static Duration duration(String flag, String value) {
    try {
      return Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(flag + ": " + e.getMessage());
    }
  }
}
