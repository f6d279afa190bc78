package io.dsn.benchmarks.network;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** What this JVM uses: CPU time, heap, threads, open file descriptors (Linux). */
public final class ProcessStats {

    private static final Path FDS = Path.of("/proc/self/fd");
    private static final Path LIMITS = Path.of("/proc/self/limits");

    private ProcessStats() {
    }

    /** CPU time of the whole process (every thread, GC and JIT included), or -1 when the JVM cannot tell. */
    public static long cpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /**
     * CPU time of the JIT compiler threads (Linux: from /proc/self/task, in clock ticks of 10 ms),
     * or -1 where that is not available. Compilation is warm-up work: a long run should see it fall.
     */
    public static long jitCpuNanos() {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return -1;
        }
        long ticks = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(tasks)) {
            for (Path task : entries) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException e) {
                    continue; // the thread ended meanwhile
                }
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                String name = stat.substring(open + 1, close);
                if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                    String[] fields = stat.substring(close + 2).split(" ");
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return ticks * 10_000_000L;
    }

    /** Heap in use after asking for full collections until it stops shrinking. */
    public static long heapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long previous = Long.MAX_VALUE;
        long used = memory.getHeapMemoryUsage().getUsed();
        for (int i = 0; i < 5 && used < previous; i++) {
            previous = used;
            System.gc();
            sleepQuietly(100);
            used = memory.getHeapMemoryUsage().getUsed();
        }
        return Math.min(used, previous);
    }

    public static int threads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    /** Live threads whose name contains {@code part} (names only: no stack is taken). */
    public static int threadsNamed(String part) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int count = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds(), 0)) {
            if (info != null && info.getThreadName().contains(part)) { // null: the thread ended meanwhile
                count++;
            }
        }
        return count;
    }

    /** Threads started in this JVM since it began. */
    public static long threadsStarted() {
        return ManagementFactory.getThreadMXBean().getTotalStartedThreadCount();
    }

    /** Open file descriptors of this process (sockets included), or -1 where /proc is missing. */
    public static int openFds() {
        if (!Files.isDirectory(FDS)) {
            return -1;
        }
        int count = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(FDS)) {
            for (Path ignored : entries) {
                count++;
            }
        } catch (IOException e) {
            return -1;
        }
        return count;
    }

    /** The soft limit on open files ("Max open files" in /proc/self/limits), or -1 when unknown. */
    public static long fdLimit() {
        try {
            for (String line : Files.readAllLines(LIMITS)) {
                if (line.startsWith("Max open files")) {
                    String[] parts = line.substring("Max open files".length()).trim().split("\\s+");
                    return "unlimited".equals(parts[0]) ? Long.MAX_VALUE : Long.parseLong(parts[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
