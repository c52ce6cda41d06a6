package io.drover.bench;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.drover.core.Clock;
import io.drover.core.artifact.FileArtifactStore;
import io.drover.core.engine.Engine;
import io.drover.core.engine.EngineSettings;
import io.drover.core.engine.Node;
import io.drover.core.engine.Reaper;
import io.drover.core.project.ProjectRegistry;
import io.drover.core.state.JobRunStatus;
import io.drover.core.state.Trigger;
import io.drover.core.store.JobRunRecord;
import io.drover.core.store.RunCounts;
import io.drover.core.store.postgres.PostgresStore;
import io.drover.examples.DemoProject;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The echo bench on PostgreSQL: one JobRun of N {@code echo} items (no browser, no sleep) executed
 * by one Drover node and by three nodes (three engines in this JVM, each with its own connection
 * pool, sharing one database; the slots split between them), next to db-scheduler executing N no-op
 * one-time tasks with the same number of threads, lock-and-fetch polling, on the same embedded
 * PostgreSQL server (a database each). Usage: {@code EchoPgBench [items] [slots]}.
 */
public final class EchoPgBench {
  private static final Duration DB_SCHEDULER_POLLING = Duration.ofMillis(100);

  private EchoPgBench() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.log.io.zonky", "warn");
    System.setProperty("org.slf4j.simpleLogger.log.com.github.kagkarlsson", "warn");
    int items = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int slots = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      double one = drover(postgres, "drover_one", items, slots, 1);
      double three = drover(postgres, "drover_three", items, slots, 3);
      double scheduler = dbScheduler(postgres, "db_scheduler", items, slots);
      System.out.printf(
          "%nitems %,d, %d slots / threads in all, PostgreSQL %s%n",
          items, slots, version(postgres));
      System.out.printf("Drover, 1 node        %,10.0f items/s%n", one);
      System.out.printf("Drover, 3 nodes       %,10.0f items/s%n", three);
      System.out.printf("db-scheduler          %,10.0f items/s%n", scheduler);
      System.out.printf("Drover 1 node / db-scheduler   %.2f%n", one / scheduler);
      System.out.printf("Drover 3 nodes / db-scheduler  %.2f%n", three / scheduler);
      System.out.printf("Drover 3 nodes / 1 node        %.2f%n", three / one);
    }
  }

  /** Executes one JobRun of {@code items} echoes on {@code nodes} engines; items/s. */
  static double drover(EmbeddedPostgres postgres, String database, int items, int slots, int nodes)
      throws Exception {
    String url = create(postgres, database);
    Path dir = Files.createTempDirectory("drover-bench-pg");
    List<PostgresStore> stores = new ArrayList<>();
    List<Engine> engines = new ArrayList<>();
    int perNode = (slots + nodes - 1) / nodes;
    ProjectRegistry projects = new ProjectRegistry().register(new DemoProject());
    for (int i = 1; i <= nodes; i++) {
      PostgresStore store = PostgresStore.open(url, "postgres", null);
      stores.add(store);
      engines.add(
          Engine.builder()
              .store(store)
              .projects(projects)
              .artifacts(new FileArtifactStore(dir.resolve("node-" + i)))
              .clock(Clock.system())
              .settings(EngineSettings.defaults().withSlots(perNode))
              .node(Node.named("bench-" + i, "localhost", null))
              .loop(Reaper::new)
              .build()
              .start());
    }
    Engine first = engines.get(0);
    long t0 = System.nanoTime();
    // The JobRun's cap is set out of the way (db-scheduler has none): the slots are the limit.
    first.jobs().create("demo", new GeneratedJob("bench", items, Math.min(1000, 4 * slots)));
    long t1 = System.nanoTime();
    JobRunRecord jobRun = first.jobs().trigger("demo", "bench", Trigger.MANUAL);
    long t2 = System.nanoTime();
    // The JobRun's status, not its counts: counting 100,000 Runs every few ms would be the bench's
    // own load on the database.
    while (stores.get(0).findJobRun("demo", jobRun.id()).orElseThrow().status()
        == JobRunStatus.RUNNING) {
      Thread.sleep(25);
    }
    long t3 = System.nanoTime();
    RunCounts counts = stores.get(0).countRuns(jobRun.id());
    engines.forEach(Engine::close);
    stores.forEach(PostgresStore::close);
    double rate = items / ((t3 - t2) / 1e9);
    System.out.printf(
        "Drover, %d node%s of %d slots: save Job %.0f ms, create JobRun %.0f ms,"
            + " execute %.0f ms = %,.0f items/s (completed %,d, failed %,d)%n",
        nodes,
        nodes == 1 ? "" : "s",
        perNode,
        (t1 - t0) / 1e6,
        (t2 - t1) / 1e6,
        (t3 - t2) / 1e6,
        rate,
        counts.completed(),
        counts.failed());
    return rate;
  }

  /** Executes {@code items} no-op one-time tasks with db-scheduler; items/s. */
  static double dbScheduler(EmbeddedPostgres postgres, String database, int items, int threads)
      throws Exception {
    String url = create(postgres, database);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername("postgres");
    // One connection per executing thread: each thread records its own completion.
    config.setMaximumPoolSize(threads + 4);
    try (HikariDataSource pool = new HikariDataSource(config)) {
      execute(pool, SCHEDULED_TASKS);
      AtomicInteger done = new AtomicInteger();
      OneTimeTask<Void> task =
          Tasks.oneTime("noop").execute((instance, context) -> done.incrementAndGet());
      Scheduler scheduler =
          Scheduler.create(pool, task)
              .threads(threads)
              .pollUsingLockAndFetch(0.5, 1.0)
              .pollingInterval(DB_SCHEDULER_POLLING)
              .build();
      long t0 = System.nanoTime();
      Instant now = Instant.now();
      List<TaskInstance<?>> batch = new ArrayList<>();
      for (int i = 0; i < items; i++) {
        batch.add(task.instance("i" + i));
        if (batch.size() == 1000) {
          scheduler.scheduleBatch(batch, now);
          batch.clear();
        }
      }
      if (!batch.isEmpty()) {
        scheduler.scheduleBatch(batch, now);
      }
      long t1 = System.nanoTime();
      scheduler.start();
      while (done.get() < items) {
        Thread.sleep(20);
      }
      long t2 = System.nanoTime();
      scheduler.stop();
      double rate = items / ((t2 - t1) / 1e9);
      System.out.printf(
          "db-scheduler, %d threads, lock-and-fetch: schedule %.0f ms, execute %.0f ms ="
              + " %,.0f items/s%n",
          threads, (t1 - t0) / 1e6, (t2 - t1) / 1e6, rate);
      return rate;
    }
  }

  // db-scheduler's PostgreSQL table, as its documentation gives it.
  private static final String SCHEDULED_TASKS =
      "CREATE TABLE scheduled_tasks (task_name TEXT NOT NULL, task_instance TEXT NOT NULL,"
          + " task_data BYTEA, execution_time TIMESTAMP WITH TIME ZONE NOT NULL,"
          + " picked BOOLEAN NOT NULL, picked_by TEXT, last_success TIMESTAMP WITH TIME ZONE,"
          + " last_failure TIMESTAMP WITH TIME ZONE, consecutive_failures INT,"
          + " last_heartbeat TIMESTAMP WITH TIME ZONE, version BIGINT NOT NULL,"
          + " priority SMALLINT, PRIMARY KEY (task_name, task_instance));"
          + " CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);"
          + " CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);"
          + " CREATE INDEX priority_execution_time_idx ON scheduled_tasks"
          + " (priority DESC, execution_time ASC)";

  private static String create(EmbeddedPostgres postgres, String database) throws SQLException {
    execute(postgres.getPostgresDatabase(), "CREATE DATABASE " + database);
    return postgres.getJdbcUrl("postgres", database);
  }

  private static void execute(javax.sql.DataSource source, String sql) throws SQLException {
    try (Connection c = source.getConnection();
        Statement statement = c.createStatement()) {
      statement.execute(sql);
    }
  }

  private static String version(EmbeddedPostgres postgres) throws SQLException {
    try (Connection c = postgres.getPostgresDatabase().getConnection()) {
      return c.getMetaData().getDatabaseProductVersion();
    }
  }
}
