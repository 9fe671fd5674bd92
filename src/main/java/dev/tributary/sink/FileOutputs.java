package dev.tributary.sink;

import java.nio.file.Path;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * The job's outputs as folders of JSON-lines part files under one folder (a run's staging folder,
 * see {@link OutputFolder}).
 */
public final class FileOutputs implements JobOutputs {
  public static final String RECORDS = "records";
  public static final String DAILY = "daily";
  public static final String DEAD_LETTER = "dead-letter";
  public static final String SUMMARY = "summary.json";

  private final Path dir;

  public FileOutputs(Path dir) {
    this.dir = dir.toAbsolutePath();
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

  private org.apache.flink.core.fs.Path folder(String name) {
    return new org.apache.flink.core.fs.Path(dir.resolve(name).toUri());
  }
}
