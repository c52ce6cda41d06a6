package io.drover.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.core.store.DeliveryStore;
import io.drover.core.store.NodeStore;
import io.drover.core.store.Store;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every list endpoint reads a page with a constant number of store calls, whatever the page size
 * (issue 13, goal 7): the server's store is seen through a proxy that counts the calls made while
 * serving a request (each store call is one transaction; the batch calls are one statement each,
 * see the store contract and QueryPlansTest), and a page of 100 must take exactly the calls a page
 * of 10 takes.
 */
class ListQueriesTest {
  private static final String P = "/api/v1/projects/demo";
  private static final int MOST_CALLS = 6;

  @TempDir static Path dataDir;
  static TestServer server;
  static final AtomicInteger calls = new AtomicInteger();
  static final Map<String, AtomicInteger> byMethod = new ConcurrentHashMap<>();
  static String manyRunsOfOne;
  static String bigJobRun;

  @BeforeAll
  static void start() {
    server =
        new TestServer(
            dataDir, ServerSettings.defaults(), null, store -> counting(Store.class, store));
    for (int i = 0; i < 100; i++) {
      server.createJob(
          Docs.job(String.format("j%03d", i), Docs.config(1, 1, 60), List.of(Docs.echo("{}"))));
    }
    List<String> started = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      started.add(server.trigger(String.format("j%03d", i)));
    }
    started.forEach(server::awaitEnded);
    for (int i = 0; i < 100; i++) {
      server.awaitEnded(server.trigger("j000"));
    }
    server.createJob(Docs.job("big", Docs.config(1, 20, 60), Docs.echoes(100, "\"sleepMs\":0")));
    bigJobRun = server.trigger("big");
    server.awaitEnded(bigJobRun);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theJobsListTakesAsManyStoreCallsForAHundredJobsAsForTen() {
    assertConstant(P + "/jobs?limit=");
  }

  @Test
  void theJobRunsListTakesAsManyStoreCallsForAHundredJobRunsAsForTen() {
    assertConstant(P + "/jobs/j000/job-runs?limit=");
  }

  @Test
  void theRunsListTakesAsManyStoreCallsForAHundredRunsAsForTen() {
    assertConstant(P + "/job-runs/" + bigJobRun + "/runs?limit=");
    assertConstant(P + "/job-runs/" + bigJobRun + "/runs?status=COMPLETED&limit=");
  }

  @Test
  void theDeliveriesListOfAJobRunTakesAConstantNumberOfStoreCalls() {
    assertConstant(P + "/job-runs/" + bigJobRun + "/deliveries?limit=");
  }

  private static void assertConstant(String path) {
    int ten = callsOf(path + 10, 10);
    int hundred = callsOf(path + 100, 100);
    assertThat(hundred).as("store calls for %s100 (%s)", path, byMethod).isEqualTo(ten);
    assertThat(ten).as("store calls for %s10", path).isBetween(1, MOST_CALLS);
  }

  private static int callsOf(String path, int items) {
    calls.set(0);
    byMethod.clear();
    TestServer.Response page = server.get(path);
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    if (!path.contains("/deliveries")) {
      assertThat(page.json().get("items")).as(path).hasSize(items);
    }
    return calls.get();
  }

  /** A proxy counting the calls made while serving an HTTP request (on Javalin's threads). */
  @SuppressWarnings("unchecked")
  private static <T> T counting(Class<T> type, T target) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          boolean lookup =
              method.getName().equals("deliveries") || method.getName().equals("nodes");
          if (!lookup && serving()) {
            calls.incrementAndGet();
            byMethod.computeIfAbsent(method.getName(), m -> new AtomicInteger()).incrementAndGet();
          }
          Object result;
          try {
            result = method.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          if (result instanceof DeliveryStore deliveries) {
            return counting(DeliveryStore.class, deliveries);
          }
          if (result instanceof NodeStore nodes) {
            return counting(NodeStore.class, nodes);
          }
          return result;
        };
    return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
  }

  private static boolean serving() {
    return StackWalker.getInstance()
        .walk(frames -> frames.anyMatch(f -> f.getClassName().startsWith("io.javalin.")));
  }
}
