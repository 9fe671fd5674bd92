package dev.tributary.transform;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/** Reads a record's amount as an exact decimal: a JSON number or a plain numeric string. */
public final class Amounts {
  // A plain number as people write it in a string: "12", "-3.5", "+0.25". No exponents, no
  // thousands separators and no decimal commas, which would be guesses.
  private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?");

  private Amounts() {}

  /** The amount, or {@code null} when {@code node} holds none; {@link #problemWith} says why. */
  public static BigDecimal parse(JsonNode node) {
    if (node == null) return null;
    if (node.isNumber()) return node.decimalValue();
    if (node.isTextual()) {
      String text = node.textValue().trim();
      if (PLAIN_NUMBER.matcher(text).matches()) return new BigDecimal(text);
    }
    return null;
  }

  /** Why {@link #parse} found no amount in {@code node}. */
  public static String problemWith(String field, JsonNode node) {
    if (node == null || node.isMissingNode()) return field + " is missing";
    if (node.isNull()) return field + " is null";
    return field + " is not a number: " + node;
  }
}
