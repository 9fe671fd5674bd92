package dev.tributary.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.model.RunCounts;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Writes the run's counts as {@code summary.json} when the input ends, through Flink's file system
 * (so a run on a cluster, attached or not, leaves it beside its outputs). Runs with parallelism 1:
 * it receives the sums of every subtask and adds them up.
 */
public final class SummarySink implements Sink<RunCounts> {
  private static final long serialVersionUID = 1L;

  private final Path file;

  public SummarySink(Path file) {
    this.file = file;
  }

  @Override
  public SinkWriter<RunCounts> createWriter(WriterInitContext context) {
    return new Writer(file);
  }

  /** The JSON of {@code summary.json} as the job writes it: counts and the fetch window. */
  public static String toJson(RunCounts counts) {
    ObjectNode json = new ObjectMapper().createObjectNode();
    counts.writeCountsTo(json);
    counts.writeWindowTo(json);
    return json.toPrettyString() + "\n";
  }

  private static final class Writer implements SinkWriter<RunCounts> {
    private final Path file;
    private RunCounts sum = RunCounts.NONE;

    Writer(Path file) {
      this.file = file;
    }

    @Override
    public void write(RunCounts counts, Context context) {
      sum = sum.plus(counts);
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
      if (!endOfInput) return;
      FileSystem fs = file.getFileSystem();
      fs.mkdirs(file.getParent());
      try (OutputStream out = fs.create(file, FileSystem.WriteMode.OVERWRITE)) {
        out.write(toJson(sum).getBytes(StandardCharsets.UTF_8));
      }
    }

    @Override
    public void close() {}
  }
}
