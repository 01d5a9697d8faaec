package dev.wxpay.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The faults {@link FaultInjector} handed to one exchange, and what each does to it: a delay before answering, an
 * injected 5xx instead of the answer, a changed body after signing (JSON answers) or a changed byte (unsigned
 * downloads). The signing faults are read by {@link AnswerSigner}. Immutable.
 */
final class AppliedFaults {

    static final AppliedFaults NONE = new AppliedFaults(List.of());

    private final List<Fault> faults;

    AppliedFaults(List<Fault> faults) {
        this.faults = List.copyOf(faults);
    }

    /** Every applied fault, in the order the rules were added. */
    List<Fault> all() {
        return faults;
    }

    /** Sleeps for each {@link Fault.Kind#DELAY}; an interrupt ends the wait and is kept for the caller. */
    void pause() {
        for (Fault f : faults) {
            if (f.kind() == Fault.Kind.DELAY) {
                try {
                    Thread.sleep(f.delayDuration().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** @throws WechatError the first {@link Fault.Kind#SERVER_ERROR}, as WeChat Pay's {@code SYSTEM_ERROR} */
    void throwServerError() {
        for (Fault f : faults) {
            if (f.kind() == Fault.Kind.SERVER_ERROR) {
                throw new WechatError(f.status(), "SYSTEM_ERROR", "系统错误 (injected fault)", null);
            }
        }
    }

    /** A signed answer's bytes as sent: changed after signing when a {@link Fault.Kind#TAMPERED_BODY} applies. */
    byte[] tamperSigned(byte[] body, ObjectMapper mapper) {
        return faults.stream().anyMatch(f -> f.kind() == Fault.Kind.TAMPERED_BODY) ? tamper(body, mapper) : body;
    }

    /**
     * A download as sent. A download carries no signature, so a tampered one has one byte changed per
     * {@link Fault.Kind#TAMPERED_BODY}: it must show as a wrong hash (or a broken gzip).
     */
    ProductDoor.RawAnswer tamperDownload(ProductDoor.RawAnswer raw) {
        ProductDoor.RawAnswer out = raw;
        for (Fault f : faults) {
            if (f.kind() == Fault.Kind.TAMPERED_BODY && out.body().length > 0) {
                byte[] changed = out.body().clone();
                changed[changed.length / 2] ^= 0x01;
                out = new ProductDoor.RawAnswer(out.status(), out.contentType(), changed);
            }
        }
        return out;
    }

    /** Changes one value of a JSON answer (or appends a space), so the bytes no longer match the signature. */
    private static byte[] tamper(byte[] body, ObjectMapper mapper) {
        try {
            JsonNode node = mapper.readTree(body);
            if (node != null && node.isObject()) {
                ObjectNode copy = (ObjectNode) node.deepCopy();
                var it = copy.fields();
                while (it.hasNext()) {
                    var f = it.next();
                    if (f.getValue().isTextual()) {
                        copy.put(f.getKey(), f.getValue().asText() + "0");
                        return copy.toString().getBytes(StandardCharsets.UTF_8);
                    }
                }
            }
        } catch (IOException e) {
            // not JSON: fall through to the byte-level change
        }
        byte[] out = Arrays.copyOf(body, body.length + 1);
        out[body.length] = ' ';
        return out;
    }
}
