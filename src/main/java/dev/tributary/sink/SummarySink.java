package dev.tributary.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.model.RunCounts;
import dev.tributary.model.Timestamps;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Writes the run's counts as {@code summary.json} through Flink's file system (so a run on a
 * cluster, attached or not, leaves it beside its outputs): when the input ends, and while a
 * checkpointed job runs, at each checkpoint with the counts so far. Runs with parallelism 1: it
 * receives the sums of every subtask and adds them up; the sum is in the checkpoint, so a restored
 * job counts on from it.
 */
public final class SummarySink
    implements Sink<RunCounts>, SupportsWriterState<RunCounts, RunCounts> {
  private static final long serialVersionUID = 1L;

  private final Path file;

  public SummarySink(Path file) {
    this.file = file;
  }

  @Override
  public SinkWriter<RunCounts> createWriter(WriterInitContext context) {
    return new Writer(file, RunCounts.NONE);
  }

  @Override
  public StatefulSinkWriter<RunCounts, RunCounts> restoreWriter(
      WriterInitContext context, Collection<RunCounts> recoveredState) {
    RunCounts sum = RunCounts.NONE;
    for (RunCounts counts : recoveredState) sum = sum.plus(counts);
    return new Writer(file, sum);
  }

  @Override
  public SimpleVersionedSerializer<RunCounts> getWriterStateSerializer() {
    return new CountsSerializer();
  }

  /** The JSON of {@code summary.json} as the job writes it at its end: counts and fetch window. */
  public static String toJson(RunCounts counts) {
    return toJson(counts, null);
  }

  /**
   * The same while a checkpointed job runs: {@code as_of_checkpoint} and {@code updated_at} say
   * which checkpoint the counts go with and when they were written.
   */
  static String toJson(RunCounts counts, Long checkpointId) {
    ObjectNode json = new ObjectMapper().createObjectNode();
    counts.writeCountsTo(json);
    counts.writeWindowTo(json);
    if (checkpointId != null) {
      json.put("as_of_checkpoint", checkpointId);
      json.put("updated_at", Timestamps.utcMillis(Instant.now()));
    }
    return json.toPrettyString() + "\n";
  }

  private static final class Writer implements StatefulSinkWriter<RunCounts, RunCounts> {
    private final Path file;
    private RunCounts sum;

    Writer(Path file, RunCounts restored) {
      this.file = file;
      this.sum = restored;
    }

    @Override
    public void write(RunCounts counts, Context context) {
      sum = sum.plus(counts);
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
      if (endOfInput) writeSummary(toJson(sum));
    }

    @Override
    public List<RunCounts> snapshotState(long checkpointId) throws IOException {
      // Not part of the checkpoint's guarantee: a view of the counts, replaced by the next one.
      writeSummary(toJson(sum, checkpointId));
      return List.of(sum);
    }

    /**
     * Written beside it and renamed over it, so that a reader never finds half a file (it is
     * rewritten while the job runs).
     */
    private void writeSummary(String json) throws IOException {
      FileSystem fs = file.getFileSystem();
      fs.mkdirs(file.getParent());
      Path written = new Path(file.getParent(), "." + file.getName() + ".tmp");
      try (OutputStream out = fs.create(written, FileSystem.WriteMode.OVERWRITE)) {
        out.write(json.getBytes(StandardCharsets.UTF_8));
      }
      // A local rename replaces the old file at once; HDFS's refuses while it exists.
      if (!fs.rename(written, file)) {
        fs.delete(file, false);
        if (!fs.rename(written, file)) throw new IOException("cannot write " + file);
      }
    }

    @Override
    public void close() {}
  }

  /** The counts in a checkpoint, as the JSON of {@code summary.json}. */
  private static final class CountsSerializer implements SimpleVersionedSerializer<RunCounts> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(RunCounts counts) {
      return toJson(counts).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public RunCounts deserialize(int version, byte[] serialized) throws IOException {
      return RunCounts.fromJson(JSON.readTree(serialized));
    }
  }
}
