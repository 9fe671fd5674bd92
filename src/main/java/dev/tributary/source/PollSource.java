package dev.tributary.source;

import dev.tributary.config.PollConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * A checkpointed source that emits the same items again each round of a {@code source.poll}
 * schedule ({@link PollSchedule}): the endpoints, or the lines of the endpoints file, each tagged
 * with its round. It ends after {@code times} rounds (bounded, so the job ends as a bounded one
 * does), or runs until it is stopped.
 *
 * <p>One split holds the whole schedule (see {@link PollSplit}), so the source runs at parallelism
 * 1: one reader emits every round. That is no limit: emitting an endpoint is cheap, the fetch stage
 * after it has a parallelism of its own, and one reader keeps the rounds in order.
 */
public final class PollSource<T>
    implements Source<T, PollSplit, List<PollSplit>>, ResultTypeQueryable<T> {
  private static final long serialVersionUID = 1L;

  private final PollSchedule schedule;
  private final RoundItems<T> items;

  PollSource(PollConfig poll, RoundItems<T> items) {
    this.schedule = PollSchedule.of(poll);
    this.items = items;
  }

  @Override
  public Boundedness getBoundedness() {
    return schedule.times() == PollConfig.FOREVER
        ? Boundedness.CONTINUOUS_UNBOUNDED
        : Boundedness.BOUNDED;
  }

  @Override
  public SourceReader<T, PollSplit> createReader(SourceReaderContext readerContext) {
    return new PollReader<>(readerContext, schedule, items, System::currentTimeMillis);
  }

  @Override
  public SplitEnumerator<PollSplit, List<PollSplit>> createEnumerator(
      SplitEnumeratorContext<PollSplit> enumContext) {
    return new PollEnumerator(enumContext, List.of(PollSplit.first()));
  }

  @Override
  public SplitEnumerator<PollSplit, List<PollSplit>> restoreEnumerator(
      SplitEnumeratorContext<PollSplit> enumContext, List<PollSplit> checkpoint) {
    return new PollEnumerator(enumContext, checkpoint);
  }

  @Override
  public SimpleVersionedSerializer<PollSplit> getSplitSerializer() {
    return PollSplit.Serializer.INSTANCE;
  }

  @Override
  public SimpleVersionedSerializer<List<PollSplit>> getEnumeratorCheckpointSerializer() {
    return new UnassignedSerializer();
  }

  @Override
  public TypeInformation<T> getProducedType() {
    return items.type();
  }

  /** The enumerator's state: the splits no reader holds, zero or one. */
  static final class UnassignedSerializer implements SimpleVersionedSerializer<List<PollSplit>> {
    private static final int VERSION = 1;

    @Override
    public int getVersion() {
      return VERSION;
    }

    @Override
    public byte[] serialize(List<PollSplit> splits) throws IOException {
      DataOutputSerializer out = new DataOutputSerializer(64);
      out.writeInt(splits.size());
      for (PollSplit split : splits) {
        byte[] bytes = PollSplit.Serializer.INSTANCE.serialize(split);
        out.writeInt(PollSplit.Serializer.INSTANCE.getVersion());
        out.writeInt(bytes.length);
        out.write(bytes);
      }
      return out.getCopyOfBuffer();
    }

    @Override
    public List<PollSplit> deserialize(int version, byte[] serialized) throws IOException {
      if (version != VERSION) {
        throw new IOException("unknown version of a poll enumerator's state: " + version);
      }
      DataInputDeserializer in = new DataInputDeserializer(serialized);
      int count = in.readInt();
      List<PollSplit> splits = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        int splitVersion = in.readInt();
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        splits.add(PollSplit.Serializer.INSTANCE.deserialize(splitVersion, bytes));
      }
      return splits;
    }
  }
}
