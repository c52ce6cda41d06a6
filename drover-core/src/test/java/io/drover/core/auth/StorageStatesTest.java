package io.drover.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.core.job.InvalidDocumentException;
import io.drover.core.job.Problem;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StorageStatesTest {
  private static final String COOKIE =
      "{\"name\":\"session\",\"value\":\"v-123\",\"domain\":\"shop.test\",\"path\":\"/\","
          + "\"expires\":-1,\"httpOnly\":true,\"secure\":false,\"sameSite\":\"Lax\"}";

  private static List<String> paths(String json) {
    try {
      StorageStates.validate(json);
    } catch (InvalidDocumentException e) {
      return e.problems().stream().map(Problem::path).toList();
    }
    return List.of();
  }

  @Test
  void aStateAsPlaywrightWritesItIsKeptAndItsValuesAreItsSecrets() {
    String state =
        "{\"cookies\":["
            + COOKIE
            + "],\"origins\":[{\"origin\":\"https://shop.test\",\"localStorage\":"
            + "[{\"name\":\"token\",\"value\":\"ls-456\"}]}]}";
    assertThat(StorageStates.validate(state)).contains("v-123");
    assertThat(StorageStates.secretValues(state)).containsExactly("v-123", "ls-456");
  }

  @Test
  void everyProblemIsNamedByItsPathAndNoValueIsShown() {
    assertThat(paths("[1]")).containsExactly("$");
    assertThat(paths("not json")).containsExactly("$");
    assertThat(paths("{}")).containsExactly("$");
    assertThat(paths("{\"cookies\":[],\"extra\":1}")).contains("$.extra");
    assertThat(paths("{\"cookies\":{}}")).containsExactly("$.cookies", "$");
    assertThat(paths("{\"cookies\":[{\"name\":\"a\",\"value\":\"secret-v\"}]}"))
        .containsExactly("$.cookies[0].domain");
    assertThat(
            paths(
                "{\"cookies\":[{\"name\":\"a\",\"value\":\"x\",\"domain\":\"d\",\"sameSite\":\"Loose\","
                    + "\"expires\":\"soon\",\"secure\":1}]}"))
        .containsExactlyInAnyOrder(
            "$.cookies[0].expires", "$.cookies[0].secure", "$.cookies[0].sameSite");
    assertThat(paths("{\"origins\":[{\"origin\":\"o\",\"localStorage\":[{\"name\":\"k\"}]}]}"))
        .containsExactly("$.origins[0].localStorage[0].value");
    assertThatThrownBy(
            () -> StorageStates.validate("{\"cookies\":[{\"name\":\"a\",\"value\":\"secret-v\"}]}"))
        .hasMessageNotContaining("secret-v");
  }

  @Test
  void theScrubberBlanksTextAndOverwritesBytesKeepingTheirLength() {
    Scrubber scrubber = new Scrubber(List.of("ab", "secret", "secret-longer"));
    assertThat(scrubber.scrub("x secret-longer y secret z ab"))
        .isEqualTo("x ******** y ******** z ab");
    byte[] bytes = "[secret]secret".getBytes(StandardCharsets.UTF_8);
    byte[] scrubbed = scrubber.scrub(bytes);
    assertThat(new String(scrubbed, StandardCharsets.UTF_8)).isEqualTo("[******]******");
    assertThat(new String(bytes, StandardCharsets.UTF_8))
        .as("the input is left as it was")
        .isEqualTo("[secret]secret");
  }
}
