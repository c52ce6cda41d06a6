package io.drover.core.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.core.state.JobStatus;
import io.drover.core.state.NodeStatus;
import io.drover.core.state.Trigger;
import io.drover.core.store.JobRecord;
import io.drover.core.store.NewNode;
import io.drover.core.store.Store;
import io.drover.core.store.StoreContractTest;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Store contract on PostgreSQL, a fresh database per test. */
class PostgresStoreTest extends StoreContractTest {
  private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

  @Override
  protected Store openStore() {
    return TestPostgres.freshStore();
  }

  @Test
  void aNodeThatJoinsLeavesTheAttemptsOfTheOtherNodesThatAreUpAlone() {
    store.nodes().joinNode(new NewNode("n-1", "host-a:8080", "host-a", null, "test", 4), NOW);
    store.saveJob(
        false,
        payload -> {
          payload.add("list", "{}", null, null);
          return new JobRecord("demo", "shop", JobStatus.ACTIVE, "{}", null, 0, 0, NOW, NOW, null);
        });
    String jobRun =
        store
            .createJobRun(
                new Store.NewJobRun("jr", "demo", "shop", Trigger.MANUAL, "{}", 4, 3, 60, NOW))
            .id();
    store.claim("n-1", Map.of(jobRun, 1), NOW);

    NewNode other = new NewNode("n-2", "host-b:8080", "host-b", null, "test", 4);
    assertThat(store.nodes().joinNode(other, NOW.plusSeconds(1))).isZero();

    assertThat(store.countRuns(jobRun).running()).isEqualTo(1);
    assertThat(store.nodes().findNode("n-1").orElseThrow().status()).isEqualTo(NodeStatus.UP);
  }

  @Test
  void aUrlWithAPasswordIsNotShownInErrors() {
    assertThat(PostgresStore.shown("jdbc:postgresql://db/drover?user=u&password=secret"))
        .isEqualTo("jdbc:postgresql://db/drover?...")
        .doesNotContain("secret");
  }
}
