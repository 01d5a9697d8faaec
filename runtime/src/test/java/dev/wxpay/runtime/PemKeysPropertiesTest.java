package dev.wxpay.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * {@link PemKeys} on arbitrary text and on truncated, corrupted or mixed PEM blocks: it returns a key or throws its
 * documented {@link IllegalArgumentException} with a message, which never echoes the Base64 it was given.
 */
@Label("PemKeys on arbitrary and damaged PEM")
class PemKeysPropertiesTest {
    private static final String PRIVATE = TestKeys.privatePem(TestKeys.MERCHANT.getPrivate());
    private static final String PUBLIC = TestKeys.pem("PUBLIC KEY", TestKeys.WECHATPAY.getPublic().getEncoded());
    private static String certificate;

    @BeforeContainer
    static void loadCertificate() throws Exception {
        certificate = TestKeys.pem("CERTIFICATE", TestKeys.platformCertificate().certificate.getEncoded());
    }

    private static final List<Function<String, Object>> LOADERS = List.of(PemKeys::privateKey, PemKeys::publicKey,
            PemKeys::certificate);

    @Provide
    Arbitrary<String> blocks() {
        return Arbitraries.of("PRIVATE", "PUBLIC", "CERTIFICATE", "RSA PRIVATE KEY", "ENCRYPTED PRIVATE KEY",
                "RSA PUBLIC KEY", "EC PRIVATE KEY", "GARBAGE").map(kind -> {
                    switch (kind) {
                        case "PRIVATE":
                            return PRIVATE;
                        case "PUBLIC":
                            return PUBLIC;
                        case "CERTIFICATE":
                            return certificate;
                        case "GARBAGE":
                            return "not a pem at all\n";
                        default:
                            // A real label around another key's Base64: found, but not what was asked for.
                            return PRIVATE.replace("PRIVATE KEY", kind);
                    }
                });
    }

    @Property(tries = 300)
    @Label("arbitrary text is refused with an IllegalArgumentException that has a message")
    void arbitraryText(@ForAll String text, @ForAll @IntRange(min = 0, max = 2) int loader) {
        assertOnlyDocumentedFailure(text, loader, null);
    }

    @Property(tries = 300)
    @Label("a PEM file cut anywhere either still loads (only trailing text lost) or is refused with a message")
    void truncated(@ForAll("blocks") String pem, @ForAll int position, @ForAll @IntRange(min = 0, max = 2) int loader) {
        String cut = pem.substring(0, Math.floorMod(position, pem.length() + 1));
        assertOnlyDocumentedFailure(cut, loader, base64Of(pem));
    }

    @Property(tries = 300)
    @Label("a PEM file with one character replaced loads or is refused with a message")
    void corrupted(@ForAll("blocks") String pem, @ForAll int position, @ForAll char replacement,
            @ForAll @IntRange(min = 0, max = 2) int loader) {
        int i = Math.floorMod(position, pem.length());
        String changed = pem.substring(0, i) + replacement + pem.substring(i + 1);
        assertOnlyDocumentedFailure(changed, loader, base64Of(pem));
    }

    @Property(tries = 300)
    @Label("several blocks of any kinds, with text in between, load the expected block or are refused")
    void mixed(@ForAll @net.jqwik.api.constraints.Size(max = 4) List<@net.jqwik.api.From("blocks") String> blocks,
            @ForAll @net.jqwik.api.constraints.StringLength(max = 20) String separator,
            @ForAll @IntRange(min = 0, max = 2) int loader) {
        String pem = String.join(separator, blocks);
        Object loaded = assertOnlyDocumentedFailure(pem, loader, null);
        String expected = List.of(PRIVATE, PUBLIC, certificate).get(loader);
        if (loaded != null) {
            // The first block with the expected label is the one loaded.
            assertThat(pem).contains(expected.substring(0, expected.indexOf('\n')));
        }
    }

    /** The loaded object, or null when refused; fails the property on any other outcome. */
    private static Object assertOnlyDocumentedFailure(String text, int loader, String secret) {
        Object[] loaded = new Object[1];
        Throwable thrown = catchThrowable(() -> loaded[0] = LOADERS.get(loader).apply(text));
        if (thrown == null) {
            assertThat(loaded[0]).isNotNull();
            return loaded[0];
        }
        assertThat(thrown).isExactlyInstanceOf(IllegalArgumentException.class);
        assertThat(thrown.getMessage()).isNotBlank().startsWith("the ");
        if (secret != null) {
            for (String line : secret.split("\n")) {
                if (line.length() > 16) {
                    assertThat(thrown.getMessage()).doesNotContain(line);
                }
            }
        }
        return null;
    }

    private static String base64Of(String pem) {
        int start = pem.indexOf("-----\n");
        int end = pem.indexOf("\n-----END");
        return start < 0 || end < 0 ? null : pem.substring(start + 6, end);
    }
}
