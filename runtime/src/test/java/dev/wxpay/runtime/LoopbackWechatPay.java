package dev.wxpay.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for WeChat Pay on 127.0.0.1 with an ephemeral port: checks each request's Authorization header the
 * way WeChat Pay does (scheme, fields, known merchant and serial, 300 s window, signature over the exact bytes,
 * nonce replay) with the plain JDK, independently of the runtime, and signs its answers with the merchant's
 * WeChat Pay key. What it answers is set per test with {@link #respond}.
 */
final class LoopbackWechatPay implements AutoCloseable {
    private static final Pattern AUTH_FIELD = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    enum Signing { SIGNED, TAMPERED, STALE, FUTURE, UNKNOWN_SERIAL, SIGNTEST, UNSIGNED }

    /** A merchant the server knows, and the WeChat Pay key that signs answers to it. */
    static final class Merchant {
        final String id;
        final String serial;
        final PublicKey merchantPublicKey;
        final PrivateKey wechatPayPrivateKey;
        final String wechatPayKeyId;

        Merchant(String id, String serial, PublicKey merchantPublicKey, PrivateKey wechatPayPrivateKey,
                String wechatPayKeyId) {
            this.id = id;
            this.serial = serial;
            this.merchantPublicKey = merchantPublicKey;
            this.wechatPayPrivateKey = wechatPayPrivateKey;
            this.wechatPayKeyId = wechatPayKeyId;
        }
    }

    /** One received request. */
    static final class Recorded {
        final String method;
        final String pathAndQuery;
        final Map<String, List<String>> headers;
        final byte[] body;
        final int remotePort;
        final Map<String, String> authorization;
        final String merchantId;

        Recorded(String method, String pathAndQuery, Map<String, List<String>> headers, byte[] body, int remotePort,
                Map<String, String> authorization) {
            this.method = method;
            this.pathAndQuery = pathAndQuery;
            this.headers = headers;
            this.body = body;
            this.remotePort = remotePort;
            this.authorization = authorization;
            this.merchantId = authorization.get("mchid");
        }

        String header(String name) {
            return HttpHeaders.first(headers, name);
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** What to answer. */
    static final class Answer {
        final int status;
        final String body;
        final String contentType;
        final Signing signing;
        final boolean hang;
        final boolean stallBody;
        /** Signs with this key and serial instead of the merchant's WeChat Pay key, when set. */
        PrivateKey signingKey;
        String signingSerial;

        private Answer(int status, String body, String contentType, Signing signing, boolean hang) {
            this(status, body, contentType, signing, hang, false);
        }

        private Answer(int status, String body, String contentType, Signing signing, boolean hang,
                boolean stallBody) {
            this.status = status;
            this.body = body;
            this.contentType = contentType;
            this.signing = signing;
            this.hang = hang;
            this.stallBody = stallBody;
        }

        static Answer json(int status, String body) {
            return new Answer(status, body, "application/json", Signing.SIGNED, false);
        }

        static Answer json(int status, String body, Signing signing) {
            return new Answer(status, body, "application/json", signing, false);
        }

        static Answer raw(int status, String body, String contentType) {
            return new Answer(status, body, contentType, Signing.UNSIGNED, false);
        }

        /** A signed answer made with another WeChat Pay key (a platform certificate's, or a stranger's). */
        static Answer signedBy(int status, String body, PrivateKey key, String serial) {
            Answer answer = new Answer(status, body, "application/json", Signing.SIGNED, false);
            answer.signingKey = key;
            answer.signingSerial = serial;
            return answer;
        }

        static Answer hang() {
            return new Answer(200, "", null, Signing.UNSIGNED, true);
        }

        /** Sends the headers and the first bytes of a 100-byte body, then stops. */
        static Answer stallBody() {
            return new Answer(200, "", null, Signing.UNSIGNED, false, true);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Merchant> merchants = new ConcurrentHashMap<>();
    private final Set<String> seenNonces = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<Recorded> requests = new ConcurrentLinkedQueue<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicInteger requestIds = new AtomicInteger();
    private volatile Function<Recorded, Answer> responder = r -> Answer.json(200, "{\"ok\":true}");

    LoopbackWechatPay(Merchant... merchants) throws IOException {
        for (Merchant merchant : merchants) {
            this.merchants.put(merchant.id, merchant);
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The default merchant A with WeChat Pay key A. */
    static Merchant merchantA() {
        return new Merchant(TestKeys.MERCHANT_ID, TestKeys.MERCHANT_SERIAL, TestKeys.MERCHANT.getPublic(),
                TestKeys.WECHATPAY.getPrivate(), TestKeys.WECHATPAY_KEY_ID);
    }

    /** A second merchant B, answered with WeChat Pay key B. */
    static Merchant merchantB() {
        return new Merchant(TestKeys.MERCHANT_B_ID, TestKeys.MERCHANT_B_SERIAL, TestKeys.MERCHANT_B.getPublic(),
                TestKeys.WECHATPAY_B.getPrivate(), TestKeys.WECHATPAY_B_KEY_ID);
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void respond(Function<Recorded, Answer> responder) {
        this.responder = responder;
    }

    List<Recorded> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            URI uri = exchange.getRequestURI();
            String pathAndQuery = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            Map<String, String> auth = parseAuthorization(exchange.getRequestHeaders().getFirst("Authorization"));
            Recorded recorded = new Recorded(exchange.getRequestMethod(), pathAndQuery,
                    HttpHeaders.copyOf(exchange.getRequestHeaders()), body, exchange.getRemoteAddress().getPort(), auth);
            requests.add(recorded);
            String requestId = "08F78BB5AF0610D302" + String.format("%06d", requestIds.incrementAndGet());
            String problem = checkSignature(recorded);
            if (problem != null) {
                write(exchange, 401, "{\"code\":\"SIGN_ERROR\",\"message\":\"" + problem + "\"}", "application/json",
                        Signing.UNSIGNED, null, requestId);
                return;
            }
            Answer answer = responder.apply(recorded);
            if (answer.hang) {
                closing.await(30, TimeUnit.SECONDS);
                return;
            }
            if (answer.stallBody) {
                exchange.sendResponseHeaders(200, 100);
                OutputStream out = exchange.getResponseBody();
                out.write("{\"sign_pl".getBytes(StandardCharsets.UTF_8));
                out.flush();
                closing.await(30, TimeUnit.SECONDS);
                return;
            }
            Merchant merchant = merchants.get(recorded.merchantId);
            if (answer.signingKey != null && merchant != null) {
                merchant = new Merchant(merchant.id, merchant.serial, merchant.merchantPublicKey, answer.signingKey,
                        answer.signingSerial);
            }
            write(exchange, answer.status, answer.body, answer.contentType, answer.signing, merchant, requestId);
        } catch (Exception e) {
            // a test server problem: let the client see a broken connection
            throw new IOException(e);
        } finally {
            exchange.close();
        }
    }

    static Map<String, String> parseAuthorization(String header) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (header == null || !header.startsWith(RequestSigner.SCHEME + " ")) {
            return fields;
        }
        Matcher m = AUTH_FIELD.matcher(header.substring(RequestSigner.SCHEME.length() + 1));
        while (m.find()) {
            fields.put(m.group(1), m.group(2));
        }
        return fields;
    }

    /** What WeChat Pay signs: the body, or for a media upload the meta part only. */
    private static byte[] signedBody(Recorded r) {
        String type = r.header("Content-Type");
        if (type != null && type.startsWith("multipart/form-data")) {
            for (MultipartTestParser.Part part : MultipartTestParser.parse(type, r.body)) {
                if ("meta".equals(part.name)) {
                    return part.content;
                }
            }
            throw new IllegalArgumentException("multipart upload without a meta part");
        }
        return r.body;
    }

    /** WeChat Pay's checks; returns the problem, or null when the request is authentic. */
    private String checkSignature(Recorded r) throws Exception {
        Map<String, String> a = r.authorization;
        for (String field : List.of("mchid", "nonce_str", "signature", "timestamp", "serial_no")) {
            if (!a.containsKey(field)) {
                return "Authorization lacks " + field;
            }
        }
        Merchant merchant = merchants.get(a.get("mchid"));
        if (merchant == null) {
            return "unknown mchid";
        }
        if (!merchant.serial.equals(a.get("serial_no"))) {
            return "serial_no is not the merchant certificate";
        }
        long skew = Long.parseLong(a.get("timestamp")) - System.currentTimeMillis() / 1000;
        if (Math.abs(skew) > 300) {
            return "timestamp out of window";
        }
        if (!a.get("nonce_str").matches("[0-9A-Za-z]{32}") || !seenNonces.add(a.get("nonce_str"))) {
            return "nonce_str malformed or replayed";
        }
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(merchant.merchantPublicKey);
        verifier.update((r.method + "\n" + r.pathAndQuery + "\n" + a.get("timestamp") + "\n" + a.get("nonce_str")
                + "\n").getBytes(StandardCharsets.UTF_8));
        verifier.update(signedBody(r));
        verifier.update((byte) '\n');
        if (!verifier.verify(Base64.getDecoder().decode(a.get("signature")))) {
            return "signature does not verify";
        }
        return null;
    }

    private static void write(HttpExchange exchange, int status, String body, String contentType, Signing signing,
            Merchant merchant, String requestId) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        com.sun.net.httpserver.Headers headers = exchange.getResponseHeaders();
        headers.add("Request-ID", requestId);
        if (contentType != null) {
            headers.add("Content-Type", contentType);
        }
        if (signing != Signing.UNSIGNED && merchant != null) {
            long now = System.currentTimeMillis() / 1000;
            // Far outside the 300 s window: the server and the client read the wall clock at different moments, so
            // 301 s would pass whenever a second boundary falls between them (the exact boundary is unit-tested).
            long timestamp = signing == Signing.STALE ? now - 600 : signing == Signing.FUTURE ? now + 600 : now;
            String nonce = "p0dCzHj6sPQ8WbEx3sVj7hcgXwTNrS1c";
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(merchant.wechatPayPrivateKey);
            signer.update((timestamp + "\n" + nonce + "\n").getBytes(StandardCharsets.UTF_8));
            signer.update(bytes);
            signer.update((byte) '\n');
            String signature = Base64.getEncoder().encodeToString(signer.sign());
            if (signing == Signing.SIGNTEST) {
                signature = "WECHATPAY/SIGNTEST/" + signature;
            }
            if (signing == Signing.TAMPERED) {
                bytes = body.replace("1", "2").getBytes(StandardCharsets.UTF_8);
            }
            headers.add("Wechatpay-Timestamp", String.valueOf(timestamp));
            headers.add("Wechatpay-Nonce", nonce);
            headers.add("Wechatpay-Signature", signature);
            headers.add("Wechatpay-Serial", signing == Signing.UNKNOWN_SERIAL ? "PUB_KEY_ID_0000000000UNKNOWN"
                    : merchant.wechatPayKeyId);
            headers.add("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048");
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
