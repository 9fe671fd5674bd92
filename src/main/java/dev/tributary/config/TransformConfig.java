package dev.tributary.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;

/**
 * The job file's {@code transform:} section: which fields of a record are read; valid once
 * constructed.
 *
 * @param dateField the field holding a record's date; not blank
 * @param amountField the field holding its amount; not blank
 */
public record TransformConfig(String dateField, String amountField) implements Serializable {

  public static final String DEFAULT_DATE_FIELD = "date";
  public static final String DEFAULT_AMOUNT_FIELD = "amount";

  public TransformConfig {
    ConfigValues.required("date", dateField);
    ConfigValues.required("amount", amountField);
  }

  /** The section as the job file gives it; a key not given takes its default. */
  @JsonCreator
  static TransformConfig of(
      @JsonProperty("date") String date, @JsonProperty("amount") String amount) {
    return new TransformConfig(
        ConfigValues.text("date", date, DEFAULT_DATE_FIELD),
        ConfigValues.text("amount", amount, DEFAULT_AMOUNT_FIELD));
  }

  public static TransformConfig defaults() {
    return new TransformConfig(DEFAULT_DATE_FIELD, DEFAULT_AMOUNT_FIELD);
  }
}
