package dev.tributary.config;

/**
 * The job file's {@code source:} section as written: the one kind of source it gives, and {@code
 * poll} when the endpoints are fetched again on a schedule.
 *
 * @param kind the endpoints, or the files, to read
 * @param poll the schedule, or null when the endpoints are fetched once
 */
record SourceSection(SourceConfig kind, PollConfig poll) {
  static final String POLL = "poll";

  SourceSection {
    if (poll != null
        && !(kind instanceof SourceConfig.Inline
            || kind instanceof SourceConfig.File
            || kind instanceof SourceConfig.Range)) {
      throw new ConfigException(
          POLL,
          "polls endpoints (endpoints, file or range); "
              + (kind instanceof SourceConfig.Watch
                  ? "a watched folder is read as its files appear"
                  : "data files are read once"));
    }
  }
}
