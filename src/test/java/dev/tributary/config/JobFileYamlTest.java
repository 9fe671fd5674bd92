package dev.tributary.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** What YAML allows but a job file does not, and how the file as a whole can fail to be YAML. */
class JobFileYamlTest extends JobFileTestBase {

  @Test
  void aliasIsRefusedNamingTheKeyAndTheLine() {
    assertThat(
            error(
                """
                name: &host demo
                source:
                  endpoints:
                    - {name: a, url: *host}
                """))
        .isEqualTo(
            at(
                "source.endpoints[0].url",
                "*host at line 4 is a YAML alias, which a job file cannot use:"
                    + " write the value out"));
  }

  @Test
  void aliasOfAWholeSectionIsRefused() {
    assertThat(error(SOURCE + "name: &h x\nhttp: *h\n"))
        .isEqualTo(
            at(
                "http",
                "*h at line 5 is a YAML alias, which a job file cannot use: write the value out"));
  }

  @Test
  void anchorThatNoAliasUsesIsHarmless() throws Exception {
    assertThat(load(SOURCE + "name: &n demo\n").name()).isEqualTo("demo");
  }

  @Test
  void mergeKeyIsRefused() {
    assertThat(error(SOURCE + "http:\n  <<: {concurrency: 5}\n"))
        .isEqualTo(
            at(
                "http.<<",
                "<< at line 5 is a YAML merge key, which a job file cannot use: write the keys out"));
  }

  @Test
  void secondDocumentIsAnError() {
    assertThat(error(SOURCE + "---\nname: b\n"))
        .isEqualTo(
            job() + ": a second YAML document starts at line 5 (a job file is one document)");
  }

  @Test
  void emptySecondDocumentIsAnErrorToo() {
    assertThat(error(SOURCE + "---\n")).startsWith(job() + ": a second YAML document starts at");
  }

  @Test
  void documentMarkersAroundTheOneDocumentAreFine() throws Exception {
    assertThat(load("---\n" + SOURCE + "...\n").source()).isInstanceOf(SourceConfig.Inline.class);
  }

  @Test
  void textThatIsNotUtf8IsRefused() throws Exception {
    Files.write(job(), new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xff, '\n'});

    assertThat(errorLoading(job()))
        .isEqualTo(job() + ": cannot read the job file (not UTF-8 text)");
  }

  @Test
  void deepNestingIsRefused() {
    assertThat(error(SOURCE + "name: " + "[".repeat(100) + "]".repeat(100) + "\n"))
        .isEqualTo(job() + ": nested more than 64 levels deep at line 4");
  }

  @Test
  void longUnknownKeyIsCutInTheMessage() {
    String key = "k".repeat(40_000); // written as an explicit key: a plain one ends at 1024

    assertThat(error(SOURCE + "? " + key + "\n: 1\n"))
        .isEqualTo(
            at(
                "k".repeat(60) + "...",
                "unknown key (known keys here: name, source, http,"
                    + " response, transform, output, checkpoint, demo)"));
  }

  @Test
  void hugeKeyIsNotEchoed() {
    String message = error(SOURCE + "? " + "k".repeat(100_000) + "\n: 1\n");

    assertThat(message)
        .startsWith(job() + ": ")
        .doesNotContain("k".repeat(61))
        .hasSizeLessThan(300);
  }
}
