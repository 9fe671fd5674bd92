package dev.tributary.aggregate;

import dev.tributary.model.DailyTotal;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Adds up partial totals per date inside a parse subtask before they cross the network to {@link
 * DailyTotals}: a body of ten records makes up to ten partials, and sending each one through the
 * keyed exchange cost more than the parsing that made it.
 *
 * <p>Nothing is held across a checkpoint (the sums are sent on before the barrier) or past a
 * watermark (so the end of input, the final watermark, finds them all at {@link DailyTotals}).
 */
public final class LocalDailyTotals extends AbstractStreamOperator<DailyTotal>
    implements OneInputStreamOperator<DailyTotal, DailyTotal>, BoundedOneInput {
  private static final long serialVersionUID = 1L;

  /** Dates held before they are sent on anyway, to bound the memory held between flushes. */
  private static final int MAX_DATES_HELD = 10_000;

  private transient Map<String, DailyTotal> held;

  @Override
  public void open() throws Exception {
    super.open();
    held = new HashMap<>();
  }

  @Override
  public void processElement(StreamRecord<DailyTotal> element) {
    DailyTotal part = element.getValue();
    held.merge(part.date(), part, DailyTotal::plus);
    if (held.size() >= MAX_DATES_HELD) sendHeld();
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
    for (DailyTotal total : held.values()) output.collect(new StreamRecord<>(total));
    held.clear();
  }
}
