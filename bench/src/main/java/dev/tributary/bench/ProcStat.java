package dev.tributary.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The few fields of {@code /proc/<pid>/stat} and {@code /proc/<pid>/status} the benchmark reads:
 * CPU time, parent, resident memory.
 *
 * @param pid the process id
 * @param command the command name (between the parentheses; it may itself hold spaces and
 *     parentheses)
 * @param parentPid field 4
 * @param userTicks field 14, utime, in clock ticks
 * @param systemTicks field 15, stime, in clock ticks
 */
public record ProcStat(int pid, String command, int parentPid, long userTicks, long systemTicks) {

  /** Ticks per second of {@code utime}/{@code stime}; 100 on every Linux this runs on. */
  public static final int CLOCK_TICKS_PER_SECOND = 100;

  /** utime + stime in clock ticks. */
  public long cpuTicks() {
    return userTicks + systemTicks;
  }

  /**
   * Parses one {@code /proc/<pid>/stat} line. The command name is cut at the <em>last</em> {@code
   * ')'}, since a name like {@code (sd-pam)} or {@code a ) b} holds parentheses and spaces; the
   * fields after it are numbered from 3 (state).
   */
  public static ProcStat parse(String line) {
    int open = line.indexOf('(');
    int close = line.lastIndexOf(')');
    if (open < 0 || close < open) throw new IllegalArgumentException("not a stat line: " + line);
    int pid = Integer.parseInt(line.substring(0, open).trim());
    String command = line.substring(open + 1, close);
    // rest[0] is field 3 (state), so field k is rest[k - 3].
    String[] rest = line.substring(close + 1).trim().split(" +");
    if (rest.length < 13) throw new IllegalArgumentException("short stat line: " + line);
    return new ProcStat(
        pid,
        command,
        Integer.parseInt(rest[4 - 3]),
        Long.parseLong(rest[14 - 3]),
        Long.parseLong(rest[15 - 3]));
  }

  /** The process's stat now, or null when it has gone. */
  public static ProcStat read(long pid) {
    try {
      return parse(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    } catch (NoSuchFileException gone) {
      return null;
    } catch (IOException | RuntimeException e) {
      // A process exiting between open and read gives ESRCH or an empty line: the same as gone.
      return null;
    }
  }

  /**
   * A {@code kB} field of {@code /proc/<pid>/status}, e.g. {@code VmRSS} or {@code VmHWM} (peak
   * RSS), parsed from the file's text.
   */
  public static OptionalLong statusKb(String statusText, String field) {
    for (String line : statusText.split("\n")) {
      if (line.startsWith(field + ":")) {
        String value = line.substring(field.length() + 1).trim();
        int space = value.indexOf(' ');
        return OptionalLong.of(Long.parseLong(space < 0 ? value : value.substring(0, space)));
      }
    }
    return OptionalLong.empty();
  }

  /** The process's {@code /proc/<pid>/status} text, or null when it has gone. */
  public static String readStatus(long pid) {
    try {
      return Files.readString(
          Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * The process's whole command line, arguments separated by spaces, or "" when it has gone. From
   * {@code /proc/<pid>/cmdline}: {@code ProcessHandle.Info} cuts it at 4 KB, and Tributary's class
   * path alone is longer.
   */
  public static String readCommandLine(long pid) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
      return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip();
    } catch (IOException e) {
      return "";
    }
  }
}
