package dev.tributary.model;

import java.io.Serializable;

/** One HTTP endpoint to fetch: a name the user chose (it tags every record) and the URL to GET. */
public record Endpoint(String name, String url) implements Serializable {}
