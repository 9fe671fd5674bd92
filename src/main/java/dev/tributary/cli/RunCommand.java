package dev.tributary.cli;

import dev.tributary.cli.progress.CheckpointInfo;
import dev.tributary.cli.progress.ProgressLine;
import dev.tributary.config.JobConfig;
import dev.tributary.config.JobFileException;
import dev.tributary.config.JobFiles;
import dev.tributary.config.SourceConfig;
import dev.tributary.demo.DemoApi;
import dev.tributary.demo.DemoApiOptions;
import dev.tributary.demo.DemoSection;
import dev.tributary.demo.LoopbackHttpServer;
import dev.tributary.job.JobRunner;
import dev.tributary.job.RunSummary;
import dev.tributary.job.StartupClock;
import dev.tributary.sink.FileOutputs;
import dev.tributary.sink.OutputFolder;
import dev.tributary.sink.OutputFolderException;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code tributary run JOB.yaml [--set key.path=value ...] [--fresh]}: runs a job file on a local
 * MiniCluster; a continuous job runs as a {@link ContinuousRun}.
 */
final class RunCommand {
  /** Where Flink's configuration is read from, as Flink's own scripts name it. */
  private static final String CONF_DIR_ENV = "FLINK_CONF_DIR";

  private RunCommand() {}

  static int run(List<String> args, PrintStream out, PrintStream err) {
    StartupClock clock = new StartupClock();
    clock.mainEntered();
    JobConfig config;
    Optional<DemoApiOptions> demo;
    OutputFolder output;
    RunArgs runArgs;
    try {
      runArgs = RunArgs.parse(args);
      config = JobFiles.load(Path.of(runArgs.jobFile()), runArgs.overrides());
      demo = DemoSection.of(config);
    } catch (RunArgs.UsageException e) {
      err.println("tributary run: " + e.getMessage());
      return Main.EXIT_USAGE;
    } catch (JobFileException e) {
      err.println("tributary: " + e.getMessage());
      return Main.EXIT_USAGE;
    }
    if (config.continuous()) {
      return ContinuousRun.run(config, demo, runArgs.fresh(), clock, out, err);
    }
    // --fresh changes nothing here: a bounded run always starts over.
    try {
      output = OutputFolder.prepare(config.output().dir());
    } catch (OutputFolderException e) {
      err.println("tributary: " + config.jobFile() + ": output.path: " + e.getMessage());
      return Main.EXIT_USAGE;
    }
    clock.jobFileParsed();

    // The demo API starts before the cluster: a port in use is the job file's problem, told at
    // once.
    try (StopGuard guard = StopGuard.install(err, () -> stoppedMessage(config));
        output;
        DemoApiHandle demoApi = DemoApiHandle.startIfConfigured(config, demo);
        LocalCluster cluster = LocalCluster.start(flinkConfiguration())) {
      clock.clusterReady();
      StreamExecutionEnvironment env = cluster.environment();
      RunSummary summary =
          JobRunner.runBounded(
              config,
              output,
              env,
              (jobEnv, jobName) ->
                  withProgressLine(
                      cluster,
                      config,
                      config.knownEndpointCount(),
                      err,
                      Optional::empty,
                      () -> cluster.execute(jobEnv, jobName)),
              clock);
      printSummary(config, summary, out);
      return Main.EXIT_OK;
    } catch (DemoApiHandle.PortInUse e) {
      err.println("tributary: " + e.getMessage());
      return Main.EXIT_USAGE;
    } catch (Exception e) {
      err.println(
          "tributary: the job failed: " + Errors.describe(e) + " (the log has the details)");
      return Main.EXIT_FAILED;
    }
  }

  /** A job's run, as the progress line wraps it. */
  @FunctionalInterface
  interface JobRun {
    void run() throws Exception;
  }

  /**
   * Runs a job on {@code cluster} with its progress line on {@code err} while it runs; the line
   * ends before the summary is printed.
   */
  static void withProgressLine(
      LocalCluster cluster,
      JobConfig config,
      Optional<Long> total,
      PrintStream err,
      Supplier<Optional<CheckpointInfo>> lastCheckpoint,
      JobRun job)
      throws Exception {
    // Data files are read, not fetched: the fetch stage's counts would stay at 0.
    if (config.source() instanceof SourceConfig.DataFiles) {
      job.run();
      return;
    }
    try (ProgressLine progress =
        ProgressLine.start(
            cluster.progress()::snapshot,
            total,
            lastCheckpoint,
            err,
            ProgressLine.stderrIsTerminal())) {
      job.run();
    }
  }

  private static String stoppedMessage(JobConfig config) {
    return "tributary: stopped before the job ended; "
        + config.output().dir()
        + "/ keeps the previous run's output";
  }

  static void printSummary(JobConfig config, RunSummary summary, PrintStream out) {
    out.println(summary.line());
    if (summary.startupSeconds() > 0) out.println(summary.startupLine());
    out.printf(
        "output: %s/ (%s/, %s/, %s/, %s)%n",
        config.output().dir(),
        FileOutputs.DAILY,
        FileOutputs.RECORDS,
        FileOutputs.DEAD_LETTER,
        FileOutputs.SUMMARY);
  }

  /** Flink's configuration from $FLINK_CONF_DIR when set (the launcher sets conf/). */
  static Configuration flinkConfiguration() {
    String confDir = System.getenv(CONF_DIR_ENV);
    Configuration conf =
        confDir == null ? new Configuration() : GlobalConfiguration.loadConfiguration(confDir);
    if (!conf.contains(CoreOptions.DEFAULT_PARALLELISM)) {
      // One fetch subtask already keeps thousands of requests in flight; more only split the
      // bound and compete for the cores.
      conf.set(CoreOptions.DEFAULT_PARALLELISM, 1);
    }
    return conf;
  }

  /** The demo API of a job file's {@code demo:} section, running for the length of the run. */
  record DemoApiHandle(LoopbackHttpServer server) implements AutoCloseable {
    /** The demo API's port is taken: a usage error, the job file (or --set) must change. */
    static final class PortInUse extends Exception {
      private static final long serialVersionUID = 1L;

      PortInUse(String message) {
        super(message);
      }
    }

    /**
     * A handle, holding nothing without a demo section.
     *
     * @throws PortInUse when {@code demo.port} is taken
     * @throws IllegalStateException when the API cannot start for another reason
     */
    static DemoApiHandle startIfConfigured(JobConfig config, Optional<DemoApiOptions> demo)
        throws PortInUse {
      if (demo.isEmpty()) return new DemoApiHandle(null);
      int port = demo.get().port();
      try {
        return new DemoApiHandle(DemoApi.start(demo.get()));
      } catch (Exception e) { // Netty rethrows a BindException unchecked, yet not as a subclass
        if (Errors.hasCause(e, BindException.class)) {
          throw new PortInUse(
              config.jobFile()
                  + ": demo.port: 127.0.0.1:"
                  + port
                  + " is already in use (choose another, e.g. --set demo.port="
                  + (port == 65535 ? port - 1 : port + 1)
                  + ")");
        }
        throw new IllegalStateException(
            "demo: cannot start the demo API on port " + port + ": " + Errors.describe(e), e);
      }
    }

    @Override
    public void close() {
      if (server != null) server.close();
    }
  }
}
