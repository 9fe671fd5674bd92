package dev.tributary.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.model.RunCounts;
import java.util.Locale;

/**
 * What a local run did: the counts the job wrote, with the start-up of the run that launched it.
 * {@code summary.json} of a local run and its closing lines.
 *
 * @param counts what the job counted (its own {@code summary.json})
 * @param startup the time from the JVM's start to the first request, by phase
 */
public record RunSummary(RunCounts counts, StartupClock.Phases startup) {

  private static final StartupClock.Phases NO_STARTUP = new StartupClock.Phases(0, 0, 0, 0);

  /**
   * The counts of a finished job; {@code clock} has the marks of its start-up. A job resumed from a
   * checkpoint sent its first request in an earlier process: its start-up is not this one's.
   */
  public static RunSummary from(RunCounts counts, StartupClock clock) {
    boolean startedHere =
        counts.anyRequest() && counts.firstRequestMillis() >= clock.jvmStartMillis();
    return new RunSummary(
        counts, startedHere ? clock.phasesUntil(counts.firstRequestMillis()) : NO_STARTUP);
  }

  /** From the JVM's start to the first request sent. */
  public double startupSeconds() {
    return startup.total();
  }

  /** The job's summary with the start-up fields added before the fetch window's two ends. */
  public String toJson() {
    ObjectNode json = new ObjectMapper().createObjectNode();
    counts.writeCountsTo(json);
    json.put("startup_seconds", RunCounts.round3(startupSeconds()));
    ObjectNode phases = json.putObject("startup");
    phases.put("jvm_seconds", RunCounts.round3(startup.jvm()));
    phases.put("parse_seconds", RunCounts.round3(startup.parse()));
    phases.put("cluster_seconds", RunCounts.round3(startup.cluster()));
    phases.put("deploy_seconds", RunCounts.round3(startup.deploy()));
    counts.writeWindowTo(json);
    return json.toPrettyString() + "\n";
  }

  /**
   * e.g. {@code 1000 endpoints: 998 ok, 2 failed, 37 retries; 8964 records kept, 1036 dropped; 7.4
   * s (136 req/s)}
   */
  public String line() {
    String rounds =
        counts.round() > 0 ? counts.round() + (counts.round() == 1 ? " round, " : " rounds, ") : "";
    String unchanged =
        counts.recordsUnchanged() > 0 ? ", " + counts.recordsUnchanged() + " unchanged" : "";
    return rounds
        + String.format(
            Locale.ROOT,
            "%d endpoints: %d ok, %d failed, %d retries; %d records kept%s, %d dropped; %.1f s"
                + " (%.0f req/s)",
            counts.endpoints(),
            counts.success(),
            counts.failed(),
            counts.retried(),
            counts.recordsKept(),
            unchanged,
            counts.recordsDropped(),
            counts.seconds(),
            counts.requestsPerSecond());
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
}
