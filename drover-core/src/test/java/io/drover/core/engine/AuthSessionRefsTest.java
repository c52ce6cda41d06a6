package io.drover.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.core.job.InvalidDocumentException;
import io.drover.core.state.Trigger;
import io.drover.core.store.ConflictException;
import io.drover.core.store.JobRecord;
import io.drover.core.store.SkippedFire;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Job naming an AuthSession its Project does not have is never accepted and then ignored: saving
 * it is refused at the id's path, and a Job whose session is gone (stored before the check, or
 * deleted since) is refused when triggered and skipped with the reason when due.
 */
class AuthSessionRefsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir java.nio.file.Path dataDir;
  private ScheduledEngine at;

  @BeforeEach
  void open() {
    at = new ScheduledEngine(dataDir, Instant.parse("2026-06-01T09:59:30Z"));
  }

  @AfterEach
  void close() {
    at.close();
  }

  private static ByteArrayInputStream document(String field) {
    String json =
        "{\"id\": \"account\", \"payload\": [{\"apiName\": \"echo\"}], \""
            + field
            + "\": {\"id\": \"shop-login\"}}";
    return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void savingOrValidatingAJobNamingAnAuthSessionIsRefusedAtThePathAsSpelled() {
    for (String field : List.of("authSession", "auth_session")) {
      for (Runnable save :
          List.<Runnable>of(
              () -> at.jobs.create(ScheduledEngine.PROJECT, document(field)),
              () -> at.jobs.validate(ScheduledEngine.PROJECT, document(field)))) {
        assertThatThrownBy(save::run)
            .isInstanceOfSatisfying(
                InvalidDocumentException.class,
                e -> {
                  assertThat(e.problems()).hasSize(1);
                  assertThat(e.problems().get(0).path()).isEqualTo("$." + field + ".id");
                  assertThat(e.problems().get(0).value()).isEqualTo("\"shop-login\"");
                  assertThat(e.problems().get(0).expected())
                      .contains("project demo has no AuthSession 'shop-login'");
                });
      }
    }
    assertThat(at.store.findJob(ScheduledEngine.PROJECT, "account")).isEmpty();
  }

  @Test
  void aStoredJobNamingAnAuthSessionIsNotTriggeredAndItsFiresAreSkippedWithTheReason() {
    at.save("account", "{\"intervals\": [{\"every\": \"1m\"}]}");
    storeWithAuthSession("account", "shop-login");

    assertThatThrownBy(() -> at.jobs.trigger(ScheduledEngine.PROJECT, "account", Trigger.MANUAL))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("job 'account' cannot be triggered")
        .hasMessageContaining("authSession.id is \"shop-login\"")
        .hasMessageContaining("has no AuthSession 'shop-login'");

    at.clock.set(Instant.parse("2026-06-01T10:00:00Z"));
    at.scheduler().runDue();
    assertThat(at.jobRuns("account")).isEmpty();
    List<SkippedFire> skipped = at.skipped("account");
    assertThat(skipped).hasSize(1);
    assertThat(skipped.get(0).reason()).startsWith("its authSession.id is \"shop-login\"");
    assertThat(at.job("account").nextFireAt()).isEqualTo(Instant.parse("2026-06-01T10:01:00Z"));
  }

  /** Writes the AuthSession into the stored document, as a server before this check saved it. */
  private void storeWithAuthSession(String jobId, String sessionId) {
    JobRecord job = at.job(jobId);
    ObjectNode config;
    try {
      config = (ObjectNode) JSON.readTree(job.configJson());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    config
        .putObject("authSession")
        .put("id", sessionId)
        .put("checkAttempts", 3)
        .put("createAttempts", 3);
    at.store.saveJob(
        true,
        payload -> {
          payload.add("echo", "{}", null, null);
          return new JobRecord(
              job.project(),
              job.id(),
              job.status(),
              config.toString(),
              null,
              0,
              0,
              job.createdAt(),
              job.updatedAt(),
              job.nextFireAt());
        });
  }
}
