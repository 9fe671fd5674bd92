package dev.tributary.model;

import java.math.BigDecimal;

/**
 * One record read with its id (when the job file names {@code transform.id}), on its way to the
 * upsert that decides whether it is new, changed or seen before.
 *
 * @param source the endpoint's name
 * @param id the record's id within its endpoint, as text
 * @param date its calendar date, ISO
 * @param amount its exact amount
 * @param line its {@code records/} line, UTF-8, ending in a newline
 */
public record KeptRecord(String source, String id, String date, BigDecimal amount, byte[] line) {}
