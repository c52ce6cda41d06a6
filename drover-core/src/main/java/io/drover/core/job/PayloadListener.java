package io.drover.core.job;

/** Receives each valid payload item as the document is parsed, in document order. */
@FunctionalInterface
public interface PayloadListener {

  void item(long index, PayloadItemConfig item);
}
