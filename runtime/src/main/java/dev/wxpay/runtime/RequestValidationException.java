package dev.wxpay.runtime;

import java.util.List;
import java.util.Objects;

/**
 * A request refused before anything was sent, because required values are missing or invalid. Each violation
 * names the offending value by its JSON path, as WeChat Pay's documentation does:
 * {@code "service_id is required"}, {@code "sign_plan_detail[0].plan_detail_no is required"},
 * {@code "request body is required"}, {@code "path parameter merchant_plan_no is required"}.
 *
 * <p>Immutable.
 */
public class RequestValidationException extends WechatPayException {
    private static final long serialVersionUID = 1L;

    private final String operationId;
    private final List<String> violations;

    /**
     * Creates the exception.
     *
     * @param operationId the refused operation (may be null when unknown)
     * @param violations  every violation found, in a stable order; at least one
     */
    public RequestValidationException(String operationId, List<String> violations) {
        super(message(operationId, violations));
        this.operationId = operationId;
        this.violations = List.copyOf(violations);
    }

    private static String message(String operationId, List<String> violations) {
        Objects.requireNonNull(violations, "violations");
        String what = operationId == null ? "request" : operationId + " request";
        return what + " refused before sending: " + String.join("; ", violations);
    }

    /** The operation whose request was refused, or null when unknown. */
    public String operationId() {
        return operationId;
    }

    /** Every violation, each naming the field by its JSON path. Unmodifiable. */
    public List<String> violations() {
        return violations;
    }
}
