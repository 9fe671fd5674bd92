package dev.tributary.job;

import java.lang.management.ManagementFactory;

/**
 * Wall-clock marks of a run's start-up, to split the time to the first request into JVM start,
 * job-file parsing, MiniCluster start and job deployment.
 */
public final class StartupClock {
  private final long jvmStartMillis;
  private long mainMillis;
  private long parsedMillis;
  private long clusterReadyMillis;

  /** A clock for this JVM. */
  public StartupClock() {
    this(ManagementFactory.getRuntimeMXBean().getStartTime());
  }

  StartupClock(long jvmStartMillis) {
    this.jvmStartMillis = jvmStartMillis;
  }

  /** The phases of start-up, each in seconds; they add up to the time to the first request. */
  public record Phases(double jvm, double parse, double cluster, double deploy) {
    public double total() {
      return jvm + parse + cluster + deploy;
    }
  }

  public void mainEntered() {
    mainMillis = System.currentTimeMillis();
  }

  public void jobFileParsed() {
    parsedMillis = System.currentTimeMillis();
  }

  public void clusterReady() {
    clusterReadyMillis = System.currentTimeMillis();
  }

  public long jvmStartMillis() {
    return jvmStartMillis;
  }

  /** The phases up to {@code firstRequestMillis}; a mark never set counts as no time. */
  public Phases phasesUntil(long firstRequestMillis) {
    long main = mainMillis > 0 ? mainMillis : jvmStartMillis;
    long parsed = parsedMillis > 0 ? parsedMillis : main;
    long ready = clusterReadyMillis > 0 ? clusterReadyMillis : parsed;
    return new Phases(
        seconds(jvmStartMillis, main),
        seconds(main, parsed),
        seconds(parsed, ready),
        seconds(ready, firstRequestMillis));
  }

  private static double seconds(long from, long to) {
    return Math.max(0, to - from) / 1000.0;
  }
}
