package dev.tributary.aggregate;

import dev.tributary.model.DailyTotal;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Keeps each date's running total in keyed state (keyed by date) and emits a date's total once per
 * checkpoint when it changed, and once more at the end of input: a bounded run without checkpoints
 * writes exactly one line per date, and the latest line of a date is always its current total.
 *
 * <p>An operator rather than a {@code KeyedProcessFunction}: the changed dates are sent on in
 * {@code prepareSnapshotPreBarrier}, before the barrier, so their lines reach the file sink ahead
 * of it and are committed with that checkpoint; a function can only act on timers and elements. The
 * set of changed dates lives on the heap and is empty at every barrier, so it is never part of a
 * snapshot. A date keeps its state when its count falls to 0 (it still gets its line, amount 0,
 * count 0): dates are few, and a record may come back to it.
 *
 * <p>Streaming with keyed state rather than a BATCH-mode {@code keyBy().reduce()}: the batch
 * shuffle sorts every element and leaves a single-threaded tail after the last response.
 */
public final class DailyTotals extends AbstractStreamOperator<DailyTotal>
    implements OneInputStreamOperator<DailyTotal, DailyTotal>, BoundedOneInput {
  private static final long serialVersionUID = 1L;

  private transient ValueState<DailyTotal> total;
  private transient Set<String> changed;

  @Override
  public void open() throws Exception {
    super.open();
    total = getPartitionedState(new ValueStateDescriptor<>("total", DailyTotal.class));
    changed = new LinkedHashSet<>();
  }

  @Override
  public void processElement(StreamRecord<DailyTotal> element) throws Exception {
    DailyTotal part = element.getValue();
    DailyTotal sofar = total.value();
    total.update(sofar == null ? part : sofar.plus(part));
    changed.add(part.date());
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    sendChanged();
    super.prepareSnapshotPreBarrier(checkpointId);
  }

  @Override
  public void endInput() throws Exception {
    sendChanged();
  }

  private void sendChanged() throws Exception {
    if (changed.isEmpty()) return;
    for (String date : changed) {
      setCurrentKey(date);
      output.collect(new StreamRecord<>(total.value()));
    }
    changed.clear();
  }
}
