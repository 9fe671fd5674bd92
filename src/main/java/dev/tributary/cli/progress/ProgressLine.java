package dev.tributary.cli.progress;

import dev.tributary.config.Durations;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A run's progress on stderr while it runs ({@link ProgressText} has its words): on a terminal one
 * line rewritten in place every {@link #TERMINAL_INTERVAL}, elsewhere a whole line every {@link
 * #PIPED_INTERVAL}. Closing it prints the last line (and ends the terminal's line), so that what
 * the run prints next starts on a line of its own.
 */
public final class ProgressLine implements AutoCloseable {
  /** Often enough to look alive on a terminal, where the line costs nothing to rewrite. */
  static final Duration TERMINAL_INTERVAL = Duration.ofSeconds(2);

  /** Rarely enough that a log file of a long run stays readable. */
  static final Duration PIPED_INTERVAL = Duration.ofSeconds(10);

  /** For tests only: a duration ({@code 200ms}) to use instead of either interval. */
  static final String INTERVAL_PROPERTY = "tributary.progress.interval";

  /** Where Linux shows what file descriptor 2 is open on. */
  private static final Path STDERR_LINK = Path.of("/proc/self/fd/2");

  private final Supplier<ProgressSnapshot> progress;
  private final Optional<Long> total;
  private final Supplier<Optional<CheckpointInfo>> lastCheckpoint;
  private final PrintStream err;
  private final boolean terminal;
  private final Duration interval;
  private final Clock clock;
  private final LongSupplier nanoTime;
  private final ScheduledExecutorService timer;

  // Guarded by this: the timer's lines and the last one on close come from different threads.
  private long previousRequests;
  private long previousNanos;
  private long requestsPerSecond;
  private boolean closed;

  ProgressLine(
      Supplier<ProgressSnapshot> progress,
      Optional<Long> total,
      Supplier<Optional<CheckpointInfo>> lastCheckpoint,
      PrintStream err,
      boolean terminal,
      Duration interval,
      Clock clock,
      LongSupplier nanoTime) {
    this.progress = progress;
    this.total = total;
    this.lastCheckpoint = lastCheckpoint;
    this.err = err;
    this.terminal = terminal;
    this.interval = interval;
    this.clock = clock;
    this.nanoTime = nanoTime;
    this.previousRequests = progress.get().requests();
    this.previousNanos = nanoTime.getAsLong();
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "tributary-progress");
              thread.setDaemon(true); // never what keeps the JVM alive
              return thread;
            });
  }

  /**
   * Starts printing the progress of a run.
   *
   * @param progress the counts now (e.g. {@link ProgressMetrics#snapshot})
   * @param total the number of endpoints, when known before the run
   * @param lastCheckpoint the last completed checkpoint, if any
   * @param err where to print
   * @param terminal whether {@code err} is a terminal ({@link #stderrIsTerminal()})
   */
  public static ProgressLine start(
      Supplier<ProgressSnapshot> progress,
      Optional<Long> total,
      Supplier<Optional<CheckpointInfo>> lastCheckpoint,
      PrintStream err,
      boolean terminal) {
    ProgressLine line =
        new ProgressLine(
            progress,
            total,
            lastCheckpoint,
            err,
            terminal,
            intervalFor(terminal),
            Clock.systemUTC(),
            System::nanoTime);
    line.startTimer();
    return line;
  }

  /**
   * Whether stderr is a terminal. {@link System#console()} only tells about stdin and stdout, and
   * {@code bin/tributary} starts the JVM in the background, where stdin is {@code /dev/null}: on
   * Linux file descriptor 2 itself is asked, elsewhere the console decides.
   */
  public static boolean stderrIsTerminal() {
    try {
      String target = Files.readSymbolicLink(STDERR_LINK).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException noProcFileSystem) {
      return System.console() != null;
    }
  }

  private static Duration intervalFor(boolean terminal) {
    String forTests = System.getProperty(INTERVAL_PROPERTY);
    if (forTests != null) return Durations.parse(forTests);
    return terminal ? TERMINAL_INTERVAL : PIPED_INTERVAL;
  }

  void startTimer() {
    long millis = interval.toMillis();
    timer.scheduleAtFixedRate(this::printNext, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** Prints the line with the counts now. */
  synchronized void printNext() {
    if (closed) return;
    err.print(ProgressText.printed(textNow(false), terminal, false));
    err.flush();
  }

  /** Stops the timer and prints the last line. */
  @Override
  public void close() {
    timer.shutdown(); // a line being printed is finished, no other is started
    try {
      timer.awaitTermination(interval.toMillis() + 1_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      if (closed) return;
      closed = true;
      err.print(ProgressText.printed(textNow(true), terminal, true));
      err.flush();
    }
  }

  private String textNow(boolean last) {
    ProgressSnapshot now = progress.get();
    long nanos = nanoTime.getAsLong();
    Duration window = Duration.ofNanos(nanos - previousNanos);
    // The last line may come moments after the one before: too short a window to measure keeps
    // the rate of the last interval.
    if (!last || window.compareTo(interval.dividedBy(4)) >= 0) {
      requestsPerSecond = ProgressText.requestsPerSecond(previousRequests, now.requests(), window);
      previousRequests = now.requests();
      previousNanos = nanos;
    }
    return ProgressText.of(now, total, requestsPerSecond, lastCheckpoint.get(), clock.instant());
  }
}
