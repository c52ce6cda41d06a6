package io.drover.core.store;

import static io.drover.core.store.StoreFixture.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.core.auth.AuthSession;
import io.drover.core.auth.AuthSessionType;
import io.drover.core.state.AuthSessionStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The AuthSession part of the Store contract. Every database runs it through {@link
 * StoreContractTest}.
 */
public interface AuthSessionStoreContract {

  Store store();

  StoreFixture at();

  private static AuthSessionRecord pending(String project, String id, Instant at) {
    return new AuthSessionRecord(
        new AuthSession(
            project,
            id,
            AuthSessionType.CREDENTIALS,
            AuthSessionStatus.PENDING,
            at,
            null,
            null,
            null),
        "sealed-credentials-of-" + id,
        null,
        0,
        null);
  }

  private static AuthSessionRecord ready(AuthSessionRecord was, Instant at, long generation) {
    AuthSession s = was.session();
    return new AuthSessionRecord(
        new AuthSession(
            s.project(),
            s.id(),
            AuthSessionType.RECORDER,
            AuthSessionStatus.READY,
            s.createdAt().minusSeconds(1),
            at,
            at,
            "an old error"),
        "other-credentials",
        "sealed-state-" + generation,
        generation,
        "[\"logged in\"]");
  }

  @Test
  default void aSavedSessionIsFoundWithEveryFieldIncludingNulls() {
    Instant now = at().now;
    AuthSessionRecord bare = pending(PROJECT, "bare", now);
    AuthSessionRecord full = ready(pending(PROJECT, "full", now), now.plusSeconds(7), 3);
    store().saveAuthSession(bare);
    store().saveAuthSession(full);

    assertThat(store().findAuthSession(PROJECT, "bare")).contains(bare);
    assertThat(store().findAuthSession(PROJECT, "full")).contains(full);
    assertThat(store().findAuthSession(PROJECT, "none")).isEmpty();
  }

  @Test
  default void aSecondSessionWithTheSameIdIsAConflictNamingIt() {
    Instant now = at().now;
    store().saveAuthSession(pending(PROJECT, "shop-login", now));

    assertThatThrownBy(() -> store().saveAuthSession(pending(PROJECT, "shop-login", now)))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("shop-login")
        .hasMessageContaining(PROJECT);
  }

  @Test
  default void sessionsAreListedPerProjectByIdAsViewsWithoutSecrets() {
    Instant now = at().now;
    AuthSessionRecord b = pending(PROJECT, "b", now);
    AuthSessionRecord a = ready(pending(PROJECT, "a", now), now, 1);
    store().saveAuthSession(b);
    store().saveAuthSession(a);
    store().saveAuthSession(pending("other", "c", now));

    assertThat(store().listAuthSessions(PROJECT)).containsExactly(a.session(), b.session());
    assertThat(store().listAuthSessions("other")).extracting(AuthSession::id).containsExactly("c");
    assertThat(store().listAuthSessions("nobody")).isEmpty();
  }

  @Test
  default void anUpdateAtTheExpectedGenerationReplacesEveryField() {
    Instant now = at().now;
    AuthSessionRecord was = pending(PROJECT, "s", now);
    store().saveAuthSession(was);
    AuthSessionRecord next = ready(was, now.plusSeconds(30), 1);

    assertThat(store().updateAuthSession(next, 0)).isTrue();

    assertThat(store().findAuthSession(PROJECT, "s")).contains(next);
  }

  @Test
  default void anUpdateAtAStaleGenerationChangesNothing() {
    Instant now = at().now;
    AuthSessionRecord was = ready(pending(PROJECT, "s", now), now, 2);
    store().saveAuthSession(was);

    assertThat(store().updateAuthSession(ready(was, now.plusSeconds(30), 3), 1)).isFalse();

    assertThat(store().findAuthSession(PROJECT, "s")).contains(was);
  }

  @Test
  default void aMissingSessionIsNeitherUpdatedNorDeleted() {
    AuthSessionRecord ghost = pending(PROJECT, "ghost", at().now);

    assertThat(store().updateAuthSession(ghost, 0)).isFalse();
    assertThat(store().deleteAuthSession(PROJECT, "ghost")).isFalse();
    assertThat(store().findAuthSession(PROJECT, "ghost")).isEmpty();
  }

  @Test
  default void aDeletedSessionIsGone() {
    store().saveAuthSession(pending(PROJECT, "s", at().now));

    assertThat(store().deleteAuthSession(PROJECT, "s")).isTrue();

    assertThat(store().findAuthSession(PROJECT, "s")).isEmpty();
    assertThat(store().listAuthSessions(PROJECT)).isEmpty();
  }

  @Test
  default void sessionsOfTwoProjectsWithTheSameIdAreSeparate() {
    Instant now = at().now;
    AuthSessionRecord mine = pending(PROJECT, "login", now);
    AuthSessionRecord theirs = pending("other", "login", now.plusSeconds(1));
    store().saveAuthSession(mine);
    store().saveAuthSession(theirs);
    AuthSessionRecord next = ready(mine, now.plusSeconds(2), 1);

    assertThat(store().updateAuthSession(next, 0)).isTrue();
    assertThat(store().findAuthSession("other", "login")).contains(theirs);
    assertThat(store().deleteAuthSession("other", "login")).isTrue();

    assertThat(store().findAuthSession(PROJECT, "login")).contains(next);
    assertThat(store().findAuthSession("other", "login")).isEmpty();
  }

  @Test
  default void aStandaloneRunKeepsTheAuthSessionItWasStartedWith() {
    String json = "{\"id\":\"shop\",\"checkAttempts\":2,\"createAttempts\":1}";
    String with = at().nextId();
    String without = at().nextId();
    store()
        .createStandaloneRun(with, PROJECT, new NewRun("list", "{}", 1, 60), null, json, at().now);
    store().createStandaloneRun(without, PROJECT, new NewRun("list", "{}", 1, 60), at().now);

    assertThat(store().standaloneAuthSession(with)).contains(json);
    assertThat(store().standaloneAuthSession(without)).isEmpty();
    assertThat(store().standaloneAuthSession("no-such-run")).isEmpty();
  }
}
