package dev.tributary.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code output.path} is checked before anything runs, and nothing is created to check it. */
class OutputPathTest extends JobFileTestBase {

  private String output(String path) {
    return SOURCE + "output: {path: \"" + path + "\"}\n";
  }

  @Test
  void nulCharacterIsNotAUsablePath() {
    assertThat(error(output("a\\0b")))
        .isEqualTo(
            at("output.path", "not a usable path: \"a\\u0000b\" (Nul character not allowed)"));
  }

  @Test
  void pathLongerThanPathMaxIsRefused() {
    assertThat(error(output("a/".repeat(2100))))
        .startsWith(at("output.path", "too long (4200 characters, at most 4096): \"a/a/"))
        .hasSizeLessThan(300);
  }

  @Test
  void nameLongerThanNameMaxIsRefused() {
    assertThat(error(output("out/" + "n".repeat(256))))
        .startsWith(at("output.path", "has a name longer than 255 bytes (256): \"nnn"));
  }

  @Test
  void nameMeasuresBytesNotCharacters() {
    assertThat(error(output("out/" + "é".repeat(128))))
        .startsWith(at("output.path", "has a name longer than 255 bytes (256): "));
  }

  @Test
  void deviceIsNotAFolder() {
    assertThat(error(output("/dev/null")))
        .isEqualTo(at("output.path", "\"/dev/null\" exists and is not a folder"));
  }

  @Test
  void existingFileIsNotAFolder() {
    Path file = write(dir.resolve("results"), "x");

    assertThat(error(output(file.toString())))
        .isEqualTo(at("output.path", "\"" + file + "\" exists and is not a folder (it is a file)"));
  }

  @Test
  void fileOnTheWayToTheFolderIsRefused() {
    Path file = write(dir.resolve("results"), "x");

    assertThat(error(output(file + "/today")))
        .isEqualTo(
            at("output.path", "cannot be a folder: \"" + file + "\" is not one (it is a file)"));
  }

  @Test
  void loadingCreatesNothing() throws Exception {
    Path folder = dir.resolve("new/deeper");

    JobConfig config = load(output(folder.toString()));

    assertThat(config.output().dir()).isEqualTo(folder);
    assertThat(dir.resolve("new")).doesNotExist();
  }

  @Test
  void existingFolderIsFine() throws Exception {
    Files.createDirectories(dir.resolve("results"));

    assertThat(load(output(dir.resolve("results").toString())).output().dir())
        .isEqualTo(dir.resolve("results"));
  }

  @Test
  void nameThatCannotNameTheDefaultFolderAsksForAnOutputPath() {
    assertThat(error(SOURCE + "name: \"a\\0b\"\n"))
        .isEqualTo(
            at(
                "name",
                "cannot name the output folder (give output.path): not a usable path:"
                    + " \"out/a\\u0000b\" (Nul character not allowed)"));
  }

  @Test
  void outputPathFromSetIsCheckedToo() {
    assertThat(error(SOURCE, "output.path=/dev/null"))
        .isEqualTo(at("output.path (from --set)", "\"/dev/null\" exists and is not a folder"));
  }
}
