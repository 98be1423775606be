using System.Text.RegularExpressions;
using Dlt.Progress;
using Spectre.Console;
using Spectre.Console.Testing;

namespace Dlt.Tests.Progress;

public sealed partial class BarsDisplayTests
{
    private const string Usage = "Memory usage: 40.00 MB (0.2%) | CPU usage: 50.0%";

    [Fact]
    public void A_frame_equal_to_the_last_one_drawn_is_not_written_again()
    {
        // Given a drawn frame
        using var console = new TestConsole().Interactive().Width(120).EmitAnsiSequences();
        var display = new BarsDisplay(console, "Extract shop");
        var orders = new ProgressCounter(null, "orders", null, null, null);
        orders.Add(10);
        display.Draw([orders], TimeSpan.FromSeconds(2), Usage, final: false);
        var drawn = console.Output.Length;

        // When the next frame shows the same figures
        display.Draw([orders], TimeSpan.FromSeconds(2), Usage, final: false);

        // Then nothing is written; a changed count is
        Assert.Equal(drawn, console.Output.Length);
        orders.Add(10);
        display.Draw([orders], TimeSpan.FromSeconds(2), Usage, final: false);
        Assert.Contains("20", console.Output[drawn..], StringComparison.Ordinal);
    }

    [Fact]
    public void On_an_ANSI_terminal_each_frame_overwrites_the_previous_one()
    {
        // Given a frame of two counters and the usage line
        using var console = new TestConsole().Interactive().Width(120).EmitAnsiSequences();
        var display = new BarsDisplay(console, "Normalize shop in 1764000000.1");
        var files = new ProgressCounter(null, "Files", 4, null, null);
        var orders = new ProgressCounter(null, "orders", null, null, null);
        display.Draw([files, orders], TimeSpan.FromSeconds(1), Usage, final: false);
        var first = console.Output.Length;

        // When
        files.Add(4);
        orders.Add(1500);
        display.Draw([files, orders], TimeSpan.FromSeconds(3), Usage, final: true);

        // Then the second frame moves the cursor up over the three lines, erases what each line leaves, and shows the cursor again
        var second = console.Output[first..];
        Assert.StartsWith("\u001b[3A\r", second, StringComparison.Ordinal);
        Assert.Equal(3, Regex.Matches(second, @"\u001b\[K\n").Count);
        Assert.EndsWith("\u001b[?25h", second, StringComparison.Ordinal);
        var lines = Visible(second).Split('\n');
        Assert.Matches(@"^Files\s+━+\s+4/4\s+100%\s+00:00:03\s+1\.33/s$", lines[0]);
        Assert.Matches(@"^orders\s+━+\s+1500\s+00:00:03\s+500\.00/s$", lines[1]);
        Assert.Equal(Usage, lines[2]);
    }

    [Fact]
    public void Lines_fit_a_narrow_terminal_and_a_long_description_is_cut_with_an_ellipsis()
    {
        // Given a terminal 50 cells wide
        using var console = new TestConsole().Interactive().Width(50).EmitAnsiSequences();
        var display = new BarsDisplay(console, "Load shop in 1764000000.1");
        var failed = new ProgressCounter(null, "Jobs", 2, "Failed", "WARNING: Some of the jobs failed!");
        failed.Add(1);

        // When
        display.Draw([failed], TimeSpan.FromSeconds(1), Usage, final: true);

        // Then no line reaches the last column (it would wrap and break the redraw)
        var lines = Visible(console.Output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, line => Assert.True(line.Length < 50, $"'{line}' is {line.Length} cells wide"));
        Assert.Contains(lines, line => line.StartsWith("Jobs (Failed)", StringComparison.Ordinal) && line.Contains('…', StringComparison.Ordinal) && line.Contains("1/2", StringComparison.Ordinal));
    }

    [Fact]
    public void A_color_terminal_gets_a_green_finished_bar_a_yellow_running_bar_and_a_bold_title()
    {
        // Given a color terminal, a finished counter and a running one
        using var console = new TestConsole().Interactive().Width(120).Colors(ColorSystem.Standard).EmitAnsiSequences();
        var display = new BarsDisplay(console, "Normalize shop");
        var files = new ProgressCounter(null, "Files", 4, null, null);
        var orders = new ProgressCounter(null, "orders", 10, null, null);
        files.Add(4);
        orders.Add(5);

        // When
        display.Draw([files, orders], TimeSpan.FromSeconds(1), Usage, final: true);

        // Then
        var lines = console.Output.Split('\n');
        Assert.Contains("\u001b[1mNormalize shop\u001b[0m", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"Files\s+\u001b\[32m━{40}\u001b\[0m\s", lines[1]);
        Assert.Matches(@"^orders\s+\u001b\[93m━{20}\u001b\[0m\u001b\[90m━{20}\u001b\[0m\s", lines[2]);
    }

    [Fact]
    public void A_terminal_without_colors_gets_no_color_codes_and_a_lighter_rest_of_the_bar()
    {
        // Given an ANSI terminal without colors
        using var console = new TestConsole().Interactive().Width(120).Colors(ColorSystem.NoColors).EmitAnsiSequences();
        var display = new BarsDisplay(console, "Extract shop");
        var orders = new ProgressCounter(null, "orders", 10, null, null);
        orders.Add(5);

        // When
        display.Draw([orders], TimeSpan.FromSeconds(1), Usage, final: true);

        // Then
        Assert.DoesNotMatch(@"\u001b\[\d+m", console.Output.Replace("\u001b[1mExtract shop\u001b[0m", "", StringComparison.Ordinal));
        Assert.Matches(@"orders\s+━{20}─{20}\s", console.Output);
    }

    [Fact]
    public void A_console_without_ANSI_gets_the_final_frame_only()
    {
        // Given an interactive console that cannot move the cursor
        using var screen = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(screen),
        });
        var display = new BarsDisplay(console, "Extract shop");
        var orders = new ProgressCounter(null, "orders", null, null, null);

        // When
        orders.Add(5);
        display.Draw([orders], TimeSpan.FromSeconds(1), Usage, final: false);
        orders.Add(5);
        display.Draw([orders], TimeSpan.FromSeconds(2), Usage, final: true);

        // Then
        var output = screen.ToString();
        Assert.Single(Regex.Matches(output, "Memory usage:"));
        Assert.Contains("Extract shop", output, StringComparison.Ordinal);
        Assert.Matches(@"orders\s+─+\s+10\s+00:00:02\s+5\.00/s", output);
        Assert.DoesNotContain("\u001b", output, StringComparison.Ordinal);
    }

    private static string Visible(string ansi) => Ansi().Replace(ansi, "").Replace("\r", "", StringComparison.Ordinal);

    [GeneratedRegex(@"\u001b\[[0-9;?]*[A-Za-z]")]
    private static partial Regex Ansi();
}
