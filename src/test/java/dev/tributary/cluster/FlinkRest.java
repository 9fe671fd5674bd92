package dev.tributary.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** The few calls of Flink's REST API the cluster tests make, with java.net.http. */
public final class FlinkRest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
  private static final Set<String> TERMINAL = Set.of("FINISHED", "FAILED", "CANCELED", "SUSPENDED");

  private final String baseUrl;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  FlinkRest(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** An answer of the REST API: its status and JSON body. */
  public record Response(int status, JsonNode body) {
    boolean ok() {
      return status / 100 == 2;
    }
  }

  public String baseUrl() {
    return baseUrl;
  }

  /** How many TaskManagers the cluster lists, or empty while the REST API does not answer. */
  public OptionalInt taskManagerCount() throws InterruptedException {
    try {
      Response response = get("/taskmanagers");
      if (!response.ok()) return OptionalInt.empty();
      return OptionalInt.of(response.body().path("taskmanagers").size());
    } catch (IOException notYetListening) {
      return OptionalInt.empty();
    }
  }

  /** {@code POST /jars/upload}: the jar's id on the cluster. */
  public String uploadJar(Path jar) throws IOException, InterruptedException {
    String boundary = "----tributary" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                + jar.getFileName()
                + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(Files.readAllBytes(jar));
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + "/jars/upload"))
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build();
    Response response = send(request);
    if (!response.ok() || !"success".equals(response.body().path("status").asText())) {
      throw new IllegalStateException("jar upload failed: " + response);
    }
    // "filename" is the path on the JobManager; its last part is the id the other calls take.
    return Path.of(response.body().get("filename").asText()).getFileName().toString();
  }

  /**
   * {@code POST /jars/{id}/run}: runs the jar's main method in the JobManager, which submits the
   * job. The answer holds {@code jobid}, or {@code errors} when the main method failed.
   */
  public Response runJar(String jarId, String entryClass, int parallelism, List<String> args)
      throws IOException, InterruptedException {
    ObjectNode body = JSON.createObjectNode();
    body.put("entryClass", entryClass);
    body.put("parallelism", parallelism);
    body.set("programArgsList", JSON.valueToTree(args));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + "/jars/" + jarId + "/run"))
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build();
    return send(request);
  }

  /** {@code GET /jobs/{id}}. */
  public JsonNode job(String jobId) throws IOException, InterruptedException {
    return getOk("/jobs/" + jobId);
  }

  /** Polls {@code GET /jobs/{id}} until the job ends; its final state. */
  public String awaitJobEnd(String jobId, Duration deadline)
      throws IOException, InterruptedException {
    Instant end = Instant.now().plus(deadline);
    String state = "(no answer)";
    while (Instant.now().isBefore(end)) {
      state = job(jobId).path("state").asText();
      if (TERMINAL.contains(state)) return state;
      Thread.sleep(200);
    }
    throw new AssertionError(
        "job " + jobId + " did not end within " + deadline.toSeconds() + " s (" + state + ")");
  }

  /**
   * {@code GET /jobs/{id}/checkpoints}: how many checkpoints of the job have completed; 0 while the
   * job has no checkpoint statistics yet (it is still being scheduled).
   */
  public int completedCheckpoints(String jobId) throws IOException, InterruptedException {
    Response response = get("/jobs/" + jobId + "/checkpoints");
    if (!response.ok()) return 0;
    return response.body().path("counts").path("completed").asInt();
  }

  /** {@code GET /jobs/overview}: the ids of every job the cluster knows, sorted. */
  public Set<String> jobIds() throws IOException, InterruptedException {
    Set<String> ids = new TreeSet<>();
    for (JsonNode job : getOk("/jobs/overview").path("jobs")) ids.add(job.get("jid").asText());
    return ids;
  }

  /** {@code GET /jobs/{id}/exceptions}: the root exception of a failed job, for messages. */
  public String rootException(String jobId) throws IOException, InterruptedException {
    return get("/jobs/" + jobId + "/exceptions").body().path("root-exception").asText();
  }

  /**
   * The TaskManagers that ran subtasks of the job's vertices whose name contains {@code operator}
   * ({@code GET /jobs/{id}/vertices/{vid}/taskmanagers}).
   */
  public Set<String> taskManagersRunning(String jobId, String operator)
      throws IOException, InterruptedException {
    Set<String> taskManagers = new TreeSet<>();
    List<String> names = new ArrayList<>();
    for (JsonNode vertex : job(jobId).path("vertices")) {
      names.add(vertex.path("name").asText());
      if (!vertex.path("name").asText().contains(operator)) continue;
      JsonNode perTaskManager =
          getOk("/jobs/" + jobId + "/vertices/" + vertex.get("id").asText() + "/taskmanagers");
      for (JsonNode tm : perTaskManager.path("taskmanagers")) {
        taskManagers.add(tm.path("taskmanager-id").asText());
      }
    }
    if (taskManagers.isEmpty()) {
      throw new AssertionError("no vertex named like '" + operator + "' ran: " + names);
    }
    return taskManagers;
  }

  private JsonNode getOk(String path) throws IOException, InterruptedException {
    Response response = get(path);
    if (!response.ok()) throw new IllegalStateException("GET " + path + ": " + response);
    return response.body();
  }

  private Response get(String path) throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(REQUEST_TIMEOUT).GET().build());
  }

  private Response send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    String body = response.body();
    JsonNode json = body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
    return new Response(response.statusCode(), json);
  }
}
