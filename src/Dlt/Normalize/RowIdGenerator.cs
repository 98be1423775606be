using System.Security.Cryptography;

namespace Dlt.Normalize;

/// <summary>Random row ids for root rows: 10 random bytes as base64 without padding, drawn in bulk.</summary>
internal sealed class RowIdGenerator
{
    private const int IdBytes = 10;
    private const int IdsPerRefill = 1024;
    private readonly byte[] _random = new byte[IdBytes * IdsPerRefill];
    private int _next = IdsPerRefill;

    public string NextRandom()
    {
        if (_next == IdsPerRefill)
        {
            RandomNumberGenerator.Fill(_random);
            _next = 0;
        }

        var id = Convert.ToBase64String(_random, _next * IdBytes, IdBytes).TrimEnd('=');
        _next++;
        return id;
    }
}
