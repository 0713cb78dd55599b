/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.scan;

import java.util.List;
import java.util.Locale;

/**
 * Horizontal bar charts as inline SVG (no script, no external asset): one row per category, one bar
 * per series, a legend, an x axis with ticks and a label. Values below zero are "not counted" and
 * drawn as "n/a".
 */
final class SvgChart {
  private SvgChart() {}

  /** A series: its name in the legend, its colour, and one value per category. */
  record Series(String name, String colour, double[] values) {}

  static final String THIS_SCAN = "#2f6db5";
  static final String SEED = "#e08a1e";

  private static final int WIDTH = 760;
  private static final int LEFT = 250;
  private static final int PLOT = 420;
  private static final int BAR = 13;

  /**
   * The chart.
   *
   * @param title the chart's accessible title
   * @param axis the x axis label
   * @param percent whether the values are shares (0..1), shown as percentages
   */
  static String bars(
      String title, String axis, List<String> categories, List<Series> series, boolean percent) {
    double max = 0;
    for (Series s : series) {
      for (double v : s.values()) {
        max = Math.max(max, v);
      }
    }
    double top = percent ? niceShare(max) : nice(max);
    int legend = 26;
    int group = series.size() * (BAR + 2) + 8;
    int plotTop = legend;
    int plotBottom = plotTop + group * categories.size();
    int height = plotBottom + 44;
    StringBuilder svg =
        new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"")
            .append(WIDTH)
            .append("\" height=\"")
            .append(height)
            .append("\" viewBox=\"0 0 ")
            .append(WIDTH)
            .append(' ')
            .append(height)
            .append("\" role=\"img\" font-family=\"sans-serif\">\n<title>")
            .append(SummaryReport.esc(title))
            .append("</title>\n");
    // Legend.
    int x = LEFT;
    for (Series s : series) {
      svg.append(rect(x, 6, 12, 12, s.colour()))
          .append(text(x + 16, 17, 12, "start", s.name()))
          .append('\n');
      x += 24 + 7 * s.name().length();
    }
    // Grid and ticks.
    for (int i = 0; i <= 4; i++) {
      int tx = LEFT + PLOT * i / 4;
      svg.append(line(tx, plotTop, tx, plotBottom + 4, i == 0 ? "#333" : "#ddd"))
          .append(text(tx, plotBottom + 17, 11, "middle", tick(top * i / 4, percent)))
          .append('\n');
    }
    svg.append(line(LEFT, plotBottom, LEFT + PLOT, plotBottom, "#333"))
        .append('\n')
        .append(text(LEFT + PLOT / 2, plotBottom + 36, 12, "middle", axis))
        .append('\n');
    // Bars.
    int y = plotTop + 4;
    for (int c = 0; c < categories.size(); c++) {
      svg.append(
          text(LEFT - 8, y + (series.size() * (BAR + 2)) / 2 + 4, 12, "end", categories.get(c)));
      for (int i = 0; i < series.size(); i++) {
        Series s = series.get(i);
        double v = s.values()[c];
        int by = y + i * (BAR + 2);
        if (v < 0) {
          svg.append(text(LEFT + 4, by + BAR - 2, 10, "start", "n/a"));
          continue;
        }
        int w = top == 0 ? 0 : (int) Math.round(PLOT * Math.min(1, v / top));
        svg.append(rect(LEFT, by, Math.max(w, v > 0 ? 1 : 0), BAR, s.colour()))
            .append(text(LEFT + w + 4, by + BAR - 2, 10, "start", format(v, percent)));
      }
      svg.append('\n');
      y += group;
    }
    return svg.append("</svg>\n").toString();
  }

  private static String rect(int x, int y, int w, int h, String colour) {
    return tag("rect", "x", x, "y", y, "width", w, "height", h, "fill", colour) + "/>";
  }

  private static String text(int x, int y, int size, String anchor, String text) {
    return tag("text", "x", x, "y", y, "font-size", size, "text-anchor", anchor)
        + ">"
        + SummaryReport.esc(text)
        + "</text>";
  }

  private static String line(int x1, int y1, int x2, int y2, String colour) {
    return tag("line", "x1", x1, "y1", y1, "x2", x2, "y2", y2, "stroke", colour) + "/>";
  }

  /** An element's start, its attributes given as name, value pairs (our own values only). */
  private static String tag(String name, Object... attributes) {
    StringBuilder b = new StringBuilder("<").append(name);
    for (int i = 0; i < attributes.length; i += 2) {
      b.append(' ').append(attributes[i]).append("=\"").append(attributes[i + 1]).append('"');
    }
    return b.toString();
  }

  private static String tick(double v, boolean percent) {
    double p = 100 * v;
    return percent && Math.abs(p - Math.rint(p)) < 1e-9
        ? String.format(Locale.ROOT, "%.0f%%", p)
        : format(v, percent);
  }

  static String format(double v, boolean percent) {
    if (percent) {
      double p = 100 * v;
      return String.format(Locale.ROOT, p > 0 && p < 0.1 ? "%.2f%%" : "%.1f%%", p);
    }
    return String.format(Locale.ROOT, "%,d", Math.round(v));
  }

  /** The axis end for shares: four ticks of 2.5, 5, 10, 20 or 25%, at least the largest. */
  static double niceShare(double max) {
    for (double quarter : new double[] {0.025, 0.05, 0.1, 0.2, 0.25}) {
      if (4 * quarter >= max - 1e-9) {
        return 4 * quarter;
      }
    }
    return 1;
  }

  /** The axis end for counts: four ticks of 1, 2 or 5 times a power of ten (at least 1). */
  static double nice(double max) {
    double quarter = Math.max(1, max / 4);
    double power = Math.pow(10, Math.floor(Math.log10(quarter)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * power >= quarter - 1e-9) {
        return 4 * m * power;
      }
    }
    return 40 * power;
  }
}
