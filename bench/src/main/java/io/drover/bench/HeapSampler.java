package io.drover.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.concurrent.atomic.AtomicLong;

/** Samples the heap used every 50 ms and keeps the highest value since the last reset. */
final class HeapSampler extends Thread {
  private final AtomicLong peak = new AtomicLong();
  private volatile boolean running = true;

  HeapSampler() {
    super("heap-sampler");
    setDaemon(true);
  }

  @Override
  public void run() {
    while (running) {
      long used = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          used += pool.getUsage().getUsed();
        }
      }
      peak.accumulateAndGet(used, Math::max);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  void reset() {
    peak.set(0);
  }

  void stopSampling() {
    running = false;
  }

  /** In MB of 1024 x 1024 bytes. */
  double peakMb() {
    return peak.get() / (1024.0 * 1024.0);
  }
}
