package dev.tributary.transform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.config.Messages;
import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a record's amount as an exact decimal: a JSON number or a plain numeric string, with at
 * most {@value #MAX_DIGITS} digits before and after the point, so that no amount can make a total
 * overflow or its output line absurdly long.
 */
public final class Amounts {
  /** Digits allowed before the point, and after it; far beyond any money, still a sane line. */
  public static final int MAX_DIGITS = 30;

  // A plain number as people write it in a string: "12", "-3.5", "+0.25". No exponents, no
  // thousands separators and no decimal commas, which would be guesses.
  private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?0*(\\d+)(?:\\.(\\d+))?");

  private Amounts() {}

  /**
   * The amount, in plain notation (scale 0 or more: {@code 1e2} is {@code 100}), or {@code null}
   * when {@code node} holds none or one out of range; {@link #problemWith} says why.
   */
  public static BigDecimal parse(JsonNode node) {
    if (node == null) return null;
    if (node.isNumber()) {
      BigDecimal amount = node.decimalValue();
      return inRange(amount) ? plain(amount) : null;
    }
    if (node.isTextual()) {
      Matcher m = PLAIN_NUMBER.matcher(node.textValue().trim());
      if (m.matches() && digitsInRange(m)) return new BigDecimal(m.group());
    }
    return null;
  }

  /** Why {@link #parse} found no amount in {@code node}. */
  public static String problemWith(String field, JsonNode node) {
    if (node == null || node.isMissingNode()) return field + " is missing";
    if (node.isNull()) return field + " is null";
    if (node.isNumber()
        || (node.isTextual() && PLAIN_NUMBER.matcher(node.textValue().trim()).matches())) {
      return field
          + " is out of range (more than "
          + MAX_DIGITS
          + " digits before or after the point): "
          + quoted(node);
    }
    return field + " is not a number: " + quoted(node);
  }

  /** A value as a reason shows it: its JSON text, cut short. */
  static String quoted(JsonNode node) {
    return Messages.cut(node.toString());
  }

  /** Checked on precision and scale alone: 1e999999999 is never expanded to find out. */
  private static boolean inRange(BigDecimal amount) {
    long integerDigits = (long) amount.precision() - amount.scale();
    return integerDigits <= MAX_DIGITS && amount.scale() <= MAX_DIGITS;
  }

  private static boolean digitsInRange(Matcher plainNumber) {
    String fraction = plainNumber.group(2);
    return plainNumber.group(1).length() <= MAX_DIGITS
        && (fraction == null || fraction.length() <= MAX_DIGITS);
  }

  /** 1E+2 as 100: an amount is always written in plain notation, never in scientific. */
  private static BigDecimal plain(BigDecimal amount) {
    return amount.scale() < 0 ? amount.setScale(0) : amount;
  }
}
