package dev.tributary.cli;

import dev.tributary.demo.DemoApi;
import dev.tributary.demo.DemoApiOptions;
import java.io.PrintStream;
import java.util.List;

/** {@code tributary demo-api [options]}: serves the built-in demo API until stopped. */
final class DemoApiCommand {
  private DemoApiCommand() {}

  static int run(List<String> args, PrintStream out, PrintStream err) {
    DemoApiOptions options;
    try {
      options = DemoApiOptions.fromArgs(args);
    } catch (IllegalArgumentException e) {
      err.println("tributary demo-api: " + e.getMessage());
      return Main.EXIT_USAGE;
    }
    try {
      DemoApi.serveUntilInterrupted(options);
    } catch (RuntimeException e) {
      err.println("tributary demo-api: cannot start: " + Errors.describe(e));
      return Main.EXIT_FAILED;
    }
    return Main.EXIT_OK;
  }
}
