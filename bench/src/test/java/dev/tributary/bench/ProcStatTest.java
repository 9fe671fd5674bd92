package dev.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcStatTest {
  // A real line of /proc/<pid>/stat (a JVM), fields 1-24 and a few more.
  private static final String JAVA_LINE =
      "5606 (java) S 5603 5606 1095 0 -1 4194560 120522 0 12 0 1234 567 0 0 20 0 41 0 285743"
          + " 4062523392 98304 18446744073709551615 1 1 0 0 0 0 0 4096 16796879 0 0 0 17 1 0 0 0 0 0";

  @Test
  void readsUserAndSystemTicksAndTheParent() {
    ProcStat stat = ProcStat.parse(JAVA_LINE);

    assertThat(stat.pid()).isEqualTo(5606);
    assertThat(stat.command()).isEqualTo("java");
    assertThat(stat.parentPid()).isEqualTo(5603);
    assertThat(stat.userTicks()).isEqualTo(1234);
    assertThat(stat.systemTicks()).isEqualTo(567);
    assertThat(stat.cpuTicks()).isEqualTo(1801);
  }

  @Test
  void aCommandNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
    String line = JAVA_LINE.replace("(java)", "(nginx: worker (1) ) x)");

    ProcStat stat = ProcStat.parse(line);

    assertThat(stat.command()).isEqualTo("nginx: worker (1) ) x");
    assertThat(stat.parentPid()).isEqualTo(5603);
    assertThat(stat.userTicks()).isEqualTo(1234);
    assertThat(stat.systemTicks()).isEqualTo(567);
  }

  @Test
  void aLineWithoutACommandIsRefused() {
    assertThatThrownBy(() -> ProcStat.parse("12 S 1 2 3"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readsResidentMemoryFromTheStatusFile() {
    String status =
        "Name:\tjava\nVmPeak:\t 4062524 kB\nVmHWM:\t  412000 kB\nVmRSS:\t  398304 kB\nThreads:\t41\n";

    assertThat(ProcStat.statusKb(status, "VmRSS")).hasValue(398304);
    assertThat(ProcStat.statusKb(status, "VmHWM")).hasValue(412000);
    assertThat(ProcStat.statusKb(status, "VmSwap")).isEmpty();
  }

  @Test
  void readsThisJvmsOwnStat() {
    ProcStat self = ProcStat.read(ProcessHandle.current().pid());

    assertThat(self).isNotNull();
    assertThat(self.pid()).isEqualTo(ProcessHandle.current().pid());
    assertThat(self.cpuTicks()).isPositive();
  }

  @Test
  void aProcessThatIsGoneReadsAsNull() {
    assertThat(ProcStat.read(Integer.MAX_VALUE)).isNull();
  }

  @Test
  void readsAWholeCommandLineAndNothingForAProcessThatIsGone() throws Exception {
    String own = ProcStat.readCommandLine(ProcessHandle.current().pid());
    assertThat(own).startsWith(ProcessHandle.current().info().command().orElseThrow());
    assertThat(own).contains(ProcessHandle.current().info().arguments().orElseThrow());

    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    assertThat(ProcStat.readCommandLine(gone.pid())).isEmpty();
  }
}
