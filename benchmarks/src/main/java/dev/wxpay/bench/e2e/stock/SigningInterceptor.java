package dev.wxpay.bench.e2e.stock;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Base64;
import java.util.concurrent.Flow;

/**
 * The request interceptor a user of the stock {@code native} client would write to sign WeChat Pay requests: it
 * snapshots the builder, drains the body publisher to get the exact bytes, signs method, path and query, timestamp,
 * nonce and body, and adds {@code Authorization} and {@code Wechatpay-Serial}. One {@link Signature} per thread.
 * Thread-safe.
 */
final class SigningInterceptor implements java.util.function.Consumer<HttpRequest.Builder> {
    private static final char[] ALPHANUMERIC =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private final String merchantId;
    private final String merchantSerial;
    private final String publicKeyId;
    private final ThreadLocal<Signature> signers;
    private final ThreadLocal<SecureRandom> randoms = ThreadLocal.withInitial(SecureRandom::new);

    SigningInterceptor(PrivateKey privateKey, String merchantId, String merchantSerial, String publicKeyId) {
        this.merchantId = merchantId;
        this.merchantSerial = merchantSerial;
        this.publicKeyId = publicKeyId;
        this.signers = ThreadLocal.withInitial(() -> {
            try {
                Signature signature = Signature.getInstance("SHA256withRSA");
                signature.initSign(privateKey);
                return signature;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot initialise SHA256withRSA signing", e);
            }
        });
    }

    @Override
    public void accept(HttpRequest.Builder builder) {
        HttpRequest snapshot = builder.build();
        byte[] body = snapshot.bodyPublisher().map(SigningInterceptor::drain).orElse(new byte[0]);
        URI uri = snapshot.uri();
        String canonical = uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        String nonce = nonce();
        try {
            Signature signer = signers.get();
            signer.update((snapshot.method() + "\n" + canonical + "\n" + timestamp + "\n" + nonce + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            signer.update(body);
            signer.update((byte) '\n');
            String signature = Base64.getEncoder().encodeToString(signer.sign());
            builder.setHeader("Authorization", "WECHATPAY2-SHA256-RSA2048 mchid=\"" + merchantId + "\",nonce_str=\""
                    + nonce + "\",signature=\"" + signature + "\",timestamp=\"" + timestamp + "\",serial_no=\""
                    + merchantSerial + "\"");
            builder.setHeader("Wechatpay-Serial", publicKeyId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the request", e);
        }
    }

    /** Collects a body publisher's bytes; the JDK's byte-array publishers deliver synchronously on request. */
    private static byte[] drain(HttpRequest.BodyPublisher publisher) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(32, (int) publisher.contentLength()));
        boolean[] complete = new boolean[1];
        publisher.subscribe(new Flow.Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }

            @Override
            public void onError(Throwable throwable) {
                throw new IllegalStateException("cannot read the request body to sign it", throwable);
            }

            @Override
            public void onComplete() {
                complete[0] = true;
            }
        });
        if (!complete[0]) {
            throw new IllegalStateException("the request body publisher did not deliver synchronously");
        }
        return bytes.toByteArray();
    }

    private String nonce() {
        byte[] random = new byte[32];
        randoms.get().nextBytes(random);
        char[] chars = new char[32];
        for (int i = 0; i < 32; i++) {
            chars[i] = ALPHANUMERIC[(random[i] & 0xff) % ALPHANUMERIC.length];
        }
        return new String(chars);
    }
}
