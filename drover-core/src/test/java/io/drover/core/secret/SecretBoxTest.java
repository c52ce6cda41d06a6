package io.drover.core.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {
  @TempDir Path dataDir;

  @Test
  void aSealedSecretOpensWithTheSameKeyAndContextAndHoldsNoPlaintext() {
    SecretBox box = SecretBox.open(dataDir, Map.of());
    String sealed = box.seal("hunter2-password", "sink:job-1");
    assertThat(sealed).startsWith("v1:").doesNotContain("hunter2");
    assertThat(new String(Base64.getDecoder().decode(sealed.substring(3)), StandardCharsets.UTF_8))
        .doesNotContain("hunter2");
    assertThat(box.openText(sealed, "sink:job-1")).isEqualTo("hunter2-password");
    assertThat(box.seal("hunter2-password", "sink:job-1")).isNotEqualTo(sealed); // fresh nonce
  }

  @Test
  void aSecretSealedForOneContextDoesNotOpenInAnother() {
    SecretBox box = SecretBox.open(dataDir, Map.of());
    String sealed = box.seal("token", "sink:a");
    assertThatThrownBy(() -> box.open(sealed, "sink:b"))
        .isInstanceOf(SecretBox.SecretException.class)
        .hasMessageNotContaining("token");
  }

  @Test
  void theKeyFileIsCreatedOnceWithMode0600AndReusedOnTheNextStart() throws Exception {
    SecretBox first = SecretBox.open(dataDir, Map.of());
    Path file = dataDir.resolve(SecretBox.KEY_FILE);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    String sealed = first.seal("x", "c");
    assertThat(SecretBox.open(dataDir, Map.of()).openText(sealed, "c")).isEqualTo("x");
  }

  @Test
  void theEnvironmentKeyWinsOverTheFileAndABadOneIsAClearError() {
    String key = Base64.getEncoder().encodeToString(new byte[32]);
    SecretBox fromEnv = SecretBox.open(dataDir, Map.of(SecretBox.KEY_VARIABLE, key));
    assertThat(Files.exists(dataDir.resolve(SecretBox.KEY_FILE))).isFalse();
    String sealed = fromEnv.seal("x", "c");
    assertThatThrownBy(() -> SecretBox.open(dataDir, Map.of()).open(sealed, "c"))
        .hasMessageContaining("does not open with this server's key");
    assertThatThrownBy(() -> SecretBox.open(dataDir, Map.of(SecretBox.KEY_VARIABLE, "c2hvcnQ=")))
        .hasMessageContaining(SecretBox.KEY_VARIABLE)
        .hasMessageContaining("5 bytes; expected 32");
  }

  @Test
  void anAlteredSecretIsRejected() {
    SecretBox box = SecretBox.open(dataDir, Map.of());
    String sealed = box.seal("value", "c");
    char[] chars = sealed.toCharArray();
    chars[10] = chars[10] == 'A' ? 'B' : 'A';
    assertThatThrownBy(() -> box.open(new String(chars), "c"))
        .isInstanceOf(SecretBox.SecretException.class);
  }
}
