package dev.tributary.bench;

import dev.tributary.demo.LoopbackHttpServer.Exchange;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A polled run's rounds as the server saw them: with no faults every endpoint is requested exactly
 * once a round, so the n-th request for a path belongs to round n. A round's time is from the first
 * request it received to the last answer it wrote.
 */
final class WarmRounds {
  private WarmRounds() {}

  /**
   * One round, seen from the server.
   *
   * @param number 1 for the first (cold) round
   * @param requests requests of the round
   * @param firstReceivedNanos when its first request was read ({@link System#nanoTime()})
   * @param lastReceivedNanos when its last request was read
   * @param lastAnsweredNanos when its last answer was written
   */
  record Round(
      int number,
      int requests,
      long firstReceivedNanos,
      long lastReceivedNanos,
      long lastAnsweredNanos) {
    double seconds() {
      return (lastAnsweredNanos - firstReceivedNanos) / 1e9;
    }

    /**
     * From the round's first request to its last: how long the client took to send them all (0 in
     * the ideal schedule when the limit is at least the number of endpoints).
     */
    double requestSpreadSeconds() {
      return (lastReceivedNanos - firstReceivedNanos) / 1e9;
    }

    /** This round's time ÷ the ideal of its limit. */
    double ratio(double idealSeconds) {
      return seconds() / idealSeconds;
    }
  }

  /** Groups answered requests into rounds, in order: round 1 first. */
  static List<Round> of(Collection<Exchange> exchanges) {
    Map<String, List<Exchange>> byPath = new HashMap<>();
    for (Exchange e : exchanges) byPath.computeIfAbsent(e.path(), p -> new ArrayList<>()).add(e);
    List<Builder> rounds = new ArrayList<>();
    for (List<Exchange> ofPath : byPath.values()) {
      // Answers are written in the order their delays end, not in the order requests came.
      ofPath.sort(Comparator.comparingLong(Exchange::receivedNanos));
      for (int i = 0; i < ofPath.size(); i++) {
        if (rounds.size() == i) rounds.add(new Builder());
        rounds.get(i).add(ofPath.get(i));
      }
    }
    List<Round> result = new ArrayList<>();
    for (int i = 0; i < rounds.size(); i++) result.add(rounds.get(i).build(i + 1));
    return result;
  }

  /**
   * The rounds whose first request came before the previous round's last answer: a late round
   * started while the one before was still being fetched, so neither time is one round's alone.
   */
  static List<Integer> overlapping(List<Round> rounds) {
    List<Integer> late = new ArrayList<>();
    for (int i = 1; i < rounds.size(); i++) {
      if (rounds.get(i).firstReceivedNanos() < rounds.get(i - 1).lastAnsweredNanos()) {
        late.add(rounds.get(i).number());
      }
    }
    return late;
  }

  /** The median time of rounds 2 and later (the warm ones), in seconds. */
  static double warmMedianSeconds(List<Round> rounds) {
    if (rounds.size() < 2) throw new IllegalArgumentException("no round after the first");
    return Stat.of(rounds.subList(1, rounds.size()).stream().map(Round::seconds).toList()).median();
  }

  private static final class Builder {
    private int requests;
    private long firstReceived = Long.MAX_VALUE;
    private long lastReceived = Long.MIN_VALUE;
    private long lastAnswered = Long.MIN_VALUE;

    void add(Exchange e) {
      requests++;
      firstReceived = Math.min(firstReceived, e.receivedNanos());
      lastReceived = Math.max(lastReceived, e.receivedNanos());
      lastAnswered = Math.max(lastAnswered, e.answeredNanos());
    }

    Round build(int number) {
      return new Round(number, requests, firstReceived, lastReceived, lastAnswered);
    }
  }
}
