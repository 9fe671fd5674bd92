package dev.tributary.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Measures processes from outside, the same way for every client and server: a thread reads {@code
 * /proc/<pid>/stat} (utime + stime) every {@link #CPU_PERIOD_MILLIS} ms and {@code
 * /proc/<pid>/status} (VmRSS, VmHWM) every {@link #MEMORY_PERIOD_MILLIS} ms, each with a wall-clock
 * time stamp, until {@link #stop()}.
 */
public final class ProcessSampler implements AutoCloseable {
  static final long CPU_PERIOD_MILLIS = 20;
  static final long MEMORY_PERIOD_MILLIS = 500;

  /** CPU used by the sampled processes up to a moment (utime + stime, summed). */
  public record CpuSample(long epochMillis, long cpuTicks) {}

  /** Resident memory of the first sampled process at a moment. */
  public record MemorySample(long epochMillis, long rssKb, long peakRssKb) {}

  private final Supplier<List<Long>> pids;
  private final Thread thread;
  private final List<CpuSample> cpu = new ArrayList<>();
  private final List<MemorySample> memory = new ArrayList<>();
  // A process that ends keeps counting with its last value, so the sum never goes down.
  private final Map<Long, Long> lastTicks = new HashMap<>();
  private volatile boolean running = true;

  private ProcessSampler(String name, Supplier<List<Long>> pids) {
    this.pids = pids;
    this.thread = new Thread(this::sampleUntilStopped, "sampler-" + name);
    thread.setDaemon(true);
  }

  /**
   * Starts sampling; {@code pids} is asked at every sample (nginx's workers appear after its
   * master). Memory is sampled for the first pid only.
   */
  public static ProcessSampler start(String name, Supplier<List<Long>> pids) {
    ProcessSampler sampler = new ProcessSampler(name, pids);
    sampler.sampleOnce(true);
    sampler.thread.start();
    return sampler;
  }

  public static ProcessSampler start(String name, long pid) {
    return start(name, () -> List.of(pid));
  }

  private void sampleUntilStopped() {
    long nextMemory = System.currentTimeMillis() + MEMORY_PERIOD_MILLIS;
    while (running) {
      try {
        Thread.sleep(CPU_PERIOD_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
      long now = System.currentTimeMillis();
      boolean withMemory = now >= nextMemory;
      if (withMemory) nextMemory = now + MEMORY_PERIOD_MILLIS;
      sampleOnce(withMemory);
    }
  }

  private void sampleOnce(boolean withMemory) {
    List<Long> current = pids.get();
    long now = System.currentTimeMillis();
    synchronized (this) {
      for (long pid : current) {
        ProcStat stat = ProcStat.read(pid);
        if (stat != null) lastTicks.put(pid, stat.cpuTicks());
      }
      long total = 0;
      for (long ticks : lastTicks.values()) total += ticks;
      cpu.add(new CpuSample(now, total));
      if (withMemory && !current.isEmpty()) {
        String status = ProcStat.readStatus(current.get(0));
        if (status != null) {
          OptionalLong rss = ProcStat.statusKb(status, "VmRSS");
          OptionalLong hwm = ProcStat.statusKb(status, "VmHWM");
          if (rss.isPresent()) {
            memory.add(new MemorySample(now, rss.getAsLong(), hwm.orElse(rss.getAsLong())));
          }
        }
      }
    }
  }

  /** Takes one last sample and stops the thread (waiting for it at most a second). */
  public Samples stop() {
    running = false;
    thread.interrupt();
    try {
      thread.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sampleOnce(true);
    synchronized (this) {
      return new Samples(List.copyOf(cpu), List.copyOf(memory));
    }
  }

  @Override
  public void close() {
    if (running) stop();
  }

  /** What a sampler saw. */
  public record Samples(List<CpuSample> cpu, List<MemorySample> memory) {

    /** CPU seconds between the first and the last sample. */
    public double totalCpuSeconds() {
      if (cpu.isEmpty()) return 0;
      return ticksToSeconds(cpu.get(cpu.size() - 1).cpuTicks());
    }

    /**
     * CPU seconds used between two wall-clock moments, interpolating linearly between samples (they
     * are 20 ms apart; the kernel counts in 10 ms ticks).
     */
    public double cpuSecondsBetween(long fromEpochMillis, long toEpochMillis) {
      return ticksToSeconds(ticksAt(toEpochMillis) - ticksAt(fromEpochMillis));
    }

    double ticksAt(long epochMillis) {
      if (cpu.isEmpty()) return 0;
      if (epochMillis <= cpu.get(0).epochMillis()) return cpu.get(0).cpuTicks();
      for (int i = 1; i < cpu.size(); i++) {
        CpuSample b = cpu.get(i);
        if (epochMillis <= b.epochMillis()) {
          CpuSample a = cpu.get(i - 1);
          long span = b.epochMillis() - a.epochMillis();
          if (span <= 0) return b.cpuTicks();
          double share = (epochMillis - a.epochMillis()) / (double) span;
          return a.cpuTicks() + share * (b.cpuTicks() - a.cpuTicks());
        }
      }
      return cpu.get(cpu.size() - 1).cpuTicks();
    }

    /** The highest peak RSS (VmHWM) seen, in kB; 0 when never sampled. */
    public long peakRssKb() {
      long peak = 0;
      for (MemorySample m : memory) peak = Math.max(peak, Math.max(m.peakRssKb(), m.rssKb()));
      return peak;
    }

    /** RSS at a moment: the last memory sample at or before it (the first one when none is). */
    public long rssKbAt(long at) {
      if (memory.isEmpty()) return 0;
      MemorySample chosen = memory.get(0);
      for (MemorySample m : memory) {
        if (m.epochMillis() <= at) chosen = m;
      }
      return chosen.rssKb();
    }

    private static double ticksToSeconds(double ticks) {
      return ticks / ProcStat.CLOCK_TICKS_PER_SECOND;
    }
  }
}
