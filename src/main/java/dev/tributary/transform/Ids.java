package dev.tributary.transform;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads a record's id: a string, or a number. */
public final class Ids {
  private Ids() {}

  /**
   * The id as text, or {@code null} when {@code node} is neither a string nor a number. A number is
   * the same id as the string of its digits ({@code 7} and {@code "7"}); a number with a fraction
   * or an exponent keeps them as written ({@code 7.0} is not {@code 7}).
   */
  public static String parse(JsonNode node) {
    if (node == null) return null;
    if (node.isTextual()) return node.textValue();
    if (node.isIntegralNumber()) return node.bigIntegerValue().toString();
    // toString, never toPlainString: 1e999999999 would be written out in full.
    if (node.isNumber()) return node.decimalValue().toString();
    return null;
  }

  /** Why {@link #parse} found no id in {@code node}: {@code id "order_no" is missing}. */
  public static String problemWith(String field, JsonNode node) {
    String id = "id \"" + field + "\"";
    if (node == null || node.isMissingNode()) return id + " is missing";
    if (node.isNull()) return id + " is null";
    return id + " is not a string or a number: " + Amounts.quoted(node);
  }
}
