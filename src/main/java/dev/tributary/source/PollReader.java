package dev.tributary.source;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emits the rounds of a poll, one item per call, on the {@link PollSchedule}: a round that is not
 * yet due is waited for on a timer that completes {@link #isAvailable()}, never on the task thread.
 * The split is the round in progress and the number of its items already emitted, so a restored
 * reader goes on with the next item, and a restored reader whose next round was due meanwhile
 * starts it at once.
 */
final class PollReader<T> implements SourceReader<T, PollSplit> {
  private static final Logger LOG = LoggerFactory.getLogger(PollReader.class);

  private final SourceReaderContext context;
  private final PollSchedule schedule;
  private final RoundItems<T> items;
  private final LongSupplier clock;

  /** The one thread that wakes the reader when a round is due; started with the reader. */
  private ScheduledExecutorService timer;

  private CompletableFuture<Void> availability = new CompletableFuture<>();

  /** The round in progress or the next one; null before the split arrives and after the last. */
  private volatile PollSplit split;

  /** When the pending round could first have started (see {@link PollSchedule#start}). */
  private long readyMillis;

  /** The items of the round being emitted; null between rounds and after a restore. */
  private RoundItems.Cursor<T> cursor;

  private boolean noMoreSplits;

  PollReader(
      SourceReaderContext context, PollSchedule schedule, RoundItems<T> items, LongSupplier clock) {
    this.context = context;
    this.schedule = schedule;
    this.items = items;
    this.clock = clock;
  }

  @Override
  public void start() {
    timer =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "poll-timer");
              thread.setDaemon(true);
              return thread;
            });
    MetricGroup metrics = context.metricGroup();
    // Not "pollRound": that is the fetch stage's highest round fetched; between rounds the
    // source's split is already the next round, not yet started.
    metrics.gauge("sourceRound", () -> split == null ? 0L : split.round());
    metrics.gauge("lateRounds", () -> split == null ? 0L : split.lateRounds());
    metrics.gauge("skippedPollTimes", () -> split == null ? 0L : split.skippedTimes());
    // Also a restored reader that holds the split asks: the answer that there are no more splits
    // is what lets it end after the last round.
    context.sendSplitRequest();
  }

  @Override
  public InputStatus pollNext(ReaderOutput<T> output) {
    PollSplit current = split;
    if (current == null) return noMoreSplits ? InputStatus.END_OF_INPUT : nothingAvailable();
    if (!current.started()) {
      long now = clock.getAsLong();
      if (!schedule.isDue(current, now)) {
        wakeUpAt(current.dueMillis(), now);
        return InputStatus.NOTHING_AVAILABLE;
      }
      PollSplit pending = current;
      current = schedule.start(pending, readyMillis, now);
      split = current;
      logStart(current, current.lateRounds() > pending.lateRounds());
    }
    if (cursor == null) {
      cursor = items.open(current.round(), current.startedMillis(), current.position());
    }
    T item = cursor.next();
    if (item != null) {
      output.collect(item);
      split = current.advanced();
      return InputStatus.MORE_AVAILABLE;
    }
    cursor.close();
    cursor = null;
    if (schedule.isLast(current)) {
      LOG.info("Poll round {} emitted, the last of {}", current.round(), schedule.times());
      split = null;
      return noMoreSplits ? InputStatus.END_OF_INPUT : nothingAvailable();
    }
    split = schedule.next(current);
    readyMillis = clock.getAsLong();
    // The next call starts the next round, or waits for it.
    return InputStatus.MORE_AVAILABLE;
  }

  private static void logStart(PollSplit started, boolean late) {
    if (late) {
      LOG.warn(
          "Poll round {} starts late: it was due before the previous round had been emitted, or"
              + " while the job was down ({} late rounds and {} skipped due times so far)",
          started.round(),
          started.lateRounds(),
          started.skippedTimes());
    } else {
      LOG.info("Poll round {} starts", started.round());
    }
  }

  private InputStatus nothingAvailable() {
    if (availability.isDone()) availability = new CompletableFuture<>();
    return InputStatus.NOTHING_AVAILABLE;
  }

  /** Makes the reader available again at {@code dueMillis}. */
  private void wakeUpAt(long dueMillis, long now) {
    nothingAvailable();
    CompletableFuture<Void> toComplete = availability;
    timer.schedule(() -> toComplete.complete(null), dueMillis - now, TimeUnit.MILLISECONDS);
  }

  @Override
  public List<PollSplit> snapshotState(long checkpointId) {
    PollSplit current = split;
    return current == null ? List.of() : List.of(current);
  }

  @Override
  public CompletableFuture<Void> isAvailable() {
    return availability;
  }

  @Override
  public void addSplits(List<PollSplit> splits) {
    if (splits.isEmpty()) return;
    if (splits.size() > 1 || split != null) {
      throw new IllegalStateException("a poll has one split; got " + splits + " with " + split);
    }
    split = splits.get(0);
    readyMillis = clock.getAsLong();
    availability.complete(null);
  }

  @Override
  public void notifyNoMoreSplits() {
    noMoreSplits = true;
    availability.complete(null);
  }

  @Override
  public void close() {
    if (cursor != null) cursor.close();
    if (timer != null) timer.shutdownNow();
  }
}
