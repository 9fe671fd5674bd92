package dev.tributary.config;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One entry of the job file's {@code http.hosts}: what differs for one named host; valid once
 * constructed.
 *
 * @param limits its limits; a key not given is taken from {@code http.perHost}
 * @param headers headers sent to this host only, over {@code http.headers} (same name: this one)
 */
public record HostConfig(HostLimits limits, RequestHeaders headers) implements Serializable {

  public HostConfig {
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(headers, "headers");
  }

  @JsonCreator
  static HostConfig of(
      @JsonProperty("concurrency") Integer concurrency,
      @JsonProperty("rate") Double rate,
      @JsonProperty("burst") Integer burst,
      @JsonProperty("headers") Map<String, String> headers,
      @JacksonInject(JobConfig.ENVIRONMENT) UnaryOperator<String> environment) {
    return new HostConfig(
        new HostLimits(concurrency, rate, burst), RequestHeaders.of(headers, environment));
  }
}
