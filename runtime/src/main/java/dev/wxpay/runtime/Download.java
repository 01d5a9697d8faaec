package dev.wxpay.runtime;

/**
 * What a finished download ({@link WechatPayClient#download}, {@link WechatPayClient#downloadBill},
 * {@link WechatPayClient#downloadEncryptedBill}) reports.
 *
 * <p>How downloads work: the GET to the {@code download_url} is signed like any request, over the URL's path and
 * query. The answer is accepted without a WeChat Pay signature, because WeChat Pay does not sign download answers;
 * a bill's integrity comes from the hash in the signed and verified bill answer, which {@code downloadBill} checks.
 * The body streams to the caller's stream or file with flat memory, whatever its size. The client's timeout bounds
 * the wait for the answer and each wait for more bytes, not the whole transfer. The {@code Path} overloads write
 * to a temporary file beside the target and move it into place only when every check passed. Interceptors do not
 * see downloads: their {@link WireResponse} holds a whole body in memory, which a download must never do.
 *
 * <p>What it reports: how many bytes were written to the caller's stream or file (for a bill, the
 * uncompressed, decrypted bill) and WeChat Pay's {@code Request-ID} for support.
 *
 * <p>Immutable and thread-safe.
 */
public final class Download {
    private final long bytesWritten;
    private final String requestId;

    Download(long bytesWritten, String requestId) {
        this.bytesWritten = bytesWritten;
        this.requestId = requestId;
    }

    /** The number of bytes written. */
    public long bytesWritten() {
        return bytesWritten;
    }

    /** The answer's {@code Request-ID}, or null when it had none. */
    public String requestId() {
        return requestId;
    }

    @Override
    public String toString() {
        return "Download{bytesWritten=" + bytesWritten + ", requestId=" + requestId + "}";
    }
}
