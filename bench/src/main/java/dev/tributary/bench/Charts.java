package dev.tributary.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The PNG charts of the benchmark, drawn with XChart (headless). */
final class Charts {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 600;
  private static final BasicStroke DASHED =
      new BasicStroke(
          1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0);

  /** One colour per limit, so a measured series and its ideal line match. */
  private static final Map<Integer, Color> LIMIT_COLORS =
      Map.of(
          1, new Color(0x7f7f7f),
          10, new Color(0x1f77b4),
          50, new Color(0x2ca02c),
          200, new Color(0xd62728),
          1000, new Color(0x9467bd));

  private static final Color POOL_COLOR = new Color(0xff7f0e);

  private Charts() {}

  /**
   * Seconds against N, log–log: one series per approach and limit (medians), and the ideal of each
   * limit as a dashed line.
   */
  static void latency(List<LatencyBench.Row> rows, Path png) throws IOException {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title("Fetching N endpoints of 200–500 ms")
            .xAxisTitle("endpoints (N)")
            .yAxisTitle("seconds, first request to last answer")
            .build();
    chart.getStyler().setXAxisLogarithmic(true);
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setDecimalPattern("#,##0.#");

    Map<String, List<LatencyBench.Row>> byApproach = new LinkedHashMap<>();
    Map<Integer, TreeMap<Integer, Double>> idealByLimit = new TreeMap<>();
    for (LatencyBench.Row row : rows) {
      String label =
          row.approach() + (row.approach().equals("sequential") ? "" : " " + row.limit());
      byApproach.computeIfAbsent(label, k -> new ArrayList<>()).add(row);
      idealByLimit
          .computeIfAbsent(row.limit(), k -> new TreeMap<>())
          .put(row.count(), row.idealSeconds());
    }
    for (Map.Entry<String, List<LatencyBench.Row>> e : byApproach.entrySet()) {
      List<LatencyBench.Row> series = e.getValue();
      XYSeries s =
          chart.addSeries(
              e.getKey(),
              series.stream().mapToDouble(LatencyBench.Row::count).toArray(),
              series.stream().mapToDouble(r -> r.seconds().median()).toArray());
      boolean pool = series.get(0).approach().equals("pool");
      // The pool shares its ideal (limit 10) with Tributary at 10: its own colour tells them apart.
      Color color = pool ? POOL_COLOR : color(series.get(0).limit());
      s.setMarker(pool ? SeriesMarkers.SQUARE : SeriesMarkers.CIRCLE);
      s.setMarkerColor(color);
      s.setLineColor(color);
    }
    for (Map.Entry<Integer, TreeMap<Integer, Double>> e : idealByLimit.entrySet()) {
      XYSeries s =
          chart.addSeries(
              "ideal, limit " + e.getKey(),
              e.getValue().keySet().stream().mapToDouble(Integer::doubleValue).toArray(),
              e.getValue().values().stream().mapToDouble(Double::doubleValue).toArray());
      s.setMarker(SeriesMarkers.NONE);
      s.setLineStyle(DASHED);
      s.setLineColor(color(e.getKey()));
    }
    save(chart, png);
  }

  /** Requests per second by approach, one group of bars per N. */
  static void throughput(List<ThroughputBench.Row> rows, Path png) throws IOException {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title("Requests per second, 0 ms static API on loopback")
            .xAxisTitle("requests (N)")
            .yAxisTitle("requests per second")
            .build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    chart.getStyler().setDecimalPattern("#,##0");
    Map<String, TreeMap<Integer, Double>> byApproach = new LinkedHashMap<>();
    for (ThroughputBench.Row row : rows) {
      byApproach
          .computeIfAbsent(row.approach(), k -> new TreeMap<>())
          .put(row.count(), row.rate().median());
    }
    for (Map.Entry<String, TreeMap<Integer, Double>> e : byApproach.entrySet()) {
      List<String> categories =
          e.getValue().keySet().stream().map(n -> "N = " + Fmt.whole(n)).toList();
      chart.addSeries(e.getKey(), categories, new ArrayList<Number>(e.getValue().values()));
    }
    save(chart, png);
  }

  private static Color color(int limit) {
    return LIMIT_COLORS.getOrDefault(limit, Color.DARK_GRAY);
  }

  private static void save(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path png)
      throws IOException {
    // XChart draws with AWT: without a display it needs headless mode, set before AWT loads.
    System.setProperty("java.awt.headless", "true");
    BitmapEncoder.saveBitmap(chart, png.toString(), BitmapFormat.PNG);
  }
}
