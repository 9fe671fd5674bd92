package dev.tributary.fetch;

import dev.tributary.config.HostLimits;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Decides when each attempt of a fetch subtask may be sent: at most {@code slots} in flight in all,
 * and per host (scheme, host and port) at most its concurrency, at most its rate, and nothing while
 * the host cools down after a 429 or 503.
 *
 * <p>An attempt waits here without a slot, in its host's queue; a host that must wait does not hold
 * back the others, which take the free slots in turn. Waits end on the client's timer, never by
 * blocking a thread. An attempt holds its slot from the moment it is sent until its answer, so an
 * endpoint waiting out a backoff holds none.
 *
 * <p>Called from Flink's task thread, the I/O thread and the timer: the state is guarded by {@code
 * this}, and waiting attempts are started outside the lock, by one thread at a time.
 */
final class RequestGate {

  /** Runs a task later, on the client's timer. */
  @FunctionalInterface
  interface Scheduler {
    HttpGetClient.Cancellable schedule(Runnable task, Duration delay);
  }

  /** An attempt that may go now, holding {@code slot} until its answer. */
  @FunctionalInterface
  interface Turn {
    void go(Slot slot);
  }

  private final int slots;
  private final Function<Origin, HostLimits> limits;
  private final Scheduler scheduler;
  private final LongSupplier nanoTime;

  private final Map<Origin, Host> hosts = new HashMap<>();

  /** Hosts with an attempt waiting that may be able to go, in the order they take turns. */
  private final ArrayDeque<Host> ready = new ArrayDeque<>();

  private int inFlight;
  private boolean closed;
  private boolean starting;
  private boolean startAgain;
  private int queuedSinceSweep;
  private int keptBySweep;

  /**
   * @param slots attempts in flight at most, over all hosts
   * @param limits each host's limits, asked once while the host is known
   */
  RequestGate(
      int slots, Function<Origin, HostLimits> limits, Scheduler scheduler, LongSupplier nanoTime) {
    if (slots < 1) throw new IllegalArgumentException("slots must be at least 1, got " + slots);
    this.slots = slots;
    this.limits = limits;
    this.scheduler = scheduler;
    this.nanoTime = nanoTime;
  }

  /** An attempt for {@code origin}, to be queued with {@link #queue}; cancel it to withdraw it. */
  Ticket ticket(Origin origin, Turn turn) {
    return new Ticket(origin, turn);
  }

  /** Queues the attempt; it goes at once when its host and a slot allow. */
  void queue(Ticket ticket) {
    synchronized (this) {
      Host host = host(ticket.origin);
      host.waiting.add(ticket);
      makeReady(host);
      // Counted against the hosts the last sweep kept, not all known: when each ticket brings a
      // new host, both grow together and a count against all would never catch up.
      if (++queuedSinceSweep >= Math.max(1024, keptBySweep)) forgetIdleHosts();
    }
    startWhatMayGo();
  }

  /** The host sends nothing more for {@code wait} (longer cool-downs win over shorter ones). */
  void coolDown(Origin origin, Duration wait) {
    if (wait.isZero() || wait.isNegative()) return;
    synchronized (this) {
      Host host = host(origin);
      long until = nanoTime.getAsLong() + wait.toNanos();
      // coolUntil means nothing while the host is not cooled (nanoTime may read below it, even <
      // 0).
      if (!host.cooled || until - host.coolUntil > 0) host.coolUntil = until;
      host.cooled = true;
    }
  }

  /**
   * Starts nothing more: the fetch stage is closing, and what still waits is in its checkpoint, to
   * be sent by the restored job; sending it now would only send it twice.
   */
  synchronized void close() {
    closed = true;
  }

  /** Attempts in flight, for tests. */
  synchronized int inFlight() {
    return inFlight;
  }

  /** Attempts waiting for their turn, for tests. */
  synchronized int waiting() {
    int waiting = 0;
    for (Host host : hosts.values()) {
      for (Ticket t : host.waiting) if (!t.withdrawn) waiting++;
    }
    return waiting;
  }

  /** Hosts remembered, for tests. */
  synchronized int hostsKnown() {
    return hosts.size();
  }

  /**
   * Starts every waiting attempt that may go. One thread starts at a time: a thread that finds
   * another starting leaves it the work, so a turn that ends at once (a closing client) cannot
   * recurse into here.
   */
  private void startWhatMayGo() {
    synchronized (this) {
      if (starting) {
        startAgain = true;
        return;
      }
      starting = true;
    }
    RuntimeException thrown = null;
    while (true) {
      List<Ticket> go;
      synchronized (this) {
        go = takeWhatMayGo();
        if (go.isEmpty()) {
          if (!startAgain) {
            starting = false;
            break;
          }
          startAgain = false;
          continue;
        }
      }
      for (Ticket ticket : go) {
        Slot slot = new Slot(ticket.origin);
        try {
          ticket.turn.go(slot);
        } catch (RuntimeException e) {
          // The others of the batch still go; this one gives its slot back.
          slot.release();
          if (thrown == null) thrown = e;
        }
      }
    }
    if (thrown != null) throw thrown;
  }

  /** Takes the attempts that may go now, their hosts taking turns for the free slots. */
  private List<Ticket> takeWhatMayGo() {
    List<Ticket> go = new ArrayList<>();
    long now = nanoTime.getAsLong();
    while (!closed && inFlight < slots && !ready.isEmpty()) {
      Host host = ready.pollFirst();
      host.ready = false;
      host.dropWithdrawn();
      if (host.waiting.isEmpty() || host.inFlight >= host.concurrency) {
        continue; // made ready again when one is queued or one of its own ends
      }
      long wait = host.nanosUntilFree(now);
      if (wait > 0) {
        wakeLater(host, wait);
        continue;
      }
      if (host.bucket != null) host.bucket.take(now);
      host.inFlight++;
      inFlight++;
      go.add(host.waiting.pollFirst());
      makeReady(host);
    }
    return go;
  }

  private void makeReady(Host host) {
    if (!host.ready && !host.wakePending && !host.waiting.isEmpty()) {
      host.ready = true;
      ready.addLast(host);
    }
  }

  private void wakeLater(Host host, long nanos) {
    if (host.wakePending) return;
    host.wakePending = true;
    // Rounded up: woken early, it would only be put back to sleep.
    long millis = nanos / 1_000_000 + (nanos % 1_000_000 == 0 ? 0 : 1);
    Duration delay = Duration.ofMillis(Math.max(1, millis));
    try {
      scheduler.schedule(() -> wake(host), delay);
    } catch (RejectedExecutionException closing) {
      // The client is closing: nothing waiting will be sent any more.
      host.wakePending = false;
    }
  }

  private void wake(Host host) {
    synchronized (this) {
      host.wakePending = false;
      makeReady(host);
    }
    startWhatMayGo();
  }

  private void release(Origin origin) {
    synchronized (this) {
      inFlight--;
      Host host = hosts.get(origin);
      host.inFlight--;
      makeReady(host);
      // Other hosts may have waited for this slot alone; they are still in ready.
    }
    startWhatMayGo();
  }

  private Host host(Origin origin) {
    return hosts.computeIfAbsent(origin, o -> new Host(limits.apply(o), nanoTime.getAsLong()));
  }

  /** Forgets hosts that would behave the same if met anew, so a long run's hosts do not pile up. */
  private void forgetIdleHosts() {
    queuedSinceSweep = 0;
    long now = nanoTime.getAsLong();
    for (Iterator<Host> it = hosts.values().iterator(); it.hasNext(); ) {
      if (it.next().idle(now)) it.remove();
    }
    keptBySweep = hosts.size();
  }

  /** One attempt's place in its host's queue. */
  final class Ticket implements HttpGetClient.Cancellable {
    private final Origin origin;
    private final Turn turn;
    private boolean withdrawn; // guarded by the gate

    private Ticket(Origin origin, Turn turn) {
      this.origin = origin;
      this.turn = turn;
    }

    /** Withdraws the attempt if it is still waiting; one already started is the caller's. */
    @Override
    public void cancel() {
      synchronized (RequestGate.this) {
        withdrawn = true;
      }
    }
  }

  /** The right to have one attempt in flight; given back once, by whoever sees the attempt end. */
  final class Slot {
    private final Origin origin;
    private boolean released; // guarded by the gate

    private Slot(Origin origin) {
      this.origin = origin;
    }

    void release() {
      synchronized (RequestGate.this) {
        if (released) return;
        released = true;
      }
      RequestGate.this.release(origin);
    }
  }

  /** What the gate knows of one host. Guarded by the gate. */
  private static final class Host {
    final int concurrency;
    final TokenBucket bucket;
    final ArrayDeque<Ticket> waiting = new ArrayDeque<>();
    int inFlight;
    long coolUntil;
    boolean cooled;
    boolean ready;
    boolean wakePending;

    Host(HostLimits limits, long now) {
      this.concurrency = limits.concurrencyOrUnbounded();
      this.bucket =
          limits.rate() == null
              ? null
              : new TokenBucket(limits.rate(), limits.burstOrDefault(), now);
    }

    void dropWithdrawn() {
      while (!waiting.isEmpty() && waiting.peekFirst().withdrawn) waiting.pollFirst();
    }

    /** How long until the host may be sent one more attempt: its cool-down, then its rate. */
    long nanosUntilFree(long now) {
      if (cooled) {
        long cooling = coolUntil - now;
        if (cooling > 0) return cooling;
        cooled = false;
      }
      return bucket == null ? 0 : bucket.nanosUntilToken(now);
    }

    boolean idle(long now) {
      dropWithdrawn();
      return waiting.isEmpty()
          && inFlight == 0
          && !wakePending
          && nanosUntilFree(now) == 0
          && (bucket == null || bucket.full(now));
    }
  }
}
