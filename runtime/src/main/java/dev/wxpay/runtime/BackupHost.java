package dev.wxpay.runtime;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.util.Locale;

/**
 * The failover behind {@link WechatPayClient.Builder#backupBaseUri}: when a call to the main host fails before
 * anything was sent (the name does not resolve, the connection is refused or cannot be opened in time), the call is
 * made once more on the backup host, signed afresh for it. Any other failure (a reset, a timeout after the request
 * went out, a broken answer) is not retried: the request may have reached WeChat Pay, and repeating a payment
 * request is the caller's decision, never the runtime's.
 *
 * <p>Immutable and thread-safe.
 */
final class BackupHost {
    private final String baseText;
    private final String basePath;
    private final String mainBasePath;
    private final RequestSigner signer;
    private final Clock clock;
    private final NonceSource nonces;

    BackupHost(URI backup, String mainBasePath, RequestSigner signer, Clock clock, NonceSource nonces) {
        String text = backup.toString();
        String rawPath = backup.getRawPath() == null ? "" : backup.getRawPath();
        this.baseText = strip(text.substring(0, text.length() - rawPath.length()));
        this.basePath = strip(rawPath);
        this.mainBasePath = mainBasePath;
        this.signer = signer;
        this.clock = clock;
        this.nonces = nonces;
    }

    private static String strip(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /**
     * Whether the failure happened before the request could have been sent: a connect-phase failure anywhere in
     * the cause chain. The JDK reports a refused or unresolvable host as {@link ConnectException} and a connect
     * timeout as {@link HttpConnectTimeoutException}; OkHttp uses {@link ConnectException},
     * {@link UnknownHostException} and a {@link SocketTimeoutException} saying "connect timed out".
     */
    static boolean neverSent(TransportException failure) {
        for (Throwable t = failure.getCause(); t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof HttpConnectTimeoutException
                    || t instanceof UnresolvedAddressException) {
                return true;
            }
            if (t instanceof SocketTimeoutException && String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT)
                    .startsWith("connect timed out")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** The same request on the backup host, with a new nonce, timestamp and signature. */
    WireRequest retarget(WireRequest request) {
        String relative = request.pathAndQuery().substring(mainBasePath.length());
        String pathAndQuery = basePath + relative;
        String authorization = signer.authorization(request.method(), pathAndQuery, request.rawSignedBody(),
                clock.instant().getEpochSecond(), nonces.nextNonce());
        return new WireRequest(request.method(), URI.create(baseText + pathAndQuery), pathAndQuery,
                request.withHeader("Authorization", authorization).headers(), request.rawBody(),
                request.operationId(), request.rawSignedBody() == request.rawBody() ? null : request.rawSignedBody());
    }
}
