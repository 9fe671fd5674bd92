package dev.tributary.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The date and the machine the numbers were measured on, for the heading of every table.
 *
 * @param date e.g. 2026-11-25 14:40 UTC
 * @param cores processors available to the JVM ({@code nproc})
 * @param cpuModel {@code model name} from /proc/cpuinfo
 * @param memoryMb MemTotal from /proc/meminfo
 * @param java first line of {@code java -version} and the VM
 * @param os PRETTY_NAME of /etc/os-release and the kernel
 */
record Machine(String date, int cores, String cpuModel, long memoryMb, String java, String os) {

  static Machine describeThis() {
    return new Machine(
        ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")),
        Runtime.getRuntime().availableProcessors(),
        firstValue(Path.of("/proc/cpuinfo"), "model name", "unknown CPU"),
        totalMemoryMb(),
        javaVersion(),
        firstValue(Path.of("/etc/os-release"), "PRETTY_NAME", System.getProperty("os.name"))
                .replace("\"", "")
            + ", kernel "
            + System.getProperty("os.version"));
  }

  /** The Markdown lines under a table's title. */
  String heading() {
    return String.format(
        "Measured %s on %d cores (%s), %,d MB memory; %s; %s.",
        date, cores, cpuModel, memoryMb, java, os);
  }

  ObjectNode toJson(ObjectMapper json) {
    ObjectNode node = json.createObjectNode();
    node.put("date", date);
    node.put("cores", cores);
    node.put("cpu_model", cpuModel);
    node.put("memory_mb", memoryMb);
    node.put("java", java);
    node.put("os", os);
    return node;
  }

  private static String firstValue(Path file, String key, String absent) {
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        int sep = line.indexOf(key.equals("PRETTY_NAME") ? '=' : ':');
        if (line.startsWith(key) && sep > 0) return line.substring(sep + 1).trim();
      }
    } catch (IOException e) {
      // Not Linux, or not readable: say so.
    }
    return absent;
  }

  private static long totalMemoryMb() {
    try {
      OptionalLong kb = ProcStat.statusKb(Files.readString(Path.of("/proc/meminfo")), "MemTotal");
      return kb.orElse(0) / 1024;
    } catch (IOException e) {
      return 0;
    }
  }

  /** {@code openjdk version "17.0.15" 2025-04-15, OpenJDK 64-Bit Server VM ...}. */
  private static String javaVersion() {
    try {
      Process p =
          new ProcessBuilder(Project.javaBin(), "-version").redirectErrorStream(true).start();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("java -version did not answer");
      }
      List<String> lines =
          new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
              .strip()
              .lines()
              .toList();
      return lines.isEmpty()
          ? "java"
          : lines.get(0) + (lines.size() > 2 ? " (" + lines.get(2) + ")" : "");
    } catch (IOException e) {
      return "java " + System.getProperty("java.version");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "java " + System.getProperty("java.version");
    }
  }
}
