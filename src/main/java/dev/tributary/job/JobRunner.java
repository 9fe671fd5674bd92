package dev.tributary.job;

import dev.tributary.config.JobConfig;
import dev.tributary.sink.FileOutputs;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Runs a job file's pipeline to the end in a given environment and writes its summary. */
public final class JobRunner {
  private JobRunner() {}

  /**
   * Builds the job into {@code env}, runs it until its input ends, and writes {@code summary.json}
   * beside the outputs. Outputs of an earlier run in the same folder are removed first.
   */
  public static RunSummary runBounded(JobConfig config, StreamExecutionEnvironment env)
      throws Exception {
    FileOutputs outputs = new FileOutputs(config.output().dir());
    outputs.clearPreviousRun();
    configure(env);
    TributaryJob.of(config, outputs).build(env);

    JobExecutionResult result = env.execute("tributary: " + config.name());

    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    RunSummary summary = RunSummary.from(result.getAllAccumulatorResults(), jvmStart);
    writeSummary(outputs, summary);
    return summary;
  }

  /** Settings every Tributary job runs with, bounded or not. */
  static void configure(StreamExecutionEnvironment env) {
    // Streaming even for a bounded input: the batch shuffle would sort every element before the
    // daily totals, and the same graph later runs unbounded.
    env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
    // Every element is immutable once emitted, so chained operators need not copy it.
    env.getConfig().enableObjectReuse();
  }

  private static void writeSummary(FileOutputs outputs, RunSummary summary) throws IOException {
    Files.createDirectories(outputs.dir());
    Files.writeString(
        outputs.dir().resolve(FileOutputs.SUMMARY), summary.toJson(), StandardCharsets.UTF_8);
  }
}
