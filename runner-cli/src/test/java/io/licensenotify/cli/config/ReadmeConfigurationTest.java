package io.licensenotify.cli.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** docs/operating.md's configuration table names the registry's keys, each with the registry's default, and no other. */
class ReadmeConfigurationTest {
    private static final Path README = Path.of("..", "docs", "operating.md");
    /** A default cell of values only: {@code `PT5S`, `PT30S`}, maybe followed by a remark: {@code `16777216` (16 MiB)}. */
    private static final Pattern VALUES = Pattern.compile("`[^`]+`(, `[^`]+`)*( \\(.*\\))?");
    private static final Pattern QUOTED = Pattern.compile("`([^`]+)`");

    /** Key to default, as the table says; a row of several keys gives one default each, or one for all. */
    static Map<String, String> table(List<String> lines) {
        int header = lines.indexOf("| key | default | meaning |");
        assertThat(header).as("the configuration table's header").isNotNegative();
        Map<String, String> documented = new LinkedHashMap<>();
        for (String line : lines.subList(header + 2, lines.size())) {
            if (!line.startsWith("|")) break;
            String[] cells = line.split("\\|");
            List<String> keys = quoted(cells[1].trim());
            String cell = cells[2].trim();
            List<String> defaults = VALUES.matcher(cell).matches() ? quoted(cell.replaceAll(" \\(.*\\)$", ""))
                    : List.of(cell);
            assertThat(defaults.size()).as(line).isIn(1, keys.size());
            for (int i = 0; i < keys.size(); i++) {
                String previous = documented.put(keys.get(i), defaults.get(defaults.size() == 1 ? 0 : i));
                assertThat(previous).as("%s listed twice", keys.get(i)).isNull();
            }
        }
        return documented;
    }

    private static List<String> quoted(String cell) {
        List<String> values = new ArrayList<>();
        Matcher m = QUOTED.matcher(cell);
        while (m.find()) values.add(m.group(1));
        return values;
    }

    /** The registry as the table should show it, the defaults that follow from other keys as written there. */
    static Map<String, String> registry() {
        Map<String, String> registry = new LinkedHashMap<>();
        for (Key<?> key : Keys.ALL) registry.put(key.name(), unquoted(key.documentedDefault()));
        registry.put(Keys.THRESHOLD_CAMPAIGNS, Keys.THRESHOLD_CAMPAIGNS_DEFAULT);
        return registry;
    }

    /** A default that is one quoted expression ({@code `<lms.base-url>/oauth2/access_token`}) is compared unquoted. */
    private static String unquoted(String documented) {
        return documented.matches("`[^`]+`") ? documented.substring(1, documented.length() - 1) : documented;
    }

    @Test
    void theReadmeTableHasTheRegistrysKeysWithTheirDefaults() throws IOException {
        Map<String, String> readme = table(Files.readAllLines(README));
        Map<String, String> registry = registry();

        assertThat(readme.keySet()).as("keys in docs/operating.md's configuration table")
                .containsExactlyInAnyOrderElementsOf(registry.keySet());
        List<String> differ = new ArrayList<>();
        registry.forEach((key, value) -> {
            if (!value.equals(readme.get(key))) differ.add(key + ": docs/operating.md says " + readme.get(key) + ", the registry " + value);
        });
        assertThat(differ).as("defaults in docs/operating.md's configuration table").isEmpty();
    }

    @Test
    void readsEachKeyOfARowWithItsOwnDefaultSoThatAnotherDefaultIsSeen() {
        Map<String, String> read = table(List.of("text before", "| key | default | meaning |", "| --- | --- | --- |",
                "| `lms.timeout.connect`, `lms.timeout.read` | `PT5S`, `PT10S` | deadlines |",
                "| `db.user`, `db.password` | none | credentials |",
                "| `db.pool-size` | `notify.concurrency` + 2 | connections |",
                "| `lms.max-page-bytes` | `16777216` (16 MiB) | the longest answer |",
                "", "| other | table |"));

        assertThat(read).containsExactly(entry("lms.timeout.connect", "PT5S"), entry("lms.timeout.read", "PT10S"),
                entry("db.user", "none"), entry("db.password", "none"),
                entry("db.pool-size", "`notify.concurrency` + 2"), entry("lms.max-page-bytes", "16777216"));
        Map<String, String> registry = registry();
        read.forEach((key, value) -> {
            if (!key.equals("lms.timeout.read")) assertThat(value).as(key).isEqualTo(registry.get(key));
        });
        assertThat(read.get("lms.timeout.read")).isNotEqualTo(registry.get("lms.timeout.read"));
    }
}
