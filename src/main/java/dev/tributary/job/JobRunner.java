package dev.tributary.job;

import static dev.tributary.sink.FileOutputs.SUMMARY;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.config.CheckpointConfig;
import dev.tributary.config.JobConfig;
import dev.tributary.fetch.FetchFunction;
import dev.tributary.model.RunCounts;
import dev.tributary.sink.FileOutputs;
import dev.tributary.sink.OutputFolder;
import java.time.Duration;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Runs a job file's pipeline to the end and writes its summary. */
public final class JobRunner {
  private static final ObjectMapper JSON = new ObjectMapper();

  // How a continuous job restarts after a failure (unless Flink's configuration says otherwise):
  // after 1 s, 2 s, 4 s ... up to a minute; 10 restarts in a row without an hour of running in
  // between fail it for good.
  static final Duration FIRST_RESTART_DELAY = Duration.ofSeconds(1);
  static final double RESTART_DELAY_FACTOR = 2.0;
  static final Duration LONGEST_RESTART_DELAY = Duration.ofMinutes(1);
  static final Duration HEALTHY_STRETCH = Duration.ofHours(1);
  static final int MAX_RESTARTS_IN_A_ROW = 10;

  private JobRunner() {}

  /** Runs a built job: {@code env.execute} by default, or a cluster of the caller's own. */
  @FunctionalInterface
  public interface Executor {
    void execute(StreamExecutionEnvironment env, String jobName) throws Exception;
  }

  /** Runs the job in {@code env} itself (tests: the MiniCluster of the test extension). */
  public static RunSummary runBounded(JobConfig config, StreamExecutionEnvironment env)
      throws Exception {
    return runBounded(config, FetchFunction.withAsyncHttpClient(config.http()), env);
  }

  /** The same with a fetch function of the caller's own (tests: a client that fails on purpose). */
  static RunSummary runBounded(
      JobConfig config, FetchFunction fetchFunction, StreamExecutionEnvironment env)
      throws Exception {
    try (OutputFolder output = OutputFolder.prepare(config.output().dir())) {
      return run(
          config,
          fetchFunction,
          output,
          env,
          StreamExecutionEnvironment::execute,
          new StartupClock());
    }
  }

  /**
   * Builds the job into {@code env}, runs it with {@code executor} until its input ends, writing
   * into {@code output}'s staging folder, and swaps the outputs and {@code summary.json} in place
   * of the previous run's only once it has succeeded. A run that fails leaves the previous outputs
   * as they were; its own are discarded when the caller closes {@code output}.
   */
  public static RunSummary runBounded(
      JobConfig config,
      OutputFolder output,
      StreamExecutionEnvironment env,
      Executor executor,
      StartupClock clock)
      throws Exception {
    return run(
        config, FetchFunction.withAsyncHttpClient(config.http()), output, env, executor, clock);
  }

  private static RunSummary run(
      JobConfig config,
      FetchFunction fetchFunction,
      OutputFolder output,
      StreamExecutionEnvironment env,
      Executor executor,
      StartupClock clock)
      throws Exception {
    configure(env);
    new TributaryJob(config, fetchFunction, new FileOutputs(output.staging())).build(env);

    executor.execute(env, jobName(config));

    // The job wrote its counts as summary.json; a local run adds how long it took to start.
    RunCounts counts =
        RunCounts.fromJson(JSON.readTree(output.staging().resolve(SUMMARY).toFile()));
    RunSummary summary = RunSummary.from(counts, clock);
    output.commit(summary.toJson());
    return summary;
  }

  /**
   * Runs a continuous job ({@link JobConfig#continuous()}) with {@code executor} until its rounds
   * are done or it is stopped, checkpointed into {@code checkpoint.dir}. Its outputs are written in
   * place into {@code output.path}, each part file committed by a checkpoint, so that a run
   * restored from one carries on the same files.
   *
   * @return the job's own summary as of its end (or of the last checkpoint when it was stopped)
   */
  public static RunSummary runContinuous(
      JobConfig config, StreamExecutionEnvironment env, Executor executor, StartupClock clock)
      throws Exception {
    return runContinuous(
        config, FetchFunction.withAsyncHttpClient(config.http()), env, executor, clock);
  }

  /** Runs a continuous job in {@code env} itself (tests: the MiniCluster of the test extension). */
  public static RunSummary runContinuous(JobConfig config, StreamExecutionEnvironment env)
      throws Exception {
    return runContinuous(config, env, StreamExecutionEnvironment::execute, new StartupClock());
  }

  /** The same with a fetch function of the caller's own (tests: a client that fails once). */
  static RunSummary runContinuous(
      JobConfig config,
      FetchFunction fetchFunction,
      StreamExecutionEnvironment env,
      Executor executor,
      StartupClock clock)
      throws Exception {
    configure(env);
    configureCheckpoints(env, config);
    FileOutputs outputs = new FileOutputs(config.output().flinkPath());
    new TributaryJob(config, fetchFunction, outputs).build(env);

    executor.execute(env, jobName(config));

    RunCounts counts = RunCounts.NONE;
    org.apache.flink.core.fs.Path summary =
        new org.apache.flink.core.fs.Path(outputs.dir(), SUMMARY);
    if (summary.getFileSystem().exists(summary)) {
      try (var in = summary.getFileSystem().open(summary)) {
        counts = RunCounts.fromJson(JSON.readTree(in));
      }
    }
    return RunSummary.from(counts, clock);
  }

  /**
   * Builds the job into a cluster's environment and submits it: {@code output.path} is written in
   * place (a Flink file-system path, reachable from every TaskManager), and {@code execute} waits
   * for the end unless the client submits detached.
   */
  public static void submit(JobConfig config, StreamExecutionEnvironment env) throws Exception {
    configure(env);
    configureCheckpoints(env, config);
    TributaryJob.of(config, new FileOutputs(config.output().flinkPath())).build(env);
    env.execute(jobName(config));
  }

  /** The name the job has in Flink (web UI, logs, REST). */
  public static String jobName(JobConfig config) {
    return "tributary: " + config.name();
  }

  /**
   * A continuous job checkpoints every {@code checkpoint.every} into {@code checkpoint.dir}, and
   * keeps its last checkpoint when it is cancelled or fails, to be resumed from.
   */
  static void configureCheckpoints(StreamExecutionEnvironment env, JobConfig config) {
    if (config.checkpoint().isEmpty()) return;
    CheckpointConfig checkpoint = config.checkpoint().get();
    Configuration conf = new Configuration();
    conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpoint.every());
    conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
    conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoint.flinkPath().toString());
    conf.set(
        CheckpointingOptions.SAVEPOINT_DIRECTORY,
        new RetainedCheckpoints(checkpoint.flinkPath()).savepointDir().toString());
    conf.set(
        CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
        ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    if (!env.getConfiguration().getOptional(RestartStrategyOptions.RESTART_STRATEGY).isPresent()) {
      // A failing job is restarted from its last checkpoint, after longer and longer waits; a run
      // of restarts without a healthy stretch in between fails it for good, rather than retry a
      // bug for ever.
      conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
      conf.set(
          RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF,
          FIRST_RESTART_DELAY);
      conf.set(
          RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER,
          RESTART_DELAY_FACTOR);
      conf.set(
          RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF,
          LONGEST_RESTART_DELAY);
      conf.set(
          RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD,
          HEALTHY_STRETCH);
      conf.set(
          RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS,
          MAX_RESTARTS_IN_A_ROW);
    }
    env.configure(conf);
  }

  /** Settings every Tributary job runs with, bounded or not. */
  static void configure(StreamExecutionEnvironment env) {
    // Streaming even for a bounded input: the batch shuffle would sort every element before the
    // daily totals, and the same graph later runs unbounded.
    env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
    // Every element is immutable once emitted, so chained operators need not copy it.
    env.getConfig().enableObjectReuse();
  }
}
