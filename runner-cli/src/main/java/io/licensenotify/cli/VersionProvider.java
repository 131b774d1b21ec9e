package io.licensenotify.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** {@code --version}: the version the build wrote into a resource, else the jar's Implementation-Version. */
public final class VersionProvider implements IVersionProvider {

    public static String version() {
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "");
                if (!v.isBlank() && !v.startsWith("${")) return v;
            }
        } catch (IOException ignored) {
            // fall back to the manifest
        }
        String fromJar = VersionProvider.class.getPackage().getImplementationVersion();
        return fromJar == null ? "unknown" : fromJar;
    }

    @Override
    public String[] getVersion() {
        return new String[]{"license-notify " + version(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
}
