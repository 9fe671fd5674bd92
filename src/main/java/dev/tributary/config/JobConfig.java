package dev.tributary.config;

import dev.tributary.demo.DemoApiOptions;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A validated job file: what to fetch, how, and where the results go. Built by {@link
 * JobFiles#load}.
 *
 * @param name the job's name; defaults to the job file's base name without extension
 * @param source where the endpoints come from
 * @param http how requests are made
 * @param response where the records are in a response body
 * @param transform which fields of a record are read
 * @param output where the results are written
 * @param demo settings of the built-in demo API when the job file has a {@code demo:} section
 * @param jobFile the job file as given on the command line
 */
public record JobConfig(
    String name,
    SourceConfig source,
    HttpConfig http,
    ResponseConfig response,
    TransformConfig transform,
    OutputConfig output,
    Optional<DemoApiOptions> demo,
    Path jobFile) {}
