package dev.wxpay.runtime;

import static dev.wxpay.runtime.PropertyCheck.forAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link PemKeys} on arbitrary text and on truncated, corrupted or mixed PEM blocks: it returns a key or throws its
 * documented {@link IllegalArgumentException} with a message, which never echoes the Base64 it was given.
 */
@DisplayName("PemKeys on arbitrary and damaged PEM")
class PemKeysPropertiesTest {
    private static final String PRIVATE = TestKeys.privatePem(TestKeys.MERCHANT.getPrivate());
    private static final String PUBLIC = TestKeys.pem("PUBLIC KEY", TestKeys.WECHATPAY.getPublic().getEncoded());
    private static String certificate;

    @BeforeAll
    static void loadCertificate() throws Exception {
        certificate = TestKeys.pem("CERTIFICATE", TestKeys.platformCertificate().certificate.getEncoded());
    }

    private static final List<Function<String, Object>> LOADERS = List.of(PemKeys::privateKey, PemKeys::publicKey,
            PemKeys::certificate);

    /** A PEM block of any kind: the three loadable ones, real labels around the wrong key, or no PEM at all. */
    static String block(SplittableRandom r) {
        String kind = PropertyCheck.pick(r, "PRIVATE", "PUBLIC", "CERTIFICATE", "RSA PRIVATE KEY",
                "ENCRYPTED PRIVATE KEY", "RSA PUBLIC KEY", "EC PRIVATE KEY", "GARBAGE");
        switch (kind) {
            case "PRIVATE":
                return PRIVATE;
            case "PUBLIC":
                return PUBLIC;
            case "CERTIFICATE":
                return certificate;
            case "GARBAGE":
                return "not a pem at all\n";
            // A real label around another key's Base64: found, but not what was asked for.
            default:
                return PRIVATE.replace("PRIVATE KEY", kind);
        }
    }

    static final class Text {
        final String text;
        final int loader;

        Text(String text, int loader) {
            this.text = text;
            this.loader = loader;
        }

        static Text generate(SplittableRandom r) {
            return new Text(PropertyCheck.anyString(r, 0, 300), r.nextInt(3));
        }
    }

    @Test
    @DisplayName("arbitrary text is refused with an IllegalArgumentException that has a message")
    void arbitraryText() {
        forAll(300, Text::generate, c -> assertOnlyDocumentedFailure(c.text, c.loader, null));
    }

    static final class Damaged {
        final String pem;
        final int position;
        final char replacement;
        final int loader;

        Damaged(String pem, int position, char replacement, int loader) {
            this.pem = pem;
            this.position = position;
            this.replacement = replacement;
            this.loader = loader;
        }

        static Damaged generate(SplittableRandom r) {
            return new Damaged(block(r), PropertyCheck.anyInt(r), (char) r.nextInt(0x10000), r.nextInt(3));
        }
    }

    @Test
    @DisplayName("a PEM file cut anywhere either still loads (only trailing text lost) or is refused with a message")
    void truncated() {
        forAll(300, Damaged::generate, c -> {
            String pem = c.pem;
            String cut = pem.substring(0, Math.floorMod(c.position, pem.length() + 1));
            assertOnlyDocumentedFailure(cut, c.loader, base64Of(pem));
        });
    }

    @Test
    @DisplayName("a PEM file with one character replaced loads or is refused with a message")
    void corrupted() {
        forAll(300, Damaged::generate, c -> {
            String pem = c.pem;
            int i = Math.floorMod(c.position, pem.length());
            String changed = pem.substring(0, i) + c.replacement + pem.substring(i + 1);
            assertOnlyDocumentedFailure(changed, c.loader, base64Of(pem));
        });
    }

    static final class Mixed {
        final List<String> blocks;
        final String separator;
        final int loader;

        Mixed(List<String> blocks, String separator, int loader) {
            this.blocks = blocks;
            this.separator = separator;
            this.loader = loader;
        }

        static Mixed generate(SplittableRandom r) {
            return new Mixed(PropertyCheck.list(r, 0, 4, PemKeysPropertiesTest::block),
                    PropertyCheck.anyString(r, 0, 20), r.nextInt(3));
        }
    }

    @Test
    @DisplayName("several blocks of any kinds, with text in between, load the expected block or are refused")
    void mixed() {
        forAll(300, Mixed::generate, c -> {
            String pem = String.join(c.separator, c.blocks);
            Object loaded = assertOnlyDocumentedFailure(pem, c.loader, null);
            String expected = List.of(PRIVATE, PUBLIC, certificate).get(c.loader);
            if (loaded != null) {
                // The first block with the expected label is the one loaded.
                assertThat(pem).contains(expected.substring(0, expected.indexOf('\n')));
            }
        });
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
