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
  public static FileSink<String> into(Path folder, String partPrefix) {
    return FileSink.forBulkFormat(folder, JsonLinesWriter.factory())
        .withBucketAssigner(new BasePathBucketAssigner<>())
        .withOutputFileConfig(
            OutputFileConfig.builder()
                .withPartPrefix(partPrefix)
                .withPartSuffix(PART_SUFFIX)
                .build())
        .build();
  }
}
