package dev.tributary.cli;

import dev.tributary.cli.progress.CheckpointInfo;
import dev.tributary.config.JobConfig;
import dev.tributary.demo.DemoApiOptions;
import dev.tributary.job.JobRunner;
import dev.tributary.job.RetainedCheckpoints;
import dev.tributary.job.RunSummary;
import dev.tributary.job.StartupClock;
import dev.tributary.sink.OutputFolder;
import dev.tributary.sink.OutputFolderException;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.core.fs.Path;

/**
 * {@code tributary run} of a continuous job (one with {@code source.poll} or {@code source.watch})
 * on the local MiniCluster: resumes from the latest checkpoint or savepoint the job's earlier runs
 * left (unless {@code --fresh}), and on Ctrl-C or SIGTERM stops the job with a savepoint that the
 * next run resumes from. A job whose rounds are all done leaves no checkpoint: the next run starts
 * over.
 */
final class ContinuousRun {
  /** Within {@link StopGuard#HALT_AFTER}, with time left to shut the cluster down. */
  private static final Duration SAVEPOINT_TIMEOUT = Duration.ofSeconds(7);

  private final JobConfig config;
  private final RetainedCheckpoints checkpoints;
  private final PrintStream out;
  private final AtomicReference<LocalCluster.RunningJob> running = new AtomicReference<>();

  private ContinuousRun(JobConfig config, PrintStream out) {
    this.config = config;
    this.checkpoints = new RetainedCheckpoints(config.checkpoint().orElseThrow().flinkPath());
    this.out = out;
  }

  static int run(
      JobConfig config,
      Optional<DemoApiOptions> demo,
      boolean fresh,
      StartupClock clock,
      PrintStream out,
      PrintStream err) {
    ContinuousRun run = new ContinuousRun(config, out);
    java.nio.file.Path outputDir;
    Optional<Path> resumeFrom;
    try {
      outputDir = OutputFolder.prepareInPlace(config.output().dir());
    } catch (OutputFolderException e) {
      err.println("tributary: " + config.jobFile() + ": output.path: " + e.getMessage());
      return Main.EXIT_USAGE;
    }
    try {
      resumeFrom = run.chooseStart(fresh, outputDir);
    } catch (IOException e) {
      err.println(
          "tributary: "
              + config.jobFile()
              + ": checkpoint.dir: cannot read or clean "
              + run.checkpoints
              + ": "
              + Errors.describe(e));
      return Main.EXIT_USAGE;
    }
    clock.jobFileParsed();

    RunSummary summary;
    try (StopGuard guard = StopGuard.install(err, run::stop);
        RunCommand.DemoApiHandle demoApi =
            RunCommand.DemoApiHandle.startIfConfigured(config, demo);
        LocalCluster cluster = LocalCluster.start(RunCommand.flinkConfiguration())) {
      clock.clusterReady();
      summary =
          JobRunner.runContinuous(
              config,
              cluster.environment(),
              (env, jobName) ->
                  RunCommand.withProgressLine(
                      cluster,
                      config,
                      err,
                      run::lastCheckpoint,
                      () -> {
                        LocalCluster.RunningJob job =
                            cluster.submit(env, jobName, resumeFrom.map(Path::toString));
                        run.running.set(job);
                        job.awaitEnd();
                      }),
              clock);
      if (guard.stopping()) return Main.EXIT_STOPPED;
    } catch (RunCommand.DemoApiHandle.PortInUse e) {
      err.println("tributary: " + e.getMessage());
      return Main.EXIT_USAGE;
    } catch (Exception e) {
      err.println(
          "tributary: the job failed: "
              + Errors.describe(e)
              + " (the log has the details; the next run resumes from its last checkpoint)");
      return Main.EXIT_FAILED;
    }
    // All rounds done: nothing to resume, the next run starts over. (After the cluster has shut
    // down: until then it may still write into the job's checkpoint folder.)
    try {
      run.checkpoints.discardAll();
    } catch (IOException e) {
      err.println(
          "tributary: cannot remove the finished job's checkpoints in "
              + run.checkpoints
              + ": "
              + Errors.describe(e));
    }
    RunCommand.printSummary(config, summary, out);
    return Main.EXIT_OK;
  }

  /**
   * The checkpoint to resume from, saying so; or none, after discarding what an earlier run left
   * (everything with {@code --fresh}; only its outputs when it left no checkpoint).
   */
  private Optional<Path> chooseStart(boolean fresh, java.nio.file.Path outputDir)
      throws IOException {
    Optional<Path> latest = checkpoints.latest();
    if (fresh) {
      checkpoints.discardAll();
      boolean hadOutput = OutputFolder.discardOutputs(outputDir);
      out.println(
          "tributary: --fresh: starting over"
              + latest.map(p -> ", discarding " + describe(p)).orElse("")
              + (hadOutput ? ", discarding the output in " + config.output().dir() + "/" : ""));
      return Optional.empty();
    }
    if (latest.isPresent()) {
      checkpoints.discardAllBut(latest.get());
      OutputFolder.removeUncommittedParts(outputDir);
      out.println("tributary: resuming from " + describe(latest.get()));
      return latest;
    }
    checkpoints.discardAll(); // checkpoints begun but never completed
    if (OutputFolder.discardOutputs(outputDir)) {
      out.println(
          "tributary: no checkpoint to resume from: starting over, replacing the output in "
              + config.output().dir()
              + "/");
    }
    return Optional.empty();
  }

  /** e.g. {@code checkpoint out/job/.tributary/checkpoints/<job id>/chk-5}. */
  private static String describe(Path checkpoint) {
    boolean savepoint = checkpoint.getParent().getName().equals(RetainedCheckpoints.SAVEPOINTS);
    String where =
        "file".equals(checkpoint.toUri().getScheme())
            ? checkpoint.toUri().getPath()
            : checkpoint.toString();
    return (savepoint ? "savepoint " : "checkpoint ") + where;
  }

  private Optional<CheckpointInfo> lastCheckpoint() {
    return Optional.ofNullable(running.get()).flatMap(LocalCluster.RunningJob::lastCheckpoint);
  }

  /** On Ctrl-C or SIGTERM: a savepoint the next run resumes from, or its last checkpoint. */
  private String stop() {
    LocalCluster.RunningJob job = running.get();
    if (job == null) return "tributary: stopped before the job started";
    try {
      String savepoint =
          job.stopWithSavepoint(checkpoints.savepointDir().toString(), SAVEPOINT_TIMEOUT);
      return "tributary: stopped with "
          + describe(new Path(savepoint))
          + "; run the same command to resume from it (--fresh to start over)";
    } catch (Exception e) {
      return "tributary: stopped without a savepoint ("
          + Errors.describe(e)
          + "); the next run resumes from "
          + job.lastCheckpoint()
              .map(checkpoint -> "checkpoint " + checkpoint.id())
              .orElse("the start: no checkpoint was completed");
    }
  }
}
