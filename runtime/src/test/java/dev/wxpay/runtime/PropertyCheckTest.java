package dev.wxpay.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The property-test helper itself: replayable seeds and failure messages that name the seed and the input. */
@DisplayName("PropertyCheck")
class PropertyCheckTest {
    static final class Case {
        final String text;
        final byte[] bytes;

        Case(String text, byte[] bytes) {
            this.text = text;
            this.bytes = bytes;
        }
    }

    @Test
    @DisplayName("a failing property names itself, the seed, the case number and the input, with the failure as cause")
    void failureNamesSeedAndInput() {
        IllegalStateException cause = new IllegalStateException("boom");

        Throwable thrown = catchThrowable(() -> PropertyCheck.forAll(5,
                r -> new Case("caf\u00e9\n", new byte[] {1, (byte) 0xAB}), c -> {
                    throw cause;
                }));

        assertThat(thrown).isInstanceOf(AssertionError.class).hasCause(cause);
        assertThat(thrown.getMessage())
                .contains("property PropertyCheckTest.failureNamesSeedAndInput failed", "case 1 of 5", "seed ",
                        "-D" + PropertyCheck.SEED_PROPERTY + "=",
                        "Case[text=\"caf\\u00E9\\u000A\", bytes=byte[2] 01ab]", "boom");
    }

    @Test
    @DisplayName("the same seed draws the same cases, so a failure replays")
    void sameSeedSameCases() {
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();

        PropertyCheck.forAll(20, r -> PropertyCheck.unicode(r, 30), first::add);
        PropertyCheck.forAll(20, r -> PropertyCheck.unicode(r, 30), second::add);

        assertThat(first).isEqualTo(second);
        assertThat(first.stream().distinct().count()).as("distinct cases").isGreaterThan(10);
    }

    @Test
    @DisplayName("the seed system property replaces the test's own seed")
    void seedPropertyReplacesTheSeed() {
        String before = System.getProperty(PropertyCheck.SEED_PROPERTY);
        List<Long> drawn = new ArrayList<>();
        try {
            System.setProperty(PropertyCheck.SEED_PROPERTY, "42");
            PropertyCheck.forAll(1, SplittableRandom::nextLong, drawn::add);
        } finally {
            if (before == null) {
                System.clearProperty(PropertyCheck.SEED_PROPERTY);
            } else {
                System.setProperty(PropertyCheck.SEED_PROPERTY, before);
            }
        }

        assertThat(drawn).containsExactly(new SplittableRandom(42).split().nextLong());
    }
}
