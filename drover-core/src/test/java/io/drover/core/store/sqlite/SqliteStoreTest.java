package io.drover.core.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.core.state.JobStatus;
import io.drover.core.state.NodeStatus;
import io.drover.core.state.Trigger;
import io.drover.core.store.JobRecord;
import io.drover.core.store.NewNode;
import io.drover.core.store.PayloadInserter;
import io.drover.core.store.Store;
import io.drover.core.store.StoreContractTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest extends StoreContractTest {
  private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

  @TempDir Path dataDir;

  @Override
  protected Store openStore() {
    return SqliteStore.open(dataDir.resolve("data"));
  }

  @Override
  public boolean severalNodes() {
    return false;
  }

  @Test
  void aNodeThatJoinsTakesBackWhatAnyEarlierNodeHeldAsOneProcessOwnsTheFile() {
    NewNode crashed = new NewNode("n-1", "host-a:8080", "host-a", null, "test", 4);
    store.nodes().joinNode(crashed, NOW);
    store.saveJob(false, payload -> payloadOf(payload, job("shop")));
    String jobRun =
        store
            .createJobRun(
                new Store.NewJobRun("jr", "demo", "shop", Trigger.MANUAL, "{}", 4, 3, 60, NOW))
            .id();
    store.claim("n-1", Map.of(jobRun, 1), NOW);

    NewNode renamed = new NewNode("n-2", "host-a:9090", "host-a", null, "test", 4);
    assertThat(store.nodes().joinNode(renamed, NOW.plusSeconds(1))).isEqualTo(1);

    assertThat(store.countRuns(jobRun).pending()).isEqualTo(1);
    assertThat(store.nodes().findNode("n-1").orElseThrow().status()).isEqualTo(NodeStatus.LOST);
  }

  private static JobRecord payloadOf(PayloadInserter payload, JobRecord job) {
    payload.add("list", "{}", null, null);
    return job;
  }

  @Test
  void theStoreLivesInOneFileThatSurvivesAReopen() {
    store.saveJob(false, payload -> job("kept"));
    store.close();

    store = openStore();

    assertThat(Files.exists(dataDir.resolve("data").resolve(SqliteStore.FILE_NAME))).isTrue();
    assertThat(store.findJob("demo", "kept")).isPresent();
  }

  @Test
  void readsDoNotWaitForAWriteInProgress() throws Exception {
    store.saveJob(false, payload -> job("committed"));
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch finishWrite = new CountDownLatch(1);
    CompletableFuture<JobRecord> slowSave =
        CompletableFuture.supplyAsync(
            () ->
                store.saveJob(
                    false,
                    payload -> {
                      payload.add("list", "{}", null, null);
                      writing.countDown();
                      await(finishWrite);
                      return job("in-progress");
                    }));
    assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Optional<JobRecord>> read =
        CompletableFuture.supplyAsync(() -> store.findJob("demo", "committed"));

    assertThat(read.get(10, TimeUnit.SECONDS)).isPresent();
    assertThat(store.findJob("demo", "in-progress")).isEmpty();
    finishWrite.countDown();
    assertThat(slowSave.get(10, TimeUnit.SECONDS).payloadSize()).isEqualTo(1);
    assertThat(store.findJob("demo", "in-progress")).isPresent();
  }

  private static JobRecord job(String id) {
    return new JobRecord("demo", id, JobStatus.ACTIVE, "{}", null, 0, 0, NOW, NOW, null);
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never let the write finish");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
