package io.drover.core.store.sqlite;

import io.drover.core.store.Store;
import io.drover.core.store.StoreContractTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest extends StoreContractTest {
  @TempDir Path dataDir;

  @Override
  protected Store openStore() {
    return SqliteStore.open(dataDir);
  }
}
