namespace Dlt.Normalize;

/// <summary>Hands out random root row ids, generated in blocks by <see cref="IdHash.FillRandomRowIds"/>.</summary>
internal sealed class RowIdGenerator
{
    private readonly string[] _ids = new string[1024];
    private int _next = 1024;

    public string NextRandom()
    {
        if (_next == _ids.Length)
        {
            IdHash.FillRandomRowIds(_ids);
            _next = 0;
        }

        return _ids[_next++];
    }
}
