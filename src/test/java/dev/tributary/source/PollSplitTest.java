package dev.tributary.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PollSplitTest {
  private static final PollSplit MID_ROUND =
      new PollSplit(7, 1_700_000_006_000L, 1_700_000_006_120L, 41, 2, 3);

  @Test
  void aSplitSurvivesItsSerializer() throws IOException {
    PollSplit.Serializer serializer = PollSplit.Serializer.INSTANCE;

    PollSplit back =
        serializer.deserialize(serializer.getVersion(), serializer.serialize(MID_ROUND));

    assertThat(back).isEqualTo(MID_ROUND);
  }

  @Test
  void theEnumeratorsStateSurvivesItsSerializer() throws IOException {
    PollSource.UnassignedSerializer serializer = new PollSource.UnassignedSerializer();

    for (List<PollSplit> state : List.of(List.<PollSplit>of(), List.of(PollSplit.first()))) {
      assertThat(serializer.deserialize(serializer.getVersion(), serializer.serialize(state)))
          .isEqualTo(state);
    }
  }

  @Test
  void aSplitOfAnUnknownVersionIsRefused() throws IOException {
    PollSplit.Serializer serializer = PollSplit.Serializer.INSTANCE;
    byte[] bytes = serializer.serialize(MID_ROUND);

    assertThatThrownBy(() -> serializer.deserialize(serializer.getVersion() + 1, bytes))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("version");
  }

  @Test
  void advancingCountsOneMoreItemOfTheSameRound() {
    PollSplit next = MID_ROUND.advanced();

    assertThat(next.position()).isEqualTo(42);
    assertThat(next.round()).isEqualTo(7);
    assertThat(next.startedMillis()).isEqualTo(MID_ROUND.startedMillis());
  }
}
