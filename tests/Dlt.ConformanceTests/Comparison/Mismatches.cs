using System.Text;
using System.Text.Json.Nodes;
using Dlt.ConformanceTests.Canonical;

namespace Dlt.ConformanceTests.Comparison;

/// <summary>
/// Collects the differences of one case; each line names the case, table, row label and column so
/// that the failing rule can be found from the message alone.
/// </summary>
internal sealed class Mismatches(string caseId)
{
    private const int MaxReported = 60;
    private const int MaxValueLength = 300;

    private readonly List<string> _lines = [];

    public string CaseId { get; } = caseId;

    public bool Any => _lines.Count > 0;

    public IReadOnlyList<string> Lines => _lines;

    /// <summary>Advice printed under the lines (for example where the output was kept).</summary>
    public string? Footer { get; set; }

    public void Add(string message) => _lines.Add($"case {CaseId}: {message}");

    public void AddTable(string table, string message) => _lines.Add($"case {CaseId}, table {table}: {message}");

    public void AddColumn(string table, string column, string message) =>
        _lines.Add($"case {CaseId}, table {table}, column {column}: {message}");

    public void AddCell(string table, string rowLabel, string column, JsonNode? expected, JsonNode? actual) =>
        _lines.Add($"case {CaseId}, table {table}, row {rowLabel}, column {column}: expected {Show(expected)}, actual {Show(actual)}");

    /// <summary>A readable rendering of a value: Python JSON with non-ASCII kept, cut when long.</summary>
    public static string Show(JsonNode? value)
    {
        var text = PythonJson.Dumps(value, ensureAscii: false);
        return text.Length <= MaxValueLength ? text : text[..MaxValueLength] + $"... ({text.Length} chars)";
    }

    public string Report()
    {
        var report = new StringBuilder();
        report.Append("Conformance case ").Append(CaseId).Append(" differs from dlt 1.26 in ")
            .Append(_lines.Count).AppendLine(" place(s):");
        foreach (var line in _lines.Take(MaxReported))
        {
            report.Append("  ").AppendLine(line);
        }

        if (_lines.Count > MaxReported)
        {
            report.Append("  ... and ").Append(_lines.Count - MaxReported).AppendLine(" more");
        }

        if (Footer is not null)
        {
            report.AppendLine(Footer);
        }

        return report.ToString();
    }

    public void ThrowIfAny()
    {
        if (Any)
        {
            Assert.Fail(Report());
        }
    }
}
