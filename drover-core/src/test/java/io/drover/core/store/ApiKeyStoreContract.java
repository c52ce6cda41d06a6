package io.drover.core.store;

import static io.drover.core.store.StoreFixture.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The API-key and gauge part of the Store contract. Every database runs it through {@link
 * StoreContractTest}.
 */
public interface ApiKeyStoreContract {

  Store store();

  StoreFixture at();

  private static ApiKeyRecord key(String id, String hash, String project, Instant at) {
    return new ApiKeyRecord(id, hash, project, "label of " + id, at);
  }

  @Test
  default void aSavedKeyIsFoundByItsHashWithItsScope() {
    Instant now = at().now;
    store().saveApiKey(key("k1", "aa11", null, now));
    store().saveApiKey(key("k2", "bb22", "shop", now.plusSeconds(1)));

    ApiKeyRecord admin = store().findApiKeyByHash("aa11").orElseThrow();
    ApiKeyRecord scoped = store().findApiKeyByHash("bb22").orElseThrow();

    assertThat(admin).isEqualTo(key("k1", "aa11", null, now));
    assertThat(admin.admin()).isTrue();
    assertThat(scoped.project()).isEqualTo("shop");
    assertThat(scoped.admin()).isFalse();
    assertThat(store().findApiKeyByHash("cc33")).isEmpty();
  }

  @Test
  default void keysAreListedOldestFirstAndADeletedKeyIsNoLongerFound() {
    Instant now = at().now;
    store().saveApiKey(key("later", "h2", "shop", now.plusSeconds(5)));
    store().saveApiKey(key("first", "h1", null, now));

    assertThat(store().listApiKeys())
        .extracting(ApiKeyRecord::id)
        .containsExactly("first", "later");
    assertThat(store().deleteApiKey("later")).isTrue();
    assertThat(store().deleteApiKey("later")).isFalse();
    assertThat(store().findApiKeyByHash("h2")).isEmpty();
    assertThat(store().listApiKeys()).extracting(ApiKeyRecord::id).containsExactly("first");
  }

  @Test
  default void aKeyWithTheIdOrTheHashOfAnotherIsAConflict() {
    Instant now = at().now;
    store().saveApiKey(key("k1", "same", null, now));

    assertThatThrownBy(() -> store().saveApiKey(key("k2", "same", "shop", now)))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> store().saveApiKey(key("k1", "other", "shop", now)))
        .isInstanceOf(ConflictException.class);
    assertThat(store().listApiKeys()).hasSize(1);
  }

  @Test
  default void pendingRunsAreCountedPerProject() {
    StoreFixture at = at();
    assertThat(store().pendingRunsByProject()).isEmpty();
    at.saveJob("three", 3);
    JobRunRecord jobRun = at.startJobRun("three");
    store().createStandaloneRun(at.nextId(), "other", new NewRun("echo", "{}", 1, 60), at.now);

    assertThat(store().pendingRunsByProject()).isEqualTo(Map.of(PROJECT, 3L, "other", 1L));

    at.claim(jobRun.id(), 1);

    assertThat(store().pendingRunsByProject()).isEqualTo(Map.of(PROJECT, 2L, "other", 1L));
  }
}
