package dev.tributary.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.junit.jupiter.api.Test;

class PollEnumeratorTest {
  private static final PollSplit MID_ROUND = new PollSplit(4, 3_000, 3_010, 17, 0, 0);

  @Test
  void handsTheOneSplitToTheFirstReaderThatAsks_andNoneToTheOthers() throws Exception {
    try (MockSplitEnumeratorContext<PollSplit> context = new MockSplitEnumeratorContext<>(2)) {
      PollEnumerator enumerator = new PollEnumerator(context, List.of(PollSplit.first()));

      enumerator.handleSplitRequest(1, "host");
      enumerator.handleSplitRequest(0, "host");

      assertThat(context.getSplitsAssignmentSequence())
          .extracting(SplitsAssignment::assignment)
          .containsExactly(java.util.Map.of(1, List.of(PollSplit.first())));
      assertThat(context.hasNoMoreSplits(0)).isTrue();
      assertThat(context.hasNoMoreSplits(1)).isTrue();
      assertThat(enumerator.snapshotState(1)).isEmpty();
    }
  }

  @Test
  void aSplitBackFromAFailedReaderIsKeptAndHandedOutAgainAsItWas() throws Exception {
    try (MockSplitEnumeratorContext<PollSplit> context = new MockSplitEnumeratorContext<>(1)) {
      PollEnumerator enumerator = new PollEnumerator(context, List.of());
      enumerator.addSplitsBack(List.of(MID_ROUND), 0);
      List<PollSplit> state = enumerator.snapshotState(1);

      PollEnumerator restored = new PollEnumerator(context, state);
      restored.handleSplitRequest(0, "host");

      assertThat(state).containsExactly(MID_ROUND);
      assertThat(context.getSplitsAssignmentSequence())
          .extracting(SplitsAssignment::assignment)
          .containsExactly(java.util.Map.of(0, List.of(MID_ROUND)));
    }
  }
}
