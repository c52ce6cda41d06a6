package io.drover.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EngineSettingsTest {

  @Test
  void retryBackoffDoublesAndIsCapped() {
    EngineSettings settings =
        EngineSettings.defaults().withRetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(5));
    assertThat(settings.backoffAfter(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(settings.backoffAfter(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(settings.backoffAfter(3)).isEqualTo(Duration.ofSeconds(4));
    assertThat(settings.backoffAfter(4)).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.backoffAfter(60)).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void aBadSettingIsRejectedNamingItsValueAndTheExpectedRange() {
    assertThatThrownBy(() -> EngineSettings.defaults().withSlots(0))
        .hasMessage("engine setting slots = 0: expected 1 to 10000");
  }
}
