package io.dsn.benchmarks.simulation;

import io.dsn.benchmarks.network.ScenarioReport;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A PNG of a sweep: join convergence time and idle requests per node per tick against the number
 * of nodes (log scale), one panel each, with the targets for 1,000 nodes as dashed lines.
 * Runs that did not converge are drawn as open red circles at the top of their panel. Drawn with
 * Java2D, headless.
 */
final class ScalePlot {

    private static final int WIDTH = 1400;
    private static final int HEIGHT = 620;
    private static final Color LINE = new Color(0x1f5fa8);
    private static final Color TARGET = new Color(0x2e8b3e);
    private static final Color MISSED = new Color(0xc62828);
    private static final Color GRID = new Color(0xdddddd);

    private ScalePlot() {
    }

    /** One point of a panel; {@code missing} when the run gave no value (did not converge). */
    private record Point(int nodes, double value, boolean missing) {
    }

    static void write(Path png, List<ScenarioReport> runs) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            ScenarioReport first = runs.get(0);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 20));
            g.drawString("DSN simulator: real nodes, in-memory network, virtual time", 40, 36);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
            g.drawString(String.format(Locale.ROOT, "seed %s, tick %s ms, %s signatures, loss %s, delay %s ms;"
                            + " virtual seconds exclude computation", first.get("seed"), first.get("tickMs"),
                    first.get("signatures"), first.get("loss"), first.get("delayMs")), 40, 60);
            int panelWidth = (WIDTH - 240) / 2;
            panel(g, 70, 90, panelWidth, HEIGHT - 160, "Join: virtual seconds until every node lists all N",
                    points(runs, "convergeVirtualSeconds"), 30, "target at N = 1,000: < 30 s");
            panel(g, 70 + panelWidth + 90, 90, panelWidth, HEIGHT - 160, "Idle: requests per node per tick",
                    points(runs, "idleMessagesPerNodePerTick"), 5, "target at N = 1,000: <= 5");
        } finally {
            g.dispose();
        }
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ImageIO.write(image, "png", png.toFile());
    }

    private static List<Point> points(List<ScenarioReport> runs, String key) {
        return runs.stream().map(run -> {
            double value = ((Number) run.get(key)).doubleValue();
            return new Point(((Number) run.get("nodes")).intValue(), value, value < 0);
        }).toList();
    }

    private static void panel(Graphics2D g, int left, int top, int width, int height, String title, List<Point> points,
                              double target, String targetLabel) {
        double minN = points.stream().mapToInt(Point::nodes).min().orElse(1);
        double maxN = points.stream().mapToInt(Point::nodes).max().orElse(10);
        double logMin = Math.log10(minN) - 0.1;
        double logMax = Math.log10(Math.max(maxN, minN * 2)) + 0.1;
        double maxValue = Math.max(target, points.stream().filter(p -> !p.missing()).mapToDouble(Point::value).max().orElse(1));
        double top10 = niceCeiling(maxValue * 1.1);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.setColor(Color.BLACK);
        g.drawString(title, left, top - 8);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        // grid and y labels
        for (int i = 0; i <= 5; i++) {
            double value = top10 * i / 5;
            int y = top + height - (int) Math.round(height * value / top10);
            g.setColor(GRID);
            g.drawLine(left, y, left + width, y);
            g.setColor(Color.DARK_GRAY);
            String label = format(value);
            g.drawString(label, left - 8 - g.getFontMetrics().stringWidth(label), y + 5);
        }
        // x decades and the sizes run
        for (int decade = (int) Math.floor(logMin); decade <= Math.ceil(logMax); decade++) {
            for (int m = 1; m < 10; m++) {
                double log = decade + Math.log10(m);
                if (log < logMin || log > logMax) {
                    continue;
                }
                int x = xOf(log, logMin, logMax, left, width);
                g.setColor(m == 1 ? GRID.darker() : GRID);
                g.drawLine(x, top, x, top + height);
            }
        }
        g.setColor(Color.DARK_GRAY);
        for (Point p : points) {
            int x = xOf(Math.log10(p.nodes()), logMin, logMax, left, width);
            String label = String.valueOf(p.nodes());
            g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, top + height + 18);
        }
        g.drawString("nodes (log scale)", left + width / 2 - 50, top + height + 40);
        g.setColor(Color.BLACK);
        g.drawRect(left, top, width, height);
        // target
        int targetY = top + height - (int) Math.round(height * target / top10);
        g.setColor(TARGET);
        g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 6f}, 0f));
        g.drawLine(left, targetY, left + width, targetY);
        g.drawString(targetLabel, left + width - 8 - g.getFontMetrics().stringWidth(targetLabel), targetY - 6);
        // the measured line
        g.setStroke(new BasicStroke(2.5f));
        g.setColor(LINE);
        Path2D line = new Path2D.Double();
        boolean started = false;
        for (Point p : points) {
            if (p.missing()) {
                continue;
            }
            int x = xOf(Math.log10(p.nodes()), logMin, logMax, left, width);
            int y = top + height - (int) Math.round(height * p.value() / top10);
            if (started) {
                line.lineTo(x, y);
            } else {
                line.moveTo(x, y);
                started = true;
            }
        }
        g.draw(line);
        for (Point p : points) {
            int x = xOf(Math.log10(p.nodes()), logMin, logMax, left, width);
            if (p.missing()) {
                g.setColor(MISSED);
                g.drawOval(x - 7, top + 4, 14, 14);
                g.drawString("not converged", x - 40, top + 34);
                continue;
            }
            int y = top + height - (int) Math.round(height * p.value() / top10);
            g.setColor(LINE);
            g.fillOval(x - 5, y - 5, 10, 10);
            g.setColor(Color.BLACK);
            g.drawString(format(p.value()), x + 8, y - 8);
        }
        g.setStroke(new BasicStroke(1f));
    }

    private static int xOf(double log, double logMin, double logMax, int left, int width) {
        return left + (int) Math.round(width * (log - logMin) / (logMax - logMin));
    }

    /** 1, 2 or 5 times a power of ten, at least {@code value}. */
    private static double niceCeiling(double value) {
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }

    /** Three significant digits at most, none wasted on a whole number. */
    private static String format(double value) {
        if (value == Math.rint(value) || value >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return String.format(Locale.ROOT, value >= 10 ? "%.1f" : value >= 1 ? "%.2f" : "%.3f", value);
    }
}
