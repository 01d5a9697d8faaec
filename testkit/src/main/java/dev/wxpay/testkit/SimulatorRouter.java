package dev.wxpay.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers one HTTP call: control endpoints under {@link WechatPaySimulator#CONTROL_PREFIX}, {@code GET
 * /v3/certificates}, the spec's operations (authenticated, validated, answered by a product's state or by the
 * example, sensitive fields encrypted, signed) and the paths outside the spec a product serves (downloads, unsigned).
 * Applies the injected faults and records every API call. Thread-safe: its collaborators are, and it keeps no state.
 */
final class SimulatorRouter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** What a served operation answers: status, body (null for none) and the WeChat Pay error code of an error. */
    private record Outcome(int status, JsonNode body, String errorCode) {
        static Outcome of(WechatError e) {
            return new Outcome(e.status(), e.body(), e.code());
        }
    }

    private final SimulatorSpec spec;
    private final SecureRandom random;
    private final Map<String, SimulatedMerchant> merchants;
    private final RequestAuthenticator authenticator;
    private final SpecRequestValidator validator;
    private final ObjectMapper mapper;
    private final FaultInjector faults;
    private final PlatformCertificateDesk certificates;
    private final AnswerSigner signer;
    private final ControlEndpoints controls;
    private final List<ProductDoor> doors;
    private final Map<String, ProductDoor> doorsByOperation;
    private final RequestLog log;

    SimulatorRouter(SimulatorSpec spec, SecureRandom random, Map<String, SimulatedMerchant> merchants,
                    RequestAuthenticator authenticator, SpecRequestValidator validator, ObjectMapper mapper,
                    FaultInjector faults, PlatformCertificateDesk certificates, AnswerSigner signer,
                    ControlEndpoints controls, List<ProductDoor> doors, RequestLog log) {
        this.spec = spec;
        this.random = random;
        this.merchants = merchants;
        this.authenticator = authenticator;
        this.validator = validator;
        this.mapper = mapper;
        this.faults = faults;
        this.certificates = certificates;
        this.signer = signer;
        this.controls = controls;
        this.doors = doors;
        this.doorsByOperation = doorsByOperation(doors);
        this.log = log;
    }

    LoopbackHttpServer.HttpAnswer handle(LoopbackHttpServer.HttpCall call) {
        String requestId = Crypto.hex(random, 48);
        String rawPath = Exchange.rawPath(call.target());
        if (rawPath.startsWith(WechatPaySimulator.CONTROL_PREFIX)) {
            return control(call, rawPath, requestId);
        }
        List<String> values = new ArrayList<>();
        SpecOperation op = spec.match(call.method(), rawPath, values);
        AppliedFaults applied = new AppliedFaults(faults.take(op == null ? null : op.operationId(), rawPath));
        applied.pause();
        // Authenticated after the delay, so that a delayed request meets the clock as a slow one would.
        Exchange x = Exchange.of(call, requestId, op, values, applied, authenticator.authenticate(call));
        if (x.auth.error() == null && certificates.serves(call.method(), rawPath)) {
            return certificateDownload(x);
        }
        return serve(x);
    }

    /** A spec operation or a product's unlisted path; every failure is answered like WeChat Pay, signed. */
    private LoopbackHttpServer.HttpAnswer serve(Exchange x) {
        Outcome outcome;
        try {
            if (x.auth.error() != null) {
                throw x.auth.error();
            }
            if (x.operation == null) {
                return serveUnlisted(x);
            }
            checkTrustedSerial(x.call.header("Wechatpay-Serial"));
            x.faults.throwServerError();
            JsonNode body = validator.validate(x.operation, x.call, x.pathParams, x.firstQuery());
            if (x.operation.fileType() != null) {
                return download(x);
            }
            outcome = new Outcome(x.operation.successStatus(), answer(x, body), null);
        } catch (WechatError e) {
            outcome = Outcome.of(e);
        } catch (RuntimeException e) {
            // A simulator bug or a spec it cannot serve: still answer like WeChat Pay, signed, and say what broke.
            outcome = Outcome.of(new WechatError(500, "SYSTEM_ERROR", "simulator failure: " + e, null));
        }
        int status = outcome.status();
        byte[] bytes = outcome.body() == null || status == 204 ? new byte[0]
                : outcome.body().toString().getBytes(StandardCharsets.UTF_8);
        List<LoopbackHttpServer.Header> headers = signer.signedHeaders(bytes, x.requestId, x.faults,
                x.call.header("Wechatpay-Serial"));
        byte[] sent = x.faults.tamperSigned(bytes, mapper);
        log.record(x.recorded(x.auth.error() == null && x.mchid() != null, status, outcome.errorCode()));
        return new LoopbackHttpServer.HttpAnswer(status, headers, sent);
    }

    /** The answer of a validated operation: its product's, else the spec's example, sensitive fields encrypted. */
    private JsonNode answer(Exchange x, JsonNode body) {
        SpecOperation op = x.operation;
        JsonNode example = op.example() == null ? null : op.example().deepCopy();
        ProductDoor door = doorsByOperation.get(op.operationId());
        JsonNode answer = door == null ? example : door.answer(new ProductDoor.ProductCall(op.operationId(),
                x.mchid(), x.pathParams, x.firstQuery(), body, example));
        SensitiveFieldCodec.encryptAnswer(answer, op.responseSchema(), merchants.get(x.mchid()).publicKey());
        return answer;
    }

    /** The client names the WeChat Pay key it trusts; naming another one means its trust is misconfigured. */
    private void checkTrustedSerial(String trusted) {
        if (trusted != null && !signer.knows(trusted)) {
            ObjectNode detail = NODES.objectNode();
            detail.put("field", "Wechatpay-Serial");
            detail.put("value", trusted);
            detail.put("issue", "is not the id of this WeChat Pay key (" + signer.publicKeyId() + ")");
            detail.put("location", "header");
            throw new WechatError(400, "INVALID_REQUEST", "平台公钥ID或证书序列号Wechatpay-Serial错误", detail);
        }
    }

    /** A download operation: a product's own file (a bill it built) or one made from the request, never signed. */
    private LoopbackHttpServer.HttpAnswer download(Exchange x) {
        ProductDoor.RawAnswer raw = productFile(x);
        raw = raw != null ? raw : SpecFiles.answer(x.operation, x.call.method(), x.call.target());
        log.record(x.recorded(true, raw.status(), null));
        return signer.unsigned(raw, x.requestId);
    }

    /** A path outside the spec: a product's file, else 405 for a known path, 404 for an unknown one. */
    private LoopbackHttpServer.HttpAnswer serveUnlisted(Exchange x) {
        ProductDoor.RawAnswer raw = productFile(x);
        if (raw != null) {
            log.record(x.recorded(true, raw.status(), null));
            return signer.unsigned(raw, x.requestId);
        }
        String method = x.call.method();
        boolean otherMethod = spec.knowsPath(x.rawPath);
        throw new WechatError(otherMethod ? 405 : 404, otherMethod ? "METHOD_NOT_ALLOWED" : "NOT_FOUND",
                (otherMethod ? "该接口不支持此请求方法: " : "请求的资源不存在: ") + method + " " + x.rawPath, null);
    }

    /** The file a product serves at this path, with the injected faults applied, or null. */
    private ProductDoor.RawAnswer productFile(Exchange x) {
        Map<String, String> firstQuery = x.firstQuery();
        for (ProductDoor door : doors) {
            ProductDoor.RawAnswer raw = door.serveUnlisted(x.call.method(), x.rawPath, firstQuery, x.mchid());
            if (raw != null) {
                x.faults.throwServerError();
                return x.faults.tamperDownload(raw);
            }
        }
        return null;
    }

    /** GET /v3/certificates, signed with the key the request named, else with the newest certificate. */
    private LoopbackHttpServer.HttpAnswer certificateDownload(Exchange x) {
        Outcome outcome;
        try {
            outcome = new Outcome(200, certificates.download(merchants.get(x.mchid()).apiV3Key()), null);
        } catch (WechatError e) {
            outcome = Outcome.of(e);
        }
        byte[] bytes = outcome.body().toString().getBytes(StandardCharsets.UTF_8);
        String named = x.call.header("Wechatpay-Serial");
        PlatformCertificateDesk.Entry newest = certificates.newest();
        List<LoopbackHttpServer.Header> headers = signer.signedHeaders(bytes, x.requestId, AppliedFaults.NONE,
                named != null || newest == null ? named : newest.serial());
        log.record(x.recorded("downloadCertificates", Map.of(), List.of(), true, outcome.status(),
                outcome.errorCode()));
        return new LoopbackHttpServer.HttpAnswer(outcome.status(), headers, bytes);
    }

    private LoopbackHttpServer.HttpAnswer control(LoopbackHttpServer.HttpCall call, String rawPath, String requestId) {
        ControlEndpoints.Answer a = controls.answer(call.method(),
                rawPath.substring(WechatPaySimulator.CONTROL_PREFIX.length()), call.body());
        byte[] bytes = a.body().toString().getBytes(StandardCharsets.UTF_8);
        return new LoopbackHttpServer.HttpAnswer(a.status(),
                signer.signedHeaders(bytes, requestId, AppliedFaults.NONE, null), bytes);
    }

    private static Map<String, ProductDoor> doorsByOperation(List<ProductDoor> doors) {
        Map<String, ProductDoor> out = new HashMap<>();
        for (ProductDoor door : doors) {
            for (String id : door.operationIds()) {
                if (out.put(id, door) != null) {
                    throw new IllegalStateException("two products answer operation " + id);
                }
            }
        }
        return out;
    }
}
