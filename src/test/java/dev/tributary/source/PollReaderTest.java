package dev.tributary.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.model.Endpoint;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.flink.core.io.InputStatus;
import org.junit.jupiter.api.Test;

class PollReaderTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final long EVERY = 1_000;
  private static final List<Endpoint> ENDPOINTS =
      List.of(
          new Endpoint("a", "http://127.0.0.1/a"),
          new Endpoint("b", "http://127.0.0.1/b"),
          new Endpoint("c", "http://127.0.0.1/c"));

  private final AtomicLong now = new AtomicLong(T0);
  private final ReaderTestSupport.Output<Endpoint> out = new ReaderTestSupport.Output<>();

  private PollReader<Endpoint> reader(long times, LongSupplier clock, ReaderTestSupport.Context c) {
    return new PollReader<>(
        c, new PollSchedule(EVERY, times), new RoundItems.EndpointList(ENDPOINTS), clock);
  }

  /** A new reader that was handed the first split, as at the job's start. */
  private PollReader<Endpoint> started(long times) {
    PollReader<Endpoint> reader = reader(times, now::get, new ReaderTestSupport.Context());
    reader.start();
    reader.addSplits(List.of(PollSplit.first()));
    reader.notifyNoMoreSplits();
    return reader;
  }

  @Test
  void emitsEveryEndpointOfARoundTaggedWithTheRoundAndItsStart() throws Exception {
    try (PollReader<Endpoint> reader = started(3)) {
      for (int i = 0; i < 3; i++) {
        assertThat(reader.pollNext(out)).isEqualTo(InputStatus.MORE_AVAILABLE);
      }

      assertThat(out.items)
          .containsExactly(
              ENDPOINTS.get(0).inRound(1, T0),
              ENDPOINTS.get(1).inRound(1, T0),
              ENDPOINTS.get(2).inRound(1, T0));
    }
  }

  @Test
  void betweenRounds_itReportsNothingAvailableInsteadOfWaiting() throws Exception {
    try (PollReader<Endpoint> reader = started(3)) {
      drainRound(reader);

      now.set(T0 + EVERY - 1);
      assertThat(reader.pollNext(out)).isEqualTo(InputStatus.NOTHING_AVAILABLE);
      assertThat(out.items).hasSize(3);

      now.set(T0 + EVERY);
      assertThat(reader.pollNext(out)).isEqualTo(InputStatus.MORE_AVAILABLE);
      assertThat(out.items.get(3)).isEqualTo(ENDPOINTS.get(0).inRound(2, T0 + EVERY));
    }
  }

  @Test
  void itsAvailabilityCompletesWhenTheNextRoundIsDue() throws Exception {
    // The real clock: the timer wakes the reader, no test thread does.
    long every = 300;
    ReaderTestSupport.Context context = new ReaderTestSupport.Context();
    try (PollReader<Endpoint> reader =
        new PollReader<>(
            context,
            new PollSchedule(every, 2),
            new RoundItems.EndpointList(ENDPOINTS),
            System::currentTimeMillis)) {
      reader.start();
      reader.addSplits(List.of(PollSplit.first()));
      reader.notifyNoMoreSplits();
      for (int i = 0; i < 3; i++) reader.pollNext(out);
      long roundOneStart = out.items.get(0).polledAtMillis();

      long deadline = System.currentTimeMillis() + 10_000;
      while (out.items.size() == 3 && System.currentTimeMillis() < deadline) {
        if (reader.pollNext(out) == InputStatus.NOTHING_AVAILABLE) {
          reader.isAvailable().get(10, TimeUnit.SECONDS);
        }
      }

      assertThat(out.items).hasSize(4);
      assertThat(out.items.get(3).round()).isEqualTo(2);
      assertThat(out.items.get(3).polledAtMillis()).isGreaterThanOrEqualTo(roundOneStart + every);
    }
  }

  @Test
  void endsAfterTheLastRound() throws Exception {
    try (PollReader<Endpoint> reader = started(2)) {
      drainRound(reader);
      now.set(T0 + EVERY);
      drainRound(reader);

      assertThat(reader.pollNext(out)).isEqualTo(InputStatus.END_OF_INPUT);
      assertThat(out.items).extracting(Endpoint::round).containsExactly(1L, 1L, 1L, 2L, 2L, 2L);
      assertThat(reader.snapshotState(1)).isEmpty();
    }
  }

  @Test
  void restoredMidRound_continuesExactlyAtTheNextEndpoint() throws Exception {
    List<PollSplit> checkpoint;
    try (PollReader<Endpoint> before = started(3)) {
      before.pollNext(out);
      before.pollNext(out);
      checkpoint = roundTrip(before.snapshotState(1));
    }
    assertThat(checkpoint).singleElement().extracting(PollSplit::position).isEqualTo(2L);

    now.set(T0 + 400);
    ReaderTestSupport.Context context = new ReaderTestSupport.Context();
    try (PollReader<Endpoint> after = reader(3, now::get, context)) {
      after.addSplits(checkpoint);
      after.start();
      after.notifyNoMoreSplits();
      drainRound(after);

      // It holds its split, and asks all the same: only the answer, that there are no more
      // splits, lets it end after its last round.
      assertThat(context.splitRequests).isEqualTo(1);
      assertThat(out.items)
          .containsExactly(
              ENDPOINTS.get(0).inRound(1, T0),
              ENDPOINTS.get(1).inRound(1, T0),
              ENDPOINTS.get(2).inRound(1, T0));
      // The schedule goes on from the first start, not from the restore.
      assertThat(after.snapshotState(2).get(0).dueMillis()).isEqualTo(T0 + EVERY);
    }
  }

  @Test
  void restoredAfterARoundWasDue_startsItAtOnceAndCountsItLate() throws Exception {
    List<PollSplit> checkpoint;
    try (PollReader<Endpoint> before = started(3)) {
      drainRound(before);
      checkpoint = roundTrip(before.snapshotState(1));
    }
    assertThat(checkpoint.get(0).started()).isFalse();

    now.set(T0 + 2 * EVERY + EVERY / 2);
    try (PollReader<Endpoint> after = reader(3, now::get, new ReaderTestSupport.Context())) {
      after.addSplits(checkpoint);
      after.start();

      assertThat(after.pollNext(out)).isEqualTo(InputStatus.MORE_AVAILABLE);

      assertThat(out.items.get(3)).isEqualTo(ENDPOINTS.get(0).inRound(2, now.get()));
      PollSplit state = after.snapshotState(2).get(0);
      assertThat(state.lateRounds()).isEqualTo(1);
      assertThat(state.skippedTimes()).isEqualTo(1);
    }
  }

  @Test
  void aRoundStillBeingEmittedWhenTheNextIsDue_isFollowedAtOnceByTheLateRound() throws Exception {
    try (PollReader<Endpoint> reader = started(3)) {
      reader.pollNext(out);
      // Back-pressured: the rest of round 1 is emitted only after round 2 was due.
      now.set(T0 + EVERY + 200);
      reader.pollNext(out);
      reader.pollNext(out);

      assertThat(reader.pollNext(out)).isEqualTo(InputStatus.MORE_AVAILABLE);
      assertThat(reader.pollNext(out)).isEqualTo(InputStatus.MORE_AVAILABLE);

      assertThat(out.items.get(3)).isEqualTo(ENDPOINTS.get(0).inRound(2, T0 + EVERY + 200));
      assertThat(reader.snapshotState(1).get(0).lateRounds()).isEqualTo(1);
    }
  }

  /** Emits the rest of the current round and moves to the next. */
  private void drainRound(PollReader<Endpoint> reader) throws Exception {
    int before = out.items.size();
    int round = -1;
    while (true) {
      int size = out.items.size();
      InputStatus status = reader.pollNext(out);
      if (out.items.size() == size) return; // the round is emitted: the split moved on
      long emitted = out.items.get(size).round();
      if (round == -1) round = (int) emitted;
      assertThat(emitted).isEqualTo(round);
      assertThat(status).isEqualTo(InputStatus.MORE_AVAILABLE);
      assertThat(out.items.size() - before).isLessThanOrEqualTo(ENDPOINTS.size());
    }
  }

  private static List<PollSplit> roundTrip(List<PollSplit> splits) throws Exception {
    PollSplit.Serializer serializer = PollSplit.Serializer.INSTANCE;
    return splits.stream()
        .map(
            split -> {
              try {
                return serializer.deserialize(serializer.getVersion(), serializer.serialize(split));
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            })
        .toList();
  }
}
