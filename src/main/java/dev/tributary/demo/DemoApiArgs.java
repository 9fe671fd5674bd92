package dev.tributary.demo;

import dev.tributary.config.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the flags of {@code bin/tributary demo-api} into {@link DemoApiOptions}. */
final class DemoApiArgs {
  static final List<String> FLAGS =
      List.of(
          "--port",
          "--latency",
          "--seed",
          "--throttle-rate",
          "--error-rate",
          "--hang-rate",
          "--not-found-rate",
          "--malformed-rate",
          "--hang-limit",
          "--static");

  /** The names {@link FaultRates} and {@link DemoApiOptions} use in messages, and their flags. */
  private static final Map<String, String> FLAG_OF_NAME =
      Map.of(
          "port", "--port",
          "latency", "--latency",
          "hangLimit", "--hang-limit",
          "throttle", "--throttle-rate",
          "error", "--error-rate",
          "hang", "--hang-rate",
          "notFound", "--not-found-rate",
          "malformed", "--malformed-rate");

  // "error rate" as a whole, so it does not become "--error-rate rate".
  private static final Pattern NAMES =
      Pattern.compile("\\b(" + String.join("|", FLAG_OF_NAME.keySet()) + ")\\b(?: rate\\b)?");

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
          Durations.Range range = latency(value);
          latencyMin = range.low();
          latencyMax = range.high();
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

    // Ranges and sums are checked by the constructors: one set of rules for flags and job files.
    try {
      FaultRates faults = new FaultRates(throttle, error, hang, notFound, malformed);
      return new DemoApiOptions(port, latencyMin, latencyMax, seed, faults, hangLimit, staticBody);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(withFlags(e.getMessage()));
    }
  }

  /**
   * A message from {@link FaultRates} or {@link DemoApiOptions} with the names in its subject (the
   * words before "must") replaced by the flags that set them: {@code error rate must be ...}
   * becomes {@code --error-rate must be ...}; {@code throttle + error + hang must ...} names three
   * flags.
   */
  static String withFlags(String message) {
    int must = message.indexOf(" must ");
    if (must < 0) return message;
    String subject =
        NAMES
            .matcher(message.substring(0, must))
            .replaceAll(m -> Matcher.quoteReplacement(FLAG_OF_NAME.get(m.group(1))));
    return subject + message.substring(must);
  }

  private static int port(String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--port must be a number 0..65535 (0 picks a free port), got \"" + value + "\"");
    }
  }

  private static Durations.Range latency(String value) {
    try {
      return Durations.parseRange(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--latency: " + e.getMessage());
    }
  }

  private static long seed(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--seed must be a whole number, got \"" + value + "\"");
    }
  }

  /** A number; whether it is a rate (0 to 1, and the sums) is for {@link FaultRates} to say. */
  private static double rate(String flag, String value) {
    try {
      return Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          flag + " must be a number between 0 and 1, got \"" + value + "\"");
    }
  }

  private static Duration duration(String flag, String value) {
    try {
      return Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(flag + ": " + e.getMessage());
    }
  }
}
