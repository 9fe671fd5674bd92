package dev.tributary.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/** The launcher's entry point: {@code tributary run JOB.yaml [--set key=value ...]} and friends. */
public final class Main {
  static final int EXIT_OK = 0;
  static final int EXIT_FAILED = 1;
  static final int EXIT_USAGE = 2;

  /**
   * A run stopped by Ctrl-C or SIGTERM: 128 + SIGTERM, as a shell reports it (the JVM is already
   * exiting with it, or is halted with it when its shutdown hangs).
   */
  static final int EXIT_STOPPED = 143;

  private static final String USAGE =
      String.join(
          "\n",
          "usage: tributary run JOB.yaml [--set key.path=value ...] [--fresh]",
          "       tributary demo-api [--port 8089] [--latency 200ms..500ms] [--seed 42] [--static]",
          "                          [--throttle-rate R] [--error-rate R] [--hang-rate R]",
          "                          [--not-found-rate R] [--malformed-rate R] [--hang-limit 60s]",
          "       tributary bench [--quick] [--reps N] [--only latency,throughput,scale,startup,warm]");

  private Main() {}

  public static void main(String[] args) {
    int code = run(Arrays.asList(args), System.out, System.err);
    // Flink and Netty leave non-daemon threads behind them; the run is over, so end the JVM.
    System.exit(code);
  }

  static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.isEmpty()) {
      err.println(USAGE);
      return EXIT_USAGE;
    }
    List<String> rest = args.subList(1, args.size());
    switch (args.get(0)) {
      case "run":
        return RunCommand.run(rest, out, err);
      case "demo-api":
        return DemoApiCommand.run(rest, out, err);
      case "-h", "--help", "help":
        out.println(USAGE);
        return EXIT_OK;
      default:
        err.println("tributary: unknown command '" + args.get(0) + "'\n" + USAGE);
        return EXIT_USAGE;
    }
  }
}
