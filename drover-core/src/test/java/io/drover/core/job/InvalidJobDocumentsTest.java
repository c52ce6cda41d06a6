package io.drover.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.drover.core.job.TestDocuments.InvalidCase;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each line of invalid-jobs.jsonl is rejected with its problem at the given path. */
class InvalidJobDocumentsTest {

  static Stream<InvalidCase> cases() {
    return TestDocuments.invalidCases().stream();
  }

  @Test
  void tableHasAtLeastFiftyCases() {
    assertThat(TestDocuments.invalidCases()).hasSizeGreaterThanOrEqualTo(50);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isRejectedWithItsProblemAtTheExpectedPath(InvalidCase invalid) {
    List<PayloadItemConfig> delivered = new ArrayList<>();

    Throwable thrown =
        catchThrowable(
            () ->
                TestDocuments.parser().parse(invalid.document(), (i, item) -> delivered.add(item)));

    assertThat(thrown).isInstanceOf(InvalidDocumentException.class);
    List<Problem> problems = ((InvalidDocumentException) thrown).problems();
    assertThat(problems.get(0).path()).as(thrown.getMessage()).isEqualTo(invalid.path());
    // Each case has one mistake, so one problem; while Cron.parse is a stub, a cron
    // expression is a second one.
    assertThat(problems)
        .filteredOn(problem -> !problem.expected().contains("not supported yet"))
        .as(thrown.getMessage())
        .hasSize(1);
    assertThat(problems.get(0).expected()).isNotBlank();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void neverEchoesASecret(InvalidCase invalid) {
    Throwable thrown =
        catchThrowable(() -> TestDocuments.parser().parse(invalid.document(), (i, item) -> {}));

    // Every secret value in the table contains this marker.
    assertThat(thrown.getMessage()).doesNotContain("S3CR3T");
  }
}
