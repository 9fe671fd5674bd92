package dev.tributary.demo;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tributary.config.ConfigException;
import dev.tributary.config.ConfigValues;
import dev.tributary.config.Durations;
import dev.tributary.config.JobConfig;
import dev.tributary.config.JobFileException;
import dev.tributary.config.JobFiles;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A job file's {@code demo:} section, read into the demo API's options. The demo reads its own
 * section: the job file's reader keeps it as written and knows nothing of the demo API.
 */
public record DemoSection(DemoApiOptions options) {
  public DemoSection {
    Objects.requireNonNull(options, "options");
  }

  /**
   * The demo API's options when the job file has a {@code demo:} section.
   *
   * @throws JobFileException with the job file's one-line message naming the key, when a value of
   *     the section is wrong
   */
  public static Optional<DemoApiOptions> of(JobConfig config) throws JobFileException {
    if (config.demoSection().isEmpty()) return Optional.empty();
    return Optional.of(
        JobFiles.section(config, config.demoSection().get(), DemoSection.class).options());
  }

  /** The section as the job file gives it; a key not given takes its default. */
  @JsonCreator
  static DemoSection of(
      @JsonProperty("port") Integer port,
      @JsonProperty("latency") String latency,
      @JsonProperty("seed") Long seed,
      @JsonProperty("faults") Faults faults,
      @JsonProperty("hangLimit") String hangLimit) {
    int p = port == null ? DemoApiOptions.DEFAULT_PORT : port;
    if (p < 0 || p > 65535) {
      throw new ConfigException("port", "must be between 0 and 65535, got " + p);
    }
    Durations.Range range = latency(latency);
    Duration hang =
        ConfigValues.duration("hangLimit", hangLimit, DemoApiOptions.DEFAULT_HANG_LIMIT);
    if (hang.isZero()) {
      throw new ConfigException("hangLimit", "must be more than 0, got " + Durations.format(hang));
    }
    return new DemoSection(
        new DemoApiOptions(
            p,
            range.low(),
            range.high(),
            seed == null ? DemoApiOptions.DEFAULT_SEED : seed,
            faults == null ? FaultRates.NONE : faults.rates(),
            hang,
            false));
  }

  /** {@code LOW..HIGH}, or one duration for both. */
  private static Durations.Range latency(String text) {
    if (text == null) {
      return new Durations.Range(
          DemoApiOptions.DEFAULT_LATENCY_MIN, DemoApiOptions.DEFAULT_LATENCY_MAX);
    }
    try {
      return Durations.parseRange(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("latency", e.getMessage());
    }
  }

  /** {@code demo.faults}: how often the demo API misbehaves. */
  record Faults(FaultRates rates) {
    Faults {
      Objects.requireNonNull(rates, "rates");
    }

    /** The section as the job file gives it; a rate not given is 0. */
    @JsonCreator
    static Faults of(
        @JsonProperty("throttle") Double throttle,
        @JsonProperty("error") Double error,
        @JsonProperty("hang") Double hang,
        @JsonProperty("notFound") Double notFound,
        @JsonProperty("malformed") Double malformed) {
      try {
        return new Faults(
            new FaultRates(
                rate("throttle", throttle),
                rate("error", error),
                rate("hang", hang),
                rate("notFound", notFound),
                rate("malformed", malformed)));
      } catch (ConfigException e) {
        throw e;
      } catch (IllegalArgumentException e) {
        throw new ConfigException("", e.getMessage()); // a sum of rates: about the section
      }
    }

    // Checked here too, rather than only in FaultRates, so the message names the exact key.
    private static double rate(String key, Double given) {
      double rate = given == null ? 0 : given;
      if (!(rate >= 0 && rate <= 1)) {
        throw new ConfigException(key, "must be between 0 and 1, got " + rate);
      }
      return rate;
    }
  }
}
