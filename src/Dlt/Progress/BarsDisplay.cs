using System.Globalization;
using System.Text;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Dlt.Progress;

/// <summary>
/// The live display of one step: a title line, then one line per counter (description, bar, count
/// and total, percent, elapsed time, rate) and a last line with the process's memory and CPU. Each
/// frame is one batch of Spectre segments laid out here in a single pass (no layout engine, markup
/// parser or renderable tree runs per frame); on an ANSI terminal it moves the cursor back over the
/// previous frame and overwrites it, and a frame equal to the last one drawn is not written. A console
/// without ANSI support cannot overwrite, so it gets the final frame only.
/// </summary>
internal sealed class BarsDisplay(IAnsiConsole console, string step)
{
    private const int MaxBarWidth = 40;
    private const string Gap = "  ";

    private static readonly Style s_title = new(decoration: Decoration.Bold);
    private static readonly Style s_rule = new(foreground: Color.Grey);
    private static readonly Style s_running = new(foreground: Color.Yellow);
    private static readonly Style s_finished = new(foreground: Color.Green);
    private static readonly Style s_remaining = new(foreground: Color.Grey);

    private readonly bool _ansi = console.Profile.Capabilities.Ansi;
    private readonly bool _unicode = console.Profile.Capabilities.Unicode;
    private readonly bool _colors = console.Profile.Capabilities.ColorSystem != ColorSystem.NoColors;
    private readonly Frame _frame = new();
    private readonly StringBuilder _text = new();
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

        _frame.Segments.Clear();
        _text.Clear();
        var width = Math.Max(1, console.Profile.Width - 1);
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

        Append(usage.Length <= width ? usage : usage[..width], Style.Plain);
        EndLine();
        if (!final && _text.Equals(_drawn.AsSpan()))
        {
            return;
        }

        _drawn = _text.ToString();
        Write(final);
    }

    private void AppendRow(Row row, int descriptionWidth, int barWidth, int countWidth, int percentWidth, string elapsedText, int rateWidth, int width)
    {
        Append(row.DescriptionCells <= descriptionWidth ? row.Description + new string(' ', descriptionWidth - row.DescriptionCells) : Truncate(row.Description, descriptionWidth), Style.Plain);
        if (barWidth > 0)
        {
            Append(Gap, Style.Plain);
            AppendBar(row, barWidth);
        }

        var tail = new StringBuilder(width);
        tail.Append(Gap).Append(row.CountText.PadLeft(countWidth));
        if (percentWidth > 0)
        {
            tail.Append(Gap).Append(row.PercentText.PadLeft(percentWidth));
        }

        tail.Append(Gap).Append(elapsedText).Append(Gap).Append(row.RateText.PadLeft(rateWidth));
        var room = width - descriptionWidth - (barWidth > 0 ? Gap.Length + barWidth : 0);
        Append(tail.Length <= room ? tail.ToString() : tail.ToString(0, Math.Max(0, room)), Style.Plain);
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
            var width = new Segment(rune.ToString()).CellCount();
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
        Append(new string(_unicode ? '━' : '#', done), finished ? s_finished : s_running);
        Append(new string(_unicode ? (_colors ? '━' : '─') : '-', barWidth - done), s_remaining);
    }

    private void Append(string text, Style style)
    {
        if (text.Length > 0)
        {
            _frame.Segments.Add(new Segment(text, style));
            _text.Append(text);
        }
    }

    private void EndLine()
    {
        if (_ansi)
        {
            _frame.Segments.Add(Segment.Control("\u001b[K"));
        }

        _frame.Segments.Add(Segment.LineBreak);
        _text.Append('\n');
    }

    private void Write(bool final)
    {
        var lines = _rows.Count + 1;
        var prefix = new List<Segment>(3);
        if (_linesDrawn < 0)
        {
            prefix.AddRange(Title());
            if (_ansi)
            {
                prefix.Add(Segment.Control("\u001b[?25l"));
            }
        }
        else if (_ansi && _linesDrawn > 0)
        {
            prefix.Add(Segment.Control(string.Create(CultureInfo.InvariantCulture, $"\u001b[{_linesDrawn}A\r")));
        }

        _frame.Segments.InsertRange(0, prefix);
        if (final && _ansi)
        {
            _frame.Segments.Add(Segment.Control("\u001b[?25h"));
        }

        console.Write(_frame);
        _linesDrawn = lines;
    }

    /// <summary><c>── Extract shop ─────</c> across the terminal (Spectre's left-aligned rule).</summary>
    private IEnumerable<Segment> Title()
    {
        var width = Math.Max(1, console.Profile.Width - 1);
        var rule = _unicode ? '─' : '-';
        var lead = _unicode ? "── " : "";
        var title = step.Length + lead.Length + 1 <= width ? step : step[..Math.Max(0, width - lead.Length - 1)];
        yield return new Segment(lead, s_rule);
        yield return new Segment(title, s_title);
        yield return new Segment(" " + new string(rule, Math.Max(0, width - lead.Length - title.Length - 1)), s_rule);
        yield return Segment.LineBreak;
    }

    /// <summary>A counter's line: its description is fixed, its figures are read once per frame.</summary>
    private sealed class Row
    {
        private readonly ProgressCounter _counter;

        public Row(ProgressCounter counter)
        {
            _counter = counter;
            var name = counter.Label is null ? counter.Name : $"{counter.Name} ({counter.Label})";
            Description = counter.Message is null ? name : $"{name} {counter.Message}";
            DescriptionCells = new Segment(Description).CellCount();
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

    /// <summary>A frame's segments, handed to the console as they are.</summary>
    private sealed class Frame : IRenderable
    {
        public List<Segment> Segments { get; } = [];

        public Measurement Measure(RenderOptions options, int maxWidth) => new(maxWidth, maxWidth);

        public IEnumerable<Segment> Render(RenderOptions options, int maxWidth) => Segments;
    }
}
