using System.Security.Cryptography;
using Dlt.Schemas.Naming;

namespace Dlt.Tests.Schemas;

public sealed class Shake128HashTests
{
    [Fact]
    public void Matches_the_fips_202_value_for_empty_input()
    {
        byte[] digest = new byte[32];

        Shake128Hash.HashDataManaged([], digest);

        Assert.Equal("7f9c2ba4e88f827d616045507605853ed73b8093f6efbc88eb1a6eacfa66ef26", Convert.ToHexStringLower(digest));
    }

    [Fact]
    public void Squeezes_more_than_one_block_as_python_does()
    {
        // hashlib.shake_128(b"a" * 200).hexdigest(200): first and last 32 bytes.
        byte[] input = new byte[200];
        input.AsSpan().Fill((byte)'a');
        byte[] digest = new byte[200];

        Shake128Hash.HashDataManaged(input, digest);

        string hex = Convert.ToHexStringLower(digest);
        Assert.StartsWith("70ac9b97e891be583e08929ce4cce50d346b05f9597356d6af94d4643d2af3b6", hex, StringComparison.Ordinal);
        Assert.EndsWith("64b4d4c81dbb9046a777cf93d39263645a2f90743735045b9df9c4c0ced169f8", hex, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 4)]
    [InlineData(1, 10)]
    [InlineData(167, 10)]
    [InlineData(168, 10)]
    [InlineData(169, 10)]
    [InlineData(336, 4)]
    [InlineData(1000, 337)]
    public void Managed_sponge_agrees_with_the_platform(int inputLength, int outputLength)
    {
        if (!Shake128.IsSupported)
        {
            // Nothing to compare with here (macOS, older Windows); the fixed vectors above still run.
            return;
        }

        byte[] input = new byte[inputLength];
        new Random(inputLength).NextBytes(input);
        byte[] managed = new byte[outputLength];

        Shake128Hash.HashDataManaged(input, managed);

        Assert.Equal(Shake128.HashData(input, outputLength), managed);
    }

    [Fact]
    public void Hashes_through_whichever_implementation_the_platform_has()
    {
        byte[] digest = new byte[10];

        Shake128Hash.HashData("x_t_0"u8, digest);

        Assert.Equal("uaOx1uhxQy9j1A==", Convert.ToBase64String(digest));
    }

    [Theory]
    [InlineData(new[] { 0 }, 10)]
    [InlineData(new[] { 5, 17, 29 }, 10)]
    [InlineData(new[] { 1, 100, 166, 167 }, 32)]
    [InlineData(new[] { 20, 20, 20, 20 }, 168)]
    [InlineData(new[] { 3, 9, 27, 41, 60 }, 10)]
    [InlineData(new[] { 30, 31, 32, 33, 34, 35, 36, 167 }, 10)]
    [InlineData(new[] { 0, 1, 2, 3, 4, 5, 6, 7 }, 168)]
    public void Short_messages_hashed_side_by_side_equal_each_hashed_alone(int[] lengths, int digestLength)
    {
        // Given
        var messages = new byte[lengths.Sum()];
        new Random(lengths.Length).NextBytes(messages);

        // When
        var digests = new byte[lengths.Length * digestLength];
        Shake128Hash.HashShortMessages(messages, lengths, digests, digestLength);

        // Then
        for (int i = 0, start = 0; i < lengths.Length; start += lengths[i], i++)
        {
            var alone = new byte[digestLength];
            Shake128Hash.HashDataManaged(messages.AsSpan(start, lengths[i]), alone);
            Assert.Equal(Convert.ToHexStringLower(alone), Convert.ToHexStringLower(digests.AsSpan(i * digestLength, digestLength)));
        }
    }
}
