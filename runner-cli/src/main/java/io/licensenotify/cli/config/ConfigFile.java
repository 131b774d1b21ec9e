package io.licensenotify.cli.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The {@code --config} properties file as read: its values, the keys it sets more than once, and
 * whether it shows its secrets to other users.
 * <p>
 * A key set twice with different values is a problem (exit 2): the properties format silently keeps the last one,
 * so the operator cannot tell which campaign, URL or key a run would use, and a pasted block that repeats a key is
 * the usual way to get it wrong. The same value twice changes nothing and is only a warning.
 *
 * @param values    each key's value (the last one, as {@link Properties} reads it)
 * @param problems  keys set twice with different values, each naming its key and the file, never a value
 * @param warnings  keys set twice with the same value, and the file readable by group or others while it holds a secret
 */
record ConfigFile(Map<String, String> values, List<String> problems, List<String> warnings) {
    ConfigFile {
        values = Map.copyOf(values);
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }

    /**
     * Reads {@code path}; {@code secret} tells which keys hold secrets.
     *
     * @throws ConfigException when the file cannot be read
     */
    static ConfigFile read(Path path, Predicate<String> secret) {
        Map<String, List<String>> seen = new LinkedHashMap<>();
        Properties properties = new Properties() {
            @Override
            public synchronized Object put(Object key, Object value) {
                seen.computeIfAbsent(key.toString().trim(), k -> new ArrayList<>()).add(value.toString().trim());
                return super.put(key, value);
            }
        };
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new ConfigException("--config " + path + ": file not found");
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("--config " + path + ": cannot be read (" + e.getMessage() + ")");
        }
        Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(k -> values.put(k.trim(), properties.getProperty(k)));
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        seen.forEach((key, all) -> {
            if (all.size() < 2) return;
            boolean differ = all.stream().distinct().count() > 1;
            (differ ? problems : warnings).add(key + ": set " + all.size() + " times in " + path
                    + (differ ? " with different values; keep one (the last would win)" : " with the same value; keep one"));
        });
        readableByOthers(path, values, secret).ifPresent(warnings::add);
        return new ConfigFile(values, problems, warnings);
    }

    private static Optional<String> readableByOthers(Path path, Map<String, String> values,
                                                               Predicate<String> secret) {
        Set<String> secrets = new TreeSet<>();
        values.forEach((k, v) -> {
            if (secret.test(k) && v != null && !v.isBlank()) secrets.add(k);
        });
        if (secrets.isEmpty()) return Optional.empty();
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(path);
        } catch (UnsupportedOperationException | IOException notPosix) {
            return Optional.empty();
        }
        List<String> who = new ArrayList<>();
        if (permissions.contains(PosixFilePermission.GROUP_READ)) who.add("its group");
        if (permissions.contains(PosixFilePermission.OTHERS_READ)) who.add("every user");
        if (who.isEmpty()) return Optional.empty();
        return Optional.of(path + " holds secrets (" + String.join(", ", secrets) + ") and is readable by "
                + String.join(" and ", who) + " (" + PosixFilePermissions.toString(permissions)
                + "); run: chmod 600 " + path);
    }
}
