package dev.tributary.cli;

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
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code tributary run JOB.yaml [--set key.path=value ...]}: runs a job file on a local
 * MiniCluster.
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
    try {
      RunArgs runArgs = RunArgs.parse(args);
      config = JobFiles.load(Path.of(runArgs.jobFile()), runArgs.overrides());
      demo = DemoSection.of(config);
    } catch (RunArgs.UsageException e) {
      err.println("tributary run: " + e.getMessage());
      return Main.EXIT_USAGE;
    } catch (JobFileException e) {
      err.println("tributary: " + e.getMessage());
      return Main.EXIT_USAGE;
    }
    try {
      output = OutputFolder.prepare(config.output().dir());
    } catch (OutputFolderException e) {
      err.println("tributary: " + config.jobFile() + ": output.path: " + e.getMessage());
      return Main.EXIT_USAGE;
    }
    clock.jobFileParsed();

    // The demo API starts before the cluster: a port in use is the job file's problem, told at
    // once.
    try (StopGuard guard = StopGuard.install(err, stoppedMessage(config));
        output;
        DemoApiHandle demoApi = DemoApiHandle.startIfConfigured(config, demo);
        LocalCluster cluster = LocalCluster.start(flinkConfiguration())) {
      clock.clusterReady();
      StreamExecutionEnvironment env = cluster.environment();
      RunSummary summary =
          JobRunner.runBounded(config, output, env, withProgress(cluster, config, err), clock);
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

  /**
   * Runs a job on {@code cluster} with its progress line on {@code err} while it runs; the line
   * ends before the summary is printed.
   */
  private static JobRunner.Executor withProgress(
      LocalCluster cluster, JobConfig config, PrintStream err) {
    // Data files are read, not fetched: the fetch stage's counts would stay at 0.
    if (config.source() instanceof SourceConfig.DataFiles) return cluster::execute;
    Optional<Long> total = endpointsKnownBeforeTheRun(config.source());
    return (env, jobName) -> {
      try (ProgressLine progress =
          ProgressLine.start(
              cluster.progress()::snapshot,
              total,
              cluster::lastCheckpoint,
              err,
              ProgressLine.stderrIsTerminal())) {
        cluster.execute(env, jobName);
      }
    };
  }

  /** Inline endpoints and a range know their number; an endpoints file is read as the job runs. */
  private static Optional<Long> endpointsKnownBeforeTheRun(SourceConfig source) {
    if (source instanceof SourceConfig.Inline inline) {
      return Optional.of((long) inline.endpoints().size());
    }
    if (source instanceof SourceConfig.Range range) return Optional.of(range.count());
    return Optional.empty();
  }

  private static String stoppedMessage(JobConfig config) {
    return "tributary: stopped before the job ended; "
        + config.output().dir()
        + "/ keeps the previous run's output";
  }

  private static void printSummary(JobConfig config, RunSummary summary, PrintStream out) {
    out.println(summary.line());
    out.println(summary.startupLine());
    out.printf(
        "output: %s/ (%s/, %s/, %s/, %s)%n",
        config.output().dir(),
        FileOutputs.DAILY,
        FileOutputs.RECORDS,
        FileOutputs.DEAD_LETTER,
        FileOutputs.SUMMARY);
  }

  /** Flink's configuration from $FLINK_CONF_DIR when set (the launcher sets conf/). */
  private static Configuration flinkConfiguration() {
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
  private record DemoApiHandle(LoopbackHttpServer server) implements AutoCloseable {
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
