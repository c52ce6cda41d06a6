package io.drover.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.core.engine.Node;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a server is told which database to share and who it is among the nodes. */
class ClusterSettingsTest {
  @org.junit.jupiter.api.io.TempDir Path workingDir;

  private ServerSettings settings(List<String> flags, Map<String, String> env) throws Exception {
    return ServerConfig.load(flags, env, workingDir).settings();
  }

  @Test
  void withoutADatabaseTheServerKeepsSqliteInItsDataDirectory() throws Exception {
    ServerSettings settings = settings(List.of(), Map.of());

    assertThat(settings.database().postgres()).isFalse();
    assertThat(settings.database().describe(Path.of("/srv/data"))).isEqualTo("SQLite in /srv/data");
    assertThat(settings.node().lease()).isEqualTo(Node.DEFAULT_LEASE);
    assertThat(settings.node().heartbeat()).isEqualTo(Node.DEFAULT_HEARTBEAT);
  }

  @Test
  void theDatabaseComesFromTheEnvironmentAndItsPasswordIsNeverShown() throws Exception {
    ServerSettings settings =
        settings(
            List.of("--node-lease", "12", "--node-heartbeat", "3"),
            Map.of(
                "DROVER_DATABASE_URL", "jdbc:postgresql://db:5432/drover?sslmode=require",
                "DROVER_DATABASE_USER", "drover",
                "DROVER_DATABASE_PASSWORD", "s3cret"));

    assertThat(settings.database().postgres()).isTrue();
    assertThat(settings.database().url())
        .isEqualTo("jdbc:postgresql://db:5432/drover?sslmode=require");
    assertThat(settings.database().password()).isEqualTo("s3cret");
    assertThat(settings.database().describe(Path.of(".")))
        .isEqualTo("PostgreSQL jdbc:postgresql://db:5432/drover as drover");
    assertThat(settings.toString()).doesNotContain("s3cret");
    assertThat(settings.node().lease()).isEqualTo(Duration.ofSeconds(12));
    assertThat(settings.node().heartbeat()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void aDatabaseThatIsNotPostgresqlOrALeaseShorterThanTwoHeartbeatsIsRefused() {
    assertThatThrownBy(() -> settings(List.of("--database", "jdbc:mysql://db/drover"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("database = 'jdbc:mysql://db/drover'")
        .hasMessageContaining("jdbc:postgresql://");
    assertThatThrownBy(
            () -> settings(List.of("--node-heartbeat", "5", "--node-lease", "9"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("node-lease = 9");
  }

  @Test
  void aNodeIsNamedAfterItsHostAndPortAndReachedThere() {
    Node node = NodeSettings.DEFAULTS.node("127.0.0.1", 8081);

    assertThat(node.name()).endsWith(":8081");
    assertThat(node.url()).isEqualTo("http://127.0.0.1:8081");
    assertThat(NodeSettings.DEFAULTS.withName("east-1").node("127.0.0.1", 0).url()).isNull();
    assertThat(NodeSettings.DEFAULTS.node("h", 1).id())
        .isNotEqualTo(NodeSettings.DEFAULTS.node("h", 1).id());
  }
}
