package io.drover.bench;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The peer: db-scheduler on an embedded PostgreSQL executing N one-time no-op tasks, scheduled up
 * front with {@code scheduleBatch}, on {@code threads} threads with lock-and-fetch polling (0.5,
 * 1.0) every 100 ms. PostgreSQL runs with {@code synchronous_commit=off}, the counterpart of
 * Drover's SQLite in WAL mode with synchronous=NORMAL (a crashed process loses nothing, a crashed
 * machine may lose the last commits). Prints an "execute ... items/s" line as EchoBench does, which
 * {@link PeersBench} reads. Usage: {@code DbSchedulerBench [items] [threads]}.
 */
public final class DbSchedulerBench {
  private DbSchedulerBench() {}

  public static void main(String[] args) throws Exception {
    int items = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    System.out.printf(
        "machine               %s; db-scheduler, %d threads%n", Machine.describe(), threads);
    try (EmbeddedPostgres postgres =
            EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "off").start();
        HikariDataSource pool = pool(postgres, threads)) {
      createTable(pool);
      LongAdder executed = new LongAdder();
      OneTimeTask<Void> noop =
          Tasks.oneTime("noop").execute((instance, context) -> executed.increment());
      Scheduler scheduler =
          Scheduler.create(pool, noop)
              .threads(threads)
              .pollUsingLockAndFetch(0.5, 1.0)
              .pollingInterval(Duration.ofMillis(100))
              .build();

      long t0 = System.nanoTime();
      List<TaskInstance<?>> batch = new ArrayList<>();
      Instant now = Instant.now();
      for (int i = 0; i < items; i++) {
        batch.add(noop.instance("item-" + i));
        if (batch.size() == 1000) {
          scheduler.scheduleBatch(batch, now);
          batch.clear();
        }
      }
      if (!batch.isEmpty()) {
        scheduler.scheduleBatch(batch, now);
      }
      long t1 = System.nanoTime();
      CpuMeter cpu = new CpuMeter();
      scheduler.start();
      while (executed.sum() < items) {
        Thread.sleep(10);
      }
      // Executed; done once each execution's row is gone as well (its completion is committed).
      while (remaining(pool) > 0) {
        Thread.sleep(10);
      }
      long t2 = System.nanoTime();
      double cpuMillis = cpu.millis().get("process");
      scheduler.stop();
      System.out.printf("items                 %,d%n", items);
      System.out.printf("schedule (scheduleBatch) %,7.0f items/s%n", items / ((t1 - t0) / 1e9));
      double rate = items / ((t2 - t1) / 1e9);
      System.out.printf(
          "execute               %,10.0f items/s  (executed %,d)%n", rate, executed.sum());
      System.out.printf(
          "CPU while executing   %,10.0f ms per 1,000 items (this JVM; PostgreSQL's own processes not counted)%n",
          cpuMillis * 1000 / items);
    }
  }

  private static HikariDataSource pool(EmbeddedPostgres postgres, int threads) {
    HikariConfig config = new HikariConfig();
    config.setDataSource(postgres.getPostgresDatabase());
    config.setMaximumPoolSize(threads + 4);
    return new HikariDataSource(config);
  }

  private static void createTable(HikariDataSource pool) throws Exception {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      // db-scheduler 16's table for PostgreSQL.
      s.execute(
          "CREATE TABLE scheduled_tasks (task_name TEXT NOT NULL, task_instance TEXT NOT NULL,"
              + " task_data BYTEA, execution_time TIMESTAMP WITH TIME ZONE NOT NULL,"
              + " picked BOOLEAN NOT NULL, picked_by TEXT, last_success TIMESTAMP WITH TIME ZONE,"
              + " last_failure TIMESTAMP WITH TIME ZONE, consecutive_failures INT,"
              + " last_heartbeat TIMESTAMP WITH TIME ZONE, version BIGINT NOT NULL,"
              + " priority SMALLINT, PRIMARY KEY (task_name, task_instance))");
      s.execute("CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time)");
      s.execute("CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat)");
      s.execute(
          "CREATE INDEX priority_execution_time_idx ON scheduled_tasks"
              + " (priority DESC, execution_time ASC)");
    }
  }

  private static long remaining(HikariDataSource pool) throws Exception {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement();
        ResultSet row = s.executeQuery("SELECT COUNT(*) FROM scheduled_tasks")) {
      row.next();
      return row.getLong(1);
    }
  }
}
