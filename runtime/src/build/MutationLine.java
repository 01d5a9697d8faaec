import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PIT's {@code mutations.xml} and prints one line:
 * {@code MUTATION <module> killed=<k> survived=<s> no_coverage=<n> score=<percent>}. Mutants PIT counts as
 * detected (killed, timed out, memory or run error) are "killed"; the score is killed over all mutants, as PIT's
 * own mutation score. Then it lists each surviving or uncovered mutant, so the README's list can be checked.
 * Run as a single-file program by the runtime's {@code mutation} profile (no build dependency needed).
 */
public final class MutationLine {
    private MutationLine() {
    }

    public static void main(String[] args) throws Exception {
        String module = args[0];
        String xml = Files.readString(Path.of(args[1]));
        Matcher mutation = Pattern.compile("<mutation [^>]*status='([A-Z_]+)'[^>]*>(.*?)</mutation>", Pattern.DOTALL)
                .matcher(xml);
        int killed = 0;
        int survived = 0;
        int noCoverage = 0;
        StringBuilder open = new StringBuilder();
        while (mutation.find()) {
            String status = mutation.group(1);
            switch (status) {
                case "KILLED":
                case "TIMED_OUT":
                case "MEMORY_ERROR":
                case "RUN_ERROR":
                    killed++;
                    break;
                case "SURVIVED":
                    survived++;
                    open.append(describe(status, mutation.group(2)));
                    break;
                case "NO_COVERAGE":
                    noCoverage++;
                    open.append(describe(status, mutation.group(2)));
                    break;
                default:
                    break; // NON_VIABLE: never ran, not a mutant of the code
            }
        }
        int total = killed + survived + noCoverage;
        double score = total == 0 ? 0 : 100.0 * killed / total;
        System.out.println(String.format(Locale.ROOT, "MUTATION %s killed=%d survived=%d no_coverage=%d score=%.1f%%",
                module, killed, survived, noCoverage, score));
        System.out.print(open);
    }

    private static String describe(String status, String body) {
        return String.format(Locale.ROOT, "  %s %s.%s line %s: %s%n", status, field(body, "mutatedClass"),
                field(body, "mutatedMethod"), field(body, "lineNumber"), field(body, "description"));
    }

    private static String field(String body, String name) {
        Matcher m = Pattern.compile("<" + name + ">(.*?)</" + name + ">", Pattern.DOTALL).matcher(body);
        return m.find() ? m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&") : "?";
    }
}
