package dev.tributary.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** {@code source.files}: a glob of JSON data files. */
class DataFilesSourceTest extends JobFileTestBase {

  private SourceConfig.DataFiles files(String glob) throws Exception {
    return (SourceConfig.DataFiles) load("source: {files: \"" + glob + "\"}\n").source();
  }

  @Test
  void splitsTheGlobIntoTheFolderBeforeItsFirstWildcardAndThePattern() throws Exception {
    Files.createDirectories(dir.resolve("data/2026"));

    assertThat(files("data/*.json"))
        .isEqualTo(new SourceConfig.DataFiles(dir.resolve("data").toString(), "*.json"));
    assertThat(files("data/2026/day-??.json"))
        .isEqualTo(new SourceConfig.DataFiles(dir.resolve("data/2026").toString(), "day-??.json"));
    assertThat(files("data/**.json").pattern()).isEqualTo("**.json");
  }

  @Test
  void aGlobWithoutAFolderIsTheJobFilesFolder() throws Exception {
    assertThat(files("*.json").folder()).isEqualTo(dir.toString());
  }

  @Test
  void aUriIsKeptForTheClusterToRead() throws Exception {
    assertThat(files("s3://bucket/data/*.json"))
        .isEqualTo(new SourceConfig.DataFiles("s3://bucket/data/", "*.json"));
  }

  @Test
  void aMissingFolderIsNamed() {
    assertThat(error("source: {files: \"nope/*.json\"}\n"))
        .startsWith(job() + ": source.files: no folder ")
        .contains("nope");
  }

  @Test
  void aGlobThatNamesNoFilesIsRefused() throws Exception {
    Files.createDirectories(dir.resolve("data"));

    assertThat(error("source: {files: \"data/\"}\n"))
        .isEqualTo(at("source.files", "names a folder, not files: add a pattern, e.g. *.json"));
  }

  @Test
  void aBrokenGlobIsRefused() throws Exception {
    Files.createDirectories(dir.resolve("data"));

    assertThat(error("source: {files: \"data/[a.json\"}\n"))
        .startsWith(job() + ": source.files: not a usable glob: ");
  }

  @Test
  void filesIsOneOfTheSourceKinds() {
    assertThat(error("source: {files: \"*.json\", range: {count: 1, url: u}}\n"))
        .isEqualTo(
            at(
                "source",
                "give exactly one of endpoints, file, range, files, watch (found range and files)"));
  }
}
