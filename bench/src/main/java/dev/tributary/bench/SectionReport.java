package dev.tributary.bench;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One table of the benchmark, ready to print and save.
 *
 * @param name file name stem: {@code latency} gives latency.csv
 * @param title the Markdown heading
 * @param markdown the table and the notes under it
 * @param csv the table's rows with raw numbers
 * @param raw every repetition as measured, for results.json
 */
record SectionReport(String name, String title, String markdown, Csv csv, JsonNode raw) {}
