package io.drover.core.engine;

import io.drover.core.Clock;
import io.drover.core.artifact.ArtifactStore;
import io.drover.core.project.ProjectRegistry;
import io.drover.core.secret.SecretBox;
import io.drover.core.store.Store;

/**
 * What an engine is made of; loops plugged into the engine get it too. {@code node} is who the
 * engine is among the engines sharing its store; {@code secrets} seals what is stored secret.
 */
public record EngineParts(
    Store store,
    ProjectRegistry projects,
    AttemptExecutor executor,
    ArtifactStore artifacts,
    Clock clock,
    EngineSettings settings,
    EngineEvents events,
    Node node,
    SecretBox secrets) {}
