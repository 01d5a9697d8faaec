package dev.wxpay.codegen;

import java.util.List;

/**
 * Generation failed because of the input (spec, templates, configuration): the message says where and what to
 * do. Not for bugs of the generator itself.
 */
public class GenerationException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    /** A failure with one or more problems, each naming the file, line or JSON pointer it is about. */
    public GenerationException(String summary, List<String> problems) {
        super(format(summary, problems));
        this.problems = List.copyOf(problems);
    }

    /** A failure with a single problem caused by {@code cause}. */
    public GenerationException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of(message);
    }

    /** The problems, one line each. */
    public List<String> problems() {
        return problems;
    }

    private static String format(String summary, List<String> problems) {
        StringBuilder out = new StringBuilder(summary);
        for (String problem : problems) {
            out.append(System.lineSeparator()).append("  - ").append(problem);
        }
        return out.toString();
    }
}
