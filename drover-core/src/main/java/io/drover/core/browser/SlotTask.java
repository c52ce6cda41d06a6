package io.drover.core.browser;

import io.drover.core.engine.AttemptContext;
import io.drover.sdk.Api;
import java.util.concurrent.CompletableFuture;

/**
 * One attempt handed to a browser slot, and where it stands. A stop request may come from another
 * thread at any point: before a slot was assigned, while the API runs, while the page is being set
 * up (where an interrupt could orphan a half-launched browser, so none is sent), or during
 * clean-up.
 */
final class SlotTask {
  enum Phase {
    WAITING,
    API,
    CLEANUP,
    DONE
  }

  final Api<Object> api;
  final Object parameters;
  final AttemptContext context;
  final CompletableFuture<Object> result = new CompletableFuture<>();
  private BrowserSlot slot;
  private Phase phase = Phase.WAITING;
  private boolean settingUp;
  private boolean stopRequested;

  SlotTask(Api<Object> api, Object parameters, AttemptContext context) {
    this.api = api;
    this.parameters = parameters;
    this.context = context;
  }

  /** Gives the task to a slot, unless it was stopped while waiting for one. */
  synchronized boolean assign(BrowserSlot slot) {
    if (stopRequested) {
      return false;
    }
    this.slot = slot;
    return true;
  }

  /** Marks the task stopped; returns its slot, or null if it has none yet. */
  synchronized BrowserSlot requestStop() {
    stopRequested = true;
    return slot;
  }

  synchronized boolean stopRequested() {
    return stopRequested;
  }

  synchronized Phase phase() {
    return phase;
  }

  synchronized void enter(Phase next) {
    phase = next;
    if (next != Phase.API) {
      Thread.interrupted(); // an interrupt meant for the API must not hit the clean-up
    }
  }

  /** Interrupts the slot thread if the API runs now and sets up no page; says whether it did. */
  synchronized boolean interruptApi(Thread slotThread) {
    if (phase == Phase.API && !settingUp) {
      slotThread.interrupt();
      return true;
    }
    return false;
  }

  synchronized void settingUp(boolean value) {
    settingUp = value;
  }

  String describe() {
    return "run " + context.execution().runId() + " attempt " + context.execution().attempt();
  }
}
