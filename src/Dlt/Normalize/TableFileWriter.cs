using System.Runtime.CompilerServices;
using Dlt.Progress;
using Dlt.Schemas;
using Dlt.Storage;
using ParquetSharp;

namespace Dlt.Normalize;

/// <summary>
/// Buffers the normalized rows of one table column by column and writes them as Parquet row groups.
/// A file keeps the columns it was opened with; when the table gains columns, the next flush
/// starts a new file. A file also ends once it holds <c>file_max_items</c> rows or <c>file_max_bytes</c>
/// bytes (checked after each row group, on the compressed file).
/// </summary>
internal sealed class TableFileWriter : IDisposable
{
    public const string Extension = "parquet";

    private readonly TableSchema _table;
    private readonly string _folder;
    private readonly WriterSettings _settings;
    private readonly List<ColumnBuffer?> _buffers = [];
    private readonly List<string> _files = [];
    private ParquetFileWriter? _file;
    private string[] _fileColumns = [];
    private int _rows;
    private long _fileRows;

    private readonly ProgressCounter _rowsWritten;

    public TableFileWriter(TableSchema table, string folder, WriterSettings settings, ProgressCounter rowsWritten)
    {
        _rowsWritten = rowsWritten;
        _table = table;
        _folder = folder;
        _settings = settings;
    }

    public long RowCount { get; private set; }

    public IReadOnlyList<string> Files => _files;

    /// <summary>Sets the value of the column at <paramref name="columnIndex"/> (its index in the table schema) for the current row.</summary>
    public void Set(int columnIndex, in Cell value) => BufferAt(columnIndex).Set(_rows, value);

    /// <summary>Sets the value of a text column for the current row from UTF-8 bytes.</summary>
    public void SetUtf8(int columnIndex, ReadOnlySpan<byte> utf8) => ((Utf8TextBuffer)BufferAt(columnIndex)).SetUtf8(_rows, utf8);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ColumnBuffer BufferAt(int columnIndex)
    {
        while (_buffers.Count <= columnIndex)
        {
            _buffers.Add(null);
        }

        return _buffers[columnIndex] ??= ColumnBuffer.Create(_table.Columns[columnIndex].DataType!.Value, _settings.BufferMaxItems);
    }

    /// <summary>Drops the current row: the values set for it are unset and the next row takes its place.</summary>
    public void DiscardRow()
    {
        foreach (var buffer in _buffers)
        {
            buffer?.ClearRow(_rows);
        }
    }

    public void EndRow()
    {
        _rows++;
        RowCount++;
        if (_rows >= _settings.BufferMaxItems)
        {
            Flush();
        }
    }

    public void Flush()
    {
        if (_rows == 0)
        {
            return;
        }

        var columns = new List<int>();
        for (var i = 0; i < _table.Columns.Count; i++)
        {
            if (_table.Columns[i].IsComplete)
            {
                columns.Add(i);
            }
        }

        var names = columns.Select(i => _table.Columns[i].Name).ToArray();
        if (_file is not null && !names.SequenceEqual(_fileColumns))
        {
            CloseFile();
        }

        if (_file is null)
        {
            var path = Path.Combine(_folder, JobFileName.New(_table.Name, Extension, FileCompression.None).ToString());
            var parquetColumns = columns.Select(i => BufferAt(i).ToParquetColumn(_table.Columns[i].Name)).ToArray();
            using var properties = ParquetProperties.Writer(columns.Where(i => !BufferAt(i).Dictionary).Select(i => _table.Columns[i].Name));
            _file = new ParquetFileWriter(path, parquetColumns, properties);
            _fileColumns = names;
            _files.Add(path);
        }

        using (var rowGroup = _file.AppendRowGroup())
        {
            foreach (var index in columns)
            {
                BufferAt(index).WriteTo(rowGroup, _rows);
            }
        }

        foreach (var buffer in _buffers)
        {
            buffer?.Clear(_rows);
        }

        _rowsWritten.Add(_rows);
        _fileRows += _rows;
        _rows = 0;
        if ((_settings.FileMaxItems is { } maxItems && _fileRows >= maxItems) ||
            (_settings.FileMaxBytes is { } maxBytes && new FileInfo(_files[^1]).Length >= maxBytes))
        {
            CloseFile();
        }
    }

    public void Complete()
    {
        Flush();
        CloseFile();
    }

    /// <summary>
    /// Closes the open file and flushes it to disk here, on the worker that wrote it, so that the
    /// package's final flush (one thread, after all workers) finds it already on disk.
    /// </summary>
    private void CloseFile()
    {
        if (_file is null)
        {
            return;
        }

        _file.Close();
        _file.Dispose();
        _file = null;
        _fileRows = 0;
        DurableFiles.FlushFile(_files[^1]);
    }

    public void Dispose() => _file?.Dispose();
}
