package dev.tributary.bench;

import java.io.PrintStream;
import java.util.List;

/** {@code tributary bench}: runs the benchmarks and prints their tables (placeholder). */
public final class BenchCommand {
  private BenchCommand() {}

  public static int run(List<String> args, PrintStream out, PrintStream err) {
    err.println("tributary bench: not built yet");
    return 1;
  }
}
