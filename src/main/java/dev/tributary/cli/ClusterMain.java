package dev.tributary.cli;

import dev.tributary.config.JobConfig;
import dev.tributary.config.JobFileException;
import dev.tributary.config.JobFiles;
import dev.tributary.job.JobRunner;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job jar's entry point on a Flink cluster: {@code flink run [-d] [-p N]
 * tributary-<version>.jar run JOB.yaml [--set key.path=value ...]}, or the same program arguments
 * through the REST API ({@code /jars/{id}/run}), where this runs inside the JobManager.
 *
 * <p>The job file is read and checked here, where {@code main} runs; the checked configuration
 * travels inside the job graph. The job runs on the cluster's own environment: no MiniCluster, no
 * demo API, and no {@code System.exit} except in Flink's command-line client (see {@link #refuse}).
 */
public final class ClusterMain {
  private static final String USAGE = "usage: run JOB.yaml [--set key.path=value ...]";

  private ClusterMain() {}

  public static void main(String[] args) throws Exception {
    JobConfig config = jobConfig(Arrays.asList(args));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    JobRunner.submit(config, env);
  }

  private static JobConfig jobConfig(List<String> args) {
    if (args.isEmpty() || !args.get(0).equals("run")) {
      throw refuse("tributary: " + USAGE);
    }
    try {
      RunArgs runArgs = RunArgs.parse(args.subList(1, args.size()));
      return JobFiles.load(Path.of(runArgs.jobFile()), runArgs.overrides());
    } catch (RunArgs.UsageException e) {
      throw refuse("tributary run: " + e.getMessage());
    } catch (JobFileException e) {
      throw refuse("tributary: " + e.getMessage());
    }
  }

  /**
   * A wrong command line or job file: no job is submitted. Inside the JobManager (a REST
   * submission) the exception carries the one-line message back to the caller. In Flink's
   * command-line client, which would print the exception with its stack trace, the line is printed
   * alone and the client ends with exit code 2, as {@code bin/tributary} does.
   */
  private static IllegalArgumentException refuse(String message) {
    if (inFlinkCommandLineClient()) {
      System.err.println(message);
      System.exit(Main.EXIT_USAGE);
    }
    return new IllegalArgumentException(message);
  }

  private static boolean inFlinkCommandLineClient() {
    String command = System.getProperty("sun.java.command", "");
    return command.startsWith("org.apache.flink.client.cli.CliFrontend");
  }
}
