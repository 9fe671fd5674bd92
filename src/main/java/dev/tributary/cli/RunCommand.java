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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** {@code tributary run JOB.yaml [--set key.path=value ...]}: runs a job file on a local MiniCluster. */
final class RunCommand {
  /** Where Flink's configuration is read from, as Flink's own scripts name it. */
  private static final String CONF_DIR_ENV = "FLINK_CONF_DIR";

  private RunCommand() {}

  static int run(List<String> args, PrintStream out, PrintStream err) {
    String jobFile = null;
    List<String> overrides = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--set")) {
        if (i + 1 == args.size()) return usage(err, "--set needs key.path=value");
        overrides.add(args.get(++i));
      } else if (arg.startsWith("--set=")) {
        overrides.add(arg.substring("--set=".length()));
      } else if (arg.startsWith("-")) {
        return usage(err, "unknown option '" + arg + "'");
      } else if (jobFile == null) {
        jobFile = arg;
      } else {
        return usage(err, "one job file at a time (got '" + jobFile + "' and '" + arg + "')");
      }
    }
    if (jobFile == null) return usage(err, "which job file? (tributary run JOB.yaml)");

    JobConfig config;
    try {
      config = JobFiles.load(Path.of(jobFile), overrides);
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
          err.println("tributary: " + jobFile + ": demo: cannot start the demo API on port "
              + config.demo().get().port() + ": " + Errors.describe(e));
          return Main.EXIT_FAILED;
        }
      }
      RunSummary summary = JobRunner.runBounded(config, localEnvironment());
      out.println(summary.line());
      out.printf(Locale.ROOT, "start-up: %.1f s to the first request%n", summary.startupSeconds());
      out.println("output: " + config.output().dir() + "/ (" + FileOutputs.DAILY + "/, "
          + FileOutputs.RECORDS + "/, " + FileOutputs.DEAD_LETTER + "/, " + FileOutputs.SUMMARY + ")");
      return Main.EXIT_OK;
    } catch (Exception e) {
      err.println("tributary: the job failed: " + Errors.describe(e) + " (the log has the details)");
      return Main.EXIT_FAILED;
    } finally {
      if (demoApi != null) demoApi.close();
    }
  }

  /** A MiniCluster in this JVM, configured from $FLINK_CONF_DIR when set (the launcher sets conf/). */
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

  private static int usage(PrintStream err, String problem) {
    err.println("tributary run: " + problem);
    return Main.EXIT_USAGE;
  }
}
