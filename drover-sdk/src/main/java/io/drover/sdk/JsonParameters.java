package io.drover.sdk;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Untyped parameters for APIs that take any JSON object: the object's fields as plain Java values
 * (maps, lists, strings, numbers, booleans, {@code null}).
 */
public final class JsonParameters extends LinkedHashMap<String, Object> {

  public JsonParameters() {}

  public JsonParameters(Map<String, Object> values) {
    super(values);
  }
}
