package io.licensenotify.cli;

import io.licensenotify.cli.wiring.Meters;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.OptionalLong;

/**
 * What a send run measured about its own process, written as {@code metrics} in the JSON report so that a
 * benchmark can check the product's own numbers: SQL statements (all of them, and those that read license-manager's
 * tables) and heap.
 *
 * @param sqlStatements                   statements sent through the product's database connection since it opened
 *                                        (absent when the run had no database, as in tests with fakes)
 * @param sqlStatementsReadingLicenseData of those, the ones that read license data (counting and streaming the
 *                                        enterprises); the claim is that this stays constant in the number of
 *                                        enterprises
 * @param heapPeakBytes                   the sum over heap memory pools of each pool's peak usage: an upper bound of
 *                                        the heap the process ever used at once
 * @param heapMaxBytes                    the heap limit ({@code -Xmx})
 * @param cpuNanos                        CPU time of the whole process so far (all threads, JIT and GC included),
 *                                        or -1 where the JVM cannot tell: unlike wall time, it does not depend on
 *                                        what else the machine is running
 */
public record RunMetrics(OptionalLong sqlStatements, OptionalLong sqlStatementsReadingLicenseData, long heapPeakBytes,
                         long heapMaxBytes, long cpuNanos) {

    /** The heap of this process now, with the SQL counts the run's {@link Meters} read. */
    public static RunMetrics measure(Meters meters) {
        return measure(meters.read(Meters.SQL_STATEMENTS), meters.read(Meters.SQL_STATEMENTS_READING_LICENSE_DATA));
    }

    /** The heap of this process now, with the SQL counts given (absent ones stay absent). */
    public static RunMetrics measure(OptionalLong sqlStatements, OptionalLong sqlStatementsReadingLicenseData) {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) peak += pool.getPeakUsage().getUsed();
        long cpu = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
        return new RunMetrics(sqlStatements, sqlStatementsReadingLicenseData, peak, Runtime.getRuntime().maxMemory(),
                cpu);
    }
}
