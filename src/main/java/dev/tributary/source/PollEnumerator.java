package dev.tributary.source;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

/**
 * Hands the poll's one split to the first reader that asks, and tells every reader there is no
 * other. Its state is the split while no reader holds it: at the start, and when a reader failed
 * before a checkpoint had taken the split into the reader's own state.
 */
final class PollEnumerator implements SplitEnumerator<PollSplit, List<PollSplit>> {
  private final SplitEnumeratorContext<PollSplit> context;
  private final List<PollSplit> unassigned;

  PollEnumerator(SplitEnumeratorContext<PollSplit> context, List<PollSplit> unassigned) {
    this.context = context;
    this.unassigned = new ArrayList<>(unassigned);
  }

  @Override
  public void start() {}

  @Override
  public void handleSplitRequest(int subtaskId, String requesterHostname) {
    if (!unassigned.isEmpty()) context.assignSplit(unassigned.remove(0), subtaskId);
    context.signalNoMoreSplits(subtaskId);
  }

  @Override
  public void addSplitsBack(List<PollSplit> splits, int subtaskId) {
    unassigned.addAll(splits);
  }

  @Override
  public void addReader(int subtaskId) {}

  @Override
  public List<PollSplit> snapshotState(long checkpointId) {
    return List.copyOf(unassigned);
  }

  @Override
  public void close() {}
}
