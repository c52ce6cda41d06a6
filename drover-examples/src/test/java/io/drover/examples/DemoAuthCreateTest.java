package io.drover.examples;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.sdk.JsonParameters;
import io.drover.sdk.RunLog;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The credentials checks of {@link DemoAuthCreate}, before any page is opened. */
class DemoAuthCreateTest {
  private final RunLog log = (level, message) -> {};
  private final DemoAuthCreate create = new DemoAuthCreate();

  @Test
  void aMissingKeyIsNamedWithWhatIsExpected() {
    assertThatThrownBy(
            () -> create.create(null, new JsonParameters(Map.of("username", "demo")), log))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "auth-sessions/create: credentials key \"password\" is missing; expected the demo"
                + " shop password");
    assertThatThrownBy(() -> create.create(null, new JsonParameters(), log))
        .hasMessageContaining("credentials key \"username\" is missing");
  }

  @Test
  void aPasswordOfTheWrongTypeIsRefusedWithoutItsValue() {
    JsonParameters credentials =
        new JsonParameters(Map.of("username", "demo", "password", 123456789));

    assertThatThrownBy(() -> create.create(null, credentials, log))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "auth-sessions/create: credentials key \"password\" is not a non-empty string;"
                + " expected the demo shop password")
        .message()
        .doesNotContain("123456789");
  }
}
