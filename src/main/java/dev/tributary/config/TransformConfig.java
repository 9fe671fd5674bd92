package dev.tributary.config;

import java.io.Serializable;

/**
 * The job file's {@code transform:} section: which fields of a record are read.
 *
 * @param dateField the field holding a record's date
 * @param amountField the field holding its amount
 */
public record TransformConfig(String dateField, String amountField) implements Serializable {

  public static final String DEFAULT_DATE_FIELD = "date";
  public static final String DEFAULT_AMOUNT_FIELD = "amount";

  public static TransformConfig defaults() {
    return new TransformConfig(DEFAULT_DATE_FIELD, DEFAULT_AMOUNT_FIELD);
  }
}
