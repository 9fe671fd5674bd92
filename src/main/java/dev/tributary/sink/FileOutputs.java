package dev.tributary.sink;

import dev.tributary.model.RunCounts;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.core.fs.Path;

/**
 * The job's outputs as folders of JSON-lines part files under one folder of any Flink file system
 * ({@code file://}, {@code hdfs://}, {@code s3://}): a local run's staging folder (see {@link
 * OutputFolder}), or {@code output.path} itself on a cluster.
 */
public final class FileOutputs implements JobOutputs {
  public static final String RECORDS = "records";
  public static final String DAILY = "daily";
  public static final String DEAD_LETTER = "dead-letter";
  public static final String SUMMARY = "summary.json";

  private final Path dir;

  public FileOutputs(Path dir) {
    this.dir = dir;
  }

  /** A folder of the local file system. */
  public FileOutputs(java.nio.file.Path dir) {
    this(new Path(dir.toAbsolutePath().toUri()));
  }

  public Path dir() {
    return dir;
  }

  @Override
  public Sink<byte[]> records() {
    return JsonLinesSink.ofBytes(folder(RECORDS), RECORDS);
  }

  @Override
  public Sink<String> daily() {
    return JsonLinesSink.ofStrings(folder(DAILY), DAILY);
  }

  @Override
  public Sink<String> deadLetters() {
    return JsonLinesSink.ofStrings(folder(DEAD_LETTER), DEAD_LETTER);
  }

  @Override
  public Sink<RunCounts> summary() {
    return new SummarySink(folder(SUMMARY));
  }

  private Path folder(String name) {
    return new Path(dir, name);
  }
}
