package io.licensenotify.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * {@code --version}: the version, commit and build date the build wrote into a resource (the version else from the
 * jar's Implementation-Version).
 */
public final class VersionProvider implements IVersionProvider {

    public static String version() {
        String v = built().getProperty("version", "");
        if (!v.isBlank()) return v;
        String fromJar = VersionProvider.class.getPackage().getImplementationVersion();
        return fromJar == null ? "unknown" : fromJar;
    }

    /** {@code commit 1a2b3c4, built 2026-03-02T10:00:00Z}; "unknown" for what the build could not tell. */
    static String build() {
        Properties p = built();
        String commit = p.getProperty("commit", "");
        return "commit " + (commit.isBlank() ? "unknown" : commit
                + ("true".equals(p.getProperty("dirty")) ? " with uncommitted changes" : ""))
                + ", built " + p.getProperty("built", "").transform(b -> b.isBlank() ? "unknown" : b);
    }

    /** What the build filtered into version.properties; a value it could not fill (still {@code ${...}}) is left out. */
    private static Properties built() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in != null) p.load(in);
        } catch (IOException ignored) {
            // nothing known: the manifest and "unknown" stand in
        }
        p.stringPropertyNames().stream().filter(k -> p.getProperty(k).startsWith("${")).toList().forEach(p::remove);
        return p;
    }

    @Override
    public String[] getVersion() {
        return new String[]{"license-notify " + version() + " (" + build() + ")",
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
}
