package dev.tributary.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live heap of a running JVM, measured every {@code period} with {@code jcmd PID
 * GC.class_histogram}, which collects the whole heap first and then counts only what is reachable.
 * The heap left after an ordinary collection also counts old garbage not yet collected, so only
 * this shows whether a run holds more and more.
 */
final class LiveHeapProbe implements AutoCloseable {
  /** Live bytes at a moment. */
  record Sample(long epochMillis, long liveBytes) {}

  private static final Pattern TOTAL = Pattern.compile("^Total\\s+\\d+\\s+(\\d+)\\s*$");
  private static final Duration JCMD_DEADLINE = Duration.ofSeconds(30);

  private final String commandLineMark;
  private final Duration period;
  private final Thread thread;
  private final List<Sample> samples = new ArrayList<>();
  private volatile boolean running = true;

  private LiveHeapProbe(String commandLineMark, Duration period) {
    this.commandLineMark = commandLineMark;
    this.period = period;
    this.thread = new Thread(this::probeUntilClosed, "live-heap-probe");
    thread.setDaemon(true);
  }

  /** Probes the {@code java} process whose command line contains {@code commandLineMark}. */
  static LiveHeapProbe start(String commandLineMark, Duration period) {
    LiveHeapProbe probe = new LiveHeapProbe(commandLineMark, period);
    probe.thread.start();
    return probe;
  }

  /** Stops probing and gives the samples taken, oldest first. */
  List<Sample> stop() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(JCMD_DEADLINE.toMillis());
    synchronized (samples) {
      return List.copyOf(samples);
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }

  /** The sample nearest to {@code epochMillis}; empty when none was taken. */
  static OptionalLong liveBytesNear(List<Sample> samples, long epochMillis) {
    return samples.stream()
        .min((a, b) -> Long.compare(distance(a, epochMillis), distance(b, epochMillis)))
        .map(s -> OptionalLong.of(s.liveBytes()))
        .orElse(OptionalLong.empty());
  }

  private static long distance(Sample s, long epochMillis) {
    return Math.abs(s.epochMillis() - epochMillis);
  }

  /** The live bytes of a {@code GC.class_histogram}: its last line, {@code Total N BYTES}. */
  static OptionalLong parseTotal(String histogram) {
    List<String> lines = histogram.strip().lines().toList();
    if (lines.isEmpty()) return OptionalLong.empty();
    Matcher m = TOTAL.matcher(lines.get(lines.size() - 1));
    return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
  }

  private void probeUntilClosed() {
    while (running) {
      try {
        Thread.sleep(period.toMillis());
        Optional<ProcessHandle> target = findTarget();
        if (target.isPresent()) {
          long at = System.currentTimeMillis();
          OptionalLong live = histogramTotal(target.get().pid());
          if (live.isPresent()) {
            synchronized (samples) {
              samples.add(new Sample(at, live.getAsLong()));
            }
          }
        }
      } catch (InterruptedException e) {
        return;
      } catch (IOException e) {
        // The process ended between finding it and asking it: nothing to measure this time.
      }
    }
  }

  private Optional<ProcessHandle> findTarget() {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().command().orElse("").endsWith("/java"))
        .filter(p -> ProcStat.readCommandLine(p.pid()).contains(commandLineMark))
        .findFirst();
  }

  private static OptionalLong histogramTotal(long pid) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process process =
        new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.class_histogram")
            .redirectErrorStream(true)
            .start();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(JCMD_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      return OptionalLong.empty();
    }
    return parseTotal(new String(out, StandardCharsets.UTF_8));
  }
}
