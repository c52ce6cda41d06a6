package io.drover.core;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real S3 endpoint in-process: S3Proxy on 127.0.0.1 (a free port) over an in-memory store,
 * checking AWS signatures (v2 or v4) against one key pair, path-style addressing. The test's own
 * client reads back what was put, through the S3 protocol.
 */
public final class LocalS3 implements AutoCloseable {
  public static final String ACCESS_KEY_ID = "AKIADROVERTESTKEY01";
  public static final String SECRET_ACCESS_KEY = "drover/test/SECRET+access+key+0123456789";

  /** An object as read back: its content type, user metadata and body. */
  public record StoredObject(String contentType, Map<String, String> metadata, String body) {}

  private final S3Proxy proxy;
  private final S3Client reader;

  public LocalS3() throws Exception {
    proxy =
        S3Proxy.builder()
            .blobStore(new TransientNio2BlobStore())
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY_ID, SECRET_ACCESS_KEY)
            .endpoint(URI.create("http://127.0.0.1:0"))
            .stopTimeout(0)
            .build();
    proxy.start();
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!"STARTED".equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
      }
      Thread.onSpinWait();
    }
    reader =
        S3Client.builder()
            .region(Region.US_EAST_1)
            .endpointOverride(URI.create(endpoint()))
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)))
            .httpClient(Apache5HttpClient.create())
            .build();
  }

  public String endpoint() {
    return "http://127.0.0.1:" + proxy.getPort();
  }

  public void createBucket(String bucket) {
    reader.createBucket(b -> b.bucket(bucket));
  }

  /** The keys in the bucket, in order. */
  public List<String> keys(String bucket) {
    return reader.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream()
        .map(S3Object::key)
        .toList();
  }

  /** Every object in the bucket by key. */
  public Map<String, StoredObject> objects(String bucket) {
    Map<String, StoredObject> objects = new TreeMap<>();
    for (String key : keys(bucket)) {
      ResponseBytes<GetObjectResponse> got =
          reader.getObjectAsBytes(b -> b.bucket(bucket).key(key));
      objects.put(
          key,
          new StoredObject(
              got.response().contentType(),
              got.response().metadata(),
              got.asString(StandardCharsets.UTF_8)));
    }
    return objects;
  }

  @Override
  public void close() throws Exception {
    reader.close();
    proxy.stop();
  }
}
