package io.drover.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.core.state.AuthSessionStatus;
import io.drover.core.state.Transitions;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuthSessionTest {
  private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

  private static AuthSession pending(AuthSessionType type) {
    return new AuthSession(
        "demo", "shop-login", type, AuthSessionStatus.PENDING, T, null, null, null);
  }

  @Test
  void aLoginEndsReadyOrFailedAndChecksMoveBetweenReadyAndExpired() {
    AuthSession ready = pending(AuthSessionType.CREDENTIALS).becomes(AuthSessionStatus.READY, null);
    AuthSession expired = ready.becomes(AuthSessionStatus.EXPIRED, "check said false");
    assertThat(expired.status()).isEqualTo(AuthSessionStatus.EXPIRED);
    assertThat(expired.lastError()).isEqualTo("check said false");
    assertThat(expired.becomes(AuthSessionStatus.READY, null).lastError()).isNull();
    assertThat(expired.becomes(AuthSessionStatus.PENDING, null).status())
        .isEqualTo(AuthSessionStatus.PENDING);
  }

  @Test
  void aFailedLoginCanOnlyBeTriedAgainAndAPendingOneIsNeverExpired() {
    AuthSession failed =
        pending(AuthSessionType.CREDENTIALS).becomes(AuthSessionStatus.FAILED, "wrong password");
    assertThatThrownBy(() -> failed.becomes(AuthSessionStatus.READY, null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("AuthSession 'shop-login' cannot go from FAILED to READY");
    assertThat(Transitions.allowedFrom(AuthSessionStatus.FAILED))
        .containsExactly(AuthSessionStatus.PENDING);
    assertThat(AuthSessionStatus.PENDING.canBecome(AuthSessionStatus.EXPIRED)).isFalse();
    assertThat(Transitions.sourcesOf(AuthSessionStatus.READY))
        .containsExactlyInAnyOrder(AuthSessionStatus.PENDING, AuthSessionStatus.EXPIRED);
    for (AuthSessionStatus status : AuthSessionStatus.values()) {
      assertThat(Transitions.isFinal(status)).as(status.name()).isFalse();
    }
  }

  @Test
  void onlyACredentialsSessionCanBeRecreated() {
    assertThat(AuthSessionType.CREDENTIALS.canBeRecreated()).isTrue();
    assertThat(AuthSessionType.RECORDER.canBeRecreated()).isFalse();
  }
}
