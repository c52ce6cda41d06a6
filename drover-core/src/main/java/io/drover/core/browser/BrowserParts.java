package io.drover.core.browser;

import io.drover.core.Clock;
import io.drover.core.artifact.ArtifactStore;
import java.nio.file.Path;
import java.util.concurrent.ScheduledExecutorService;

/** What every slot of one executor shares. */
record BrowserParts(
    BrowserSettings settings,
    ArtifactStore artifacts,
    boolean video,
    Clock clock,
    ScheduledExecutorService timer,
    Path workRoot,
    BrowserEvents events) {}
