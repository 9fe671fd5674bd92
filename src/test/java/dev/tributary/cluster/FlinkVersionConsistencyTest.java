package dev.tributary.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Flink version is written in one place, {@code <flink.version>} of pom.xml: the Docker image,
 * the Flink configuration and the README must follow it when it changes.
 */
class FlinkVersionConsistencyTest {
  /** "Flink 2.3.0", "flink:2.3.0-java17", "Flink 2.3": a version named next to Flink. */
  private static final Pattern MENTION =
      Pattern.compile("(?i)\\bflink[: ]v?(\\d+\\.\\d+(?:\\.\\d+)?)\\b");

  private static final Pattern FROM_FLINK =
      Pattern.compile("(?m)^FROM\\s+flink:(\\S+?)(?:\\s+AS\\s+\\S+)?\\s*$");

  @Test
  void theDockerImageIsTheOfficialFlinkImageOfThePomsVersion() throws IOException {
    String dockerfile = Files.readString(Path.of("docker", "Dockerfile"));

    Matcher from = FROM_FLINK.matcher(dockerfile);
    assertThat(from.find()).as("docker/Dockerfile has a FROM flink:<tag> line").isTrue();
    assertThat(from.group(1)).isEqualTo(ProjectPom.flinkVersion() + "-java17");
  }

  @Test
  void everyFlinkVersionNamedInDockerConfOrTheReadmeIsThePomsVersion() throws IOException {
    String version = ProjectPom.flinkVersion();
    List<Path> files = new ArrayList<>(List.of(Path.of("README.md")));
    for (String folder : List.of("docker", "conf")) {
      try (Stream<Path> paths = Files.walk(Path.of(folder))) {
        paths.filter(Files::isRegularFile).forEach(files::add);
      }
    }

    List<String> stale = new ArrayList<>();
    for (Path file : files) {
      List<String> lines = Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = MENTION.matcher(lines.get(i));
        while (m.find()) {
          String named = m.group(1);
          // "Flink 2.3" names the release line of 2.3.0: a prefix up to a dot is the same version.
          if (!(version.equals(named) || version.startsWith(named + "."))) {
            stale.add(file + ":" + (i + 1) + ": " + m.group());
          }
        }
      }
    }
    assertThat(stale).as("mentions of another Flink version than %s", version).isEmpty();
  }

  @Test
  void confHoldsTheOneConfigurationFileFlink2Reads() throws IOException {
    // Flink 2.x ignores flink-conf.yaml: settings left there would silently do nothing.
    assertThat(Path.of("conf", "flink-conf.yaml")).doesNotExist();
    JsonNode config =
        new ObjectMapper(new YAMLFactory()).readTree(Path.of("conf", "config.yaml").toFile());

    assertThat(config.isObject()).as("conf/config.yaml is a YAML mapping").isTrue();
    assertThat(config.path("parallelism.default").asInt()).isEqualTo(1);
    assertThat(config.path("env.java.opts.all").asText())
        .contains("--add-opens=java.base/java.util=ALL-UNNAMED");
  }

  @Test
  void theComposeFileMountsConfAndRunsTheImageBuiltFromTheDockerfile() throws IOException {
    // SnakeYAML, because it resolves the file's merge keys (<<: *flink) as Docker Compose does.
    Map<String, Object> compose =
        new Yaml().load(Files.readString(Path.of("docker", "compose.yaml")));
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> services =
        (Map<String, Map<String, Object>>) compose.get("services");

    assertThat(services)
        .containsOnlyKeys("jobmanager", "taskmanager-1", "taskmanager-2", "demo-api", "client");
    services.forEach(
        (name, service) -> {
          assertThat(String.valueOf(service.get("build")))
              .as("%s's build", name)
              .contains("dockerfile=docker/Dockerfile");
          assertThat(String.valueOf(service.get("image"))).as(name).doesNotStartWith("flink:");
        });
    assertThat(String.valueOf(services.get("jobmanager").get("volumes")))
        .contains("../conf/config.yaml:");
  }
}
