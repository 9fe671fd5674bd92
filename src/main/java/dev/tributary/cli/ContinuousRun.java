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
import java.util.concurrent.TimeoutException;
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
  private static final Duration SAVEPOINT_TIMEOUT = StopGuard.HALT_AFTER.minusSeconds(3);

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
    } catch (CannotPrepare e) {
      err.println("tributary: " + config.jobFile() + ": " + e.getMessage());
      return Main.EXIT_USAGE;
    }
    clock.jobFileParsed();

    // A resumed run's counters start at 0 while its summary goes on: no total to count up to.
    Optional<Long> total = resumeFrom.isPresent() ? Optional.empty() : config.knownEndpointCount();
    RunSummary summary;
    StopGuard guard = StopGuard.install(err, run::stop);
    try (guard;
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
                      total,
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
      // Stopped from outside: the stop has said what it did; the job's end is not a failure.
      if (guard.stopping()) return Main.EXIT_STOPPED;
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
      throws CannotPrepare {
    Optional<Path> latest = inCheckpointDir(checkpoints::latest);
    if (fresh) {
      inCheckpointDir(checkpoints::discardAll);
      boolean hadOutput = inOutputPath(() -> OutputFolder.discardOutputs(outputDir));
      out.println(
          "tributary: --fresh: starting over"
              + latest.map(p -> ", discarding " + describe(p)).orElse("")
              + (hadOutput ? ", discarding the output in " + config.output().dir() + "/" : ""));
      return Optional.empty();
    }
    if (latest.isPresent()) {
      inCheckpointDir(() -> checkpoints.discardAllBut(latest.get()));
      inOutputPath(() -> OutputFolder.removeUncommittedParts(outputDir));
      out.println("tributary: resuming from " + describe(latest.get()));
      return latest;
    }
    inCheckpointDir(checkpoints::discardAll); // checkpoints begun but never completed
    if (inOutputPath(() -> OutputFolder.discardOutputs(outputDir))) {
      out.println(
          "tributary: no checkpoint to resume from: starting over, replacing the output in "
              + config.output().dir()
              + "/");
    }
    return Optional.empty();
  }

  /** A folder the run cannot prepare: a usage error naming the job file's key. */
  private static final class CannotPrepare extends Exception {
    private static final long serialVersionUID = 1L;

    CannotPrepare(String key, Object folder, IOException cause) {
      super(key + ": cannot read or clean " + folder + ": " + Errors.describe(cause), cause);
    }
  }

  /** File-system work that may fail. */
  @FunctionalInterface
  private interface FolderWork<T> {
    T run() throws IOException;
  }

  private <T> T inCheckpointDir(FolderWork<T> work) throws CannotPrepare {
    try {
      return work.run();
    } catch (IOException e) {
      throw new CannotPrepare("checkpoint.dir", checkpoints, e);
    }
  }

  private void inCheckpointDir(IoAction action) throws CannotPrepare {
    inCheckpointDir(
        () -> {
          action.run();
          return null;
        });
  }

  private <T> T inOutputPath(FolderWork<T> work) throws CannotPrepare {
    try {
      return work.run();
    } catch (IOException e) {
      throw new CannotPrepare("output.path", config.output().dir(), e);
    }
  }

  /** File-system work without a result. */
  @FunctionalInterface
  private interface IoAction {
    void run() throws IOException;
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
    String why;
    try {
      String savepoint =
          job.stopWithSavepoint(checkpoints.savepointDir().toString(), SAVEPOINT_TIMEOUT);
      return "tributary: stopped with "
          + describe(new Path(savepoint))
          + "; run the same command to resume from it (--fresh to start over)";
    } catch (TimeoutException e) {
      why = "none within " + SAVEPOINT_TIMEOUT.toSeconds() + " s";
    } catch (Exception e) {
      why = Errors.describe(e);
    }
    Optional<Path> next;
    try {
      next = checkpoints.latest(); // what the next run will find
    } catch (IOException e) {
      next = Optional.empty();
    }
    return "tributary: stopped without a savepoint ("
        + why
        + "); the next run resumes from "
        + next.map(ContinuousRun::describe).orElse("the start: no checkpoint was completed");
  }
}
