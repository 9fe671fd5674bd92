package dev.tributary.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Median, minimum and maximum of the repetitions of one measurement. */
record Stat(double median, double min, double max, int count) {

  static Stat of(List<Double> values) {
    if (values.isEmpty()) throw new IllegalArgumentException("no values");
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    double median =
        n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    return new Stat(median, sorted.get(0), sorted.get(n - 1), n);
  }

  static Stat single(double value) {
    return new Stat(value, value, value, 1);
  }

  /** {@code 2.15 (2.11–2.20)} with several repetitions, {@code 2.15} with one. */
  String format(java.util.function.DoubleFunction<String> number) {
    if (count == 1 || min == max) return number.apply(median);
    return number.apply(median) + " (" + number.apply(min) + "–" + number.apply(max) + ")";
  }
}
