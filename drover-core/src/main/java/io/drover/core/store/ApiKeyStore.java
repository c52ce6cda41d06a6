package io.drover.core.store;

import java.util.List;
import java.util.Optional;

/** The API keys a server accepts, found by the hash of the key a request presents. */
public interface ApiKeyStore {

  /** Saves a new key; a key with the same id or hash is a ConflictException. */
  void saveApiKey(ApiKeyRecord key);

  Optional<ApiKeyRecord> findApiKeyByHash(String keyHash);

  /** Every key, oldest first. */
  List<ApiKeyRecord> listApiKeys();

  /** Returns false if there was no key with this id. */
  boolean deleteApiKey(String id);
}
