package dev.tributary.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * A Markdown table that also reads well as plain text: columns padded to their widest cell, numbers
 * right-aligned ({@code ---:}), text left-aligned.
 */
final class MarkdownTable {
  private final List<String> headers = new ArrayList<>();
  private final List<Boolean> rightAligned = new ArrayList<>();
  private final List<List<String>> rows = new ArrayList<>();

  /** Adds a left-aligned column (text). */
  MarkdownTable left(String header) {
    headers.add(header);
    rightAligned.add(false);
    return this;
  }

  /** Adds a right-aligned column (numbers). */
  MarkdownTable right(String header) {
    headers.add(header);
    rightAligned.add(true);
    return this;
  }

  MarkdownTable row(String... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException(
          "a row of " + cells.length + " cells in a table of " + headers.size() + " columns");
    }
    List<String> row = new ArrayList<>();
    for (String cell : cells) row.add(cell == null ? "" : cell.replace("|", "\\|"));
    rows.add(row);
    return this;
  }

  int rowCount() {
    return rows.size();
  }

  String render() {
    int columns = headers.size();
    int[] width = new int[columns];
    for (int c = 0; c < columns; c++) {
      // At least 3, so the separator always has room for "---" or "--:".
      width[c] = Math.max(3, headers.get(c).length());
      for (List<String> row : rows) width[c] = Math.max(width[c], row.get(c).length());
    }
    StringBuilder out = new StringBuilder();
    line(out, headers, width);
    out.append('|');
    for (int c = 0; c < columns; c++) {
      out.append(' ')
          .append(rightAligned.get(c) ? "-".repeat(width[c] - 1) + ":" : "-".repeat(width[c]))
          .append(" |");
    }
    out.append('\n');
    for (List<String> row : rows) line(out, row, width);
    return out.toString();
  }

  private void line(StringBuilder out, List<String> cells, int[] width) {
    out.append('|');
    for (int c = 0; c < cells.size(); c++) {
      String cell = cells.get(c);
      String pad = " ".repeat(width[c] - cell.length());
      out.append(' ').append(rightAligned.get(c) ? pad + cell : cell + pad).append(" |");
    }
    out.append('\n');
  }
}
