package io.licensenotify.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the whole machine spent while the send ran: busy and idle core-seconds from {@code /proc/stat} (Linux; none
 * elsewhere), and the benchmark's own CPU, which is the stand-ins' answering. The product, its database and the
 * stand-ins share the cores, so a run whose idle time is near zero was bound by CPU, not by waiting (BENCHMARKS.md).
 */
record MachineCpu(double busySeconds, double idleSeconds, double standInsSeconds, double databaseSeconds) {
    /** The kernel's clock ticks per second in /proc/stat (USER_HZ), 100 on every Linux this runs on. */
    private static final double TICKS = 100.0;

    /** Now, to subtract from a later reading. */
    static MachineCpu now() {
        double own = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
        try {
            // cpu  user nice system idle iowait irq softirq steal ...
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                    + Long.parseLong(f[7]) + Long.parseLong(f[8]);
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new MachineCpu(busy / TICKS, idle / TICKS, own, database() / TICKS);
        } catch (IOException | RuntimeException notLinux) {
            return new MachineCpu(Double.NaN, Double.NaN, own, Double.NaN);
        }
    }

    /**
     * The database servers' ticks: every postgres, mariadbd or mysqld process's own and its reaped children's
     * (PostgreSQL's postmaster collects each closed connection's backend).
     */
    private static long database() {
        return ProcessHandle.allProcesses().mapToLong(p -> {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
                int close = stat.lastIndexOf(')');
                String name = stat.substring(stat.indexOf('(') + 1, close);
                if (!name.equals("postgres") && !name.equals("mariadbd") && !name.equals("mysqld")) return 0;
                // after the name: state is field 3, utime 14, stime 15, cutime 16, cstime 17
                String[] f = stat.substring(close + 2).split(" ");
                return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
            } catch (IOException | RuntimeException gone) {
                return 0;
            }
        }).sum();
    }

    MachineCpu since(MachineCpu start) {
        return new MachineCpu(busySeconds - start.busySeconds, idleSeconds - start.idleSeconds,
                standInsSeconds - start.standInsSeconds, databaseSeconds - start.databaseSeconds);
    }

    /** One line: busy and idle core-seconds, and the shares of the product, the stand-ins, the database and the rest. */
    String describe(double productCpuSeconds) {
        if (Double.isNaN(busySeconds)) return String.format(java.util.Locale.ROOT,
                "stand-ins %.1f CPU s (no /proc/stat for the rest)", standInsSeconds);
        return String.format(java.util.Locale.ROOT,
                "machine busy %.1f core-s, idle %.1f: product %.1f, stand-ins %.1f, database %.1f, the rest %.1f",
                busySeconds, idleSeconds, productCpuSeconds, standInsSeconds, databaseSeconds,
                busySeconds - productCpuSeconds - standInsSeconds - databaseSeconds);
    }
}
