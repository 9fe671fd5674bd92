package dev.tributary.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of {@code tributary run}: one job file, any number of {@code --set key=value}, and
 * {@code --fresh} to start a continuous job over instead of resuming it.
 */
record RunArgs(String jobFile, List<String> overrides, boolean fresh) {

  /** Thrown with a one-line message for the user when the arguments make no sense. */
  static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }

  static RunArgs parse(List<String> args) throws UsageException {
    String jobFile = null;
    List<String> overrides = new ArrayList<>();
    boolean fresh = false;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--set")) {
        if (i + 1 == args.size()) throw new UsageException("--set needs key.path=value");
        overrides.add(args.get(++i));
      } else if (arg.startsWith("--set=")) {
        overrides.add(arg.substring("--set=".length()));
      } else if (arg.equals("--fresh")) {
        fresh = true;
      } else if (arg.startsWith("-")) {
        throw new UsageException("unknown option '" + arg + "'");
      } else if (jobFile == null) {
        jobFile = arg;
      } else {
        throw new UsageException(
            "one job file at a time (got '" + jobFile + "' and '" + arg + "')");
      }
    }
    if (jobFile == null) throw new UsageException("which job file? (tributary run JOB.yaml)");
    return new RunArgs(jobFile, List.copyOf(overrides), fresh);
  }
}
