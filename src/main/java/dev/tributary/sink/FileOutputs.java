package dev.tributary.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.connector.sink2.Sink;

/** The job's outputs as folders of JSON-lines part files under one output folder. */
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

  /**
   * Removes what an earlier bounded run wrote here (only the folders and file Tributary writes), so
   * a run's output is that run's alone.
   */
  public void clearPreviousRun() {
    try {
      for (String name : List.of(RECORDS, DAILY, DEAD_LETTER)) deleteTree(dir.resolve(name));
      Files.deleteIfExists(dir.resolve(SUMMARY));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear the previous output in " + dir, e);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) return;
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }
}
