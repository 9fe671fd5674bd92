package dev.tributary.aggregate;

import dev.tributary.model.DailyTotal;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Adds up the partial totals of each date (keyed by date) in Flink state and emits one total per
 * date when the input ends.
 *
 * <p>Streaming mode with keyed state, rather than a BATCH-mode {@code keyBy().reduce()}: the batch
 * shuffle sorts every element and leaves a single-threaded tail after the last response. The end of
 * a bounded input arrives as the final watermark, which fires the timer each date registered at the
 * end of time; an unbounded run never reaches it, and continuous ingestion emits its own way.
 */
public final class DailyTotals extends KeyedProcessFunction<String, DailyTotal, DailyTotal> {
  private static final long serialVersionUID = 1L;

  private transient ValueState<DailyTotal> total;

  @Override
  public void open(OpenContext openContext) {
    total = getRuntimeContext().getState(new ValueStateDescriptor<>("total", DailyTotal.class));
  }

  @Override
  public void processElement(DailyTotal part, Context ctx, Collector<DailyTotal> out)
      throws Exception {
    DailyTotal sofar = total.value();
    if (sofar == null) {
      ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
      total.update(part);
    } else {
      total.update(sofar.plus(part));
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<DailyTotal> out)
      throws Exception {
    DailyTotal last = total.value();
    if (last != null) out.collect(last);
    total.clear();
  }
}
