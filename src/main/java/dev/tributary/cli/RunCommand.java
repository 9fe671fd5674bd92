package dev.tributary.cli;

import dev.tributary.config.JobConfig;
import dev.tributary.config.JobFileException;
import dev.tributary.config.JobFiles;
import dev.tributary.demo.DemoApi;
import dev.tributary.demo.LoopbackHttpServer;
import dev.tributary.job.JobRunner;
import dev.tributary.job.RunSummary;
import dev.tributary.sink.FileOutputs;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
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
    JobConfig config;
    try {
      RunArgs runArgs = RunArgs.parse(args);
      config = JobFiles.load(Path.of(runArgs.jobFile()), runArgs.overrides());
    } catch (RunArgs.UsageException e) {
      err.println("tributary run: " + e.getMessage());
      return Main.EXIT_USAGE;
    } catch (JobFileException e) {
      err.println("tributary: " + e.getMessage());
      return Main.EXIT_USAGE;
    }

    LoopbackHttpServer demoApi = null;
    try {
      if (config.demo().isPresent()) {
        try {
          demoApi = DemoApi.start(config.demo().get());
        } catch (RuntimeException e) {
          err.println(
              "tributary: "
                  + config.jobFile()
                  + ": demo: cannot start the demo API on port "
                  + config.demo().get().port()
                  + ": "
                  + Errors.describe(e));
          return Main.EXIT_FAILED;
        }
      }
      RunSummary summary = JobRunner.runBounded(config, localEnvironment());
      printSummary(config, summary, out);
      return Main.EXIT_OK;
    } catch (Exception e) {
      err.println(
          "tributary: the job failed: " + Errors.describe(e) + " (the log has the details)");
      return Main.EXIT_FAILED;
    } finally {
      if (demoApi != null) demoApi.close();
    }
  }

  private static void printSummary(JobConfig config, RunSummary summary, PrintStream out) {
    out.println(summary.line());
    out.printf(Locale.ROOT, "start-up: %.1f s to the first request%n", summary.startupSeconds());
    out.println(
        "output: "
            + config.output().dir()
            + "/ ("
            + FileOutputs.DAILY
            + "/, "
            + FileOutputs.RECORDS
            + "/, "
            + FileOutputs.DEAD_LETTER
            + "/, "
            + FileOutputs.SUMMARY
            + ")");
  }

  /**
   * A MiniCluster in this JVM, configured from $FLINK_CONF_DIR when set (the launcher sets conf/).
   */
  private static StreamExecutionEnvironment localEnvironment() {
    String confDir = System.getenv(CONF_DIR_ENV);
    Configuration conf =
        confDir == null ? new Configuration() : GlobalConfiguration.loadConfiguration(confDir);
    if (!conf.contains(CoreOptions.DEFAULT_PARALLELISM)) {
      // One fetch subtask already keeps thousands of requests in flight; more only split the
      // bound and compete for the cores.
      conf.set(CoreOptions.DEFAULT_PARALLELISM, 1);
    }
    return StreamExecutionEnvironment.createLocalEnvironment(conf);
  }
}
