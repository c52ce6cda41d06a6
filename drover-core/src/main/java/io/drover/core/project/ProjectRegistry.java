package io.drover.core.project;

import io.drover.sdk.Api;
import io.drover.sdk.AuthCheck;
import io.drover.sdk.AuthCreate;
import io.drover.sdk.Project;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/** The Projects a server hosts and their APIs, looked up by name. */
public final class ProjectRegistry {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final Map<String, Map<String, Api<?>>> projects = new LinkedHashMap<>();
  private final Map<String, Project> registered = new LinkedHashMap<>();

  /** Every Project the class loader's jars declare through ServiceLoader. */
  public static ProjectRegistry discover(ClassLoader loader) {
    ProjectRegistry registry = new ProjectRegistry();
    for (Project project : ServiceLoader.load(Project.class, loader)) {
      registry.register(project);
    }
    return registry;
  }

  public synchronized ProjectRegistry register(Project project) {
    if (!NAME.matcher(project.name()).matches()) {
      throw new IllegalArgumentException(
          "project name '" + project.name() + "': expected [A-Za-z0-9_-], 1 to 64 characters");
    }
    if (projects.containsKey(project.name())) {
      throw new IllegalArgumentException("project '" + project.name() + "' is registered twice");
    }
    Map<String, Api<?>> apis = new LinkedHashMap<>();
    for (Api<?> api : project.apis()) {
      if (apis.put(api.name(), api) != null) {
        throw new IllegalArgumentException(
            "project '" + project.name() + "' has two APIs named '" + api.name() + "'");
      }
    }
    projects.put(project.name(), Collections.unmodifiableMap(apis));
    registered.put(project.name(), project);
    return this;
  }

  public synchronized boolean hasProject(String project) {
    return projects.containsKey(project);
  }

  public synchronized List<String> projectNames() {
    return new ArrayList<>(projects.keySet());
  }

  public synchronized List<String> apiNames(String project) {
    Map<String, Api<?>> apis = projects.get(project);
    return apis == null ? List.of() : new ArrayList<>(apis.keySet());
  }

  public synchronized Optional<Api<?>> api(String project, String apiName) {
    Map<String, Api<?>> apis = projects.get(project);
    return apis == null ? Optional.empty() : Optional.ofNullable(apis.get(apiName));
  }

  /** How the Project logs in for a CREDENTIALS AuthSession, if it can. */
  public synchronized Optional<AuthCreate> authCreate(String project) {
    Project found = registered.get(project);
    return found == null ? Optional.empty() : found.authCreate();
  }

  /** How the Project checks an AuthSession; a Project without one has no AuthSessions. */
  public synchronized Optional<AuthCheck> authCheck(String project) {
    Project found = registered.get(project);
    return found == null ? Optional.empty() : found.authCheck();
  }
}
