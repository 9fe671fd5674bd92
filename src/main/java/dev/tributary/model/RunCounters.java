package dev.tributary.model;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.accumulators.LongMaximum;
import org.apache.flink.api.common.accumulators.LongMinimum;
import org.apache.flink.api.common.functions.RuntimeContext;

/**
 * Names of the Flink accumulators a run counts, read back into {@code summary.json}. The same name
 * used by several operators adds up across them.
 */
public final class RunCounters {
  private RunCounters() {}

  public static final String ENDPOINTS = "endpoints";
  public static final String SUCCESS = "success";
  public static final String FAILED = "failed";
  public static final String REQUESTS = "requests";
  public static final String RETRIED = "retried";
  public static final String RECORDS_IN = "records_in";
  public static final String RECORDS_KEPT = "records_kept";
  public static final String RECORDS_DROPPED = "records_dropped";

  /** Wall-clock millis of the first request sent (minimum over subtasks). */
  public static final String FIRST_REQUEST_MILLIS = "first_request_millis";

  /** Wall-clock millis of the last endpoint settled (maximum over subtasks). */
  public static final String LAST_FINISHED_MILLIS = "last_finished_millis";

  /** The task's counter of that name, made on first use: operators chained in one task share it. */
  public static LongCounter counter(RuntimeContext context, String name) {
    return context.getLongCounter(name);
  }

  /** The task's minimum of that name, made on first use. */
  public static LongMinimum minimum(RuntimeContext context, String name) {
    Object existing = context.getAccumulator(name);
    if (existing instanceof LongMinimum minimum) return minimum;
    LongMinimum created = new LongMinimum();
    context.addAccumulator(name, created);
    return created;
  }

  /** The task's maximum of that name, made on first use. */
  public static LongMaximum maximum(RuntimeContext context, String name) {
    Object existing = context.getAccumulator(name);
    if (existing instanceof LongMaximum maximum) return maximum;
    LongMaximum created = new LongMaximum();
    context.addAccumulator(name, created);
    return created;
  }
}
