package dev.tributary.sink;

import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.BasePathBucketAssigner;

/**
 * A {@link FileSink} of JSON lines into one flat folder. Part files become visible only when the
 * sink commits them (on a checkpoint, or at the end of a bounded input), so readers never see a
 * half-written file; with checkpoints on, a job restarted from one writes each line once.
 */
public final class JsonLinesSink {
  public static final String PART_SUFFIX = ".jsonl";

  private JsonLinesSink() {}

  /** Elements are one or more whole lines, each ending in {@code '\n'}. */
  public static FileSink<String> ofStrings(Path folder, String partPrefix) {
    return into(folder, partPrefix, JsonLinesWriter.LineBytes.ofString());
  }

  /** Elements are the UTF-8 bytes of one or more whole lines, each ending in {@code '\n'}. */
  public static FileSink<byte[]> ofBytes(Path folder, String partPrefix) {
    return into(folder, partPrefix, JsonLinesWriter.LineBytes.ofBytes());
  }

  private static <T> FileSink<T> into(
      Path folder, String partPrefix, JsonLinesWriter.LineBytes<T> lineBytes) {
    return FileSink.forBulkFormat(folder, JsonLinesWriter.factory(lineBytes))
        .withBucketAssigner(new BasePathBucketAssigner<>())
        .withOutputFileConfig(
            OutputFileConfig.builder()
                .withPartPrefix(partPrefix)
                .withPartSuffix(PART_SUFFIX)
                .build())
        .build();
  }
}
