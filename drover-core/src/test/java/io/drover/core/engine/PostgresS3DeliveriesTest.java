package io.drover.core.engine;

import io.drover.core.store.Store;
import io.drover.core.store.postgres.TestPostgres;

/** S3 deliveries with the store on PostgreSQL (a fresh database per test). */
class PostgresS3DeliveriesTest extends S3DeliveriesTest {
  @Override
  Store openStore() {
    return TestPostgres.freshStore();
  }
}
