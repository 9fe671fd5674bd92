package dev.tributary.source;

import java.io.IOException;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * The poll source's one split, which is also its whole checkpointed state: the round in progress
 * (or the next one, not yet started) and how far it got, with the schedule's counts so far.
 *
 * @param round the round, counted from 1
 * @param dueMillis when the round is due on the schedule; {@link #AT_ONCE} for round 1 before it
 *     starts (the schedule is laid from round 1's start)
 * @param startedMillis when the round started; {@link #NOT_STARTED} before
 * @param position items of the round already emitted: a restored round goes on from the next one
 * @param lateRounds rounds that were due before the previous one had been emitted
 * @param skippedTimes due times that passed while a late round waited, which got no round of their
 *     own
 */
public record PollSplit(
    long round,
    long dueMillis,
    long startedMillis,
    long position,
    long lateRounds,
    long skippedTimes)
    implements SourceSplit {

  /** The source has one split: a schedule is one sequence of rounds. */
  public static final String ID = "poll";

  public static final long AT_ONCE = 0;
  public static final long NOT_STARTED = 0;

  public PollSplit {
    if (round < 1) throw new IllegalArgumentException("round must be at least 1, got " + round);
    if (position < 0 || lateRounds < 0 || skippedTimes < 0) {
      throw new IllegalArgumentException("negative count in " + this);
    }
  }

  /** Round 1, due at once. */
  public static PollSplit first() {
    return new PollSplit(1, AT_ONCE, NOT_STARTED, 0, 0, 0);
  }

  public boolean started() {
    return startedMillis != NOT_STARTED;
  }

  /** The same round, one more item emitted. */
  public PollSplit advanced() {
    return new PollSplit(round, dueMillis, startedMillis, position + 1, lateRounds, skippedTimes);
  }

  @Override
  public String splitId() {
    return ID;
  }

  /** Writes a split as its six numbers. */
  static final class Serializer implements SimpleVersionedSerializer<PollSplit> {
    static final Serializer INSTANCE = new Serializer();
    private static final int VERSION = 1;

    @Override
    public int getVersion() {
      return VERSION;
    }

    @Override
    public byte[] serialize(PollSplit split) throws IOException {
      DataOutputSerializer out = new DataOutputSerializer(6 * Long.BYTES);
      out.writeLong(split.round());
      out.writeLong(split.dueMillis());
      out.writeLong(split.startedMillis());
      out.writeLong(split.position());
      out.writeLong(split.lateRounds());
      out.writeLong(split.skippedTimes());
      return out.getCopyOfBuffer();
    }

    @Override
    public PollSplit deserialize(int version, byte[] serialized) throws IOException {
      if (version != VERSION) {
        throw new IOException("unknown version of a poll split: " + version);
      }
      DataInputDeserializer in = new DataInputDeserializer(serialized);
      return new PollSplit(
          in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong());
    }
  }
}
