package dev.tributary.job;

import dev.tributary.aggregate.DailyTotals;
import dev.tributary.aggregate.LocalSums;
import dev.tributary.aggregate.Upsert;
import dev.tributary.config.HttpConfig;
import dev.tributary.config.JobConfig;
import dev.tributary.config.SourceConfig;
import dev.tributary.fetch.FetchFunction;
import dev.tributary.fetch.HostPartitioner;
import dev.tributary.model.DailyTotal;
import dev.tributary.model.Endpoint;
import dev.tributary.model.FetchResult;
import dev.tributary.model.RunCounts;
import dev.tributary.sink.JobOutputs;
import dev.tributary.source.DataFileSource;
import dev.tributary.source.EndpointSource;
import dev.tributary.transform.ParseResponses;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The Tributary pipeline: endpoints → fetch (async, bounded in flight, retried) → parse → (with
 * {@code transform.id}: upsert by record id →) daily totals, with kept records, totals and dead
 * letters each going to their own sink.
 *
 * <p>The graph is the same whether the endpoints are bounded or not.
 */
public final class TributaryJob {
  private final JobConfig config;
  private final FetchFunction fetchFunction;
  private final JobOutputs outputs;

  public TributaryJob(JobConfig config, FetchFunction fetchFunction, JobOutputs outputs) {
    this.config = config;
    this.fetchFunction = fetchFunction;
    this.outputs = outputs;
  }

  /** The production job: AsyncHttpClient for the requests. */
  public static TributaryJob of(JobConfig config, JobOutputs outputs) {
    return new TributaryJob(config, FetchFunction.withAsyncHttpClient(config.http()), outputs);
  }

  public void build(StreamExecutionEnvironment env) {
    HttpConfig http = config.http();
    // Each fetch subtask has a share of the job's bound on requests in flight, never over it in
    // total, so there are never more subtasks than requests allowed.
    int fetchParallelism = Math.min(env.getParallelism(), http.concurrency());
    EndpointSource source = null;
    DataStream<FetchResult> fetched;
    if (config.source() instanceof SourceConfig.DataFiles files) {
      // Bodies read from files: nothing to fetch.
      fetched = DataFileSource.of(files, http.maxResponseBytes(), env);
    } else {
      source = EndpointSource.of(config.source(), config.poll(), env);
      DataStream<Endpoint> endpoints = source.endpoints();
      if (fetchParallelism > 1 && http.limitsHosts()) {
        // A host's limits are counted in one place: all its endpoints go to one fetch subtask.
        endpoints = endpoints.partitionCustom(new HostPartitioner(), HostPartitioner::key);
      } else if (fetchParallelism > 1) {
        // Each subtask has an equal share of the requests in flight, so each gets an equal share
        // of the endpoints: a source subtask may read more splits than another, and a fetch
        // subtask holds many endpoints waiting, so one could otherwise take them all.
        endpoints = endpoints.rebalance();
      }
      fetched =
          AsyncDataStream.unorderedWait(
                  endpoints,
                  fetchFunction,
                  FetchFunction.operatorTimeout(http, fetchParallelism).toMillis(),
                  TimeUnit.MILLISECONDS,
                  FetchFunction.operatorCapacity(http, fetchParallelism))
              .setParallelism(fetchParallelism)
              .name("fetch")
              .uid("fetch");
    }

    SingleOutputStreamOperator<byte[]> parsed =
        fetched
            .process(new ParseResponses(config.response(), config.transform()))
            .setParallelism(fetchParallelism)
            .name("parse")
            .uid("parse");

    DataStream<byte[]> recordLines = parsed;
    DataStream<DailyTotal> dailyParts = parsed.getSideOutput(ParseResponses.DAILY_PARTS);
    DataStream<RunCounts> counts = parsed.getSideOutput(ParseResponses.RUN_COUNTS);
    if (config.transform().hasIds()) {
      // Records with ids count once however often they are fetched: the upsert decides which
      // lines are written and how the totals move.
      SingleOutputStreamOperator<byte[]> upserted =
          parsed
              .getSideOutput(ParseResponses.KEPT_RECORDS)
              .keyBy(Upsert.KEY, Upsert.KEY_TYPE)
              .process(new Upsert(config.transform().idTtl()))
              .setParallelism(fetchParallelism)
              .name("upsert")
              .uid("upsert");
      recordLines = upserted;
      dailyParts = upserted.getSideOutput(Upsert.DAILY_DELTAS);
      counts = counts.union(upserted.getSideOutput(Upsert.RUN_COUNTS));
    }
    recordLines.sinkTo(outputs.records()).name("records").uid("records-sink");

    dailyParts
        .transform(
            "local-daily-totals", TypeInformation.of(DailyTotal.class), LocalSums.ofDailyTotals())
        .setParallelism(fetchParallelism)
        .uid("local-daily-totals")
        .keyBy(DailyTotal::date)
        .transform("daily-totals", TypeInformation.of(DailyTotal.class), new DailyTotals())
        .uid("daily-totals")
        // Chained to the totals: the time a line is made is the time its total was sent on.
        .map(total -> total.toJsonLine(Instant.now()))
        .name("daily-lines")
        .uid("daily-lines")
        .sinkTo(outputs.daily())
        .name("daily")
        .uid("daily-sink");

    DataStream<String> deadLetters = parsed.getSideOutput(ParseResponses.DEAD_LETTERS);
    if (source != null && source.deadLetters() != null) {
      deadLetters = deadLetters.union(source.deadLetters());
    }
    deadLetters.sinkTo(outputs.deadLetters()).name("dead-letter").uid("dead-letter-sink");

    if (source != null && source.runCounts() != null) counts = counts.union(source.runCounts());
    counts
        .transform("local-run-counts", TypeInformation.of(RunCounts.class), LocalSums.ofRunCounts())
        .setParallelism(fetchParallelism)
        .uid("local-run-counts")
        .sinkTo(outputs.summary())
        .setParallelism(1)
        .name("summary")
        .uid("summary-sink");
  }
}
