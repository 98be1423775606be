using System.Globalization;
using System.Text;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Dlt.Progress;

/// <summary>
/// The live display of one step: a title line, then one line per counter (description, bar, count
/// and total, percent, elapsed time, rate) and a last line with the process's memory and CPU. Spectre
/// tells what the terminal can do (ANSI, colors, unicode, width) and owns its output; each frame is
/// then written as one string of text and ANSI codes laid out here in a single pass, because
/// Spectre's render pipeline (segments, styles, the ANSI builder) costs hundreds of JIT-compiled
/// methods in a short run for what is a few colored lines. On an ANSI terminal a frame moves the
/// cursor back over the previous one and overwrites it, and a frame equal to the last one drawn is not
/// written. A console without ANSI support cannot overwrite, so it gets the final frame only, as plain text.
/// </summary>
internal sealed class BarsDisplay(IAnsiConsole console, string step)
{
    private const int MaxBarWidth = 40;
    private const string Gap = "  ";
    private const string Escape = "\u001b[";

    private readonly bool _ansi = console.Profile.Capabilities.Ansi;
    private readonly bool _unicode = console.Profile.Capabilities.Unicode;
    private readonly AnsiStyles _styles = AnsiStyles.For(console.Profile.Capabilities);
    private readonly StringBuilder _frame = new();
    private readonly List<Row> _rows = [];
    private string _drawn = "";
    private int _linesDrawn = -1;

    /// <summary>Draws <paramref name="counters"/> (the step's counters so far, in order) unless nothing changed since the last frame; <paramref name="final"/> also shows the cursor again.</summary>
    public void Draw(IReadOnlyList<ProgressCounter> counters, TimeSpan elapsed, string usage, bool final)
    {
        if (!_ansi && !final)
        {
            return;
        }

        for (var i = _rows.Count; i < counters.Count; i++)
        {
            _rows.Add(new Row(counters[i]));
        }

        _frame.Clear();
        var width = Width;
        var seconds = elapsed.TotalSeconds;
        var elapsedText = string.Create(CultureInfo.InvariantCulture, $"{(int)elapsed.TotalHours:00}:{elapsed.Minutes:00}:{elapsed.Seconds:00}");
        var descriptionWidth = 0;
        var countWidth = 0;
        var rateWidth = 0;
        var anyTotal = false;
        foreach (var row in _rows)
        {
            row.Read(seconds);
            descriptionWidth = Math.Max(descriptionWidth, row.DescriptionCells);
            countWidth = Math.Max(countWidth, row.CountText.Length);
            rateWidth = Math.Max(rateWidth, row.RateText.Length);
            anyTotal |= row.Total is not null;
        }

        var percentWidth = anyTotal ? 4 : 0;
        var tailWidth = Gap.Length + countWidth + (anyTotal ? Gap.Length + percentWidth : 0) + Gap.Length + elapsedText.Length + Gap.Length + rateWidth;
        var barWidth = Math.Min(MaxBarWidth, width - descriptionWidth - tailWidth - Gap.Length);
        if (barWidth < 5)
        {
            barWidth = 0;
        }

        var fittedDescriptionWidth = Math.Clamp(width - tailWidth - (barWidth > 0 ? Gap.Length + barWidth : 0), 0, descriptionWidth);
        foreach (var row in _rows)
        {
            AppendRow(row, fittedDescriptionWidth, barWidth, countWidth, percentWidth, elapsedText, rateWidth, width);
        }

        _frame.Append(usage.Length <= width ? usage : usage[..width]);
        EndLine();
        if (!final && _frame.Equals(_drawn.AsSpan()))
        {
            return;
        }

        _drawn = _frame.ToString();
        Write(final);
    }

    /// <summary>The cells a line may use: one less than the terminal, so that no line wraps and breaks the redraw.</summary>
    private int Width => Math.Max(1, console.Profile.Width - 1);

    private void AppendRow(Row row, int descriptionWidth, int barWidth, int countWidth, int percentWidth, string elapsedText, int rateWidth, int width)
    {
        if (row.DescriptionCells <= descriptionWidth)
        {
            _frame.Append(row.Description).Append(' ', descriptionWidth - row.DescriptionCells);
        }
        else
        {
            _frame.Append(Truncate(row.Description, descriptionWidth));
        }

        if (barWidth > 0)
        {
            _frame.Append(Gap);
            AppendBar(row, barWidth);
        }

        var tail = new StringBuilder(width);
        tail.Append(Gap).Append(row.CountText.PadLeft(countWidth));
        if (percentWidth > 0)
        {
            tail.Append(Gap).Append(row.PercentText.PadLeft(percentWidth));
        }

        tail.Append(Gap).Append(elapsedText).Append(Gap).Append(row.RateText.PadLeft(rateWidth));
        var room = Math.Max(0, width - descriptionWidth - (barWidth > 0 ? Gap.Length + barWidth : 0));
        _frame.Append(tail, 0, Math.Min(tail.Length, room));
        EndLine();
    }

    /// <summary>The start of <paramref name="text"/> that fits <paramref name="cells"/> terminal cells with an ellipsis, padded to them.</summary>
    private string Truncate(string text, int cells)
    {
        var ellipsis = _unicode ? "…" : ".";
        var kept = new StringBuilder();
        var used = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var width = Cells(rune.ToString());
            if (used + width > cells - ellipsis.Length)
            {
                break;
            }

            kept.Append(rune.ToString());
            used += width;
        }

        return cells < ellipsis.Length ? new string(' ', cells) : kept.Append(ellipsis).Append(' ', cells - used - ellipsis.Length).ToString();
    }

    /// <summary>Spectre's bar: yellow while running, green when done, the rest grey (a lighter line without colors); a counter without a total gets the rest only.</summary>
    private void AppendBar(Row row, int barWidth)
    {
        var done = row.Total switch
        {
            null => 0,
            0 => barWidth,
            { } total => (int)(barWidth * Math.Min(row.Count, total) / total),
        };
        var finished = done == barWidth;
        AppendStyled(_frame, finished ? _styles.Finished : _styles.Running, _unicode ? '━' : '#', done);
        AppendStyled(_frame, _styles.Remaining, _unicode ? (_styles.Colors ? '━' : '─') : '-', barWidth - done);
    }

    /// <summary>Appends <paramref name="count"/> times <paramref name="glyph"/> in <paramref name="style"/> (no codes for the plain style or none).</summary>
    private StringBuilder AppendStyled(StringBuilder output, string style, char glyph, int count) =>
        count == 0 ? output : EndStyle(output.Append(style).Append(glyph, count), style);

    /// <summary>Appends <paramref name="text"/> in <paramref name="style"/>.</summary>
    private StringBuilder AppendStyled(StringBuilder output, string style, string text) => EndStyle(output.Append(style).Append(text), style);

    private StringBuilder EndStyle(StringBuilder output, string style) => style.Length == 0 ? output : output.Append(_styles.Reset);

    private void EndLine()
    {
        if (_ansi)
        {
            _frame.Append(Escape).Append('K');
        }

        _frame.Append('\n');
    }

    private void Write(bool final)
    {
        var output = new StringBuilder(_frame.Length + 16);
        if (_linesDrawn < 0)
        {
            AppendTitle(output);
            if (_ansi)
            {
                output.Append(Escape).Append("?25l");
            }
        }
        else if (_ansi && _linesDrawn > 0)
        {
            output.Append(Escape).Append(_linesDrawn).Append("A\r");
        }

        output.Append(_frame);
        if (final && _ansi)
        {
            output.Append(Escape).Append("?25h");
        }

        var writer = console.Profile.Out.Writer;
        writer.Write(output);
        writer.Flush();
        _linesDrawn = _rows.Count + 1;
    }

    /// <summary><c>── Extract shop ─────</c> across the terminal (Spectre's left-aligned rule).</summary>
    private void AppendTitle(StringBuilder output)
    {
        var width = Width;
        var rule = _unicode ? '─' : '-';
        var lead = _unicode ? "── " : "";
        var title = step.Length + lead.Length + 1 <= width ? step : step[..Math.Max(0, width - lead.Length - 1)];
        AppendStyled(output, _styles.Rule, lead);
        AppendStyled(output, _styles.Title, title);
        AppendStyled(output, _styles.Rule, " " + new string(rule, Math.Max(0, width - lead.Length - title.Length - 1))).Append('\n');
    }

    /// <summary>
    /// The ANSI codes of the display's styles (Spectre's colors: bold title, grey rule and rest of a
    /// bar, yellow running and green finished bar), empty where the terminal has no ANSI or no colors.
    /// </summary>
    private sealed record AnsiStyles(bool Colors, string Title, string Rule, string Running, string Finished, string Remaining, string Reset)
    {
        private static readonly AnsiStyles s_none = new(false, "", "", "", "", "", "");

        public static AnsiStyles For(Capabilities capabilities)
        {
            if (!capabilities.Ansi)
            {
                return s_none;
            }

            const string Bold = Escape + "1m";
            const string Reset = Escape + "0m";
            return capabilities.ColorSystem switch
            {
                ColorSystem.NoColors => new(false, Bold, "", "", "", "", Reset),

                // The 8 colors of a legacy terminal have no grey and no bright yellow.
                ColorSystem.Legacy => new(true, Bold, Escape + "37m", Escape + "33m", Escape + "32m", Escape + "37m", Reset),
                _ => new(true, Bold, Escape + "90m", Escape + "93m", Escape + "32m", Escape + "90m", Reset),
            };
        }
    }

    /// <summary>The terminal cells <paramref name="text"/> takes: its length when it is ASCII, else as Spectre counts them (wide and zero-width characters).</summary>
    private static int Cells(string text) => Ascii.IsValid(text) ? text.Length : new Segment(text).CellCount();

    /// <summary>A counter's line: its description is fixed, its figures are read once per frame.</summary>
    private sealed class Row
    {
        private readonly ProgressCounter _counter;

        public Row(ProgressCounter counter)
        {
            _counter = counter;
            var name = counter.Label is null ? counter.Name : $"{counter.Name} ({counter.Label})";
            Description = counter.Message is null ? name : $"{name} {counter.Message}";
            DescriptionCells = Cells(Description);
        }

        public string Description { get; }

        public int DescriptionCells { get; }

        public long Count { get; private set; }

        public long? Total { get; private set; }

        public string CountText { get; private set; } = "";

        public string PercentText { get; private set; } = "";

        public string RateText { get; private set; } = "";

        public void Read(double seconds)
        {
            Count = _counter.Count;
            Total = _counter.Total;
            CountText = Total switch
            {
                null => Count.ToString(CultureInfo.InvariantCulture),
                { } total => string.Create(CultureInfo.InvariantCulture, $"{Count}/{total}"),
            };
            PercentText = Total switch
            {
                null => "",
                0 => "100%",
                { } total => string.Create(CultureInfo.InvariantCulture, $"{Math.Min(100, 100 * Count / total)}%"),
            };
            RateText = string.Create(CultureInfo.InvariantCulture, $"{(seconds > 0 ? Count / seconds : 0):0.00}/s");
        }
    }
}
