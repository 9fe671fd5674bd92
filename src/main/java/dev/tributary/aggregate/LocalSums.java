package dev.tributary.aggregate;

import dev.tributary.model.DailyTotal;
import dev.tributary.model.RunCounts;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Adds up small parts per key inside a subtask before they cross the network: a body of ten records
 * makes up to ten partial daily totals and one count of the run, and sending each through an
 * exchange cost more than the parsing that made it.
 *
 * <p>Nothing is held across a checkpoint (the sums are sent on before the barrier) or past a
 * watermark (so the end of input, the final watermark, finds them all downstream).
 */
public final class LocalSums<T> extends AbstractStreamOperator<T>
    implements OneInputStreamOperator<T, T>, BoundedOneInput {
  private static final long serialVersionUID = 1L;

  /** Keys held before they are sent on anyway, to bound the memory held between flushes. */
  private static final int MAX_KEYS_HELD = 10_000;

  /** A function that travels with the operator. */
  public interface SerializableFunction<A, B> extends Function<A, B>, Serializable {}

  /** A merge that travels with the operator. */
  public interface SerializableMerge<A> extends BinaryOperator<A>, Serializable {}

  private final SerializableFunction<T, Object> key;
  private final SerializableMerge<T> merge;
  private transient Map<Object, T> held;

  private LocalSums(SerializableFunction<T, Object> key, SerializableMerge<T> merge) {
    this.key = key;
    this.merge = merge;
  }

  /** Partial daily totals, summed per date. */
  public static LocalSums<DailyTotal> ofDailyTotals() {
    return new LocalSums<>(DailyTotal::date, DailyTotal::plus);
  }

  /** Counts of the run, summed into one. */
  public static LocalSums<RunCounts> ofRunCounts() {
    return new LocalSums<>(counts -> "", RunCounts::plus);
  }

  @Override
  public void open() throws Exception {
    super.open();
    held = new HashMap<>();
  }

  @Override
  public void processElement(StreamRecord<T> element) {
    T part = element.getValue();
    held.merge(key.apply(part), part, merge);
    if (held.size() >= MAX_KEYS_HELD) sendHeld();
  }

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    sendHeld();
    super.processWatermark(mark);
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    sendHeld();
    super.prepareSnapshotPreBarrier(checkpointId);
  }

  @Override
  public void endInput() {
    sendHeld();
  }

  private void sendHeld() {
    if (held.isEmpty()) return;
    for (T sum : held.values()) output.collect(new StreamRecord<>(sum));
    held.clear();
  }
}
