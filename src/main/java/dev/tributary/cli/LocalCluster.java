package dev.tributary.cli;

import dev.tributary.cli.progress.CheckpointInfo;
import dev.tributary.cli.progress.ProgressMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.flink.runtime.client.JobExecutionException;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.minicluster.RpcServiceSharing;
import org.apache.flink.runtime.rpc.RpcSystem;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.util.Reference;

/**
 * An embedded Flink MiniCluster for {@code tributary run}, started apart from the job (rather than
 * inside {@code env.execute()}) so that its start-up can be measured on its own.
 */
final class LocalCluster implements AutoCloseable {
  private final MiniCluster cluster;
  private final Configuration conf;
  private final ProgressMetrics progress;

  private LocalCluster(MiniCluster cluster, Configuration conf, ProgressMetrics progress) {
    this.cluster = cluster;
    this.conf = conf;
    this.progress = progress;
  }

  /** Starts a cluster with one task manager and as many slots as the default parallelism. */
  static LocalCluster start(Configuration conf) throws Exception {
    Configuration clusterConf = new Configuration(conf);
    if (!clusterConf.contains(RestOptions.BIND_PORT)) {
      // Any free port: two local runs must not fight over 8081.
      clusterConf.set(RestOptions.BIND_PORT, "0");
    }
    ProgressMetrics progress = ProgressMetrics.addTo(clusterConf);
    MiniCluster cluster =
        new MiniCluster(
            new MiniClusterConfiguration.Builder()
                .setConfiguration(clusterConf)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(clusterConf.get(CoreOptions.DEFAULT_PARALLELISM))
                // One RPC system for the whole cluster, not one per component: faster to start.
                .setRpcServiceSharing(RpcServiceSharing.SHARED)
                .build(),
            () -> rpcSystem(clusterConf));
    cluster.start();
    return new LocalCluster(cluster, conf, progress);
  }

  /**
   * Flink's RPC system (Pekko). Flink normally copies it out of the flink-rpc-akka-loader jar into
   * a temporary file and loads it through a class loader of its own, at every start: ~0.2 s, a 24
   * MB file left behind by a killed run, and none of its thousands of classes can come from the
   * launcher's class-data-sharing archive. {@code bin/tributary} puts that jar on the class path
   * instead; without it (tests, an IDE) Flink's own loader is used.
   */
  private static Reference<RpcSystem> rpcSystem(Configuration conf) {
    return ServiceLoader.load(RpcSystem.class)
        .findFirst()
        .map(Reference::owned)
        .orElseGet(() -> Reference.owned(RpcSystem.load(conf)));
  }

  /** An environment to build a job in, with the cluster's configuration. */
  StreamExecutionEnvironment environment() {
    return StreamExecutionEnvironment.createLocalEnvironment(conf);
  }

  /** Runs the job built in {@code env} to its end. */
  JobExecutionResult execute(StreamExecutionEnvironment env, String jobName) throws Exception {
    return cluster.executeJobBlocking(jobGraph(env, jobName));
  }

  /**
   * Submits the job built in {@code env}, restored from a checkpoint or savepoint when {@code
   * restoreFrom} is given, and returns while it runs.
   */
  RunningJob submit(StreamExecutionEnvironment env, String jobName, Optional<String> restoreFrom)
      throws Exception {
    JobGraph graph = jobGraph(env, jobName);
    // CLAIM: the restored checkpoint becomes the job's own, deleted once a newer one completes.
    restoreFrom.ifPresent(
        path ->
            graph.setSavepointRestoreSettings(
                SavepointRestoreSettings.forPath(path, false, RecoveryClaimMode.CLAIM)));
    JobID id = cluster.submitJob(graph).get().getJobID();
    return new RunningJob(cluster, id);
  }

  private static JobGraph jobGraph(StreamExecutionEnvironment env, String jobName) {
    StreamGraph graph = env.getStreamGraph();
    graph.setJobName(jobName);
    return graph.getJobGraph(Thread.currentThread().getContextClassLoader());
  }

  /** The fetch stage's metrics of the jobs this cluster runs, for the progress line. */
  ProgressMetrics progress() {
    return progress;
  }

  /** A job running on this cluster. */
  record RunningJob(MiniCluster cluster, JobID id) {
    /** Waits for the job's end; throws what made it fail. */
    void awaitEnd() throws Exception {
      JobResult result = cluster.requestJobResult(id).get();
      if (result.getSerializedThrowable().isPresent()) {
        throw new JobExecutionException(
            id,
            "the job failed",
            result
                .getSerializedThrowable()
                .get()
                .deserializeError(Thread.currentThread().getContextClassLoader()));
      }
    }

    /** Stops the job with a savepoint in {@code dir}; returns the savepoint's path. */
    String stopWithSavepoint(String dir, Duration timeout) throws Exception {
      return cluster
          .stopWithSavepoint(id, dir, false, SavepointFormatType.CANONICAL)
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The last checkpoint the job completed, when it has completed one. */
    Optional<CheckpointInfo> lastCheckpoint() {
      try {
        CompletedCheckpointStats last =
            cluster
                .getExecutionGraph(id)
                .get(1, TimeUnit.SECONDS)
                .getCheckpointStatsSnapshot()
                .getHistory()
                .getLatestCompletedCheckpoint();
        return last == null
            ? Optional.empty()
            : Optional.of(
                new CheckpointInfo(
                    last.getCheckpointId(), Instant.ofEpochMilli(last.getLatestAckTimestamp())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      } catch (Exception e) { // the job has ended, or is not yet running
        return Optional.empty();
      }
    }
  }

  @Override
  public void close() throws Exception {
    cluster.close();
  }
}
