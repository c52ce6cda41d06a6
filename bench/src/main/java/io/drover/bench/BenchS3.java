package io.drover.bench;

import java.net.URI;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3Proxy on 127.0.0.1 over an in-memory store, checking AWS signatures against one key pair, with
 * a bucket {@code bench}: the S3 endpoint of the sink bench, in this JVM.
 */
final class BenchS3 implements AutoCloseable {
  private static final String KEY_ID = "AKIADROVERBENCH0001";
  private static final String SECRET_KEY = "drover/bench/SECRET+access+key+0123456789";
  private static final String BUCKET = "bench";

  private final S3Proxy proxy;

  BenchS3() throws Exception {
    proxy =
        S3Proxy.builder()
            .blobStore(new TransientNio2BlobStore())
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, KEY_ID, SECRET_KEY)
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
    try (S3Client client =
        S3Client.builder()
            .region(Region.US_EAST_1)
            .endpointOverride(URI.create("http://127.0.0.1:" + proxy.getPort()))
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, SECRET_KEY)))
            .httpClient(Apache5HttpClient.create())
            .build()) {
      client.createBucket(b -> b.bucket(BUCKET));
    }
  }

  /** An S3 sink into the bucket, as a Job document writes it. */
  String sinkJson() {
    return "{\"type\":\"s3\",\"bucket\":\""
        + BUCKET
        + "\",\"region\":\"us-east-1\",\"endpoint\":\"http://127.0.0.1:"
        + proxy.getPort()
        + "\",\"forcePathStyle\":true,\"accessKeyId\":\""
        + KEY_ID
        + "\",\"secretAccessKey\":\""
        + SECRET_KEY
        + "\"}";
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
  }
}
