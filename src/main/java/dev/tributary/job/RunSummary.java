package dev.tributary.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.model.RunCounters;
import java.util.Locale;
import java.util.Map;

/**
 * What a bounded run did, from the run's accumulators: {@code summary.json} and the closing line.
 *
 * @param firstRequestMillis wall-clock time the first request was sent; 0 when none was
 * @param lastFinishedMillis wall-clock time the last endpoint was settled; 0 when none was
 * @param startup the time from the JVM's start to the first request, by phase
 */
public record RunSummary(
    long endpoints,
    long success,
    long failed,
    long retried,
    long requests,
    long recordsIn,
    long recordsKept,
    long recordsDropped,
    long firstRequestMillis,
    long lastFinishedMillis,
    StartupClock.Phases startup) {

  private static final StartupClock.Phases NO_STARTUP = new StartupClock.Phases(0, 0, 0, 0);

  /** Reads the accumulators of a finished job; {@code clock} has the marks of its start-up. */
  public static RunSummary from(Map<String, Object> accumulators, StartupClock clock) {
    long first = count(accumulators, RunCounters.FIRST_REQUEST_MILLIS, Long.MAX_VALUE);
    long last = count(accumulators, RunCounters.LAST_FINISHED_MILLIS, Long.MIN_VALUE);
    boolean anyRequest = first != Long.MAX_VALUE && last != Long.MIN_VALUE;
    return new RunSummary(
        count(accumulators, RunCounters.ENDPOINTS, 0),
        count(accumulators, RunCounters.SUCCESS, 0),
        count(accumulators, RunCounters.FAILED, 0),
        count(accumulators, RunCounters.RETRIED, 0),
        count(accumulators, RunCounters.REQUESTS, 0),
        count(accumulators, RunCounters.RECORDS_IN, 0),
        count(accumulators, RunCounters.RECORDS_KEPT, 0),
        count(accumulators, RunCounters.RECORDS_DROPPED, 0),
        anyRequest ? first : 0,
        anyRequest ? last : 0,
        anyRequest ? clock.phasesUntil(first) : NO_STARTUP);
  }

  private static long count(Map<String, Object> accumulators, String name, long absent) {
    Object value = accumulators.get(name);
    return value instanceof Number n ? n.longValue() : absent;
  }

  /** From the first request sent to the last endpoint settled (start-up excluded). */
  public double seconds() {
    return Math.max(0, lastFinishedMillis - firstRequestMillis) / 1000.0;
  }

  /** From the JVM's start to the first request sent. */
  public double startupSeconds() {
    return startup.total();
  }

  public double requestsPerSecond() {
    return seconds() > 0 ? requests / seconds() : 0;
  }

  public String toJson() {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode json = mapper.createObjectNode();
    json.put("endpoints", endpoints);
    json.put("success", success);
    json.put("failed", failed);
    json.put("retried", retried);
    json.put("requests", requests);
    json.put("records_in", recordsIn);
    json.put("records_kept", recordsKept);
    json.put("records_dropped", recordsDropped);
    json.put("seconds", round3(seconds()));
    json.put("requests_per_second", round3(requestsPerSecond()));
    json.put("startup_seconds", round3(startupSeconds()));
    ObjectNode phases = json.putObject("startup");
    phases.put("jvm_seconds", round3(startup.jvm()));
    phases.put("parse_seconds", round3(startup.parse()));
    phases.put("cluster_seconds", round3(startup.cluster()));
    phases.put("deploy_seconds", round3(startup.deploy()));
    json.put("first_request_epoch_millis", firstRequestMillis);
    json.put("last_finished_epoch_millis", lastFinishedMillis);
    return json.toPrettyString() + "\n";
  }

  /**
   * e.g. {@code 1000 endpoints: 998 ok, 2 failed, 37 retries; 8964 records kept, 1036 dropped; 7.4
   * s (136 req/s)}
   */
  public String line() {
    return String.format(
        Locale.ROOT,
        "%d endpoints: %d ok, %d failed, %d retries; %d records kept, %d dropped; %.1f s (%.0f"
            + " req/s)",
        endpoints,
        success,
        failed,
        retried,
        recordsKept,
        recordsDropped,
        seconds(),
        requestsPerSecond());
  }

  /** e.g. {@code start-up: 2.1 s to the first request (JVM 0.3, job file 0.2, ...)} */
  public String startupLine() {
    return String.format(
        Locale.ROOT,
        "start-up: %.1f s to the first request (JVM %.1f, job file %.1f, MiniCluster %.1f,"
            + " deployment %.1f)",
        startupSeconds(),
        startup.jvm(),
        startup.parse(),
        startup.cluster(),
        startup.deploy());
  }

  private static double round3(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
