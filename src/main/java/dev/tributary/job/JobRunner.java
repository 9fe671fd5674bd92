package dev.tributary.job;

import dev.tributary.config.JobConfig;
import dev.tributary.sink.FileOutputs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Runs a job file's pipeline to the end and writes its summary. */
public final class JobRunner {
  private JobRunner() {}

  /** Runs a built job: {@code env.execute} by default, or a cluster of the caller's own. */
  @FunctionalInterface
  public interface Executor {
    JobExecutionResult execute(StreamExecutionEnvironment env, String jobName) throws Exception;
  }

  /** Runs the job in {@code env} itself (tests: the MiniCluster of the test extension). */
  public static RunSummary runBounded(JobConfig config, StreamExecutionEnvironment env)
      throws Exception {
    return runBounded(config, env, StreamExecutionEnvironment::execute, new StartupClock());
  }

  /**
   * Builds the job into {@code env}, runs it with {@code executor} until its input ends, and writes
   * {@code summary.json} beside the outputs. Outputs of an earlier run in the same folder are
   * removed first.
   */
  public static RunSummary runBounded(
      JobConfig config, StreamExecutionEnvironment env, Executor executor, StartupClock clock)
      throws Exception {
    FileOutputs outputs = new FileOutputs(config.output().dir());
    outputs.clearPreviousRun();
    configure(env);
    TributaryJob.of(config, outputs).build(env);

    JobExecutionResult result = executor.execute(env, "tributary: " + config.name());

    RunSummary summary = RunSummary.from(result.getAllAccumulatorResults(), clock);
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
