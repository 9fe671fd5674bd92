package dev.tributary.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The article's Python pipeline ({@code bench/aiohttp_pipeline.py}), run only when some python3 on
 * the machine imports aiohttp.
 */
final class AiohttpPipeline {
  /** The article's semaphore. */
  static final int CONCURRENCY = 200;

  static final String HOW_TO_GET =
      "no python3 with aiohttp found (tried python3 and /usr/bin/python3): "
          + "`apt-get install python3-aiohttp` (Debian/Ubuntu) or `pip install aiohttp` adds the"
          + " aiohttp row";

  private static final List<String> CANDIDATES = List.of("python3", "/usr/bin/python3");

  private AiohttpPipeline() {}

  /**
   * The interpreter's real path ({@code sys.executable}, so a pyenv shim does not stand between the
   * sampler and the process), when it imports aiohttp.
   */
  static Optional<String> findPython() {
    for (String candidate : CANDIDATES) {
      try {
        Process p =
            new ProcessBuilder(candidate, "-c", "import sys, aiohttp; print(sys.executable)")
                .redirectErrorStream(true)
                .start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          continue;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.exitValue() == 0 && !out.isEmpty())
          return Optional.of(out.lines().reduce((a, b) -> b).get());
      } catch (IOException e) {
        // Not installed under that name.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  static List<String> command(
      String python, Project project, String urlPrefix, int count, Path result) {
    return List.of(
        python,
        project.benchScripts().resolve("aiohttp_pipeline.py").toString(),
        urlPrefix,
        Integer.toString(count),
        Integer.toString(CONCURRENCY),
        result.toAbsolutePath().toString());
  }

  static boolean scriptExists(Project project) {
    return Files.isRegularFile(project.benchScripts().resolve("aiohttp_pipeline.py"));
  }
}
