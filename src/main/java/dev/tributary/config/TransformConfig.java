package dev.tributary.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.time.Duration;

/**
 * The job file's {@code transform:} section: which fields of a record are read, and whether records
 * are told apart by an id; valid once constructed.
 *
 * @param dateField the field holding a record's date; not blank
 * @param amountField the field holding its amount; not blank
 * @param idField the field holding a record's id within its endpoint; null: records have no id, and
 *     every record fetched counts (the same record fetched twice counts twice)
 * @param idTtl how long an id is remembered after it was last seen; null: for ever. Only with an
 *     {@code idField}; more than 0
 */
public record TransformConfig(String dateField, String amountField, String idField, Duration idTtl)
    implements Serializable {

  public static final String DEFAULT_DATE_FIELD = "date";
  public static final String DEFAULT_AMOUNT_FIELD = "amount";

  public TransformConfig {
    ConfigValues.required("date", dateField);
    ConfigValues.required("amount", amountField);
    if (idField != null) ConfigValues.required("id", idField);
    if (idTtl != null) {
      if (idField == null) {
        throw new ConfigException("idTtl", "needs transform.id (only ids can be forgotten)");
      }
      if (idTtl.isNegative() || idTtl.isZero()) {
        throw new ConfigException("idTtl", "must be more than 0, got " + Durations.format(idTtl));
      }
    }
  }

  /** Records without ids: every record fetched counts. */
  public TransformConfig(String dateField, String amountField) {
    this(dateField, amountField, null, null);
  }

  /** The section as the job file gives it; a key not given takes its default. */
  @JsonCreator
  static TransformConfig of(
      @JsonProperty("date") String date,
      @JsonProperty("amount") String amount,
      @JsonProperty("id") String id,
      @JsonProperty("idTtl") String idTtl) {
    return new TransformConfig(
        ConfigValues.text("date", date, DEFAULT_DATE_FIELD),
        ConfigValues.text("amount", amount, DEFAULT_AMOUNT_FIELD),
        ConfigValues.text("id", id, null),
        ConfigValues.duration("idTtl", idTtl, null));
  }

  public static TransformConfig defaults() {
    return new TransformConfig(DEFAULT_DATE_FIELD, DEFAULT_AMOUNT_FIELD);
  }

  /** Whether records are told apart by {@link #idField()}. */
  public boolean hasIds() {
    return idField != null;
  }
}
