package dev.wxpay.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A tiny merchant written on the JDK for the simulator's own tests: signs requests like WeChat Pay expects and
 * verifies the answers. Deliberately not wxpay-runtime, so these tests check the simulator against the protocol
 * rather than against our own client.
 */
final class MerchantCalls {

    static final ObjectMapper JSON = new ObjectMapper();

    /** What is signed and sent; tests change one part to provoke a failure. */
    record Signing(String method, String target, String timestamp, String nonce, String body, String mchid,
                   String serialNo, String scheme) {
        Signing withTimestamp(String t) {
            return new Signing(method, target, t, nonce, body, mchid, serialNo, scheme);
        }

        Signing withMchid(String m) {
            return new Signing(method, target, timestamp, nonce, body, m, serialNo, scheme);
        }

        Signing withSerialNo(String s) {
            return new Signing(method, target, timestamp, nonce, body, mchid, s, scheme);
        }

        Signing withScheme(String s) {
            return new Signing(method, target, timestamp, nonce, body, mchid, serialNo, s);
        }
    }

    record Answer(int status, HttpResponse<String> response) {
        String body() {
            return response.body();
        }

        JsonNode json() {
            try {
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        /** Verifies the answer's signature as a merchant must: timestamp, nonce, exact body. */
        boolean verifies(PublicKey wechatPayKey) {
            String message = header("Wechatpay-Timestamp") + "\n" + header("Wechatpay-Nonce") + "\n" + body() + "\n";
            try {
                Signature s = Signature.getInstance("SHA256withRSA");
                s.initVerify(wechatPayKey);
                s.update(message.getBytes(StandardCharsets.UTF_8));
                return s.verify(Base64.getDecoder().decode(header("Wechatpay-Signature")));
            } catch (Exception e) {
                return false;
            }
        }
    }

    private final WechatPaySimulator simulator;
    private final SimulatedMerchant merchant;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    MerchantCalls(WechatPaySimulator simulator, Clock clock) {
        this(simulator, simulator.merchant(), clock);
    }

    MerchantCalls(WechatPaySimulator simulator, SimulatedMerchant merchant, Clock clock) {
        this.simulator = simulator;
        this.merchant = merchant;
        this.clock = clock;
    }

    Answer call(String method, String target, String body) {
        return call(method, target, body, UnaryOperator.identity());
    }

    /** Signs (after {@code tweak} changed what is signed) and sends the original method, target and body. */
    Answer call(String method, String target, String body, UnaryOperator<Signing> tweak) {
        Signing original = new Signing(method, target, Long.toString(clock.instant().getEpochSecond()),
                "n0nce" + System.nanoTime(), body == null ? "" : body, merchant.mchid(),
                merchant.certificateSerialNo(), "WECHATPAY2-SHA256-RSA2048");
        Signing s = tweak.apply(original);
        String message = s.method() + "\n" + s.target() + "\n" + s.timestamp() + "\n" + s.nonce() + "\n" + s.body()
                + "\n";
        String authorization = s.scheme() + " mchid=\"" + s.mchid() + "\",nonce_str=\"" + s.nonce()
                + "\",signature=\"" + sign(merchant.privateKey().orElseThrow(), message) + "\",timestamp=\""
                + s.timestamp() + "\",serial_no=\"" + s.serialNo() + "\"";
        return send(method, target, body, authorization);
    }

    /**
     * A media upload: {@code parts} (name, file name or null, bytes) as {@code multipart/form-data}, signed over
     * {@code signedMeta} as WeChat Pay signs uploads (the meta JSON alone).
     */
    Answer upload(String target, String signedMeta, List<Object[]> parts) {
        String boundary = "b0undary" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        for (Object[] part : parts) {
            String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part[0] + "\""
                    + (part[1] == null ? "" : "; filename=\"" + part[1] + "\"") + "\r\n"
                    + (part[1] == null ? "Content-Type: application/json\r\n" : "Content-Type: image/png\r\n")
                    + "\r\n";
            body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
            body.writeBytes((byte[]) part[2]);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String nonce = "n0nce" + System.nanoTime();
        String message = "POST\n" + target + "\n" + timestamp + "\n" + nonce + "\n" + signedMeta + "\n";
        String authorization = "WECHATPAY2-SHA256-RSA2048 mchid=\"" + merchant.mchid() + "\",nonce_str=\"" + nonce
                + "\",signature=\"" + sign(merchant.privateKey().orElseThrow(), message) + "\",timestamp=\""
                + timestamp + "\",serial_no=\"" + merchant.certificateSerialNo() + "\"";
        HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.baseUri() + target))
                .header("Authorization", authorization).header("Accept", "application/json")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(r.statusCode(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A signed GET whose answer is kept as bytes (a bill download, possibly gzip). */
    HttpResponse<byte[]> download(String target) {
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String nonce = "n0nce" + System.nanoTime();
        String message = "GET\n" + target + "\n" + timestamp + "\n" + nonce + "\n\n";
        String authorization = "WECHATPAY2-SHA256-RSA2048 mchid=\"" + merchant.mchid() + "\",nonce_str=\"" + nonce
                + "\",signature=\"" + sign(merchant.privateKey().orElseThrow(), message) + "\",timestamp=\""
                + timestamp + "\",serial_no=\"" + merchant.certificateSerialNo() + "\"";
        HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.baseUri() + target))
                .header("Authorization", authorization).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Answer send(String method, String target, String body, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(simulator.baseUri() + target))
                .header("Accept", "application/json");
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(r.statusCode(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String sign(PrivateKey key, String message) {
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update(message.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
