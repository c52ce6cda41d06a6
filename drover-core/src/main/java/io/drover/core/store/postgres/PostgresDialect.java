package io.drover.core.store.postgres;

import io.drover.core.store.sql.SqlDialect;

/**
 * PostgreSQL's share of the SQL: several nodes claim at once, so each skips the Runs another is
 * claiming instead of waiting for them, and a JobRun's row is locked while its cap is counted.
 */
final class PostgresDialect extends SqlDialect {

  @Override
  protected String claimLock() {
    return " FOR UPDATE SKIP LOCKED";
  }

  // NO KEY UPDATE, not UPDATE: it excludes other claimers and a pause or end of the JobRun (they
  // update its row), but not the inserts of new Runs, whose foreign key only takes KEY SHARE.
  @Override
  protected String jobRunLock() {
    return " FOR NO KEY UPDATE";
  }

  @Override
  public String jsonRows() {
    return "jsonb_array_elements(CAST(? AS jsonb)) f";
  }

  @Override
  protected boolean oneNodePerDatabase() {
    return false;
  }
}
