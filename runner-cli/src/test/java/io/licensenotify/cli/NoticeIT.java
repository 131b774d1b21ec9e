package io.licensenotify.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * NOTICE at the repository root names every third-party library inside the shaded jar with its
 * licenses. The build writes that list (license-maven-plugin, from each library's POM) into
 * {@code runner-cli/target/generated-sources/license/THIRD-PARTY.txt}; this test fails when NOTICE no longer says the
 * same, or when the jar carries a library (by its {@code META-INF/maven/.../pom.properties}) that NOTICE does not name.
 */
class NoticeIT {
    /** A line of the list: {@code (License) (Other) Name (group:artifact:version - url)}. */
    private static final Pattern ENTRY = Pattern.compile("^\\s+(\\(.+\\)) .+ \\(([^:\\s()]+):([^:\\s()]+):(\\S+) - .*\\)$");
    private static final Path GENERATED = Path.of("target/generated-sources/license/THIRD-PARTY.txt");
    private static final Path NOTICE = Path.of("../NOTICE");
    private static final String REFRESH = "NOTICE is out of date; after './mvnw -B -q -DskipTests package' refresh it with: "
            + "sed -i '/^Lists of/,$d' NOTICE && cat runner-cli/target/generated-sources/license/THIRD-PARTY.txt >> NOTICE";

    @Test
    void noticeListsWhatTheBuildBundlesWithTheLicensesTheirPomsDeclare() throws IOException {
        List<String> generated = entries(Files.readString(GENERATED));

        assertThat(generated).as("the generated list").isNotEmpty().noneMatch(l -> l.contains("Unknown license"));
        assertThat(entries(Files.readString(NOTICE))).as(REFRESH).containsExactlyElementsOf(generated);
    }

    @Test
    void everyLibraryInsideTheJarIsNamedInTheNotice() throws IOException {
        Set<String> named = new TreeSet<>();
        for (String line : entries(Files.readString(NOTICE))) {
            Matcher m = ENTRY.matcher(line);
            if (m.matches()) named.add(m.group(2) + ":" + m.group(3) + ":" + m.group(4));
        }
        Set<String> bundled = new TreeSet<>();
        try (JarFile jar = new JarFile(System.getProperty("license-notify.jar", "target/license-notify.jar"))) {
            for (JarEntry e : jar.stream().toList()) {
                if (!e.getName().startsWith("META-INF/maven/") || !e.getName().endsWith("/pom.properties")) continue;
                Properties p = new Properties();
                try (InputStream in = jar.getInputStream(e)) {
                    p.load(in);
                }
                if (!p.getProperty("groupId").equals("io.licensenotify"))
                    bundled.add(p.getProperty("groupId") + ":" + p.getProperty("artifactId") + ":" + p.getProperty("version"));
            }
            assertThat(jar.getEntry("THIRD-PARTY.txt")).as("the list travels inside the jar").isNotNull();
        }
        assertThat(bundled).hasSizeGreaterThan(10);
        assertThat(named).as(REFRESH).containsAll(bundled);
    }

    private static List<String> entries(String text) {
        List<String> entries = new ArrayList<>();
        text.lines().filter(l -> ENTRY.matcher(l).matches()).forEach(entries::add);
        return entries;
    }
}
