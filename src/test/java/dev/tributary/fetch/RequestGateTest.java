package dev.tributary.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.config.HostLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The gate's decisions, on a fake clock and a timer the test runs by hand: nothing sleeps, and
 * every start is checked against the time it happened.
 */
class RequestGateTest {
  private static final Origin A = new Origin("http", "a.example", 80);
  private static final Origin B = new Origin("http", "b.example", 80);
  private static final Origin C = new Origin("http", "c.example", 80);
  private static final Origin Z = new Origin("http", "z.example", 80);

  /** An arbitrary reading: the gate must not assume a clock that starts at 0. */
  private static final long START = 7_000_000_000_123L;

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final AtomicLong now = new AtomicLong(START);
  private final ManualTimer timer = new ManualTimer();
  private final Map<Origin, HostLimits> limits = new HashMap<>();
  private final Turns turns = new Turns();

  @Test
  void globalSlotsAreNeverExceeded() {
    RequestGate gate = gate(3);
    for (int i = 0; i < 10; i++) {
      queue(gate, "t" + i, List.of(A, B, C, Z).get(i % 4));
    }
    assertThat(turns.names()).hasSize(3);
    assertThat(gate.inFlight()).isEqualTo(3);
    assertThat(gate.waiting()).isEqualTo(7);

    while (!turns.holding().isEmpty()) turns.release(turns.holding().get(0));

    assertThat(turns.names()).hasSize(10);
    assertThat(turns.peakInFlight).isLessThanOrEqualTo(3);
    assertThat(turns.peakInFlight).as("reaches the bound").isEqualTo(3);
    assertThat(gate.inFlight()).isZero();
  }

  @Test
  void perHostConcurrencyIsNeverExceededWhileAnotherHostTakesTheFreeSlots() {
    limits.put(A, new HostLimits(1, null, null));
    RequestGate gate = gate(4);
    queue(gate, "a1", A);
    queue(gate, "a2", A);
    queue(gate, "a3", A);
    queue(gate, "b1", B);
    queue(gate, "b2", B);
    queue(gate, "b3", B);

    assertThat(turns.names()).containsExactly("a1", "b1", "b2", "b3");

    turns.release("b1");
    assertThat(turns.names()).as("a free slot, but a is at its concurrency").hasSize(4);
    turns.release("a1");
    assertThat(turns.names()).endsWith("a2");
    turns.release("a2");
    assertThat(turns.names()).endsWith("a3");
    assertThat(turns.peakOf(A)).isEqualTo(1);
  }

  @Test
  void hostsTakeTurnsForFreeSlotsNotFirstComeFirstServed() {
    RequestGate gate = gate(1);
    queue(gate, "z1", Z); // holds the one slot while the others queue
    queue(gate, "a1", A);
    queue(gate, "a2", A);
    queue(gate, "a3", A);
    queue(gate, "b1", B);
    queue(gate, "b2", B);
    queue(gate, "c1", C);

    while (!turns.holding().isEmpty()) turns.release(turns.holding().get(0));

    assertThat(turns.names()).containsExactly("z1", "a1", "b1", "c1", "a2", "b2", "a3");
  }

  @Test
  void aHostWaitingForItsRateDoesNotHoldBackAnother() {
    limits.put(A, new HostLimits(null, 1.0, 1));
    RequestGate gate = gate(2);
    queue(gate, "a1", A);
    queue(gate, "a2", A);
    queue(gate, "b1", B);
    queue(gate, "b2", B);
    queue(gate, "b3", B);

    assertThat(turns.names()).containsExactly("a1", "b1");
    turns.release("a1");
    assertThat(turns.names()).as("a waits for a token, b takes the slot").endsWith("b2");
    turns.release("b1");
    assertThat(turns.names()).endsWith("b3");

    timer.advance(Duration.ofSeconds(1));
    assertThat(turns.names()).doesNotContain("a2"); // both slots are b's
    turns.release("b2");
    assertThat(turns.names()).endsWith("a2");
  }

  @Test
  void inEveryWindowOfTSecondsAtMostBurstPlusRateTimesTStart() {
    double rate = 5;
    int burst = 3;
    limits.put(A, new HostLimits(null, rate, burst));
    RequestGate gate = gate(100);
    int tickets = 200;
    for (int i = 0; i < tickets; i++) {
      gate.queue(gate.ticket(A, turns.releasingAtOnce("a" + i)));
    }
    while (turns.started.size() < tickets && timer.runNext()) {
      // each wake starts what the bucket allows
    }

    List<Long> at = turns.started.stream().map(Started::atNanos).toList();
    assertThat(at).hasSize(tickets);
    assertThat(at.subList(0, burst)).as("starts full").containsOnly(START);
    for (int i = 0; i < tickets; i++) {
      for (int j = i + 1; j < tickets; j++) {
        double seconds = (at.get(j) - at.get(i)) / (double) NANOS_PER_SECOND;
        int starts = j - i + 1;
        if (starts > burst + rate * seconds + 1e-9) {
          throw new AssertionError(
              starts + " starts in " + seconds + " s (from start " + i + " to " + j + ")");
        }
      }
    }
    for (long from : at) {
      long inOneSecond = at.stream().filter(t -> t >= from && t < from + NANOS_PER_SECOND).count();
      assertThat(inOneSecond)
          .as("starts in the second from %d", from)
          .isLessThanOrEqualTo((long) (burst + rate));
    }
    double took = (at.get(tickets - 1) - START) / (double) NANOS_PER_SECOND;
    assertThat(took).as("keeps up with the rate").isLessThan((tickets - burst) / rate + 1);
  }

  @Test
  void theWakeDelayIsRoundedUpToWholeMillisecondsAndNeverZero() {
    limits.put(A, new HostLimits(null, 3.0, 1));
    RequestGate gate = gate(10);
    queue(gate, "a1", A);
    queue(gate, "a2", A);
    assertThat(timer.delays()).containsExactly(Duration.ofMillis(334)); // a third of a second

    timer.runNext();
    assertThat(turns.names()).as("woken no earlier than the token").endsWith("a2");

    now.addAndGet(NANOS_PER_SECOND / 3 - 1); // one nanosecond short of the next token
    queue(gate, "a3", A);
    assertThat(timer.delays()).last().isEqualTo(Duration.ofMillis(1));
    assertThat(turns.names()).doesNotContain("a3");
    timer.runNext();
    assertThat(turns.names()).endsWith("a3");
  }

  @Test
  void nothingOfACooledHostStartsBeforeTheCoolDownEndsWhileOtherHostsKeepGoing() {
    RequestGate gate = gate(10);
    gate.coolDown(A, Duration.ofSeconds(5));
    queue(gate, "a1", A);
    queue(gate, "b1", B);
    assertThat(turns.names()).containsExactly("b1");

    timer.advance(Duration.ofMillis(4_999));
    queue(gate, "b2", B);
    assertThat(turns.names()).containsExactly("b1", "b2");

    timer.advance(Duration.ofMillis(1));
    assertThat(turns.names()).endsWith("a1");
    assertThat(turns.startOf("a1")).isGreaterThanOrEqualTo(START + 5 * NANOS_PER_SECOND);
  }

  @Test
  void aLongerCoolDownIsNotShortenedByAShorterOne() {
    RequestGate gate = gate(10);
    gate.coolDown(A, Duration.ofSeconds(10));
    gate.coolDown(A, Duration.ofSeconds(1));
    queue(gate, "a1", A);

    while (turns.started.isEmpty() && timer.runNext()) {
      // until a1 goes
    }

    assertThat(turns.startOf("a1")).isGreaterThanOrEqualTo(START + 10 * NANOS_PER_SECOND);
  }

  @Test
  void aCoolDownHoldsWhenTheClockReadsNegative() {
    // System.nanoTime may be negative; only differences between readings mean anything.
    now.set(-5 * NANOS_PER_SECOND);
    RequestGate gate = gate(10);
    gate.coolDown(A, Duration.ofSeconds(2));
    queue(gate, "a1", A);
    assertThat(turns.names()).isEmpty();

    while (turns.started.isEmpty() && timer.runNext()) {
      // until a1 goes
    }

    assertThat(turns.startOf("a1")).isEqualTo(-3 * NANOS_PER_SECOND);
  }

  @Test
  void aWithdrawnTicketNeverStartsAndTakesNeitherASlotNorAToken() {
    limits.put(A, new HostLimits(null, 1.0, 1));
    RequestGate gate = gate(1);
    queue(gate, "z1", Z);
    RequestGate.Ticket withdrawn = queue(gate, "a1", A);
    queue(gate, "a2", A);
    withdrawn.cancel();
    assertThat(gate.waiting()).isEqualTo(1);

    turns.release("z1");

    assertThat(turns.names()).containsExactly("z1", "a2");
    assertThat(turns.startOf("a2")).as("a1 took no token").isEqualTo(START);
    while (timer.runNext()) {
      // nothing may wake a1
    }
    assertThat(turns.names()).doesNotContain("a1");
    assertThat(gate.inFlight()).isEqualTo(1);
  }

  @Test
  void aSlotReleasedTwiceFreesOneSlotOnly() {
    RequestGate gate = gate(1);
    queue(gate, "a1", A);
    queue(gate, "a2", A);
    queue(gate, "a3", A);

    turns.slot("a1").release();
    turns.slot("a1").release();

    assertThat(turns.names()).containsExactly("a1", "a2");
    assertThat(gate.inFlight()).isEqualTo(1);
    assertThat(gate.waiting()).isEqualTo(1);
  }

  @Test
  void aClosedGateStartsNothingMoreWhenSlotsFree() {
    RequestGate gate = gate(1);
    queue(gate, "a1", A);
    queue(gate, "a2", A);

    gate.close();
    turns.slot("a1").release();

    assertThat(turns.names()).containsExactly("a1");
    assertThat(gate.inFlight()).isZero();
  }

  @Test
  void aTurnThatThrowsGivesItsSlotBackAndTheNextStillGoes() {
    RequestGate gate = gate(3);
    queue(gate, "z1", Z);
    queue(gate, "z2", Z);
    queue(gate, "z3", Z);
    gate.queue(
        gate.ticket(
            A,
            slot -> {
              throw new IllegalStateException("broken turn");
            }));
    queue(gate, "b1", B);

    // The slot z2 frees goes to a (hosts take turns), whose turn throws: b1 gets it back.
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> turns.slot("z2").release())
        .hasMessage("broken turn");

    assertThat(turns.names()).containsExactly("z1", "z2", "z3", "b1");
    assertThat(gate.inFlight()).as("z1, z3 and b1").isEqualTo(3);
  }

  @Test
  void turnsThatReleaseTheirSlotAtOnceDoNotRecurse() {
    RequestGate gate = gate(1);
    queue(gate, "z1", Z); // holds the slot, so the others start one after another on its release
    int tickets = 10_000;
    for (int i = 0; i < tickets; i++) {
      gate.queue(gate.ticket(A, turns.releasingAtOnce("a" + i)));
    }

    turns.release("z1"); // a stack overflow here if each release started the next one inside it

    assertThat(turns.started).hasSize(tickets + 1);
    assertThat(gate.inFlight()).isZero();
    assertThat(gate.waiting()).isZero();
  }

  @Test
  void idleHostsAreForgotten() {
    RequestGate gate = new RequestGate(10, o -> new HostLimits(2, 10.0, 1), timer, now::get);
    for (int i = 0; i < 5_000; i++) {
      now.addAndGet(1_000_000); // a millisecond apart: a host's bucket is full again in 100
      gate.queue(
          gate.ticket(
              new Origin("http", "h" + i + ".example", 80), turns.releasingAtOnce("h" + i)));
    }

    assertThat(turns.started).hasSize(5_000);
    assertThat(gate.hostsKnown()).isLessThanOrEqualTo(2 * 1024);
  }

  @Test
  void aHostCoolingDownOrWithAnUnrefilledBucketIsNotForgotten() {
    limits.put(A, new HostLimits(null, 1.0, 1));
    RequestGate gate = gate(10);
    queue(gate, "a1", A); // takes a's one token
    turns.release("a1");
    gate.coolDown(C, Duration.ofMinutes(1));
    for (int i = 0; i < 5_000; i++) {
      gate.queue(
          gate.ticket(
              new Origin("http", "h" + i + ".example", 80), turns.releasingAtOnce("h" + i)));
    }
    assertThat(gate.hostsKnown()).as("the idle ones were forgotten").isLessThan(2 * 1024);

    queue(gate, "a2", A);
    queue(gate, "c1", C);

    assertThat(turns.names()).as("met anew, a would burst and c go").doesNotContain("a2", "c1");
    timer.advance(Duration.ofSeconds(1));
    assertThat(turns.names()).contains("a2").doesNotContain("c1");
    timer.advance(Duration.ofMinutes(1));
    assertThat(turns.names()).contains("c1");
  }

  // ---- the gate, its timer and its turns ----

  private RequestGate gate(int slots) {
    return new RequestGate(
        slots, origin -> limits.getOrDefault(origin, HostLimits.none()), timer, now::get);
  }

  private RequestGate.Ticket queue(RequestGate gate, String name, Origin origin) {
    RequestGate.Ticket ticket = gate.ticket(origin, turns.holding(name, origin));
    gate.queue(ticket);
    return ticket;
  }

  /** One ticket's turn: its name and the clock's reading when it went. */
  private record Started(String name, long atNanos) {}

  /** The turns the gate gave, in order, and the slots still held, for the test to release. */
  private final class Turns {
    final List<Started> started = new ArrayList<>();
    private final Map<String, RequestGate.Slot> slots = new HashMap<>();
    private final Map<String, Origin> origins = new HashMap<>();
    private final List<String> holding = new ArrayList<>();
    private final Map<Origin, Integer> inFlightOf = new HashMap<>();
    private final Map<Origin, Integer> peakOf = new HashMap<>();
    int inFlight;
    int peakInFlight;

    /** A turn that keeps its slot until the test releases it. */
    RequestGate.Turn holding(String name, Origin origin) {
      return slot -> {
        started.add(new Started(name, now.get()));
        slots.put(name, slot);
        origins.put(name, origin);
        holding.add(name);
        peakInFlight = Math.max(peakInFlight, ++inFlight);
        int host = inFlightOf.merge(origin, 1, Integer::sum);
        peakOf.merge(origin, host, Math::max);
      };
    }

    /** A turn that gives its slot back inside {@code go}, as a call to a closing client does. */
    RequestGate.Turn releasingAtOnce(String name) {
      return slot -> {
        started.add(new Started(name, now.get()));
        slot.release();
      };
    }

    void release(String name) {
      holding.remove(name);
      inFlight--;
      inFlightOf.merge(origins.get(name), -1, Integer::sum);
      slots.get(name).release();
    }

    RequestGate.Slot slot(String name) {
      return slots.get(name);
    }

    List<String> holding() {
      return List.copyOf(holding);
    }

    List<String> names() {
      return started.stream().map(Started::name).toList();
    }

    long startOf(String name) {
      return started.stream()
          .filter(s -> s.name().equals(name))
          .findFirst()
          .orElseThrow(() -> new AssertionError(name + " never started"))
          .atNanos();
    }

    int peakOf(Origin origin) {
      return peakOf.getOrDefault(origin, 0);
    }
  }

  /** The gate's timer: tasks run when the test moves the clock past them, never by themselves. */
  private final class ManualTimer implements RequestGate.Scheduler {
    private record Task(long dueNanos, long order, Runnable task) {}

    private final List<Task> pending = new ArrayList<>();
    private final List<Duration> delays = new ArrayList<>();
    private long scheduled;

    @Override
    public HttpGetClient.Cancellable schedule(Runnable task, Duration delay) {
      delays.add(delay);
      Task t = new Task(now.get() + delay.toNanos(), scheduled++, task);
      pending.add(t);
      return () -> pending.remove(t);
    }

    List<Duration> delays() {
      return List.copyOf(delays);
    }

    /** Moves the clock to the next task and runs it; false when none is scheduled. */
    boolean runNext() {
      if (pending.isEmpty()) return false;
      Task next =
          pending.stream()
              .min(
                  Comparator.comparingLong((Task t) -> t.dueNanos() - now.get())
                      .thenComparingLong(Task::order))
              .orElseThrow();
      pending.remove(next);
      if (next.dueNanos() - now.get() > 0) now.set(next.dueNanos());
      next.task().run();
      return true;
    }

    /** Moves the clock on by {@code by}, running each task on the way at its time. */
    void advance(Duration by) {
      long until = now.get() + by.toNanos();
      while (pending.stream().anyMatch(t -> t.dueNanos() - until <= 0)) runNext();
      now.set(until);
    }
  }
}
