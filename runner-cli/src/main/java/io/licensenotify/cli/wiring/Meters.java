package io.licensenotify.cli.wiring;

import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.LongSupplier;

/**
 * The seam for what a run measures about itself: a source registers a named reading (the database's statement
 * counts, registered with the database), and a reporter reads them at the end, whatever it reports to: the
 * {@code --report} JSON's {@code metrics} (for the benchmark, see {@code RunMetrics}) and the operators' metrics
 * (a Prometheus textfile or push gateway) alike. Names are snake case, like Prometheus's.
 */
public final class Meters {
    /** SQL statements sent through the product's database connection since it opened. */
    public static final String SQL_STATEMENTS = "sql_statements";
    /** Of those, the ones that read license-manager's tables; constant in the number of enterprises. */
    public static final String SQL_STATEMENTS_READING_LICENSE_DATA = "sql_statements_reading_license_data";

    private final Map<String, LongSupplier> readings = new ConcurrentSkipListMap<>();

    /**
     * Adds a reading, read each time the meters are.
     *
     * @throws IllegalStateException when a reading of that name is registered already
     */
    public void register(String name, LongSupplier reading) {
        if (readings.putIfAbsent(name, reading) != null)
            throw new IllegalStateException("a reading named " + name + " is registered already");
    }

    /** The reading's value now; empty when nothing registered it (a run without a database, as in tests). */
    public OptionalLong read(String name) {
        LongSupplier reading = readings.get(name);
        return reading == null ? OptionalLong.empty() : OptionalLong.of(reading.getAsLong());
    }

    /** Every reading's value now, by name. */
    public Map<String, Long> readAll() {
        Map<String, Long> values = new TreeMap<>();
        readings.forEach((name, reading) -> values.put(name, reading.getAsLong()));
        return values;
    }
}
