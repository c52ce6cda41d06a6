package io.drover.core.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTextTest {

  @ParameterizedTest
  @CsvSource({
    "30s, 30", "5m, 300", "1h30m, 5400", "2d, 172800", "1w, 604800", "1w1d1h1m1s, 694861",
    "PT30M, 1800", "P1D, 86400", "P2W, 1209600", "P1DT2H, 93600", "PT0S, 0", "0s, 0"
  })
  void readsShortAndIsoForms(String text, long seconds) {
    assertThat(DurationText.parse(text)).isEqualTo(Duration.ofSeconds(seconds));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "5", "m", "5 m", "5M", "-5m", "1.5h", "30m1h", "P", "PT", "P1DT", "pt5m", "PT0.5S",
        "P-1D", "3651d"
      })
  void rejectsAnythingElse(String text) {
    assertThat(DurationText.parse(text)).isNull();
  }

  @ParameterizedTest
  @CsvSource({"0, 0s", "59, 59s", "5400, 1h30m", "86400, 1d", "694861, 1w1d1h1m1s"})
  void writesTheShortFormWithLargestUnitsFirst(long seconds, String text) {
    assertThat(DurationText.format(Duration.ofSeconds(seconds))).isEqualTo(text);
    assertThat(DurationText.parse(text)).isEqualTo(Duration.ofSeconds(seconds));
  }
}
