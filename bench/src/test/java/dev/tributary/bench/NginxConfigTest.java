package dev.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.demo.DemoData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NginxConfigTest {
  private static final Path TEMPLATE =
      Project.ofRunningCode().benchScripts().resolve("nginx.conf.template");

  @Test
  void theTemplateBecomesALoopbackServerOfTheStaticBody() throws Exception {
    String config =
        NginxServer.config(
            Files.readString(TEMPLATE, StandardCharsets.UTF_8), Path.of("/tmp/x"), 18089, 2);

    assertThat(config)
        .doesNotContain("@")
        .contains("listen 127.0.0.1:18089")
        .contains("worker_processes 2;")
        .contains("pid /tmp/x/nginx.pid;")
        .contains("access_log off;")
        .contains("keepalive_requests 1000000;")
        .contains(
            "return 200 '" + new String(DemoData.staticBody(), StandardCharsets.UTF_8) + "';");
  }
}
