package dev.tributary.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.config.JobConfig;
import dev.tributary.config.JobFiles;
import dev.tributary.config.SourceConfig;
import dev.tributary.demo.DemoApiOptions;
import dev.tributary.demo.DemoSection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The Docker cluster runs jobs/demo.yaml's job: docker/demo.yaml differs only in where the demo API
 * is and where the outputs go, and the demo-api service answers as jobs/demo.yaml's demo section.
 */
class DockerDemoJobTest {
  @TempDir Path dir;

  @Test
  void dockerDemoJobIsTheDemoJobAgainstTheDemoApiService() throws Exception {
    JobConfig local = load(Path.of("jobs", "demo.yaml"));
    JobConfig docker = load(Path.of("docker", "demo.yaml"));

    assertThat(docker.name()).isEqualTo(local.name());
    assertThat(docker.http()).isEqualTo(local.http());
    assertThat(docker.response()).isEqualTo(local.response());
    assertThat(docker.transform()).isEqualTo(local.transform());
    SourceConfig.Range localRange = (SourceConfig.Range) local.source();
    SourceConfig.Range dockerRange = (SourceConfig.Range) docker.source();
    assertThat(dockerRange.count()).isEqualTo(localRange.count());
    assertThat(dockerRange.nameTemplate()).isEqualTo(localRange.nameTemplate());
    assertThat(dockerRange.urlTemplate()).startsWith("http://demo-api:8090/");
    assertThat(docker.demoSection()).as("the demo API is a service of its own").isEmpty();
    assertThat(Files.readString(Path.of("docker", "demo.yaml")))
        .contains("path: /opt/flink/output/");
  }

  @Test
  void demoApiServiceAnswersAsTheDemoJobsDemoSection() throws Exception {
    Map<String, Object> compose =
        new Yaml().load(Files.readString(Path.of("docker", "compose.yaml")));
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> services =
        (Map<String, Map<String, Object>>) compose.get("services");
    @SuppressWarnings("unchecked")
    List<String> entrypoint = (List<String>) services.get("demo-api").get("entrypoint");
    String script = entrypoint.get(entrypoint.size() - 1);
    List<String> flags =
        Arrays.asList(script.substring(script.indexOf(" demo-api ") + 10).strip().split("\\s+"));

    DemoApiOptions service = DemoApiOptions.fromArgs(flags);

    assertThat(service).isEqualTo(DemoSection.of(load(Path.of("jobs", "demo.yaml"))).orElseThrow());
  }

  private JobConfig load(Path jobFile) throws Exception {
    return JobFiles.load(jobFile, List.of("output.path=" + dir.resolve("out")));
  }
}
