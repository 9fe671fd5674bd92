package dev.tributary.bench;

import dev.tributary.demo.DemoApiOptions;
import dev.tributary.demo.DemoData;
import java.util.PriorityQueue;

/**
 * The shortest time a client with {@code limit} slots can take over endpoints of known latency, if
 * it starts them in index order and fills a slot the moment it frees (the greedy schedule): the
 * yardstick of the latency table.
 */
public final class IdealSchedule {
  private IdealSchedule() {}

  /**
   * The makespan of the greedy schedule: each endpoint, in order, starts when the earliest of
   * {@code limit} slots is free. Limit 1 is the sum; a limit of at least the count is the maximum.
   *
   * @param latenciesMillis latency of each endpoint, in index order
   * @return milliseconds from the first start to the last finish
   */
  public static long makespanMillis(long[] latenciesMillis, int limit) {
    if (limit < 1) throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    // Min-heap of the times the busy slots free up; an idle slot is a free time of 0.
    PriorityQueue<Long> slotFreeAt = new PriorityQueue<>();
    long end = 0;
    for (long latency : latenciesMillis) {
      long start = slotFreeAt.size() < limit ? 0 : slotFreeAt.poll();
      long finish = start + latency;
      slotFreeAt.add(finish);
      end = Math.max(end, finish);
    }
    return end;
  }

  /** The demo API's first-attempt latencies of endpoints {@code ep0 .. ep(count-1)}, in ms. */
  public static long[] demoLatenciesMillis(DemoApiOptions options, int count) {
    long[] latencies = new long[count];
    for (int i = 0; i < count; i++) {
      latencies[i] = DemoData.latency(options, "ep" + i, 1).toMillis();
    }
    return latencies;
  }

  /** Ideal seconds for the first {@code count} demo endpoints with {@code limit} slots. */
  public static double demoSeconds(DemoApiOptions options, int count, int limit) {
    return makespanMillis(demoLatenciesMillis(options, count), limit) / 1000.0;
  }
}
