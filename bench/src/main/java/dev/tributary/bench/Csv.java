package dev.tributary.bench;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The rows of a table as CSV, with raw numbers (median, min and max in their own columns). */
final class Csv {
  private final List<String> header;
  private final List<List<Object>> rows = new ArrayList<>();

  Csv(String... header) {
    this.header = List.of(header);
  }

  Csv row(Object... values) {
    if (values.length != header.size()) {
      throw new IllegalArgumentException(
          values.length + " values for " + header.size() + " columns");
    }
    rows.add(java.util.Arrays.asList(values));
    return this;
  }

  String render() {
    StringBuilder out = new StringBuilder(String.join(",", header)).append('\n');
    for (List<Object> row : rows) {
      List<String> cells = new ArrayList<>();
      for (Object value : row) cells.add(cell(value));
      out.append(String.join(",", cells)).append('\n');
    }
    return out.toString();
  }

  void write(Path file) throws IOException {
    Files.writeString(file, render(), StandardCharsets.UTF_8);
  }

  private static String cell(Object value) {
    if (value == null) return "";
    if (value instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) return "";
      // Six significant digits, never an exponent: 28431.2, 0.000123, 1234570.
      return new BigDecimal(d).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
    String text = value.toString();
    if (text.contains(",") || text.contains("\"") || text.contains("\n")) {
      return "\"" + text.replace("\"", "\"\"") + "\"";
    }
    return text;
  }
}
